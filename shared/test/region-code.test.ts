import { describe, expect, it } from 'vitest';
import { isRuralVillageCode, parentCode, parseRegionCode, regionLevel, subtreeRange, isInSubtree } from '../src/region-code.ts';

describe('region codes', () => {
  it('reads the level from where the trailing zeros start', () => {
    expect(regionLevel('220000000000')).toBe('PROVINCE');
    expect(regionLevel('220100000000')).toBe('CITY');
    expect(regionLevel('220112000000')).toBe('COUNTY');
    expect(regionLevel('220112001000')).toBe('TOWNSHIP');
    expect(regionLevel('220112001201')).toBe('VILLAGE');
  });

  it('walks up the tree', () => {
    expect(parentCode('220112001201')).toBe('220112001000');
    expect(parentCode('220112001000')).toBe('220112000000');
    expect(parentCode('220112000000')).toBe('220100000000');
    expect(parentCode('220100000000')).toBe('220000000000');
    expect(parentCode('220000000000')).toBeNull();
  });

  it('covers a subtree with one code range', () => {
    expect(subtreeRange('220112000000')).toEqual({ low: '220112000000', high: '220112999999' });
    expect(isInSubtree('220112001201', '220100000000')).toBe(true);
    expect(isInSubtree('220212001201', '220100000000')).toBe(false);
  });

  it('tells rural village committees (2xx–3xx) from urban communities', () => {
    expect(isRuralVillageCode('220112001201')).toBe(true);
    expect(isRuralVillageCode('220112001001')).toBe(false);
    expect(isRuralVillageCode('220112001000')).toBe(false);
  });

  it('rejects malformed codes with BAD_USER_INPUT naming the argument', () => {
    expect(() => parseRegionCode('22011', 'code')).toThrowError(/12-digit/);
    try {
      parseRegionCode("2201' OR 1=1", 'within');
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'within' });
    }
    expect(parseRegionCode(' 220112001201 ', 'code')).toBe('220112001201');
  });
});
