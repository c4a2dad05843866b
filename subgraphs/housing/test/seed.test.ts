import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, subtreeRange, type SqliteDatabase, type WorldHousehold } from '@village-graph/shared';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { housing } from '../src/subgraph.ts';
import { priorityGroupOf, seed } from '../src/seed.ts';
import { createFakeWorld } from './fake-world.ts';

const TABLES = ['garbage_services', 'transfer_stations', 'sewage_facilities', 'village_appearances', 'dwellings', 'renovation_applications', 'region_statistics'];

const seeded = (world: ReturnType<typeof createFakeWorld>): SqliteDatabase => {
  const sqlite = openDatabase({ path: ':memory:', migrationsFolder: housing.migrationsFolder });
  sqlite.transaction(() => seed(sqlite, world))();
  return sqlite;
};
const all = <T = Record<string, unknown>>(sqlite: SqliteDatabase, sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
const one = <T = Record<string, number>>(sqlite: SqliteDatabase, sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;

/** 3 townships, 12 villages, 20–40 households each; a high assistance rate so every kind of application occurs. */
const world = createFakeWorld({ townships: 3, villages: 12, householdsPerVillage: (r) => r.int(20, 40), assistanceRate: 0.3 });
let sqlite: SqliteDatabase;
beforeAll(() => {
  sqlite = seeded(world);
});
afterAll(() => sqlite.close());

describe('seed on a small fake world', () => {
  it('writes one row per village and township fact, one main dwelling per household', () => {
    const households = [...world.villages()].flatMap((v) => v.households);
    const counts = Object.fromEntries(TABLES.map((t) => [t, one(sqlite, `SELECT count(*) AS n FROM ${t}`).n]));
    expect(counts).toMatchObject({ garbage_services: 12, sewage_facilities: 12, village_appearances: 12 });
    expect(counts.transfer_stations).toBe(Math.round((559 * 3) / 1075));
    expect(one(sqlite, 'SELECT count(*) AS n FROM dwellings WHERE is_main').n).toBe(households.length);
    expect(counts.dwellings).toBeGreaterThan(households.length); // a few old second houses
    expect(counts.renovation_applications).toBeGreaterThan(0);
    // region_statistics: every village and every township with a station.
    expect(counts.region_statistics).toBe(12 + counts.transfer_stations!);
    expect(all(sqlite, 'SELECT DISTINCT status FROM renovation_applications ORDER BY 1').map((r) => r.status)).toEqual(
      ['APPLIED', 'APPROVED', 'COMPLETED', 'IN_PROGRESS', 'REJECTED'],
    );
  });

  it('refers only to villages, townships, grids and households of the world, consistently', () => {
    const villageCodes = new Set(world.ruralVillages.map((v) => v.code));
    const townshipCodes = new Set(world.townships.map((t) => t.code));
    const gridCodes = world.gridCodes();
    const households = new Map<string, WorldHousehold>([...world.villages()].flatMap((v) => v.households.map((h) => [h.id, h] as const)));
    for (const table of ['garbage_services', 'sewage_facilities', 'village_appearances']) {
      for (const { village_code } of all<{ village_code: string }>(sqlite, `SELECT village_code FROM ${table}`)) expect(villageCodes.has(village_code)).toBe(true);
    }
    for (const { township_code } of all<{ township_code: string }>(sqlite, 'SELECT township_code FROM transfer_stations')) expect(townshipCodes.has(township_code)).toBe(true);
    for (const d of all<{ household_id: string; village_code: string; grid_code: string }>(sqlite, 'SELECT household_id, village_code, grid_code FROM dwellings')) {
      const household = households.get(d.household_id);
      expect(household).toBeDefined();
      expect(d.village_code).toBe(household!.villageCode);
      expect(d.grid_code).toBe(household!.gridCode);
      expect(gridCodes.has(d.grid_code)).toBe(true);
    }
    // Applications: only for priority-group households, under their group, on their own dwelling.
    type Joined = Record<'household_id' | 'village_code' | 'grid_code' | 'priority_group' | 'status' | 'grade_at_application' | 'applied_on' | 'd_household' | 'd_village' | 'd_grid' | 'd_grade', string> & { completed_on: string | null };
    const applications = all<Joined>(
      sqlite,
      `SELECT a.*, d.household_id AS d_household, d.village_code AS d_village, d.grid_code AS d_grid, d.safety_grade AS d_grade
       FROM renovation_applications a JOIN dwellings d ON d.id = a.dwelling_id`,
    );
    expect(applications).toHaveLength(one(sqlite, 'SELECT count(*) AS n FROM renovation_applications').n!);
    for (const a of applications) {
      expect([a.household_id, a.village_code, a.grid_code]).toEqual([a.d_household, a.d_village, a.d_grid]);
      expect(a.priority_group).toBe(priorityGroupOf(households.get(a.household_id)!));
      // Until completed, the dwelling is still as dangerous as when the application was made; completed ones are safe now.
      if (a.status === 'COMPLETED') expect(['A', 'B']).toContain(a.d_grade);
      else expect(a.d_grade).toBe(a.grade_at_application);
      expect(a.applied_on <= world.asOf && (a.completed_on ?? '') <= world.asOf).toBe(true);
    }
    expect(one(sqlite, 'PRAGMA foreign_key_check') ?? null).toBeNull();
  });

  it('is deterministic: the same world gives identical rows', () => {
    const again = seeded(world);
    try {
      for (const table of TABLES) {
        expect(all(again, `SELECT * FROM ${table} ORDER BY 1`), table).toEqual(all(sqlite, `SELECT * FROM ${table} ORDER BY 1`));
      }
    } finally {
      again.close();
    }
  });

  it('keeps the rollup equal to a direct aggregation over the rows at every level', () => {
    const codes = [...world.regions.map((r) => r.code)];
    const rollup = sqlite.prepare(`SELECT coalesce(sum(rural_villages), 0) AS villages, coalesce(sum(villages_with_garbage_collection), 0) AS covered,
      coalesce(sum(garbage_bins), 0) AS bins, coalesce(sum(garbage_vehicles), 0) AS vehicles, coalesce(sum(transfer_stations), 0) AS stations,
      coalesce(sum(villages_with_sewage_treatment), 0) AS sewage, coalesce(sum(dwellings), 0) AS dwellings, coalesce(sum(grade_c + grade_d), 0) AS dangerous,
      coalesce(sum(floor_area_sum), 0) AS area, coalesce(sum(renovation_applications), 0) AS applications,
      coalesce(sum(renovations_completed), 0) AS completed, coalesce(sum(renovation_subsidy_total), 0) AS subsidy
      FROM region_statistics WHERE region_code BETWEEN @low AND @high`);
    const direct = sqlite.prepare(`SELECT
      (SELECT count(*) FROM garbage_services WHERE village_code BETWEEN @low AND @high) AS villages,
      (SELECT count(*) FROM garbage_services WHERE covered AND village_code BETWEEN @low AND @high) AS covered,
      (SELECT coalesce(sum(bin_count), 0) FROM garbage_services WHERE village_code BETWEEN @low AND @high) AS bins,
      (SELECT coalesce(sum(vehicle_count), 0) FROM garbage_services WHERE village_code BETWEEN @low AND @high) AS vehicles,
      (SELECT count(*) FROM transfer_stations WHERE township_code BETWEEN @low AND @high) AS stations,
      (SELECT count(*) FROM sewage_facilities WHERE working AND village_code BETWEEN @low AND @high) AS sewage,
      (SELECT count(*) FROM dwellings WHERE village_code BETWEEN @low AND @high) AS dwellings,
      (SELECT count(*) FROM dwellings WHERE safety_grade IN ('C', 'D') AND village_code BETWEEN @low AND @high) AS dangerous,
      (SELECT coalesce(sum(floor_area_square_meters), 0) FROM dwellings WHERE village_code BETWEEN @low AND @high) AS area,
      (SELECT count(*) FROM renovation_applications WHERE village_code BETWEEN @low AND @high) AS applications,
      (SELECT count(*) FROM renovation_applications WHERE status = 'COMPLETED' AND village_code BETWEEN @low AND @high) AS completed,
      (SELECT coalesce(sum(subsidy_yuan), 0) FROM renovation_applications WHERE village_code BETWEEN @low AND @high) AS subsidy`);
    for (const code of codes) {
      const range = subtreeRange(code);
      const expected = direct.get(range) as Record<string, number>;
      const actual = rollup.get(range) as Record<string, number>;
      expect({ ...actual, area: Math.round(actual.area! * 10) }, code).toEqual({ ...expected, area: Math.round(expected.area! * 10) });
    }
  });

  it('writes the same per-village and per-township facts whatever the scale', () => {
    const bigger = seeded(createFakeWorld({ townships: 3, villages: 12, householdsPerVillage: (r) => r.int(20, 40), assistanceRate: 0.3, scale: 0.5 }));
    try {
      for (const table of ['transfer_stations']) expect(all(bigger, `SELECT * FROM ${table} ORDER BY 1`)).toEqual(all(sqlite, `SELECT * FROM ${table} ORDER BY 1`));
      expect(one(bigger, 'SELECT sum(covered) AS covered, sum(bin_count) AS bins, sum(vehicle_count) AS vehicles FROM garbage_services')).toEqual(
        one(sqlite, 'SELECT sum(covered) AS covered, sum(bin_count) AS bins, sum(vehicle_count) AS vehicles FROM garbage_services'),
      );
    } finally {
      bigger.close();
    }
  });
});

describe('seed calibration on a province-sized tree (9,321 villages, 1,075 townships)', () => {
  it('reproduces the documents’ figures: coverage, transfer stations, bins, vehicles, sewage treatment', () => {
    const province = seeded(createFakeWorld({ townships: 1_075, villages: 9_321, householdsPerVillage: (r) => r.int(0, 2) }));
    try {
      const s = one(
        province,
        `SELECT sum(rural_villages) AS villages, sum(villages_with_garbage_collection) AS covered, sum(garbage_bins) AS bins,
          sum(garbage_vehicles) AS vehicles, sum(transfer_stations) AS stations, sum(villages_with_sewage_treatment) AS sewage
         FROM region_statistics`,
      );
      expect(s.villages).toBe(9_321);
      const coverage = s.covered! / s.villages!;
      expect(coverage).toBeGreaterThanOrEqual(0.94);
      expect(coverage).toBeLessThan(0.95);
      expect(s.stations).toBe(559);
      expect(Math.abs(s.bins! - 1_360_000) / 1_360_000).toBeLessThan(0.01);
      expect(Math.abs(s.vehicles! - 28_600) / 28_600).toBeLessThan(0.01);
      expect(Math.abs(s.sewage! / s.villages! - 0.21)).toBeLessThan(0.01);
      // Every covered village has bins and a vehicle; the apportioning never starves one.
      expect(one(province, 'SELECT min(bin_count) AS min FROM garbage_services WHERE covered').min).toBeGreaterThanOrEqual(20);
      expect(one(province, 'SELECT count(*) AS n FROM garbage_services WHERE covered AND vehicle_count < 1').n).toBe(0);
    } finally {
      province.close();
    }
  }, 60_000);

  it('grades dwellings realistically: about 55% A, 38% B, 5% C, 2% D, older earth-wood houses worse', () => {
    const big = seeded(createFakeWorld({ townships: 40, villages: 400, householdsPerVillage: (r) => r.int(40, 60), assistanceRate: 0.05 }));
    try {
      const total = one(big, 'SELECT count(*) AS n FROM dwellings').n!;
      const share = Object.fromEntries(all<{ g: string; n: number }>(big, 'SELECT safety_grade AS g, count(*) AS n FROM dwellings GROUP BY 1').map((r) => [r.g, r.n / total]));
      expect(share.A).toBeGreaterThan(0.5);
      expect(share.A).toBeLessThan(0.6);
      expect(share.B).toBeGreaterThan(0.33);
      expect(share.B).toBeLessThan(0.43);
      expect(share.C).toBeGreaterThan(0.035);
      expect(share.C).toBeLessThan(0.065);
      expect(share.D).toBeGreaterThan(0.01);
      expect(share.D).toBeLessThan(0.03);
      const dangerousShare = (structure: string) =>
        one(big, `SELECT avg(safety_grade IN ('C','D')) AS r FROM dwellings WHERE structure = ?`, structure).r!;
      expect(dangerousShare('EARTH_WOOD')).toBeGreaterThan(5 * dangerousShare('BRICK_CONCRETE'));
    } finally {
      big.close();
    }
  }, 60_000);
});

describe('statement counts on seeded data', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(housing, (db) => seed(db, world));
  });
  afterAll(() => subgraph.close());

  const statementsFor = async (query: string, variables: Record<string, unknown>) => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(query, variables);
    expect(result.errors).toBeUndefined();
    return subgraph.counter.count;
  };

  it('resolves 3 or 30 references of each entity with the same number of statements', async () => {
    // Dwellings with an application: every batch reads a status, so every request appends to the access log (a constant 4 statements).
    const dwellingIds = all<{ id: string; household_id: string }>(
      subgraph.sqlite,
      'SELECT d.id, d.household_id FROM dwellings d JOIN renovation_applications r ON r.dwelling_id = d.id ORDER BY d.id LIMIT 30',
    );
    const applicationIds = all<{ id: string }>(subgraph.sqlite, 'SELECT id FROM renovation_applications ORDER BY id LIMIT 30').map((r) => r.id);
    expect(applicationIds.length).toBe(30);
    const villages = world.ruralVillages.map((v) => v.code);
    const regions = [...villages, ...world.townships.map((t) => t.code), '220000000000'].slice(0, 30);
    const cases: [string, (n: number) => unknown[]][] = [
      [
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dwelling { id safetyGrade renovation { status } household { id } } } }`,
        (n) => dwellingIds.slice(0, n).map(({ id }) => ({ __typename: 'Dwelling', id })),
      ],
      [
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on RenovationApplication { id status dwelling { id buildYear } } } }`,
        (n) => applicationIds.slice(0, n).map((id) => ({ __typename: 'RenovationApplication', id })),
      ],
      [
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id renovationPriority dwelling { id renovation { id } } dwellings { id } } } }`,
        (n) => dwellingIds.slice(0, n).map(({ household_id }) => ({ __typename: 'Household', id: household_id, inAssistancePriorityGroup: true, isPovertyMonitored: null })),
      ],
      [
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code garbageCollection { binCount } sewageTreatment { working }
          villageAppearance { greeningRate } housingStatistics { dwellingCount sewageTreatmentRate } } } }`,
        (n) => [...regions, ...villages].slice(0, n).map((code) => ({ __typename: 'Region', code })),
      ],
    ];
    for (const [query, representations] of cases) {
      const few = await statementsFor(query, { r: representations(3) });
      const many = await statementsFor(query, { r: representations(30) });
      expect(few, query).toBeGreaterThan(0);
      expect(many, query).toBe(few);
    }
  });

  it('pages lists with nested fields in a constant number of statements', async () => {
    const query = `query($first: Int) {
      dangerousDwellings(within: "220000000000", hasRenovationApplication: true, first: $first) { nodes { id household { dwellings { id } } renovation { dwelling { id } } } }
      renovationApplications(within: "220000000000", first: $first) { nodes { id dwelling { renovation { id } } } }
      transferStations(within: "220000000000", first: $first) { nodes { id township { code } } } }`;
    expect(await statementsFor(query, { first: 30 })).toBe(await statementsFor(query, { first: 3 }));
  });
});
