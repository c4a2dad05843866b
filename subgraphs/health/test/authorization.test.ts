import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import {
  createAccessLog,
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  createRequestContextFactory,
  createSubgraphApollo,
  generateIdentityKeyPair,
  IDENTITY_HEADER,
  openDatabase,
  type SqliteDatabase,
} from '@village-graph/shared';
import type { TestSubgraph } from '@village-graph/shared/testing';
import { health } from '../src/subgraph.ts';
import { seed } from '../src/seed.ts';
import { SEVERE_MENTAL_DISORDERS } from '../src/db/schema.ts';
import { createFakeWorld } from './fake-world.ts';
import { ACCESS_LOG_APPEND, all, createSeededSubgraph } from './seeded.ts';
import { ADMINISTRATOR, ANALYST, PUBLIC, auditor, gridWorker, resident, staff, villageCadre, type Persona } from './personas.ts';

const world = createFakeWorld();
let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createSeededSubgraph(world);
});
afterAll(() => subgraph.close());

type Result = { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] };
const run = (query: string, persona: Persona, variables?: Record<string, unknown>): Promise<Result> => subgraph.execute(query, variables, {}, persona);
const codes = (result: Result) => [...new Set((result.errors ?? []).map((e) => e.extensions?.code))];
const errorAt = (result: Result, path: string) => result.errors?.find((e) => e.path?.join('.') === path);
/** Entries appended to health's access log by `action`. */
async function logged(action: () => Promise<unknown>) {
  const before = subgraph.accessLog().length;
  await action();
  return subgraph.accessLog().slice(before);
}
/** No diagnosis (and no risk grade) anywhere in a response. */
function expectNoDiagnosis(result: Result) {
  const text = JSON.stringify(result);
  for (const diagnosis of SEVERE_MENTAL_DISORDERS) expect(text).not.toContain(diagnosis);
  expect(text).not.toMatch(/"riskGrade":\d/);
  expect(text).not.toMatch(/"visitIntervalMonths":\d/);
}

// The fake world: township 太平镇 (220112001000) with villages 201 and 202; 双桥乡 (220112002000) with 201.
const V1 = '220112001201';
const V2 = '220112001202';
const OTHER_TOWNSHIP_VILLAGE = '220112002201';
const T1 = '220112001000';
const COUNTY = '220112000000';

const patientIn = (village: string) => all(subgraph, 'SELECT resident_id, household_id FROM mental_health_patients WHERE village_code = ? ORDER BY resident_id LIMIT 1', village)[0]! as { resident_id: string; household_id: string };
const elderIn = (village: string) => all(subgraph, 'SELECT resident_id, household_id FROM elderly_care WHERE village_code = ? ORDER BY resident_id LIMIT 1', village)[0]! as { resident_id: string; household_id: string };
const residents = (...ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Resident', id })) });

const PATIENT_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id
  mentalHealth { resident { id } diagnosis riskGrade visitIntervalMonths registeredOn lastVisitOn nextVisitDue visitOverdue }
} } }`;
const EVERYTHING_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id
  healthRecord { bloodType allergies chronicConditions establishedOn }
  familyDoctorContract { signedOn teamName keyPopulation }
  elderlyCare { dependencyLevel lastCheckOn checkOverdue }
  mentalHealth { diagnosis riskGrade nextVisitDue }
  chronicFollowUps(first: 5) { nodes { condition visitedOn systolicPressure fastingGlucose } }
} } }`;
const JOINT_CARE_QUERY = `query($within: ID!) { mentalHealthPatientsDue(within: $within, asOf: "2030-01-01", first: 50) {
  totalCount nodes { resident { id } household { id } village { code } nextVisitDue visitOverdue diagnosis riskGrade visitIntervalMonths }
} }`;

describe('the public and forged identities get public data only', () => {
  it('answers clinics, doctors and statistics, and refuses every personal field and list', async () => {
    const patient = patientIn(V1);
    const publicData = await run(`{ villageDoctors(within: "${COUNTY}", first: 3) { totalCount nodes { id name qualification age } }
      _entities(representations: [{ __typename: "Region", code: "${V1}" }]) { ... on Region { clinic { name doctors { name } } healthStatistics { clinicCount } } } }`, PUBLIC);
    expect((publicData.data!.villageDoctors as { totalCount: number }).totalCount).toBeGreaterThan(0);
    expect(publicData.data!._entities).toEqual([{ clinic: expect.objectContaining({ name: expect.any(String) }), healthStatistics: { clinicCount: 1 } }]);
    // A doctor's age is for signed-in callers.
    expect(JSON.stringify(publicData.data)).not.toMatch(/"age":\d/);
    expect(codes(publicData)).toEqual(['FORBIDDEN']);

    const records = await run(EVERYTHING_QUERY, PUBLIC, residents(patient.resident_id));
    expect(records.data!._entities).toEqual([null]);
    expect(codes(records)).toEqual(['FORBIDDEN']);
    expectNoDiagnosis(records);
    expect(JSON.stringify(records)).not.toMatch(/"bloodType":"/);

    for (const list of ['mentalHealthPatientsDue', 'elderlyCheckOverdue', 'chronicPatients', 'familyDoctorContracts']) {
      const result = await run(`{ ${list}(within: "${COUNTY}") { totalCount nodes { resident { id } } } }`, PUBLIC);
      expect(result.data![list], list).toBeNull();
      expect(codes(result), list).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(result)).not.toContain(patient.resident_id);
    }
    const household = await run(`{ _entities(representations: [{ __typename: "Household", id: "${patient.household_id}" }]) { ... on Household { hasFamilyDoctorContract } } }`, PUBLIC);
    expect(household.data!._entities).toEqual([null]);
    expect(codes(household)).toEqual(['FORBIDDEN']);
  });

  it('serves a forged or absent x-village-identity as the public', async () => {
    // The runtime's own path: a verifier with the gateway's key; the department trusts nothing else.
    const gateway = await generateIdentityKeyPair();
    const forger = await generateIdentityKeyPair();
    const sqlite: SqliteDatabase = openDatabase({ path: ':memory:', migrationsFolder: health.migrationsFolder });
    sqlite.transaction(() => seed(sqlite, world))();
    const apollo = createSubgraphApollo(health, createLogger('health', 'silent'));
    await apollo.start();
    const rejected: string[] = [];
    const contextFor = createRequestContextFactory(health, sqlite, await createIdentityVerifier(gateway.publicKeyPem, (reason) => rejected.push(reason)));
    const patient = patientIn(V1);
    const healthStaff = { ...staff('health', T1), requestId: 'forged-1' };
    const execute = async (headers: Record<string, string>) => {
      const response = await apollo.executeOperation(
        { query: PATIENT_QUERY, variables: residents(patient.resident_id) },
        { contextValue: await contextFor({ headers, requestId: 'forged-1' }) },
      );
      if (response.body.kind !== 'single') throw new Error('single result expected');
      return response.body.singleResult as Result;
    };
    try {
      const forged = await execute({ [IDENTITY_HEADER]: await (await createIdentitySigner(forger.privateKeyPem))(healthStaff) });
      const absent = await execute({});
      const garbage = await execute({ [IDENTITY_HEADER]: "' OR 1=1 --" });
      for (const result of [forged, absent, garbage]) {
        expect(result.data!._entities).toEqual([null]);
        expect(codes(result)).toEqual(['FORBIDDEN']);
        expectNoDiagnosis(result);
      }
      expect(rejected.length).toBe(2);
      expect(createAccessLog(sqlite).verify()).toEqual({ ok: true, entries: 0 });
      // The same identity signed by the gateway is served.
      const genuine = await execute({ [IDENTITY_HEADER]: await (await createIdentitySigner(gateway.privateKeyPem))(healthStaff) });
      expect(genuine.errors).toBeUndefined();
      expect((genuine.data!._entities as { mentalHealth: { diagnosis: string } }[])[0]!.mentalHealth.diagnosis).toMatch(/^[A-Z_]+$/);
    } finally {
      await apollo.stop();
      sqlite.close();
    }
  });

  it('gives analysts statistics but no personal rows', async () => {
    const patient = patientIn(V1);
    const records = await run(EVERYTHING_QUERY, ANALYST, residents(patient.resident_id));
    expect(records.data!._entities).toEqual([null]);
    expect(codes(records)).toEqual(['FORBIDDEN']);
    const list = await run(JOINT_CARE_QUERY, { ...ANALYST, departments: ['health'] }, { within: COUNTY });
    expect(list.data!.mentalHealthPatientsDue).toBeNull();
    expect(errorAt(list, 'mentalHealthPatientsDue')!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    expectNoDiagnosis(list);
  });
});

describe("health's own staff", () => {
  it('read diagnoses and risk grades in their area with a purpose, and every read is logged with it', async () => {
    const patient = patientIn(V1);
    const reader = staff('health', T1);
    let result: Result = {};
    const entries = await logged(async () => (result = await run(PATIENT_QUERY, reader, residents(patient.resident_id))));
    expect(result.errors).toBeUndefined();
    const row = all(subgraph, 'SELECT diagnosis, risk_grade FROM mental_health_patients WHERE resident_id = ?', patient.resident_id)[0]!;
    expect((result.data!._entities as { mentalHealth: unknown }[])[0]!.mentalHealth).toMatchObject({ diagnosis: row.diagnosis, riskGrade: row.risk_grade });
    expect(entries).toEqual([
      expect.objectContaining({
        actor: reader.subject,
        role: 'DEPARTMENT_STAFF',
        purpose: 'FOLLOW_UP_VISIT',
        caseReference: 'HEALTH-2022-117',
        residentId: patient.resident_id,
        fields: [
          'mentalHealth',
          'mentalHealth.diagnosis',
          'mentalHealth.lastVisitOn',
          'mentalHealth.nextVisitDue',
          'mentalHealth.registeredOn',
          'mentalHealth.riskGrade',
          'mentalHealth.visitIntervalMonths',
          'mentalHealth.visitOverdue',
        ],
      }),
    ]);
  });

  it('are refused residents and lists outside their area', async () => {
    const outside = patientIn(OTHER_TOWNSHIP_VILLAGE);
    const inside = patientIn(V1);
    const reader = staff('health', T1);
    let result: Result = {};
    const entries = await logged(async () => (result = await run(PATIENT_QUERY, reader, residents(inside.resident_id, outside.resident_id))));
    expect((result.data!._entities as unknown[])[0]).not.toBeNull();
    expect((result.data!._entities as unknown[])[1]).toBeNull();
    expect(errorAt(result, '_entities.1')!.extensions!.code).toBe('FORBIDDEN');
    expect(errorAt(result, '_entities.1')!.message).toMatch(/outside your area/);
    expect(entries.map((e) => e.residentId)).toEqual([inside.resident_id]);

    const list = await run(JOINT_CARE_QUERY, reader, { within: COUNTY });
    expect(list.data!.mentalHealthPatientsDue).toBeNull();
    expect(errorAt(list, 'mentalHealthPatientsDue')!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    expect(JSON.stringify(list)).not.toContain(outside.resident_id);
    const own = await run(JOINT_CARE_QUERY, reader, { within: T1 });
    expect(own.errors).toBeUndefined();
    const listed = (own.data!.mentalHealthPatientsDue as { nodes: { village: { code: string } }[] }).nodes;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((n) => n.village.code.startsWith('220112001'))).toBe(true);
  });

  it('need a declared purpose and case reference: PURPOSE_REQUIRED, nothing served, nothing logged', async () => {
    const patient = patientIn(V1);
    let result: Result = {};
    const entries = await logged(async () => (result = await run(PATIENT_QUERY, staff('health', T1, { purpose: null, caseReference: null }), residents(patient.resident_id))));
    expect(codes(result)).toEqual(['PURPOSE_REQUIRED']);
    expect(errorAt(result, '_entities.0.mentalHealth')!.extensions!.code).toBe('PURPOSE_REQUIRED');
    expectNoDiagnosis(result);
    expect(entries).toEqual([]);
    const list = await run(JOINT_CARE_QUERY, staff('health', T1, { caseReference: null }), { within: T1 });
    expect(list.data!.mentalHealthPatientsDue).toBeNull();
    expect(codes(list)).toEqual(['PURPOSE_REQUIRED']);
  });
});

describe('other departments', () => {
  it('civil-affairs staff list patients due a visit in their area, without diagnosis or risk grade (joint care)', async () => {
    const civil = staff('civil-affairs', T1);
    let result: Result = {};
    const entries = await logged(async () => (result = await run(JOINT_CARE_QUERY, civil, { within: T1 })));
    const nodes = (result.data!.mentalHealthPatientsDue as { totalCount: number; nodes: Record<string, unknown>[] }).nodes;
    const expected = all(subgraph, "SELECT resident_id, next_visit_due FROM mental_health_patients WHERE village_code LIKE '220112001%' ORDER BY village_code, resident_id");
    expect(nodes.map((n) => [(n.resident as { id: string }).id, n.nextVisitDue])).toEqual(expected.map((r) => [r.resident_id, r.next_visit_due]));
    for (const node of nodes) expect(node).toMatchObject({ diagnosis: null, riskGrade: null, visitIntervalMonths: null, visitOverdue: expect.any(Boolean) });
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors!.every((e) => /diagnosis|riskGrade|visitIntervalMonths/.test(e.path!.at(-1) as string))).toBe(true);
    expectNoDiagnosis(result);
    // Logged: being on the list and the schedule; never the refused fields.
    expect(entries.map((e) => e.residentId).sort()).toEqual(expected.map((r) => r.resident_id as string).sort());
    for (const entry of entries) {
      expect(entry).toMatchObject({ actor: civil.subject, purpose: 'CASE_HANDLING', caseReference: 'CIVIL-AFFAIRS-2022-117' });
      expect(entry.fields).toEqual(['mentalHealth.nextVisitDue', 'mentalHealth.visitOverdue', 'mentalHealthPatientsDue']);
    }
    // Filtering by risk grade would reveal it: refused.
    const byRisk = await run('{ mentalHealthPatientsDue(within: "220112001000", minRiskGrade: 3) { totalCount nodes { resident { id } } } }', civil);
    expect(byRisk.data!.mentalHealthPatientsDue).toBeNull();
    expect(errorAt(byRisk, 'mentalHealthPatientsDue')!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'minRiskGrade' });
    // Outside their township: refused.
    const county = await run(JOINT_CARE_QUERY, civil, { within: COUNTY });
    expect(errorAt(county, 'mentalHealthPatientsDue')!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
  });

  it("civil-affairs staff never see a resident's health record, mental health or follow-ups, even with a purpose", async () => {
    const patient = patientIn(V1);
    const result = await run(EVERYTHING_QUERY, staff('civil-affairs', T1), residents(patient.resident_id));
    const entity = (result.data!._entities as Record<string, unknown>[])[0]!;
    expect(entity).toMatchObject({ healthRecord: null, familyDoctorContract: null, mentalHealth: null, chronicFollowUps: null });
    for (const field of ['healthRecord', 'familyDoctorContract', 'mentalHealth', 'chronicFollowUps']) {
      expect(errorAt(result, `_entities.0.${field}`)!.extensions!.code, field).toBe('FORBIDDEN');
    }
    expectNoDiagnosis(result);
    expect(JSON.stringify(result)).not.toMatch(/"bloodType":"|"systolicPressure":\d/);
    for (const list of ['elderlyCheckOverdue', 'chronicPatients', 'familyDoctorContracts']) {
      const refused = await run(`{ ${list}(within: "${T1}") { nodes { resident { id } } } }`, staff('civil-affairs', T1));
      expect(codes(refused), list).toEqual(['FORBIDDEN']);
    }
  });

  it('township civil-affairs staff read the elderly care of residents in their township (left-behind elderly), with a purpose', async () => {
    const elder = elderIn(V2);
    const row = all(subgraph, 'SELECT dependency_level, last_check_on FROM elderly_care WHERE resident_id = ?', elder.resident_id)[0]!;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { elderlyCare { dependencyLevel lastCheckOn checkOverdue } } } }`;
    const civil = staff('civil-affairs', T1, { purpose: 'SERVICE_DELIVERY', caseReference: 'LBE-2022-8' });
    let result: Result = {};
    const entries = await logged(async () => (result = await run(query, civil, residents(elder.resident_id))));
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ elderlyCare: { dependencyLevel: row.dependency_level, lastCheckOn: row.last_check_on, checkOverdue: expect.any(Boolean) } }]);
    expect(entries).toEqual([
      expect.objectContaining({
        residentId: elder.resident_id,
        purpose: 'SERVICE_DELIVERY',
        caseReference: 'LBE-2022-8',
        fields: ['elderlyCare', 'elderlyCare.checkOverdue', 'elderlyCare.dependencyLevel', 'elderlyCare.lastCheckOn'],
      }),
    ]);
    // Without a purpose: PURPOSE_REQUIRED; another township's elderly: outside the area; justice: never.
    expect(codes(await run(query, { ...civil, purpose: null }, residents(elder.resident_id)))).toEqual(['PURPOSE_REQUIRED']);
    const elsewhere = await run(query, civil, residents(elderIn(OTHER_TOWNSHIP_VILLAGE).resident_id));
    expect(elsewhere.data!._entities).toEqual([null]);
    expect(codes(elsewhere)).toEqual(['FORBIDDEN']);
    const justice = await run(query, staff('justice', T1), residents(elder.resident_id));
    expect(justice.data!._entities).toEqual([{ elderlyCare: null }]);
    expect(codes(justice)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(justice)).not.toContain(row.dependency_level as string);
  });

  it('administrators get no diagnosis: that is for health roles only', async () => {
    const patient = patientIn(OTHER_TOWNSHIP_VILLAGE);
    const result = await run(PATIENT_QUERY, ADMINISTRATOR, residents(patient.resident_id));
    expect(result.data!._entities).toEqual([{ id: patient.resident_id, mentalHealth: null }]);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expectNoDiagnosis(result);
  });
});

describe('grid workers, village cadres and residents', () => {
  it("answers a grid worker's yes/no family-doctor question for their grid's village only", async () => {
    const signed = (village: string) =>
      all(subgraph, 'SELECT household_id FROM family_doctor_contracts WHERE village_code = ? ORDER BY household_id LIMIT 1', village)[0]!.household_id as string;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id hasFamilyDoctorContract } } }`;
    const worker = gridWorker(`${V1}001`);
    const result = await run(query, worker, { r: [signed(V1), signed(V2)].map((id) => ({ __typename: 'Household', id })) });
    expect(result.data!._entities).toEqual([{ id: signed(V1), hasFamilyDoctorContract: true }, null]);
    expect(errorAt(result, '_entities.1')!.extensions!.code).toBe('FORBIDDEN');
    // A yes/no answer, not the underlying record: nothing else is served, nothing is logged as sensitive.
    expect(codes(await run(EVERYTHING_QUERY, worker, residents(patientIn(V1).resident_id)))).toEqual(['FORBIDDEN']);
    // The same for a village cadre of another village.
    const cadre = await run(query, villageCadre(V2), { r: [{ __typename: 'Household', id: signed(V1) }] });
    expect(cadre.data!._entities).toEqual([null]);
  });

  it("refuses another grid's residents to a grid worker who holds the health scope", async () => {
    const worker = gridWorker(`${V1}002`, { departments: ['health'] });
    const result = await run(PATIENT_QUERY, worker, residents(patientIn(V1).resident_id, patientIn(V2).resident_id));
    const [own, other] = result.data!._entities as unknown[];
    expect(own).not.toBeNull();
    expect(other).toBeNull();
    expect(errorAt(result, '_entities.1')!.extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(result)).not.toContain(patientIn(V2).resident_id);
    const list = await run(JOINT_CARE_QUERY, worker, { within: T1 });
    expect(errorAt(list, 'mentalHealthPatientsDue')!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
  });

  it('lets residents read their own records (not the diagnosis or risk grade) and nobody else’s', async () => {
    const patient = patientIn(V1);
    const other = patientIn(V2);
    const me = resident(patient.resident_id);
    let result: Result = {};
    const entries = await logged(async () => (result = await run(PATIENT_QUERY, me, residents(patient.resident_id, other.resident_id))));
    const [own, theirs] = result.data!._entities as { mentalHealth: Record<string, unknown> }[];
    const row = all(subgraph, 'SELECT next_visit_due, registered_on FROM mental_health_patients WHERE resident_id = ?', patient.resident_id)[0]!;
    expect(own!.mentalHealth).toMatchObject({ diagnosis: null, riskGrade: null, visitIntervalMonths: null, nextVisitDue: row.next_visit_due, registeredOn: row.registered_on });
    expect(theirs).toBeNull();
    expect(errorAt(result, '_entities.1')!.extensions!.code).toBe('FORBIDDEN');
    expectNoDiagnosis(result);
    expect(JSON.stringify(result)).not.toContain(other.resident_id);
    expect(entries).toEqual([expect.objectContaining({ residentId: patient.resident_id, role: 'RESIDENT', purpose: 'DATA_SUBJECT_ACCESS' })]);
    expect(entries[0]!.fields).not.toContain('mentalHealth.diagnosis');

    // Their household's yes/no answer, not another household's; no lists of residents.
    const households = await run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { hasFamilyDoctorContract } } }`, me, {
      r: [patient.household_id, other.household_id].map((id) => ({ __typename: 'Household', id })),
    });
    expect(households.data!._entities).toEqual([{ hasFamilyDoctorContract: expect.any(Boolean) }, null]);
    const list = await run(JOINT_CARE_QUERY, me, { within: V1 });
    expect(codes(list)).toEqual(['FORBIDDEN']);
  });
});

describe('the data tracker (Resident.healthAccessLog)', () => {
  const TRACKER = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id
    healthAccessLog { department at actor role purpose caseReference subjectId fields requestId }
  } } }`;
  const withHousehold = (id: string, household: string) => ({ r: [{ __typename: 'Resident', id, household: { id: household } }] });

  it('shows a resident who read their data and why, oldest first, with entries about their household', async () => {
    const patient = patientIn(V2);
    await run(PATIENT_QUERY, staff('health', T1), residents(patient.resident_id));
    await run(JOINT_CARE_QUERY, staff('civil-affairs', T1, { caseReference: 'JC-7' }), { within: V2 });
    // An entry about the household (a department may log household reads).
    createAccessLog(subgraph.sqlite).append([
      { at: '2030-01-01T00:00:00.000Z', requestId: 'r-household', actor: 'someone', role: 'DEPARTMENT_STAFF', purpose: 'CASE_HANDLING', caseReference: 'H-1', residentId: patient.household_id, fields: ['household'] },
    ]);
    const result = await run(TRACKER, resident(patient.resident_id), withHousehold(patient.resident_id, patient.household_id));
    expect(result.errors).toBeUndefined();
    const log = (result.data!._entities as { healthAccessLog: Record<string, unknown>[] }[])[0]!.healthAccessLog;
    // Oldest first; the last three are this test's reads (earlier tests read the same patient's list entry).
    expect(log.slice(-3).map((e) => [e.actor, e.caseReference])).toEqual([
      [`health-staff-${T1}`, 'HEALTH-2022-117'],
      [`civil-affairs-staff-${T1}`, 'JC-7'],
      ['someone', 'H-1'],
    ]);
    expect(log.at(-3)).toMatchObject({ department: 'health', role: 'DEPARTMENT_STAFF', purpose: 'FOLLOW_UP_VISIT', subjectId: patient.resident_id, fields: expect.arrayContaining(['mentalHealth.diagnosis']) });
    expect(log.at(-1)).toMatchObject({ subjectId: patient.household_id, requestId: 'r-household' });
    expect(log.map((e) => e.at)).toEqual([...log.map((e) => e.at as string)].sort());
  });

  it("is refused for another resident's log, and to staff without audit:read or outside their area", async () => {
    const patient = patientIn(V2);
    const other = patientIn(V1);
    const someoneElse = await run(TRACKER, resident(other.resident_id), withHousehold(patient.resident_id, patient.household_id));
    expect(someoneElse.data!._entities).toEqual([null]);
    expect(codes(someoneElse)).toEqual(['FORBIDDEN']);
    const noScope = await run(TRACKER, staff('health', T1), withHousehold(patient.resident_id, patient.household_id));
    expect((noScope.data!._entities as { healthAccessLog: unknown }[])[0]!.healthAccessLog).toBeNull();
    expect(codes(noScope)).toEqual(['FORBIDDEN']);
    const outside = await run(TRACKER, auditor('220112002000'), withHousehold(patient.resident_id, patient.household_id));
    expect(outside.data!._entities).toEqual([null]);
    expect(codes(outside)).toEqual(['FORBIDDEN']);
    const inside = await run(TRACKER, auditor(T1), withHousehold(patient.resident_id, patient.household_id));
    expect(inside.errors).toBeUndefined();
    expect((inside.data!._entities as { healthAccessLog: unknown[] }[])[0]!.healthAccessLog.length).toBeGreaterThan(0);
  });

  it('costs the same number of statements for 3 or 30 residents', async () => {
    const ids = all(subgraph, 'SELECT resident_id, household_id FROM health_records ORDER BY resident_id LIMIT 30') as { resident_id: string; household_id: string }[];
    const statementsFor = async (n: number) => {
      subgraph.counter.count = 0;
      const result = await run(TRACKER, auditor('220000000000'), { r: ids.slice(0, n).map((r) => ({ __typename: 'Resident', id: r.resident_id, household: { id: r.household_id } })) });
      expect(result.errors).toBeUndefined();
      return subgraph.counter.count;
    };
    const few = await statementsFor(3);
    expect(await statementsFor(30)).toBe(few);
    expect(few).toBeLessThanOrEqual(2); // records (row scope), log entries; reading the log is not itself logged
  });
});

describe('the access log', () => {
  it('chains every entry written by these reads, and refuses edits and deletions', async () => {
    await run(EVERYTHING_QUERY, staff('health', '220000000000'), residents(patientIn(V1).resident_id, elderIn(V2).resident_id));
    const verdict = createAccessLog(subgraph.sqlite).verify();
    expect(verdict.ok).toBe(true);
    expect(verdict.entries).toBeGreaterThan(5);
    expect(() => subgraph.sqlite.prepare("UPDATE access_log SET actor = 'nobody'").run()).toThrow(/append-only/);
    expect(() => subgraph.sqlite.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
  });

  it('appends one entry per resident in a constant number of statements, however many residents are read', async () => {
    const ids = all(subgraph, 'SELECT resident_id FROM elderly_care ORDER BY resident_id LIMIT 40').map((r) => r.resident_id as string);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { elderlyCare { dependencyLevel } } } }`;
    const statementsFor = async (n: number) => {
      const before = subgraph.accessLog().length;
      subgraph.counter.count = 0;
      await run(query, staff('health', '220000000000'), residents(...ids.slice(0, n)));
      const statements = subgraph.counter.count;
      expect(subgraph.accessLog().length - before).toBe(n);
      return statements;
    };
    const few = await statementsFor(4);
    expect(await statementsFor(40)).toBe(few);
    expect(few).toBe(2 + ACCESS_LOG_APPEND); // records (row scope), elderly care, the append
  });
});

describe('SQL injection in every string argument', () => {
  const PAYLOADS = ["' OR 1=1 --", '"; DROP TABLE health_records; --', "220112001201' UNION SELECT diagnosis FROM mental_health_patients --"];
  const tables = () => all(subgraph, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);

  it('answers BAD_USER_INPUT or a normal answer, never SQL text, and leaves the database intact', async () => {
    const before = { tables: tables(), records: all(subgraph, 'SELECT count(*) AS n FROM health_records')[0]!.n };
    const patient = patientIn(V1);
    const chronic = all(subgraph, "SELECT resident_id FROM chronic_conditions WHERE condition = 'HYPERTENSION' LIMIT 1")[0]!.resident_id as string;
    const reader = staff('health', '220000000000');
    for (const payload of PAYLOADS) {
      const v = { p: payload };
      const cases: [string, Record<string, unknown>][] = [
        ['query($p: ID!) { mentalHealthPatientsDue(within: $p) { totalCount } }', v],
        ['query($p: String) { mentalHealthPatientsDue(within: "220000000000", asOf: $p) { totalCount } }', v],
        ['query($p: String) { mentalHealthPatientsDue(within: "220000000000", after: $p) { totalCount } }', v],
        ['query($p: ID!) { elderlyCheckOverdue(within: $p) { totalCount } }', v],
        ['query($p: String) { elderlyCheckOverdue(within: "220000000000", asOf: $p) { totalCount } }', v],
        ['query($p: String) { elderlyCheckOverdue(within: "220000000000", after: $p) { totalCount } }', v],
        ['query($p: ID!) { chronicPatients(within: $p) { totalCount } }', v],
        ['query($p: String) { chronicPatients(within: "220000000000", after: $p) { totalCount } }', v],
        ['query($p: String) { chronicPatients(within: "220000000000", first: 1) { nodes { followUpCount(from: $p) } } }', v],
        ['query($p: String) { chronicPatients(within: "220000000000", first: 1) { nodes { followUpCount(to: $p) } } }', v],
        ['query($p: ID!) { villageDoctors(within: $p) { totalCount } }', v],
        ['query($p: String) { villageDoctors(within: "220000000000", after: $p) { totalCount } }', v],
        ['query($p: ID!) { familyDoctorContracts(within: $p) { totalCount } }', v],
        ['query($p: String) { familyDoctorContracts(within: "220000000000", from: $p) { totalCount } }', v],
        ['query($p: String) { familyDoctorContracts(within: "220000000000", to: $p) { totalCount } }', v],
        ['query($p: String) { familyDoctorContracts(within: "220000000000", after: $p) { totalCount } }', v],
        ['query($p: String) { mentalHealthPatientsDue(within: "220000000000", asOf: "2030-01-01", first: 1) { nodes { visitOverdue(asOf: $p) } } }', v],
        ['query($p: String) { elderlyCheckOverdue(within: "220000000000", first: 1) { nodes { checkOverdue(asOf: $p) } } }', v],
        [`query($p: String, $r: [_Any!]!) { _entities(representations: $r) { ... on Resident { chronicFollowUps(from: $p) { totalCount } } } }`, { ...v, ...residents(chronic) }],
        [`query($p: String, $r: [_Any!]!) { _entities(representations: $r) { ... on Resident { chronicFollowUps(to: $p) { totalCount } } } }`, { ...v, ...residents(chronic) }],
        [`query($p: String, $r: [_Any!]!) { _entities(representations: $r) { ... on Resident { chronicFollowUps(after: $p) { totalCount } } } }`, { ...v, ...residents(chronic) }],
        // Entity keys are strings too.
        ['query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id healthRecord { bloodType } mentalHealth { diagnosis } } } }', residents(payload)],
        [
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { healthAccessLog { actor } } } }',
          { r: [{ __typename: 'Resident', id: patient.resident_id, household: { id: payload } }] },
        ],
        ['query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { hasFamilyDoctorContract } } }', { r: [{ __typename: 'Household', id: payload }] }],
        ['query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { clinic { name } publicHealthCommittee { memberCount } healthStatistics { clinicCount } } } }', { r: [{ __typename: 'Region', code: payload }] }],
      ];
      for (const [query, variables] of cases) {
        const result = await run(query, { ...reader, scopes: ['audit:read'] }, variables);
        const label = `${query} ${payload}`;
        for (const code of codes(result)) expect(['BAD_USER_INPUT'], label).toContain(code);
        const text = JSON.stringify(result);
        expect(text, label).not.toMatch(/SQLITE|sqlite|syntax error|no such (table|column)|SqliteError/);
        expectNoDiagnosis(result);
        if (codes(result).length === 0) expect(result.data, label).toBeTruthy();
      }
      // The payload as a resident id just finds nobody.
      const nobody = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id healthRecord { bloodType } } } }', reader, residents(payload));
      expect(nobody).toEqual({ data: { _entities: [{ id: payload, healthRecord: null }] } });
    }
    expect(tables()).toEqual(before.tables);
    expect(all(subgraph, 'SELECT count(*) AS n FROM health_records')[0]!.n).toBe(before.records);
    expect(createAccessLog(subgraph.sqlite).verify().ok).toBe(true);
  });
});
