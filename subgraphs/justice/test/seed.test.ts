import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFIX_LENGTH, openDatabase, regionLevel, type SqliteDatabase, type WorldResident, type WorldHousehold } from '@village-graph/shared';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { justice } from '../src/subgraph.ts';
import {
  CORRECTIONS_PER_ADULT,
  DISPUTE_YEARS,
  DISPUTES_PER_RESIDENT_PER_YEAR,
  LEGAL_AID_CASES_PER_RESIDENT_PER_YEAR,
  OPEN_DISPUTE_SHARE,
  PLACEMENTS_PER_ADULT,
  seed,
} from '../src/seed.ts';
import { STATISTICS_COLUMNS, createStatisticsRollup } from '../src/statistics.ts';
import { createFakeWorld } from './fake-world.ts';

const world = createFakeWorld();
const people = new Map<string, { resident: WorldResident; household: WorldHousehold; villageCode: string }>();
for (const village of world.villages()) {
  for (const household of village.households) {
    for (const resident of household.members) people.set(resident.id, { resident, household, villageCode: village.region.code });
  }
}
const residentCount = people.size;
const adultCount = [...people.values()].filter((p) => p.resident.birthDate <= '2004-12-31').length;

const seeded = (): SqliteDatabase => {
  const sqlite = openDatabase({ path: ':memory:', migrationsFolder: justice.migrationsFolder });
  sqlite.transaction(() => seed(sqlite, world))();
  return sqlite;
};

const TABLES = [
  'mediation_committees', 'mediators', 'disputes', 'dispute_parties', 'legal_advisers', 'village_legal_advisers',
  'legal_aid_contact_points', 'legal_aid_cases', 'community_corrections', 'post_release_placements',
  'rule_of_law_model_villages', 'region_statistics',
];
const dump = (sqlite: SqliteDatabase) => Object.fromEntries(TABLES.map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
const count = (sqlite: SqliteDatabase, sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;

let sqlite: SqliteDatabase;
beforeAll(() => {
  sqlite = seeded();
});
afterAll(() => sqlite.close());

describe('justice seeder on a fake world', () => {
  it('writes full-count facts for every village and township', () => {
    expect(count(sqlite, 'SELECT count(*) AS n FROM mediation_committees')).toBe(world.ruralVillages.length);
    expect(count(sqlite, 'SELECT count(*) AS n FROM mediators')).toBe(count(sqlite, 'SELECT sum(mediator_count) AS n FROM mediation_committees'));
    expect(count(sqlite, "SELECT count(*) AS n FROM mediators WHERE role = 'CHAIR'")).toBe(world.ruralVillages.length);
    expect(count(sqlite, 'SELECT count(*) AS n FROM village_legal_advisers')).toBe(world.ruralVillages.length);
    expect(count(sqlite, 'SELECT count(*) AS n FROM legal_aid_contact_points')).toBe(world.townships.length);
    // Only rural villages (村委会) have committees: the urban community has none.
    expect(count(sqlite, "SELECT count(*) AS n FROM mediation_committees WHERE village_code = '220112001001'")).toBe(0);
    expect(sqlite.prepare('SELECT name FROM mediation_committees WHERE village_code = ?').get('220112001201')).toEqual({ name: '永红村人民调解委员会' });
  });

  it('hits the per-person rates to within one record', () => {
    const disputes = count(sqlite, 'SELECT count(*) AS n FROM disputes');
    expect(residentCount).toBeGreaterThan(2000);
    expect(Math.abs(disputes - residentCount * DISPUTES_PER_RESIDENT_PER_YEAR * DISPUTE_YEARS)).toBeLessThanOrEqual(1);
    const open = count(sqlite, "SELECT count(*) AS n FROM disputes WHERE status IN ('RECEIVED', 'MEDIATING')");
    expect(Math.abs(open - disputes * OPEN_DISPUTE_SHARE)).toBeLessThanOrEqual(1);
    expect(Math.abs(count(sqlite, 'SELECT count(*) AS n FROM legal_aid_cases') - residentCount * LEGAL_AID_CASES_PER_RESIDENT_PER_YEAR * DISPUTE_YEARS)).toBeLessThanOrEqual(1);
    expect(Math.abs(count(sqlite, 'SELECT count(*) AS n FROM community_corrections') - adultCount * CORRECTIONS_PER_ADULT)).toBeLessThanOrEqual(1);
    expect(Math.abs(count(sqlite, 'SELECT count(*) AS n FROM post_release_placements') - adultCount * PLACEMENTS_PER_ADULT)).toBeLessThanOrEqual(1);
    // Each year of 2020–2022 holds a third of the disputes (1 per 150 residents per year).
    for (const year of ['2020', '2021', '2022']) {
      expect(Math.abs(count(sqlite, 'SELECT count(*) AS n FROM disputes WHERE substr(received_on, 1, 4) = ?', year) - disputes / 3), year).toBeLessThanOrEqual(2);
    }
  });

  it('refers only to people, households, grids and villages of the world, consistently', () => {
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const parties = sqlite.prepare('SELECT p.*, d.village_code, d.type, d.grid_code FROM dispute_parties p JOIN disputes d ON d.id = p.dispute_id').all() as {
      dispute_id: string; resident_id: string; household_id: string; role: string; village_code: string; type: string; grid_code: string;
    }[];
    expect(parties.length).toBe(2 * count(sqlite, 'SELECT count(*) AS n FROM disputes'));
    for (const party of parties) {
      const person = people.get(party.resident_id);
      expect(person, party.resident_id).toBeDefined();
      expect(person!.household.id).toBe(party.household_id);
      expect(person!.villageCode).toBe(party.village_code);
      expect(person!.resident.birthDate <= '2001-12-31').toBe(true);
    }
    const byDispute = new Map<string, typeof parties>();
    for (const p of parties) byDispute.set(p.dispute_id, [...(byDispute.get(p.dispute_id) ?? []), p]);
    let landContract = 0;
    let marriageFamily = 0;
    for (const [id, [a, b]] of byDispute) {
      expect([a!.role, b!.role].sort(), id).toEqual(['APPLICANT', 'RESPONDENT']);
      const applicant = parties.find((p) => p.dispute_id === id && p.role === 'APPLICANT')!;
      expect(a!.grid_code).toBe(people.get(applicant.resident_id)!.household.gridCode);
      const [pa, pb] = [people.get(a!.resident_id)!, people.get(b!.resident_id)!];
      if (a!.type === 'LAND_CONTRACT') {
        landContract++;
        expect(pa.resident.relation).toBe('HEAD');
        expect(pb.resident.relation).toBe('HEAD');
        expect(pa.household.id).not.toBe(pb.household.id);
      }
      if (a!.type === 'MARRIAGE_FAMILY') {
        marriageFamily++;
        const sameHousehold = pa.household.id === pb.household.id;
        const related = pa.resident.relation === 'HEAD' && pb.resident.relation === 'HEAD' && pa.resident.name[0] === pb.resident.name[0];
        expect(sameHousehold || related, id).toBe(true);
      }
    }
    expect(landContract).toBeGreaterThan(0);
    expect(marriageFamily).toBeGreaterThan(0);
    // A dispute's mediator sits on that village's committee.
    expect(count(sqlite, 'SELECT count(*) AS n FROM disputes d JOIN mediators m ON m.id = d.mediator_id WHERE m.village_code <> d.village_code')).toBe(0);
    for (const table of ['legal_aid_cases', 'community_corrections', 'post_release_placements']) {
      for (const row of sqlite.prepare(`SELECT resident_id, household_id, village_code FROM ${table}`).all() as { resident_id: string; household_id: string; village_code: string }[]) {
        const person = people.get(row.resident_id);
        expect(person, `${table} ${row.resident_id}`).toBeDefined();
        expect([person!.household.id, person!.villageCode]).toEqual([row.household_id, row.village_code]);
      }
    }
  });

  it('gives identical rows on a second run', () => {
    const again = seeded();
    expect(dump(again)).toEqual(dump(sqlite));
    again.close();
  });

  it('rolls up statistics that equal a direct aggregation over the rows, at every level', () => {
    const rollup = createStatisticsRollup(sqlite);
    const codes = ['220000000000', '220112000000', '220112001000', '220112002000', '220112001201', '220112001001'];
    const sums = rollup.sums(codes);
    for (const code of codes) {
      const like = `${code.slice(0, PREFIX_LENGTH[regionLevel(code)])}%`;
      const direct = (sql: string) => count(sqlite, sql, like);
      const s = sums.get(code)!;
      expect(s.villages_with_mediation_committee).toBe(direct('SELECT count(*) AS n FROM mediation_committees WHERE village_code LIKE ?'));
      expect(s.mediator_count).toBe(direct('SELECT count(*) AS n FROM mediators WHERE village_code LIKE ?'));
      expect(s.dispute_count).toBe(direct('SELECT count(*) AS n FROM disputes WHERE village_code LIKE ?'));
      expect(s.open_dispute_count).toBe(direct("SELECT count(*) AS n FROM disputes WHERE village_code LIKE ? AND status IN ('RECEIVED', 'MEDIATING')"));
      expect(s.resolved_dispute_count).toBe(direct("SELECT count(*) AS n FROM disputes WHERE village_code LIKE ? AND status = 'RESOLVED'"));
      expect(s.land_contract_dispute_count).toBe(direct("SELECT count(*) AS n FROM disputes WHERE village_code LIKE ? AND type = 'LAND_CONTRACT'"));
      expect(s.marriage_family_dispute_count).toBe(direct("SELECT count(*) AS n FROM disputes WHERE village_code LIKE ? AND type = 'MARRIAGE_FAMILY'"));
      expect(s.agreement_amount_yuan).toBe(direct('SELECT coalesce(sum(agreement_amount_yuan), 0) AS n FROM disputes WHERE village_code LIKE ?'));
      expect(s.villages_with_legal_adviser).toBe(direct('SELECT count(*) AS n FROM village_legal_advisers WHERE village_code LIKE ?'));
      expect(s.legal_aid_contact_point_count).toBe(direct('SELECT count(*) AS n FROM legal_aid_contact_points WHERE township_code LIKE ?'));
      expect(s.legal_aid_case_count).toBe(direct('SELECT count(*) AS n FROM legal_aid_cases WHERE village_code LIKE ?'));
      expect(s.community_correction_count).toBe(direct('SELECT count(*) AS n FROM community_corrections WHERE village_code LIKE ?'));
      expect(s.post_release_placement_count).toBe(direct('SELECT count(*) AS n FROM post_release_placements WHERE village_code LIKE ?'));
      expect(s.rule_of_law_model_village_count).toBe(direct('SELECT count(*) AS n FROM rule_of_law_model_villages WHERE village_code LIKE ?'));
    }
    // Every column is summable: the province equals the sum of its rows.
    const province = sums.get('220000000000')!;
    for (const column of STATISTICS_COLUMNS) {
      expect(province[column], column).toBe(count(sqlite, `SELECT coalesce(sum(${column}), 0) AS n FROM region_statistics`));
    }
    expect(province.dispute_count).toBeGreaterThan(0);
  });
});

describe('justice subgraph over the seeded fake world', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(justice, (db) => db.transaction(() => seed(db, world))());
  });
  afterAll(() => subgraph.close());

  it('answers a village dashboard and province statistics that match the rows', async () => {
    const result = await subgraph.execute<{
      _entities: { mediationCommittee: { mediatorCount: number; mediators: unknown[] }; openDisputes: { totalCount: number }; justiceStatistics: Record<string, number> }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
        mediationCommittee { mediatorCount mediators { id } }
        openDisputes { totalCount }
        justiceStatistics { disputeCount openDisputeCount villagesWithMediationCommittee communityCorrectionCount legalAidContactPointCount }
      } } }`,
      { r: [{ __typename: 'Region', code: '220112001201' }, { __typename: 'Region', code: '220000000000' }] },
    );
    expect(result.errors).toBeUndefined();
    const [village, province] = result.data!._entities;
    expect(village!.mediationCommittee.mediators).toHaveLength(village!.mediationCommittee.mediatorCount);
    expect(village!.openDisputes.totalCount).toBe(count(subgraph.sqlite, "SELECT count(*) AS n FROM disputes WHERE village_code = '220112001201' AND status IN ('RECEIVED', 'MEDIATING')"));
    expect(province!.justiceStatistics).toEqual({
      disputeCount: count(subgraph.sqlite, 'SELECT count(*) AS n FROM disputes'),
      openDisputeCount: count(subgraph.sqlite, "SELECT count(*) AS n FROM disputes WHERE status IN ('RECEIVED', 'MEDIATING')"),
      villagesWithMediationCommittee: 3,
      communityCorrectionCount: count(subgraph.sqlite, 'SELECT count(*) AS n FROM community_corrections'),
      legalAidContactPointCount: 2,
    });
  });
});
