import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '@village-graph/shared';
import type { TestSubgraph } from '@village-graph/shared/testing';
import { health } from '../src/subgraph.ts';
import { seed, TARGETS } from '../src/seed.ts';
import { STATISTICS_COLUMNS } from '../src/seeding/rollup.ts';
import { createFakeWorld, FAKE_VILLAGES } from './fake-world.ts';
import { all, createSeededSubgraph, one, peopleOf } from './seeded.ts';

const world = createFakeWorld();
const people = peopleOf(world);
const byId = new Map(people.map((p) => [p.resident.id, p]));
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createSeededSubgraph(world);
});
afterAll(() => subgraph.close());

const TABLES = [
  'village_clinics',
  'village_doctors',
  'family_doctor_teams',
  'public_health_committees',
  'health_records',
  'chronic_conditions',
  'chronic_follow_ups',
  'mental_health_patients',
  'family_doctor_contracts',
  'elderly_care',
  'region_statistics',
] as const;

const count = (table: string) => one(subgraph, `SELECT count(*) FROM ${table}`);
/** A province share is hit to within one person by the accumulator (rounding carries over). */
const closeTo = (actual: number, expected: number) => expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1);

describe('health seeder on a fake world', () => {
  it('writes every table, with full-count village facts', () => {
    const counts = Object.fromEntries(TABLES.map((t) => [t, count(t)]));
    expect(counts.public_health_committees).toBe(FAKE_VILLAGES.length);
    // Three townships with rural villages: one team each at this size.
    expect(counts.family_doctor_teams).toBe(3);
    for (const table of TABLES) expect(counts[table], table).toBeGreaterThan(0);
    // Clinics keep doctor_count in step with their doctors.
    expect(all(subgraph, 'SELECT c.village_code FROM village_clinics c WHERE c.doctor_count <> (SELECT count(*) FROM village_doctors d WHERE d.village_code = c.village_code)')).toEqual([]);
  });

  it('reproduces the province shares of its per-person facts', () => {
    const aged35 = people.filter((p) => p.age >= 35).length;
    const adults = people.filter((p) => p.age >= 18).length;
    const elderly = people.filter((p) => p.age >= 65);
    closeTo(count('health_records'), TARGETS.healthRecords * people.length);
    closeTo(one(subgraph, "SELECT count(*) FROM chronic_conditions WHERE condition = 'HYPERTENSION'"), TARGETS.hypertension * aged35);
    closeTo(one(subgraph, "SELECT count(*) FROM chronic_conditions WHERE condition = 'TYPE2_DIABETES'"), TARGETS.diabetes * aged35);
    closeTo(count('mental_health_patients'), TARGETS.severeMentalDisorder * adults);
    expect(count('elderly_care')).toBe(elderly.length);
    closeTo(one(subgraph, "SELECT count(*) FROM elderly_care WHERE last_check_on BETWEEN '2022-01-01' AND '2022-12-31'"), TARGETS.elderlyChecked * elderly.length);
    const keyPopulation = one(subgraph, 'SELECT sum(key_population_count) FROM region_statistics');
    closeTo(one(subgraph, 'SELECT count(*) FROM family_doctor_contracts WHERE key_population = 1'), TARGETS.keyPopulationContracts * keyPopulation);
    closeTo(one(subgraph, 'SELECT count(*) FROM family_doctor_contracts WHERE key_population = 0'), TARGETS.otherContracts * (people.length - keyPopulation));
    // Hypertension rises with age.
    const rate = (min: number, max: number) => {
      const group = people.filter((p) => p.age >= min && p.age <= max);
      const ids = new Set(all(subgraph, "SELECT resident_id FROM chronic_conditions WHERE condition = 'HYPERTENSION'").map((r) => r.resident_id));
      return group.filter((p) => ids.has(p.resident.id)).length / group.length;
    };
    expect(rate(65, 120)).toBeGreaterThan(rate(35, 54));
    // Most managed patients meet the four-visit standard, some do not.
    const { compliant, patients } = all(
      subgraph,
      'SELECT sum(chronic_follow_up_compliant_count) AS compliant, sum(chronic_patient_count) AS patients FROM region_statistics',
    )[0] as { compliant: number; patients: number };
    expect(compliant / patients).toBeGreaterThan(0.6);
    expect(compliant).toBeLessThan(patients);
  });

  it('refers only to residents, households and villages of the world, and keeps no names or birth dates', () => {
    for (const table of ['health_records', 'mental_health_patients', 'family_doctor_contracts', 'elderly_care']) {
      for (const row of all(subgraph, `SELECT resident_id, household_id, village_code FROM ${table}`)) {
        const person = byId.get(row.resident_id as string);
        expect(person, `${table} ${String(row.resident_id)}`).toBeDefined();
        expect(row.household_id).toBe(person!.household.id);
        expect(row.village_code).toBe(person!.villageCode);
      }
    }
    for (const row of all(subgraph, 'SELECT resident_id, village_code FROM chronic_conditions')) {
      expect(byId.get(row.resident_id as string)?.villageCode).toBe(row.village_code);
    }
    // Elderly care is exactly the 65+; the urban community gets nothing.
    const elderlyIds = new Set(all(subgraph, 'SELECT resident_id FROM elderly_care').map((r) => r.resident_id));
    expect(people.filter((p) => p.age >= 65).every((p) => elderlyIds.has(p.resident.id))).toBe(true);
    expect([...elderlyIds].every((id) => byId.get(id as string)!.age >= 65)).toBe(true);
    expect(one(subgraph, "SELECT count(*) FROM health_records WHERE village_code = '220112001001'")).toBe(0);
    // Mental health patients are adults; contracts' teams belong to the resident's township.
    expect(all(subgraph, 'SELECT resident_id FROM mental_health_patients').every((r) => byId.get(r.resident_id as string)!.age >= 18)).toBe(true);
    expect(all(subgraph, 'SELECT c.resident_id FROM family_doctor_contracts c JOIN family_doctor_teams t ON t.id = c.team_id WHERE substr(c.village_code, 1, 9) <> substr(t.township_code, 1, 9)')).toEqual([]);
    // Follow-ups fall in the reference year; doctors practise in the patient's village.
    expect(one(subgraph, "SELECT count(*) FROM chronic_follow_ups WHERE visited_on NOT BETWEEN '2022-01-01' AND '2022-12-31'")).toBe(0);
    expect(
      all(subgraph, 'SELECT f.id FROM chronic_follow_ups f JOIN health_records h USING (resident_id) JOIN village_doctors d ON d.id = f.doctor_id WHERE d.village_code <> h.village_code'),
    ).toEqual([]);
    const columns = all(subgraph, "SELECT name FROM pragma_table_info('health_records')").map((r) => r.name);
    expect(columns).not.toContain('name');
    expect(columns).not.toContain('birth_date');
    expect(all(subgraph, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('is deterministic: two runs give identical rows', () => {
    const dump = (sqlite: SqliteDatabase) =>
      Object.fromEntries(TABLES.map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
    const runs = [0, 1].map(() => {
      const sqlite = openDatabase({ path: ':memory:', migrationsFolder: health.migrationsFolder });
      sqlite.transaction(() => seed(sqlite, createFakeWorld()))();
      const rows = dump(sqlite);
      sqlite.close();
      return rows;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toEqual(dump(subgraph.sqlite));
  });

  it('fills the rollup table with exactly the direct aggregation over the rows', () => {
    const rollup = all(subgraph, `SELECT ${STATISTICS_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM region_statistics`)[0];
    const direct = {
      clinic_count: count('village_clinics'),
      standardized_clinic_count: one(subgraph, 'SELECT count(*) FROM village_clinics WHERE standardized = 1'),
      clinic_area_square_meters: one(subgraph, 'SELECT sum(area_square_meters) FROM village_clinics'),
      village_doctor_count: count('village_doctors'),
      licensed_doctor_count: one(subgraph, "SELECT count(*) FROM village_doctors WHERE qualification <> 'RURAL_DOCTOR_CERTIFICATE'"),
      family_doctor_team_count: count('family_doctor_teams'),
      health_record_count: count('health_records'),
      hypertension_patient_count: one(subgraph, "SELECT count(*) FROM chronic_conditions WHERE condition = 'HYPERTENSION'"),
      diabetes_patient_count: one(subgraph, "SELECT count(*) FROM chronic_conditions WHERE condition = 'TYPE2_DIABETES'"),
      chronic_patient_count: one(subgraph, "SELECT count(DISTINCT resident_id) FROM chronic_conditions WHERE condition IN ('HYPERTENSION','TYPE2_DIABETES')"),
      chronic_follow_up_visit_count: one(subgraph, "SELECT count(*) FROM chronic_follow_ups WHERE visited_on LIKE '2022-%'"),
      chronic_follow_up_compliant_count: one(
        subgraph,
        `SELECT count(*) FROM (SELECT DISTINCT resident_id FROM chronic_conditions WHERE condition IN ('HYPERTENSION','TYPE2_DIABETES')) p
         WHERE NOT EXISTS (SELECT 1 FROM chronic_conditions c WHERE c.resident_id = p.resident_id AND c.condition IN ('HYPERTENSION','TYPE2_DIABETES')
           AND (SELECT count(*) FROM chronic_follow_ups f WHERE f.resident_id = c.resident_id AND f.condition = c.condition AND f.visited_on LIKE '2022-%') < 4)`,
      ),
      severe_mental_disorder_patient_count: count('mental_health_patients'),
      mental_health_high_risk_count: one(subgraph, 'SELECT count(*) FROM mental_health_patients WHERE risk_grade >= 3'),
      key_population_count: one(
        subgraph,
        `SELECT count(*) FROM health_records h WHERE h.resident_id IN (SELECT resident_id FROM elderly_care)
           OR h.resident_id IN (SELECT resident_id FROM mental_health_patients)
           OR h.resident_id IN (SELECT resident_id FROM chronic_conditions WHERE condition IN ('HYPERTENSION','TYPE2_DIABETES'))`,
      ),
      family_doctor_contract_count: count('family_doctor_contracts'),
      key_population_contract_count: one(subgraph, 'SELECT count(*) FROM family_doctor_contracts WHERE key_population = 1'),
      elderly_65_plus_count: count('elderly_care'),
      elderly_checked_in_2022_count: one(subgraph, "SELECT count(*) FROM elderly_care WHERE last_check_on LIKE '2022-%'"),
      fully_dependent_elderly_count: one(subgraph, "SELECT count(*) FROM elderly_care WHERE dependency_level = 'FULLY_DEPENDENT'"),
      partially_dependent_elderly_count: one(subgraph, "SELECT count(*) FROM elderly_care WHERE dependency_level = 'PARTIALLY_DEPENDENT'"),
      villages_with_public_health_committee: count('public_health_committees'),
    };
    expect(rollup).toEqual(direct);
    // Village rows for villages, township rows only for township facts.
    expect(all(subgraph, "SELECT region_code FROM region_statistics WHERE region_code LIKE '%000' AND family_doctor_team_count = 0")).toEqual([]);
  });

  it('refuses rows that break the constraints', () => {
    const bad = [
      "INSERT INTO health_records (resident_id, household_id, village_code, established_on, blood_type) VALUES ('Rx', 'Hx', '220112001201', '2022-02-30', 'A')",
      "INSERT INTO health_records (resident_id, household_id, village_code, established_on, blood_type) VALUES ('Rx', 'Hx', '220112001201', '2022-02-01', 'C')",
      "INSERT INTO health_records (resident_id, household_id, village_code, established_on, blood_type, allergies) VALUES ('Rx', 'Hx', '2201', '2022-02-01', 'A', '[]')",
      "INSERT INTO chronic_conditions (resident_id, condition, village_code, diagnosed_year) VALUES ('nobody', 'HYPERTENSION', '220112001201', 2020)",
      "INSERT INTO mental_health_patients (resident_id, household_id, village_code, diagnosis, risk_grade, registered_on, next_visit_due) SELECT resident_id, household_id, village_code, 'SCHIZOPHRENIA', 6, '2020-01-01', '2020-02-01' FROM health_records LIMIT 1",
      "INSERT INTO elderly_care (resident_id, household_id, village_code, dependency_level) SELECT resident_id, household_id, village_code, 'BEDRIDDEN' FROM health_records LIMIT 1",
    ];
    for (const statement of bad) expect(() => subgraph.sqlite.prepare(statement).run(), statement).toThrow(/constraint/i);
  });
});
