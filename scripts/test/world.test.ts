import { describe, expect, it } from 'vitest';
import { buildWorld, WORLD_TARGETS } from '../lib/world/world.ts';
import { isValidIdNumber } from '../lib/world/id-number.ts';
import { AS_OF } from '../lib/world/households.ts';

const SCALE = 0.002;
const world = buildWorld(SCALE, 3);
const villages = [...world.villages()];
const households = villages.flatMap((v) => v.households);
const residents = households.flatMap((h) => h.members);
const ageOf = (birthDate: string) => {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = AS_OF.split('-').map(Number) as [number, number, number];
  return ay - y - (am < m || (am === m && ad < d) ? 1 : 0);
};

describe('the synthetic province', () => {
  it('uses the real Jilin tree: 9 cities, 69 counties, 1,075 townships, 9,321 rural villages', () => {
    const count = (level: string) => world.regions.filter((r) => r.level === level).length;
    expect([count('CITY'), count('COUNTY'), count('TOWNSHIP')]).toEqual([9, 69, 1075]);
    expect(world.ruralVillages).toHaveLength(9321);
    expect(villages).toHaveLength(9321);
  });

  it('hits the planned totals exactly: households, grids, left-behind children', () => {
    expect(households).toHaveLength(Math.round(WORLD_TARGETS.households * SCALE));
    expect(villages.reduce((n, v) => n + v.grids.length, 0)).toBe(WORLD_TARGETS.grids);
    const leftBehind = households.flatMap((h) => {
      const parents = h.members.filter((m) => m.relation === 'CHILD' || m.relation === 'CHILD_IN_LAW');
      if (parents.length === 0 || !parents.every((p) => p.workingAway)) return [];
      return h.members.filter((m) => m.relation === 'GRANDCHILD' && ageOf(m.birthDate) < 16);
    });
    expect(leftBehind).toHaveLength(Math.round(WORLD_TARGETS.leftBehindChildren * SCALE));
  });

  it('gives ~2.4 persons per household and the documents\' mean income', () => {
    expect(residents.length / households.length).toBeGreaterThan(2.3);
    expect(residents.length / households.length).toBeLessThan(2.5);
    const income = households.reduce((sum, h) => sum + h.perCapitaIncome * h.members.length, 0) / residents.length;
    expect(Math.abs(income / WORLD_TARGETS.meanPerCapitaIncome - 1)).toBeLessThan(0.02);
  });

  it('issues valid, unique ID numbers consistent with birth date, sex and county', () => {
    const seen = new Set<string>();
    for (const h of households) {
      for (const r of h.members) {
        expect(isValidIdNumber(r.idNumber), r.idNumber).toBe(true);
        expect(r.idNumber.slice(0, 6)).toBe(h.villageCode.slice(0, 6));
        expect(r.idNumber.slice(6, 14)).toBe(r.birthDate.replaceAll('-', ''));
        expect(Number(r.idNumber[16]) % 2).toBe(r.sex === 'MALE' ? 1 : 0);
        seen.add(r.idNumber);
      }
    }
    expect(seen.size).toBe(residents.length);
  });

  it('issues opaque, unique household and resident ids', () => {
    expect(new Set(households.map((h) => h.id)).size).toBe(households.length);
    expect(new Set(residents.map((r) => r.id)).size).toBe(residents.length);
    for (const r of residents.slice(0, 100)) {
      expect(r.id).toMatch(/^R[0-9a-f]{16}$/);
      expect(r.id).not.toContain(r.idNumber.slice(0, 6));
    }
  });

  it('puts every household in a grid of its own village, with a head first', () => {
    for (const v of villages) {
      const grids = new Set(v.grids.map((g) => g.code));
      for (const h of v.households) {
        expect(grids.has(h.gridCode)).toBe(true);
        expect(h.members[0]!.relation).toBe('HEAD');
        expect(h.members.every((m) => m.householdId === h.id)).toBe(true);
      }
    }
  });

  it('concentrates Korean (朝鲜族) residents in Yanbian and keeps the population old', () => {
    const korean = residents.filter((r) => r.ethnicity === 'KOREAN');
    const inYanbian = korean.filter((r) => r.idNumber.startsWith('2224'));
    expect(inYanbian.length / korean.length).toBeGreaterThan(0.6);
    const elderly = residents.filter((r) => ageOf(r.birthDate) >= 60).length / residents.length;
    expect(elderly).toBeGreaterThan(0.25);
    expect(residents.every((r) => !r.workingAway || (ageOf(r.birthDate) >= 17 && ageOf(r.birthDate) <= 60))).toBe(true);
  });

  it('is deterministic and answers single villages the same as the full walk', () => {
    const again = buildWorld(SCALE, 3);
    const code = '220112001201';
    expect(again.village(code)).toEqual(villages.find((v) => v.region.code === code));
    expect(buildWorld(SCALE, 4).village(code)).not.toEqual(again.village(code));
  });
});

describe('dense test villages', () => {
  it('fill every grid of the chosen village without moving the province total', () => {
    const dense = buildWorld(SCALE, 3, { denseVillages: { '220112001201': { householdsPerGrid: 220 } } });
    const village = dense.village('220112001201');
    const perGrid = village.grids.map((g) => village.households.filter((h) => h.gridCode === g.code).length);
    expect(Math.min(...perGrid)).toBeGreaterThanOrEqual(219);
    let total = 0;
    for (const v of dense.villages()) total += v.households.length;
    expect(total).toBe(Math.round(WORLD_TARGETS.households * SCALE));
  });
});
