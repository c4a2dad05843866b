import { describe, expect, it } from 'vitest';
import { createRandom, createSubtreeRollup, openDatabase, subtreeRange, type SqliteDatabase } from '@village-graph/shared';
import { civilAffairs } from '../src/subgraph.ts';
import { careCategoriesOf, createApportioner, createDriftCorrectedCounter, createQuotaPicker, seed } from '../src/seed.ts';
import { STATISTICS_COLUMNS } from '../src/statistics.ts';
import { buildFakeWorld } from './fake-world.ts';

const seeded = (world = buildFakeWorld()): SqliteDatabase => {
  const sqlite = openDatabase({ path: ':memory:', migrationsFolder: civilAffairs.migrationsFolder });
  sqlite.transaction(() => seed(sqlite, world))();
  return sqlite;
};

const count = (sqlite: SqliteDatabase, sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;
const tables = (sqlite: SqliteDatabase) =>
  (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
const dump = (sqlite: SqliteDatabase) => Object.fromEntries(tables(sqlite).map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));

describe('the civil-affairs seeder on a hand-built world', () => {
  const world = buildFakeWorld();
  const sqlite = seeded(world);
  const worldHouseholds = [...world.villages()].flatMap((v) => v.households);
  const worldResidents = worldHouseholds.flatMap((h) => h.members);

  it('writes every household and resident of the world, and the per-village and per-township facts', () => {
    const rows = Object.fromEntries(tables(sqlite).map((t) => [t, count(sqlite, `SELECT count(*) AS n FROM "${t}"`)]));
    expect(rows).toMatchObject({
      regions: 12,
      grids: 8,
      households: worldHouseholds.length,
      residents: worldResidents.length,
      // Four rural villages: every one has all four sub-committees, one rule, a centre, a child director.
      subcommittees: 16,
      village_rules: 4,
      service_centres: 4,
      child_directors: 4,
      // Rates meant for 9,321 villages saturate here: committees at 7, grids at 6 workers.
      committee_members: 28,
      grid_workers: 48,
      child_supervisors: 3,
      social_work_stations: 3,
      deliberation_pilot_villages: 4,
      elderly_facilities: 4 + 4 + 3,
      region_statistics: 4 + 3,
    });
    expect(worldHouseholds.length).toBe(54);
    expect(worldResidents.length).toBe(159);
    expect(rows.social_organisations).toBeGreaterThanOrEqual(4 * 5);
  });

  it('refers only to keys present in the world, with every foreign key satisfied', () => {
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    const gridCodes = new Set([...world.villages()].flatMap((v) => v.grids.map((g) => g.code)));
    const residentIds = new Set(worldResidents.map((r) => r.id));
    const householdIds = new Set(worldHouseholds.map((h) => h.id));
    for (const { code } of sqlite.prepare('SELECT code FROM grids').all() as { code: string }[]) expect(gridCodes.has(code)).toBe(true);
    for (const { id, grid_code } of sqlite.prepare('SELECT id, grid_code FROM households').all() as { id: string; grid_code: string }[]) {
      expect(householdIds.has(id)).toBe(true);
      expect(gridCodes.has(grid_code)).toBe(true);
    }
    for (const { id } of sqlite.prepare('SELECT id FROM residents').all() as { id: string }[]) expect(residentIds.has(id)).toBe(true);
    for (const { resident_id } of sqlite.prepare('SELECT resident_id FROM resident_care_categories').all() as { resident_id: string }[]) {
      expect(residentIds.has(resident_id)).toBe(true);
    }
    const ruralVillages = new Set(world.ruralVillages.map((v) => v.code));
    for (const table of ['committee_members', 'subcommittees', 'village_rules', 'service_centres', 'child_directors', 'social_organisations', 'disclosures', 'deliberations']) {
      for (const { village_code } of sqlite.prepare(`SELECT DISTINCT village_code FROM ${table}`).all() as { village_code: string }[]) {
        expect(ruralVillages.has(village_code), table).toBe(true);
      }
    }
  });

  it('is deterministic: two runs give identical rows', () => {
    expect(dump(seeded(buildFakeWorld()))).toEqual(dump(sqlite));
  });

  it('restores every index the migrations created', () => {
    const fresh = openDatabase({ path: ':memory:', migrationsFolder: civilAffairs.migrationsFolder });
    const indexes = (db: SqliteDatabase) => db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all();
    expect(indexes(sqlite)).toEqual(indexes(fresh));
  });

  it('derives the care categories from the households, and adds distressed children up to 92,800 × scale under care', () => {
    const byCategory = Object.fromEntries(
      (sqlite.prepare('SELECT category, count(*) AS n FROM resident_care_categories GROUP BY category').all() as { category: string; n: number }[]).map((r) => [r.category, r.n]),
    );
    // Left-behind children: a grandchild, a child whose mother at home is disabled, two grandchildren.
    expect(byCategory.LEFT_BEHIND_CHILD).toBe(4);
    expect((byCategory.LEFT_BEHIND_CHILD ?? 0) + (byCategory.DISTRESSED_CHILD ?? 0) + (byCategory.DEFACTO_UNSUPPORTED_CHILD ?? 0)).toBe(Math.round(92_800 * world.scale));
    expect(byCategory.DEFACTO_UNSUPPORTED_CHILD).toBeGreaterThanOrEqual(1);
    expect(byCategory.SOLITARY_ELDERLY).toBe(3);
    expect(byCategory.LEFT_BEHIND_WOMAN).toBe(2);
    // Grandparents of both left-behind families, the elder couple, the grandmother raising a grandchild.
    expect(byCategory.LEFT_BEHIND_ELDERLY).toBe(2 + 1 + 2 + 1);
    // Children under care are under 18; left-behind children under 16; no child is counted twice.
    const ages = sqlite.prepare(`SELECT c.category, r.birth_date FROM resident_care_categories c JOIN residents r ON r.id = c.resident_id WHERE c.category LIKE '%CHILD'`).all() as { category: string; birth_date: string }[];
    for (const { category, birth_date } of ages) expect(2022 - Number(birth_date.slice(0, 4))).toBeLessThan(category === 'LEFT_BEHIND_CHILD' ? 16 : 18);
    expect(count(sqlite, `SELECT count(*) AS n FROM (SELECT resident_id FROM resident_care_categories WHERE category LIKE '%CHILD' GROUP BY resident_id HAVING count(*) > 1)`)).toBe(0);
  });

  it('makes the rollup equal to a direct aggregation over the rows, at every level', () => {
    const rollup = createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: STATISTICS_COLUMNS });
    const codes = ['220000000000', '220112000000', '220112001000', '220112001201', '220122100201', '220112001001'];
    const sums = rollup.sums(codes);
    for (const code of codes) {
      const { low, high } = subtreeRange(code);
      const inRange = (table: string, column = 'village_code', where = '1') =>
        count(sqlite, `SELECT count(*) AS n FROM ${table} WHERE ${column} BETWEEN ? AND ? AND ${where}`, low, high);
      const direct = {
        household_count: inRange('households'),
        resident_count: inRange('residents'),
        working_away_count: inRange('residents', 'village_code', 'working_away = 1'),
        residents_aged_60_or_over: inRange('residents', 'village_code', `birth_date <= '1962-12-31'`),
        committee_member_count: inRange('committee_members'),
        committee_members_under_55: inRange('committee_members', 'village_code', 'age < 55'),
        committee_member_age_sum: count(sqlite, 'SELECT coalesce(sum(age), 0) AS n FROM committee_members WHERE village_code BETWEEN ? AND ?', low, high),
        grid_count: inRange('grids'),
        grid_worker_count: inRange('grid_workers'),
        left_behind_child_count: inRange('resident_care_categories', 'village_code', `category = 'LEFT_BEHIND_CHILD'`),
        distressed_child_count: inRange('resident_care_categories', 'village_code', `category = 'DISTRESSED_CHILD'`),
        elderly_courtyard_count: inRange('elderly_facilities', 'region_code', `type = 'ELDERLY_COURTYARD'`),
        rural_welfare_centre_count: inRange('elderly_facilities', 'region_code', `type = 'RURAL_WELFARE_CENTRE'`),
        township_child_supervisor_count: inRange('child_supervisors', 'township_code'),
        social_work_station_count: inRange('social_work_stations', 'township_code'),
        subsistence_allowance_household_count: inRange('households', 'village_code', `assistance = 'SUBSISTENCE_ALLOWANCE'`),
        extreme_poverty_person_count: count(
          sqlite,
          `SELECT count(*) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.village_code BETWEEN ? AND ? AND h.assistance LIKE 'EXTREME_POVERTY_%'`,
          low,
          high,
        ),
        registered_volunteer_count: inRange('residents', 'village_code', 'registered_volunteer = 1'),
        disclosure_count: inRange('disclosures'),
        rural_village_count: count(sqlite, `SELECT count(*) AS n FROM regions WHERE code BETWEEN ? AND ? AND level = 'VILLAGE' AND substr(code, 10, 1) IN ('2','3')`, low, high),
        township_count: count(sqlite, `SELECT count(*) AS n FROM regions WHERE code BETWEEN ? AND ? AND level = 'TOWNSHIP'`, low, high),
      };
      expect(sums.get(code), code).toMatchObject(direct);
    }
    expect(sums.get('220000000000')).toMatchObject({ villages_with_all_four_subcommittees: 4, villages_with_exactly_one_village_rule: 4, villages_with_service_centre_of_200_square_meters: 4, villages_meeting_service_area_norm: 4 });
  });
});

describe('the calibration helpers', () => {
  it('picks a quota with an exact total', () => {
    const pick = createQuotaPicker(createRandom(1, 'test'), 4671 / 9321);
    let picked = 0;
    for (let i = 0; i < 9321; i++) if (pick()) picked++;
    expect(Math.abs(picked - 4671)).toBeLessThanOrEqual(1);
  });

  it('apportions fractional amounts without drift, and corrects drawn counts towards a rate', () => {
    const apportion = createApportioner();
    let total = 0;
    for (let i = 0; i < 1000; i++) total += apportion(4.0768 * 0.832);
    expect(Math.abs(total - 4076.8 * 0.832)).toBeLessThanOrEqual(0.5);
    const counter = createDriftCorrectedCounter(38_000 / 9321, 3, 7);
    const random = createRandom(1, 'sizes');
    let members = 0;
    for (let i = 0; i < 9321; i++) members += counter(random.weighted([[3, 33], [4, 36], [5, 18], [6, 9], [7, 4]] as const));
    expect(Math.abs(members - 38_000)).toBeLessThanOrEqual(2);
  });

  it('treats a child as left-behind when one parent is away and the other unable, not when the other is at home', () => {
    const world = buildFakeWorld();
    const [v1] = [...world.villages()];
    const [leftBehindFamily, wifeAtHome, wifeDisabled] = v1!.households;
    const childCategories = (h: typeof leftBehindFamily) => careCategoriesOf(h!, world.asOf).get(h!.members.at(-1)!) ?? [];
    expect(childCategories(leftBehindFamily)).toEqual(['LEFT_BEHIND_CHILD']);
    expect(childCategories(wifeAtHome)).toEqual([]);
    expect(childCategories(wifeDisabled)).toEqual(['LEFT_BEHIND_CHILD']);
  });
});
