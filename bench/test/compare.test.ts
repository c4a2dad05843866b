import { describe, expect, it } from 'vitest';
import { diffData, formatDifferences } from '../src/compare.ts';

const dashboard = () => ({
  region: {
    code: '220112001201',
    grids: { totalCount: 2, nodes: [{ code: '220112001201001', leader: { name: '王芳' } }, { code: '220112001201002', leader: null }] },
    healthStatistics: { villageDoctorCount: 2, hypertensionPatientCount: 31 },
  },
});

describe('diffData', () => {
  it('finds nothing between equal answers, whatever the key order', () => {
    const reordered = { region: { healthStatistics: { hypertensionPatientCount: 31, villageDoctorCount: 2 }, grids: dashboard().region.grids, code: '220112001201' } };
    expect(diffData(dashboard(), reordered)).toEqual([]);
  });

  it('names the path of a changed value inside a list', () => {
    const actual = dashboard();
    actual.region.grids.nodes[1]!.code = '220112001201009';
    expect(diffData(dashboard(), actual)).toEqual([{ path: ['region', 'grids', 'nodes', 1, 'code'], expected: '220112001201002', actual: '220112001201009' }]);
    expect(formatDifferences(diffData(dashboard(), actual))).toBe('  region.grids.nodes.1.code: expected "220112001201002", got "220112001201009"');
  });

  it('tells null from a value, a missing key from null, and a shorter list', () => {
    const actual = dashboard() as Record<string, any>;
    actual.region.grids.nodes[1].leader = { name: '李强' };
    delete actual.region.healthStatistics.hypertensionPatientCount;
    actual.region.grids.nodes.pop();
    const differences = diffData(dashboard(), actual);
    expect(differences.map((d) => d.path.join('.'))).toEqual(['region.grids.nodes.length', 'region.healthStatistics.hypertensionPatientCount']);
    expect(differences[1]).toMatchObject({ expected: 31, actual: undefined });

    const withNull = dashboard() as Record<string, any>;
    withNull.region.healthStatistics = null;
    expect(diffData(dashboard(), withNull)).toEqual([{ path: ['region', 'healthStatistics'], expected: dashboard().region.healthStatistics, actual: null }]);
  });

  it('does not take a number for the same digits as a string', () => {
    expect(diffData({ count: 5 }, { count: '5' })).toEqual([{ path: ['count'], expected: 5, actual: '5' }]);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => i);
    expect(diffData(many, many.map((n) => n + 1), 3)).toHaveLength(3);
  });
});
