import { describe, expect, it } from 'vitest';
import { openDatabase, subtreeRange, type SeedWorld, type SqliteDatabase } from '@village-graph/shared';
import { agriculture } from '../src/subgraph.ts';
import { RICE_FISH_TARGET_MU, seed } from '../src/seed.ts';
import { ROLLUP_COLUMNS } from '../src/statistics.ts';
import { createFakeWorld, FAKE_VILLAGE_CODES } from './fake-world.ts';

const seeded = (world: SeedWorld): SqliteDatabase => {
  const sqlite = openDatabase({ path: ':memory:', migrationsFolder: agriculture.migrationsFolder });
  sqlite.transaction(() => seed(sqlite, world))();
  return sqlite;
};

const TABLES = [
  'village_agriculture', 'collective_economy_incomes', 'cooperatives', 'model_cooperative_ratings', 'cooperative_members',
  'land_contracts', 'plots', 'land_contract_members', 'household_incomes', 'poverty_monitoring', 'toilet_renovations',
  'farmer_trainings', 'region_statistics',
] as const;

const countOf = (sqlite: SqliteDatabase, sql: string, params: unknown[] = []) => sqlite.prepare(sql).pluck().get(...params) as number;
const column = <T>(sqlite: SqliteDatabase, sql: string) => sqlite.prepare(sql).pluck().all() as T[];

const world = createFakeWorld({ scale: 0.001, householdsPerVillage: 40 });
const households = [...world.villages()].flatMap((v) => v.households);
const residents = households.flatMap((h) => h.members);
const db = seeded(world);

describe('agriculture seeder on a fake world', () => {
  it('writes every table with the expected row counts', () => {
    const counts = Object.fromEntries(TABLES.map((t) => [t, countOf(db, `SELECT count(*) FROM ${t}`)]));
    expect(counts.village_agriculture).toBe(world.ruralVillages.length);
    expect(counts.collective_economy_incomes).toBe(world.ruralVillages.length * 3);
    expect(counts.land_contracts).toBe(households.length);
    expect(counts.land_contract_members).toBe(residents.length);
    expect(counts.household_incomes).toBe(households.length);
    expect(counts.toilet_renovations).toBe(households.length);
    expect(counts.poverty_monitoring).toBe(households.filter((h) => h.povertyMonitored).length);
    expect(counts.plots).toBeGreaterThanOrEqual(households.length);
    expect(counts.plots).toBeLessThanOrEqual(households.length * 6);
    expect(counts.cooperatives).toBeGreaterThanOrEqual(2 * world.ruralVillages.length);
    expect(counts.region_statistics).toBe(world.ruralVillages.length);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('refers only to villages, grids, households and residents of the world', () => {
    const villages = new Set(world.ruralVillages.map((v) => v.code));
    const householdIds = new Set(households.map((h) => h.id));
    const residentIds = new Set(residents.map((r) => r.id));
    const grids = new Set([...world.villages()].flatMap((v) => v.grids.map((g) => g.code)));
    for (const table of TABLES.filter((t) => !['model_cooperative_ratings', 'plots', 'land_contract_members', 'region_statistics', 'collective_economy_incomes'].includes(t))) {
      for (const code of column<string>(db, `SELECT DISTINCT village_code FROM ${table}`)) expect(villages.has(code), `${table} ${code}`).toBe(true);
    }
    for (const table of ['land_contracts', 'household_incomes', 'poverty_monitoring', 'toilet_renovations', 'cooperative_members']) {
      for (const id of column<string>(db, `SELECT household_id FROM ${table}`)) expect(householdIds.has(id), `${table} ${id}`).toBe(true);
    }
    for (const table of ['land_contract_members', 'farmer_trainings']) {
      for (const id of column<string>(db, `SELECT resident_id FROM ${table}`)) expect(residentIds.has(id), `${table} ${id}`).toBe(true);
    }
    for (const code of column<string>(db, 'SELECT grid_code FROM poverty_monitoring')) expect(grids.has(code)).toBe(true);
    // The grid a contract or training records (for grid workers' row scope) is the household's.
    const gridOf = new Map(households.map((h) => [h.id, h.gridCode]));
    const residentGrid = new Map(households.flatMap((h) => h.members.map((m) => [m.id, h.gridCode] as const)));
    const contracts = db.prepare('SELECT household_id AS household, grid_code AS grid FROM land_contracts').all() as { household: string; grid: string }[];
    for (const c of contracts) expect(c.grid).toBe(gridOf.get(c.household));
    const trainings = db.prepare('SELECT resident_id AS resident, grid_code AS grid FROM farmer_trainings').all() as { resident: string; grid: string }[];
    for (const t of trainings) expect(t.grid).toBe(residentGrid.get(t.resident));
    // A member household belongs to the cooperative's village.
    expect(countOf(db, 'SELECT count(*) FROM cooperative_members m JOIN cooperatives c ON c.id = m.cooperative_id WHERE c.village_code <> m.village_code')).toBe(0);
  });

  it('gives every household one contract with 1–6 plots and its members on the certificate, head first', () => {
    for (const household of households) {
      const contract = db.prepare('SELECT * FROM land_contracts WHERE household_id = ?').get(household.id) as { contract_number: string; total_area_mu: number; village_code: string };
      expect(contract.village_code).toBe(household.villageCode);
      const areas = column<number>(db, `SELECT area_mu FROM plots WHERE contract_number = '${contract.contract_number}'`);
      expect(areas.length).toBeGreaterThanOrEqual(1);
      expect(areas.length).toBeLessThanOrEqual(6);
      expect(contract.total_area_mu).toBeCloseTo(areas.reduce((a, b) => a + b, 0), 1);
      const members = column<string>(db, `SELECT resident_id FROM land_contract_members WHERE contract_number = '${contract.contract_number}' ORDER BY position`);
      expect(members).toEqual(household.members.map((m) => m.id));
    }
    // Plot codes (village + group + serial) are unique: the serial is unique within the village.
    expect(countOf(db, "SELECT count(DISTINCT substr(contract_number, 1, 12) || '-' || plot_serial) FROM plots")).toBe(countOf(db, 'SELECT count(*) FROM plots'));
  });

  it('records 2022 income from the world and 2021 so that the person-weighted mean grows exactly 2.8%', () => {
    for (const household of households) {
      const row = db.prepare('SELECT person_count, per_capita_income_2022 FROM household_incomes WHERE household_id = ?').get(household.id);
      expect(row).toEqual({ person_count: household.members.length, per_capita_income_2022: household.perCapitaIncome });
    }
    const { m22, m21 } = db
      .prepare('SELECT sum(per_capita_income_2022 * person_count) / sum(person_count) AS m22, sum(per_capita_income_2021 * person_count) / sum(person_count) AS m21 FROM household_incomes')
      .get() as { m22: number; m21: number };
    expect(m22 / m21 - 1).toBeCloseTo(0.028, 4);
    // Households still differ: the 2021 figures are not one fixed ratio of 2022.
    expect(countOf(db, 'SELECT count(DISTINCT round(per_capita_income_2022 / per_capita_income_2021, 3)) FROM household_incomes')).toBeGreaterThan(10);
  });

  it('plans exactly 47,000 × scale toilet renovations for 2023 among households not yet renovated', () => {
    expect(countOf(db, "SELECT count(*) FROM toilet_renovations WHERE status = 'PLANNED' AND planned_year = 2023")).toBe(47);
    const completed = countOf(db, "SELECT count(*) FROM toilet_renovations WHERE status = 'COMPLETED'") / households.length;
    expect(completed).toBeGreaterThan(0.2);
    expect(completed).toBeLessThan(0.45);
    const other = seeded(createFakeWorld({ scale: 0.0005, householdsPerVillage: 40 }));
    expect(countOf(other, "SELECT count(*) FROM toilet_renovations WHERE status = 'PLANNED'")).toBe(24);
    other.close();
  });

  it('trains about 1% of working-age residents, each of working age', () => {
    const workingAge = residents.filter((r) => {
      const age = 2022 - Number(r.birthDate.slice(0, 4)) - (r.birthDate.slice(5) > '12-31' ? 1 : 0);
      return age >= 16 && age <= 59;
    });
    const trainees = column<string>(db, 'SELECT resident_id FROM farmer_trainings');
    expect(Math.abs(trainees.length - workingAge.length * 0.01)).toBeLessThanOrEqual(1);
    const ids = new Set(workingAge.map((r) => r.id));
    for (const id of trainees) expect(ids.has(id)).toBe(true);
  });

  it('keeps cooperative ratings consistent with the model flag and member households within the register figure', () => {
    expect(countOf(db, 'SELECT count(*) FROM cooperatives c WHERE c.is_model_cooperative <> EXISTS (SELECT 1 FROM model_cooperative_ratings r WHERE r.cooperative_id = c.id)')).toBe(0);
    expect(countOf(db, 'SELECT count(*) FROM cooperatives c WHERE (SELECT count(*) FROM cooperative_members m WHERE m.cooperative_id = c.id) > c.member_count')).toBe(0);
    expect(countOf(db, "SELECT count(*) FROM cooperative_members m WHERE m.role = 'CHAIR'")).toBe(countOf(db, 'SELECT count(DISTINCT cooperative_id) FROM cooperative_members'));
  });

  it('is deterministic: the same world gives identical rows', () => {
    const again = seeded(createFakeWorld({ scale: 0.001, householdsPerVillage: 40 }));
    for (const table of TABLES) {
      const dump = (sqlite: SqliteDatabase) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
      expect(dump(again), table).toEqual(dump(db));
    }
    again.close();
  });

  it('rolls up to the same figures as a direct aggregation over the rows, at every level', () => {
    for (const code of ['220000000000', '220100000000', '220112000000', '220112001000', FAKE_VILLAGE_CODES[0]!]) {
      const { low, high } = subtreeRange(code);
      const sums = db
        .prepare(`SELECT ${ROLLUP_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM region_statistics WHERE region_code BETWEEN ? AND ?`)
        .get(low, high) as Record<string, number>;
      const direct = (sql: string) => db.prepare(sql).pluck().get(low, high) as number | null;
      expect(sums.household_count).toBe(direct('SELECT count(*) FROM household_incomes WHERE village_code BETWEEN ? AND ?'));
      expect(sums.person_count).toBe(direct('SELECT sum(person_count) FROM household_incomes WHERE village_code BETWEEN ? AND ?'));
      expect(sums.income_person_sum_2022).toBeCloseTo(direct('SELECT sum(per_capita_income_2022 * person_count) FROM household_incomes WHERE village_code BETWEEN ? AND ?')!, 2);
      expect(sums.land_contract_count).toBe(direct('SELECT count(*) FROM land_contracts WHERE village_code BETWEEN ? AND ?'));
      expect(sums.contracted_area_mu).toBeCloseTo(direct('SELECT sum(total_area_mu) FROM land_contracts WHERE village_code BETWEEN ? AND ?')!, 2);
      expect(sums.plot_count).toBe(direct('SELECT count(*) FROM plots p JOIN land_contracts c USING (contract_number) WHERE c.village_code BETWEEN ? AND ?'));
      expect(sums.cooperative_count).toBe(direct('SELECT count(*) FROM cooperatives WHERE village_code BETWEEN ? AND ?'));
      expect(sums.model_cooperative_count).toBe(direct('SELECT count(*) FROM cooperatives WHERE is_model_cooperative AND village_code BETWEEN ? AND ?'));
      expect(sums.farmer_training_count).toBe(direct('SELECT count(*) FROM farmer_trainings WHERE village_code BETWEEN ? AND ?'));
      expect(sums.poverty_monitored_household_count).toBe(direct('SELECT count(*) FROM poverty_monitoring WHERE village_code BETWEEN ? AND ?'));
      expect(sums.toilet_renovations_planned_2023).toBe(direct("SELECT count(*) FROM toilet_renovations WHERE status = 'PLANNED' AND village_code BETWEEN ? AND ?"));
      expect(sums.toilet_renovations_completed).toBe(direct("SELECT count(*) FROM toilet_renovations WHERE status = 'COMPLETED' AND village_code BETWEEN ? AND ?"));
      expect(sums.rice_fish_area_mu).toBeCloseTo(direct('SELECT coalesce(sum(rice_fish_area_mu), 0) FROM village_agriculture WHERE village_code BETWEEN ? AND ?')!, 2);
      expect(sums.collective_economy_income).toBeCloseTo(direct('SELECT sum(total_income) FROM collective_economy_incomes WHERE year = 2022 AND village_code BETWEEN ? AND ?')!, 2);
      expect(sums.villages_with_collective_income_over_100k).toBe(
        direct('SELECT count(*) FROM collective_economy_incomes WHERE year = 2022 AND total_income >= 100000 AND village_code BETWEEN ? AND ?'),
      );
    }
  });
});

describe('agriculture seeder at the province’s village count', () => {
  // 9,304 villages without people: the per-village facts are full count whatever the scale.
  const province = seeded(createFakeWorld({ scale: 0.001, householdsPerVillage: 0, extraVillages: 9300 }));

  it('puts the rice-fish area within 1% of 820,000 mu, never above half a village’s cultivated land', () => {
    const total = countOf(province, 'SELECT sum(rice_fish_area_mu) FROM village_agriculture');
    expect(Math.abs(total - RICE_FISH_TARGET_MU) / RICE_FISH_TARGET_MU).toBeLessThan(0.01);
    expect(countOf(province, 'SELECT count(*) FROM village_agriculture WHERE rice_fish_area_mu > cultivated_area_mu * 0.5')).toBe(0);
  });

  it('gives every village collective 50,000 yuan or more and about 60% of them 100,000 or more', () => {
    expect(countOf(province, 'SELECT min(total_income) FROM collective_economy_incomes WHERE year = 2022')).toBeGreaterThanOrEqual(50_000);
    const share = countOf(province, 'SELECT avg(total_income >= 100000) FROM collective_economy_incomes WHERE year = 2022');
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
  });

  it('registers about eight cooperatives a village', () => {
    const perVillage = countOf(province, 'SELECT count(*) FROM cooperatives') / countOf(province, 'SELECT count(*) FROM village_agriculture');
    expect(perVillage).toBeGreaterThan(7);
    expect(perVillage).toBeLessThan(9);
  });
});
