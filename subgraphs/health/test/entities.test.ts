import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSubgraph } from '@village-graph/shared/testing';
import { createFakeWorld, FAKE_VILLAGES } from './fake-world.ts';
import { ACCESS_LOG_APPEND, all, createSeededSubgraph, firstErrorExtensions, one, peopleOf } from './seeded.ts';

const world = createFakeWorld();
const people = peopleOf(world);
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createSeededSubgraph(world);
});
afterAll(() => subgraph.close());

const RESIDENT_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident {
  id
  healthRecord { resident { id } household { id } village { code } establishedOn bloodType allergies chronicConditions }
  familyDoctorContract { signedOn teamName keyPopulation team { id name memberCount township { code } } doctor { id name qualification clinic { name } } household { id } }
  elderlyCare { dependencyLevel lastCheckOn checkOverdue later: checkOverdue(asOf: "2023-12-31") village { code } }
  mentalHealth { diagnosis riskGrade registeredOn lastVisitOn nextVisitDue visitIntervalMonths visitOverdue later: visitOverdue(asOf: "2030-01-01") }
  chronicFollowUps(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id condition visitedOn method systolicPressure diastolicPressure fastingGlucose doctor { id } resident { id } } }
} } }`;

type ResidentResult = {
  id: string;
  healthRecord: { establishedOn: string; bloodType: string; allergies: string[]; chronicConditions: string[]; household: { id: string }; village: { code: string } } | null;
  familyDoctorContract: { signedOn: string; teamName: string; keyPopulation: boolean; team: { id: string; name: string; township: { code: string } }; doctor: { id: string } | null } | null;
  elderlyCare: { dependencyLevel: string; lastCheckOn: string | null; checkOverdue: boolean; later: boolean } | null;
  mentalHealth: { diagnosis: string; riskGrade: number; nextVisitDue: string; visitOverdue: boolean; later: boolean; visitIntervalMonths: number } | null;
  chronicFollowUps: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; condition: string; visitedOn: string }[] };
};

const residents = (ids: string[]) => ids.map((id) => ({ __typename: 'Resident', id }));
const idsWhere = (sql: string) => all(subgraph, sql).map((r) => r.resident_id as string);

describe('Resident (extended by health)', () => {
  it("resolves a resident's health facts from health's own rows", async () => {
    const patient = idsWhere('SELECT resident_id FROM mental_health_patients LIMIT 1')[0]!;
    const chronic = idsWhere("SELECT c.resident_id FROM chronic_conditions c JOIN elderly_care e USING (resident_id) JOIN family_doctor_contracts f USING (resident_id) WHERE c.condition = 'HYPERTENSION' AND (SELECT count(*) FROM chronic_follow_ups x WHERE x.resident_id = c.resident_id) > 2 LIMIT 1")[0]!;
    const unrecorded = people.find((p) => one(subgraph, 'SELECT count(*) FROM health_records WHERE resident_id = ?', p.resident.id) === 0)!;
    const result = await subgraph.execute<{ _entities: ResidentResult[] }>(RESIDENT_QUERY, { r: residents([patient, chronic, unrecorded.resident.id, 'Rnobody']) });
    expect(result.errors).toBeUndefined();
    const [mental, elder, none, nobody] = result.data!._entities;

    const m = all(subgraph, 'SELECT * FROM mental_health_patients WHERE resident_id = ?', patient)[0]!;
    expect(mental!.mentalHealth).toMatchObject({ diagnosis: m.diagnosis, riskGrade: m.risk_grade, nextVisitDue: m.next_visit_due, visitOverdue: (m.next_visit_due as string) < '2022-12-31', later: true });
    expect(mental!.mentalHealth!.visitIntervalMonths).toBe((m.risk_grade as number) >= 3 ? 1 : 3);

    const record = all(subgraph, 'SELECT * FROM health_records WHERE resident_id = ?', chronic)[0]!;
    const person = people.find((p) => p.resident.id === chronic)!;
    expect(elder!.healthRecord).toMatchObject({
      establishedOn: record.established_on,
      bloodType: record.blood_type,
      allergies: JSON.parse(record.allergies as string),
      household: { id: person.household.id },
      village: { code: person.villageCode },
    });
    expect(elder!.healthRecord!.chronicConditions[0]).toBe('HYPERTENSION');
    const care = all(subgraph, 'SELECT * FROM elderly_care WHERE resident_id = ?', chronic)[0]!;
    expect(elder!.elderlyCare).toMatchObject({
      dependencyLevel: care.dependency_level,
      lastCheckOn: care.last_check_on,
      checkOverdue: care.last_check_on == null || (care.last_check_on as string) < '2022-01-01',
      // A year later every check of 2022 or before is overdue.
      later: true,
    });
    const contract = all(subgraph, 'SELECT c.*, t.name AS team_name FROM family_doctor_contracts c JOIN family_doctor_teams t ON t.id = c.team_id WHERE resident_id = ?', chronic)[0]!;
    expect(elder!.familyDoctorContract).toMatchObject({
      signedOn: contract.signed_on,
      teamName: contract.team_name,
      keyPopulation: true,
      team: { id: contract.team_id, name: contract.team_name, township: { code: `${person.villageCode.slice(0, 9)}000` } },
    });
    expect(elder!.familyDoctorContract!.doctor?.id ?? null).toBe(contract.doctor_id);
    const visits = all(subgraph, 'SELECT id, condition, visited_on FROM chronic_follow_ups WHERE resident_id = ? ORDER BY visited_on, id', chronic);
    expect(elder!.chronicFollowUps.totalCount).toBe(visits.length);
    expect(elder!.chronicFollowUps.nodes.map((n) => [Number(n.id), n.visitedOn])).toEqual(visits.slice(0, 2).map((v) => [v.id, v.visited_on]));
    expect(elder!.chronicFollowUps.pageInfo.hasNextPage).toBe(true);

    expect(none).toMatchObject({ healthRecord: null, familyDoctorContract: null, elderlyCare: null, mentalHealth: null, chronicFollowUps: { totalCount: 0, nodes: [] } });
    expect(nobody).toMatchObject({ id: 'Rnobody', healthRecord: null, chronicFollowUps: { totalCount: 0 } });
  });

  it('pages through one resident\'s follow-ups and filters them by date', async () => {
    const id = idsWhere('SELECT resident_id FROM chronic_follow_ups GROUP BY resident_id HAVING count(*) >= 6 LIMIT 1')[0]!;
    const expected = all(subgraph, 'SELECT id FROM chronic_follow_ups WHERE resident_id = ? ORDER BY visited_on, id', id).map((r) => String(r.id));
    const query = `query($r: [_Any!]!, $after: String, $from: String, $to: String) { _entities(representations: $r) { ... on Resident {
      chronicFollowUps(first: 4, after: $after, from: $from, to: $to) { totalCount nodes { id visitedOn } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = { _entities: { chronicFollowUps: { totalCount: number; nodes: { id: string; visitedOn: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }[] };
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: Awaited<ReturnType<typeof subgraph.execute<Page>>> = await subgraph.execute<Page>(query, { r: residents([id]), after });
      const connection = result.data!._entities[0]!.chronicFollowUps;
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const firstHalf = await subgraph.execute<Page>(query, { r: residents([id]), from: '2022-01-01', to: '2022-06-30' });
    const inHalf = one(subgraph, "SELECT count(*) FROM chronic_follow_ups WHERE resident_id = ? AND visited_on BETWEEN '2022-01-01' AND '2022-06-30'", id);
    expect(firstHalf.data!._entities[0]!.chronicFollowUps.totalCount).toBe(inHalf);
    expect(firstHalf.data!._entities[0]!.chronicFollowUps.nodes.every((n) => n.visitedOn <= '2022-06-30')).toBe(true);

    expect(firstErrorExtensions(await subgraph.execute(query, { r: residents([id]), from: '2022-07-01', to: '2022-06-30' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(firstErrorExtensions(await subgraph.execute(query, { r: residents([id]), from: '2022-02-30' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect(firstErrorExtensions(await subgraph.execute(query, { r: residents([id]), after: 'bogus' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const foreign = Buffer.from('vg1:220112001201:Rabc').toString('base64url');
    expect(firstErrorExtensions(await subgraph.execute(query, { r: residents([id]), after: foreign }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const elderlyQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { elderlyCare { checkOverdue(asOf: "31/12/2022") } } } }`;
    const elder = idsWhere('SELECT resident_id FROM elderly_care LIMIT 1');
    expect(firstErrorExtensions(await subgraph.execute(elderlyQuery, { r: residents(elder) }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
  });

  it('resolves 3 or 30 residents with every health field in the same number of statements', async () => {
    const ids = idsWhere('SELECT resident_id FROM elderly_care ORDER BY resident_id LIMIT 30');
    const statementsFor = async (n: number) => {
      subgraph.counter.count = 0;
      const result = await subgraph.execute(RESIDENT_QUERY, { r: residents(ids.slice(0, n)) });
      expect(result.errors).toBeUndefined();
      return subgraph.counter.count;
    };
    const few = await statementsFor(3);
    const many = await statementsFor(30);
    expect(many).toBe(few);
    // record (also the row-scope check), conditions, contract, team, doctor, clinic, elderly care, mental health,
    // follow-up page, follow-up counts, follow-up doctors; the access-log append
    expect(few).toBeLessThanOrEqual(11 + ACCESS_LOG_APPEND);
  });
});

describe('Household (extended by health)', () => {
  it('tells whether any member signed a family-doctor contract, in one statement per batch', async () => {
    const signed = all(subgraph, 'SELECT DISTINCT household_id FROM family_doctor_contracts ORDER BY household_id').map((r) => r.household_id as string);
    const unsigned = [...new Set(people.map((p) => p.household.id))].filter((id) => !signed.includes(id));
    expect(unsigned.length).toBeGreaterThan(0);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id hasFamilyDoctorContract } } }`;
    subgraph.counter.count = 0;
    const ids = [...signed.slice(0, 20), ...unsigned.slice(0, 10), 'Hnobody'];
    const result = await subgraph.execute<{ _entities: { id: string; hasFamilyDoctorContract: boolean }[] }>(query, { r: ids.map((id) => ({ __typename: 'Household', id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((h) => h.hasFamilyDoctorContract)).toEqual(ids.map((id) => signed.includes(id)));
    // The households' villages (row scope) and the answers; a yes/no answer is not a sensitive read (no log).
    expect(subgraph.counter.count).toBe(2);
  });
});

describe('Region (extended by health)', () => {
  const REGION_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
    code
    clinic { name standardized areaSquareMeters doctorCount village { code } doctors { id name sex age qualification village { code } clinic { name } } }
    publicHealthCommittee { establishedOn memberCount villageDoctorIsMember village { code } }
    healthStatistics {
      clinicCount standardizedClinicCount standardizedClinicShare meanClinicAreaSquareMeters villageDoctorCount licensedDoctorCount familyDoctorTeamCount
      healthRecordCount hypertensionPatientCount diabetesPatientCount chronicPatientCount chronicFollowUpVisitCount chronicFollowUpCompliantCount
      chronicFollowUpComplianceRate severeMentalDisorderPatientCount mentalHealthHighRiskCount keyPopulationCount familyDoctorContractCount
      keyPopulationContractCount keyPopulationContractRate elderly65PlusCount elderlyCheckedIn2022Count elderlyCheckRate
      fullyDependentElderlyCount partiallyDependentElderlyCount villagesWithPublicHealthCommittee
    }
  } } }`;
  type Stats = Record<string, number | null>;
  type RegionResult = { code: string; clinic: { doctorCount: number; doctors: { id: string; clinic: { name: string } }[] } | null; publicHealthCommittee: unknown; healthStatistics: Stats };
  const regions = (codes: string[]) => codes.map((code) => ({ __typename: 'Region', code }));

  it('gives clinics with their doctors and committees at village level, and statistics at every level', async () => {
    const codes = ['220000000000', '220100000000', '220112000000', '220112001000', ...FAKE_VILLAGES, '220112001001', '220200000000'];
    const result = await subgraph.execute<{ _entities: RegionResult[] }>(REGION_QUERY, { r: regions(codes) });
    expect(result.errors).toBeUndefined();
    const byCode = new Map(result.data!._entities.map((r) => [r.code, r]));
    const province = byCode.get('220000000000')!;
    expect(province.clinic).toBeNull();
    expect(province.publicHealthCommittee).toBeNull();

    // The rollup at every level equals a direct aggregation over health's rows in that code range.
    const direct = (prefix: string) => {
      const like = `${prefix}%`;
      const q = (sql: string) => one(subgraph, sql, like);
      return {
        clinicCount: q('SELECT count(*) FROM village_clinics WHERE village_code LIKE ?'),
        villageDoctorCount: q('SELECT count(*) FROM village_doctors WHERE village_code LIKE ?'),
        familyDoctorTeamCount: q('SELECT count(*) FROM family_doctor_teams WHERE township_code LIKE ?'),
        healthRecordCount: q('SELECT count(*) FROM health_records WHERE village_code LIKE ?'),
        hypertensionPatientCount: q("SELECT count(*) FROM chronic_conditions WHERE condition = 'HYPERTENSION' AND village_code LIKE ?"),
        diabetesPatientCount: q("SELECT count(*) FROM chronic_conditions WHERE condition = 'TYPE2_DIABETES' AND village_code LIKE ?"),
        severeMentalDisorderPatientCount: q('SELECT count(*) FROM mental_health_patients WHERE village_code LIKE ?'),
        familyDoctorContractCount: q('SELECT count(*) FROM family_doctor_contracts WHERE village_code LIKE ?'),
        elderly65PlusCount: q('SELECT count(*) FROM elderly_care WHERE village_code LIKE ?'),
        elderlyCheckedIn2022Count: q("SELECT count(*) FROM elderly_care WHERE last_check_on LIKE '2022-%' AND village_code LIKE ?"),
        fullyDependentElderlyCount: q("SELECT count(*) FROM elderly_care WHERE dependency_level = 'FULLY_DEPENDENT' AND village_code LIKE ?"),
        villagesWithPublicHealthCommittee: q('SELECT count(*) FROM public_health_committees WHERE village_code LIKE ?'),
      };
    };
    for (const [code, prefix] of [['220000000000', '22'], ['220112000000', '220112'], ['220112001000', '220112001'], ['220112001201', '220112001201'], ['220200000000', '2202']] as const) {
      expect(byCode.get(code)!.healthStatistics, code).toMatchObject(direct(prefix));
    }
    const stats = province.healthStatistics;
    expect(stats.villagesWithPublicHealthCommittee).toBe(FAKE_VILLAGES.length);
    expect(stats.elderlyCheckRate).toBeCloseTo(stats.elderlyCheckedIn2022Count! / stats.elderly65PlusCount!, 10);
    expect(stats.meanClinicAreaSquareMeters).toBeCloseTo(one(subgraph, 'SELECT avg(area_square_meters) FROM village_clinics'), 10);
    // Empty regions: zeros, and null shares rather than a division by zero.
    expect(byCode.get('220200000000')!.healthStatistics).toMatchObject({ clinicCount: 0, elderlyCheckRate: null, standardizedClinicShare: null });
    expect(byCode.get('220112001001')!.clinic).toBeNull();

    for (const village of FAKE_VILLAGES) {
      const region = byCode.get(village)!;
      const doctors = all(subgraph, 'SELECT id FROM village_doctors WHERE village_code = ? ORDER BY id', village).map((r) => r.id);
      if (region.clinic) {
        expect(region.clinic.doctors.map((d) => d.id)).toEqual(doctors);
        expect(region.clinic.doctorCount).toBe(doctors.length);
      } else expect(doctors).toEqual([]);
      expect(region.publicHealthCommittee).toMatchObject({ village: { code: village } });
    }
  });

  it('resolves 2 or 10 regions in the same number of statements', async () => {
    const statementsFor = async (codes: string[]) => {
      subgraph.counter.count = 0;
      const result = await subgraph.execute(REGION_QUERY, { r: regions(codes) });
      expect(result.errors).toBeUndefined();
      return subgraph.counter.count;
    };
    const few = await statementsFor(FAKE_VILLAGES.slice(0, 2));
    const many = await statementsFor(['220000000000', '220100000000', '220112000000', '220112001000', '220122101000', ...FAKE_VILLAGES, '220112001001']);
    expect(many).toBe(few);
    // clinic, doctors, doctors' clinics (cached), committee, statistics
    expect(few).toBeLessThanOrEqual(4);
  });
});
