import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IDENTITY_HEADER,
  PUBLIC_IDENTITY,
  createAccessLog,
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  createRequestContextFactory,
  createSubgraphApollo,
  generateIdentityKeyPair,
  openDatabase,
  type Identity,
  type SqliteDatabase,
} from '@village-graph/shared';
import { TEST_ALL_ACCESS, createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { housing } from '../src/subgraph.ts';
import { ROLLUP_COLUMNS } from '../src/statistics.ts';
import { H, fill } from './fixture.ts';

/**
 * Who may see what, as housing itself enforces it (the gateway enforces the same schema rules in
 * front; housing must hold even when called directly). The fixture (fixture.ts):
 *
 * 220112001201 grid 001: D00001 A (H01) · D00002 D (H02) + R00001 POVERTY_MONITORED IN_PROGRESS 40000 · D00003 C (H02, old)
 *              grid 002: D00004 C (H03) + R00002 SUBSISTENCE_ALLOWANCE APPLIED
 * 220112001200 D00001 C (H04) · 220112002200 D00001 A (H05) + R00001 COMPLETED 42000 · 220212001200 D00001 D (H06) + R00001 REJECTED
 */
type Persona = Omit<Identity, 'requestId'>;
const persona = (overrides: Partial<Persona>): Persona => ({ ...PUBLIC_IDENTITY, ...overrides });

const RENOVATION_REVIEW = { purpose: 'RENOVATION_REVIEW', caseReference: 'RR-2022-17' } as const;
/** The renovation-sweep persona: county housing staff with a declared purpose. */
const HOUSING_STAFF = persona({ subject: 'county-housing-1', role: 'DEPARTMENT_STAFF', regions: ['220112000000'], departments: ['housing'], ...RENOVATION_REVIEW });
const HOUSING_STAFF_NO_PURPOSE = { ...HOUSING_STAFF, purpose: null, caseReference: null };
const CIVIL_STAFF = persona({
  subject: 'county-civil-1',
  role: 'DEPARTMENT_STAFF',
  regions: ['220112000000'],
  departments: ['civil-affairs'],
  purpose: 'ASSISTANCE_REVIEW',
  caseReference: 'AR-2022-3',
});
const GRID_WORKER = persona({ subject: 'grid-worker-1', role: 'GRID_WORKER', regions: ['220112001201001'] });
const CADRE = persona({ subject: 'cadre-1', role: 'VILLAGE_CADRE', regions: ['220112001201'] });
const ANALYST = persona({ subject: 'analyst-1', role: 'ANALYST', regions: ['220000000000'] });
const ADMINISTRATOR = persona({ subject: 'admin-1', role: 'ADMINISTRATOR' });
/** A member of household H02 (civil affairs knows the membership; housing learns it through @requires). */
const ME = `R${'0'.repeat(14)}a2`;
const SOMEONE_ELSE = `R${'0'.repeat(14)}b7`;
const RESIDENT = persona({ subject: 'resident-a2', role: 'RESIDENT', residentId: ME, purpose: 'DATA_SUBJECT_ACCESS', caseReference: 'DSA-2023-1' });
const AUDITOR = persona({ subject: 'auditor-1', role: 'DEPARTMENT_STAFF', regions: ['220112000000'], departments: ['civil-affairs'], scopes: ['audit:read'] });
const FAR_AUDITOR = { ...AUDITOR, subject: 'auditor-2', regions: ['220212000000'] };

/** Values the fixture's sensitive fields hold: none may appear in a refused answer. */
const SENSITIVE_OF_R00001 = ['POVERTY_MONITORED', 'IN_PROGRESS', '40000', '2022-04-01'];

type Result = Awaited<ReturnType<TestSubgraph['execute']>>;
const codes = (result: Result) => (result.errors ?? []).map((e) => e.extensions?.code);
const errorAt = (result: Result, path: (string | number)[]) => result.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
const expectAbsent = (result: Result, values: readonly string[]) => {
  const text = JSON.stringify(result);
  for (const value of values) expect(text, value).not.toContain(value);
};

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(housing, fill);
});
afterAll(() => subgraph.close());

const entities = (fragment: string, representations: unknown[], who: Persona) =>
  subgraph.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ${fragment} } }`, { r: representations }, {}, who);
const dwellingRef = (id: string) => ({ __typename: 'Dwelling', id });
const applicationRef = (id: string) => ({ __typename: 'RenovationApplication', id });
const householdRef = (n: number) => ({ __typename: 'Household', id: H(n), inAssistancePriorityGroup: false, isPovertyMonitored: true });

describe('callers without a verified identity get only public data', () => {
  let sqlite: SqliteDatabase;
  let run: (query: string, headers: Record<string, string>) => Promise<Result>;
  let signedBy: (privateKeyPem: string, who: Persona) => Promise<string>;
  let gatewayKey: string;
  let forgerKey: string;
  beforeAll(async () => {
    // The real runtime path: identity from the signed x-village-identity header, as the gateway sends it.
    sqlite = openDatabase({ path: ':memory:', migrationsFolder: housing.migrationsFolder });
    fill(sqlite);
    const apollo = createSubgraphApollo(housing, createLogger('housing', 'silent'));
    await apollo.start();
    const gateway = await generateIdentityKeyPair();
    const forger = await generateIdentityKeyPair();
    gatewayKey = gateway.privateKeyPem;
    forgerKey = forger.privateKeyPem;
    const contextFor = createRequestContextFactory(housing, sqlite, await createIdentityVerifier(gateway.publicKeyPem));
    let n = 0;
    run = async (query, headers) => {
      const response = await apollo.executeOperation({ query }, { contextValue: await contextFor({ headers, requestId: `forge-${++n}` }) });
      if (response.body.kind !== 'single') throw new Error('single result expected');
      return response.body.singleResult as Result;
    };
    signedBy = async (key, who) => (await createIdentitySigner(key))({ ...who, requestId: 'r' });
    return async () => {
      await apollo.stop();
      sqlite.close();
    };
  });

  const QUERY = `{
    transferStations(within: "220112000000") { totalCount }
    dangerousDwellings(within: "220112000000") { totalCount nodes { id structure safetyGrade } }
    renovationApplication(id: "220112001201-R00001") { id priorityGroup status subsidyYuan decidedOn }
    dwelling(id: "220112001201-D00002") { id structure }
  }`;

  it('serves the gateway-signed identity (the control case)', async () => {
    const result = await run(QUERY, { [IDENTITY_HEADER]: await signedBy(gatewayKey, HOUSING_STAFF) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ renovationApplication: { priorityGroup: 'POVERTY_MONITORED', subsidyYuan: 40000 }, dwelling: { structure: 'EARTH_WOOD' } });
  });

  it.each([
    ['a forged identity (signed with another key)', async () => ({ [IDENTITY_HEADER]: await signedBy(forgerKey, HOUSING_STAFF) })],
    ['a garbled identity', async () => ({ [IDENTITY_HEADER]: 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiQURNSU5JU1RSQVRPUiJ9.' })],
    ['no identity', async () => ({})],
  ])('treats %s as the public', async (_what, headers) => {
    const logged = () => sqlite.prepare('SELECT count(*) AS n FROM access_log').get();
    const before = logged();
    const result = await run(QUERY, await headers());
    expect(result.data).toEqual({ transferStations: { totalCount: 2 }, dangerousDwellings: null, renovationApplication: null, dwelling: null });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expectAbsent(result, [...SENSITIVE_OF_R00001, 'EARTH_WOOD', '-D0000']);
    expect(logged()).toEqual(before);
  });

  it('refuses the public every personal entity, also through _entities', async () => {
    const P = persona({});
    const results = [
      await entities('... on Dwelling { id structure safetyGrade }', [dwellingRef('220112001201-D00002')], P),
      await entities('... on RenovationApplication { id method appliedOn }', [applicationRef('220112001201-R00001')], P),
      await entities('... on Household { dwelling { id } dwellings { id } renovationPriority }', [householdRef(2)], P),
      await entities('... on Resident { homeDwelling { id } housingAccessLog { at } }', [{ __typename: 'Resident', id: ME, household: { id: H(2) } }], P),
    ];
    for (const result of results) {
      expect(codes(result).length).toBeGreaterThan(0);
      expect(codes(result).every((c) => c === 'FORBIDDEN')).toBe(true);
      // (Error messages name the id the caller asked about, nothing else.)
      expectAbsent(result, [...SENSITIVE_OF_R00001, 'EARTH_WOOD', 'D00001', 'D00003', 'REBUILD', '2022-03-01']);
    }
  });

  it('refuses analysts personal rows too (aggregates only)', async () => {
    const list = await subgraph.execute('{ dangerousDwellings(within: "220000000000") { totalCount nodes { id } } }', {}, {}, ANALYST);
    expect(list.data).toEqual({ dangerousDwellings: null });
    expect(list.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    const entity = await entities('... on Dwelling { id safetyGrade }', [dwellingRef('220112001201-D00002')], ANALYST);
    expect(codes(entity)).toEqual(['FORBIDDEN']);
    expectAbsent(entity, ['-D00002"']);
  });
});

describe('grid workers see their own grid only', () => {
  it('lists only the dangerous dwellings of their grids, and only within their village', async () => {
    const result = await subgraph.execute<{ dangerousDwellings: { totalCount: number; nodes: { id: string; safetyGrade: string }[] } }>(
      '{ dangerousDwellings(within: "220112001201") { totalCount nodes { id safetyGrade } } }',
      {},
      {},
      GRID_WORKER,
    );
    expect(result.errors).toBeUndefined();
    // D00004 (C) lies in grid 002 of the same village: not theirs.
    expect(result.data!.dangerousDwellings).toEqual({ totalCount: 2, nodes: [{ id: '220112001201-D00002', safetyGrade: 'D' }, { id: '220112001201-D00003', safetyGrade: 'C' }] });

    const township = await subgraph.execute('{ dangerousDwellings(within: "220112001000") { totalCount } }', {}, {}, GRID_WORKER);
    expect(township.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    const otherGrid = await subgraph.execute('{ dangerousDwellings(within: "220112001201", grid: "220112001201002") { totalCount nodes { id } } }', {}, {}, GRID_WORKER);
    expect(otherGrid.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'grid' });
    expectAbsent(otherGrid, ['D00004']);
  });

  it("refuses another grid's or village's dwellings and households", async () => {
    const otherGrid = await entities('... on Dwelling { id buildYear floorAreaSquareMeters }', [dwellingRef('220112001201-D00004')], GRID_WORKER);
    expect(otherGrid.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('outside your area') });
    expectAbsent(otherGrid, ['1988', '75']);
    // Another village: refused from the id's village code, before anything is looked up.
    subgraph.counter.count = 0;
    const otherVillage = await entities('... on Dwelling { id safetyGrade }', [dwellingRef('220112001200-D00001')], GRID_WORKER);
    expect(codes(otherVillage)).toEqual(['FORBIDDEN']);
    expect(subgraph.counter.count).toBe(0);

    const households = await entities('... on Household { id renovationPriority dwelling { id safetyGrade } }', [householdRef(2), householdRef(3), householdRef(4)], GRID_WORKER);
    expect(households.data!._entities).toEqual([
      { id: H(2), renovationPriority: true, dwelling: { id: '220112001201-D00002', safetyGrade: 'D' } },
      { id: H(3), renovationPriority: null, dwelling: null },
      { id: H(4), renovationPriority: null, dwelling: null },
    ]);
    expect(households.errors!.map((e) => [e.path?.slice(1).join('.'), e.extensions?.code])).toEqual(
      expect.arrayContaining([['1.renovationPriority', 'FORBIDDEN'], ['1.dwelling', 'FORBIDDEN'], ['2.renovationPriority', 'FORBIDDEN'], ['2.dwelling', 'FORBIDDEN']]),
    );
    expectAbsent(households, ['D00004', '220112001200-D']);
  });

  it("sees their grid's applications but not their priority group, status or subsidy (housing's sensitive fields)", async () => {
    const result = await subgraph.execute<{ renovationApplications: { nodes: Record<string, unknown>[] } }>(
      '{ renovationApplications(within: "220112001201") { totalCount nodes { id method appliedOn priorityGroup status subsidyYuan } } }',
      {},
      {},
      { ...GRID_WORKER, ...RENOVATION_REVIEW },
    );
    expect(result.data!.renovationApplications.nodes).toEqual([{ id: '220112001201-R00001', method: 'REBUILD', appliedOn: '2022-03-01', priorityGroup: null, status: null, subsidyYuan: null }]);
    expect(new Set(codes(result))).toEqual(new Set(['FORBIDDEN']));
    expectAbsent(result, [...SENSITIVE_OF_R00001, 'R00002']);
  });
});

describe('village cadres see their own village', () => {
  it('lists their village and nothing wider', async () => {
    const own = await subgraph.execute<{ dangerousDwellings: { nodes: { id: string }[] } }>('{ dangerousDwellings(within: "220112001201") { nodes { id } } }', {}, {}, CADRE);
    expect(own.data!.dangerousDwellings.nodes.map((n) => n.id)).toEqual(['220112001201-D00002', '220112001201-D00003', '220112001201-D00004']);
    const wider = await subgraph.execute('{ renovationApplications(within: "220112000000") { totalCount } }', {}, {}, CADRE);
    expect(wider.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    const elsewhere = await subgraph.execute('{ dwelling(id: "220112002200-D00001") { id structure } }', {}, {}, CADRE);
    expect(elsewhere.data).toEqual({ dwelling: null });
    expect(codes(elsewhere)).toEqual(['FORBIDDEN']);
    expectAbsent(elsewhere, ['STEEL_FRAME']);
  });
});

describe("a renovation application's sensitive fields: housing staff or the resident, with a declared purpose", () => {
  const QUERY = '{ renovationApplication(id: "220112001201-R00001") { id method priorityGroup status subsidyYuan decidedOn completedOn } }';

  it("refuses another department's staff, even in their area and with a purpose", async () => {
    const before = subgraph.accessLog().length;
    const result = await subgraph.execute(QUERY, {}, {}, CIVIL_STAFF);
    expect(result.data).toEqual({
      renovationApplication: { id: '220112001201-R00001', method: 'REBUILD', priorityGroup: null, status: null, subsidyYuan: null, decidedOn: null, completedOn: null },
    });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(errorAt(result, ['renovationApplication', 'priorityGroup'])!.message).toContain('department:housing');
    expectAbsent(result, SENSITIVE_OF_R00001);
    expect(subgraph.accessLog().length).toBe(before);
  });

  it('refuses housing staff without a declared purpose with PURPOSE_REQUIRED', async () => {
    const before = subgraph.accessLog().length;
    const result = await subgraph.execute(QUERY, {}, {}, HOUSING_STAFF_NO_PURPOSE);
    expect(codes(result)).toEqual(['PURPOSE_REQUIRED', 'PURPOSE_REQUIRED', 'PURPOSE_REQUIRED', 'PURPOSE_REQUIRED', 'PURPOSE_REQUIRED']);
    expectAbsent(result, SENSITIVE_OF_R00001);
    expect(subgraph.accessLog().length).toBe(before);
  });

  it('serves housing staff with a purpose and logs the read against the household', async () => {
    const before = subgraph.accessLog().length;
    const result = await subgraph.execute(QUERY, {}, {}, HOUSING_STAFF);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      renovationApplication: { id: '220112001201-R00001', method: 'REBUILD', priorityGroup: 'POVERTY_MONITORED', status: 'IN_PROGRESS', subsidyYuan: 40000, decidedOn: '2022-04-01', completedOn: null },
    });
    const added = subgraph.accessLog().slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        residentId: H(2),
        actor: 'county-housing-1',
        role: 'DEPARTMENT_STAFF',
        purpose: 'RENOVATION_REVIEW',
        caseReference: 'RR-2022-17',
        fields: ['completedOn', 'decidedOn', 'priorityGroup', 'status', 'subsidyYuan'],
      }),
    ]);
  });

  it('refuses housing staff outside their county', async () => {
    const result = await subgraph.execute('{ renovationApplication(id: "220212001200-R00001") { id status } }', {}, {}, HOUSING_STAFF);
    expect(result.data).toEqual({ renovationApplication: null });
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('outside your area') });
    expectAbsent(result, ['REJECTED', 'LOW_INCOME_MARGINAL']);
    const list = await subgraph.execute('{ renovationApplications(within: "220212000000") { totalCount } }', {}, {}, HOUSING_STAFF);
    expect(list.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
  });

  it('treats filtering by status or priority group as reading them', async () => {
    const query = 'query($s: RenovationStatus, $g: RenovationPriorityGroup) { renovationApplications(within: "220112000000", status: $s, priorityGroup: $g) { totalCount nodes { id } } }';
    const civil = await subgraph.execute(query, { s: 'APPLIED' }, {}, CIVIL_STAFF);
    expect(civil.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'status' });
    expectAbsent(civil, ['R00002']);
    const noPurpose = await subgraph.execute(query, { g: 'SUBSISTENCE_ALLOWANCE' }, {}, HOUSING_STAFF_NO_PURPOSE);
    expect(noPurpose.errors![0]!.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', argument: 'priorityGroup' });
    expectAbsent(noPurpose, ['R00002']);

    const before = subgraph.accessLog().length;
    const allowed = await subgraph.execute(query, { g: 'SUBSISTENCE_ALLOWANCE' }, {}, HOUSING_STAFF);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ renovationApplications: { totalCount: 1, nodes: [{ id: '220112001201-R00002' }] } });
    expect(subgraph.accessLog().slice(before)).toEqual([expect.objectContaining({ residentId: H(3), fields: ['priorityGroup'], purpose: 'RENOVATION_REVIEW' })]);
  });

  it('answers the renovation sweep for county housing staff, logging each household whose application it read', async () => {
    const before = subgraph.accessLog().length;
    const sweep = await subgraph.execute<{ dangerousDwellings: { nodes: { id: string; renovation: unknown }[] } }>(
      `{ dangerousDwellings(within: "220112000000", grades: [C, D], first: 100) { totalCount nodes { id safetyGrade household { id } renovation { status priorityGroup method } } } }`,
      {},
      {},
      HOUSING_STAFF,
    );
    expect(sweep.errors).toBeUndefined();
    expect(sweep.data!.dangerousDwellings.nodes.map((n) => [n.id, n.renovation])).toEqual([
      ['220112001200-D00001', null],
      ['220112001201-D00002', { status: 'IN_PROGRESS', priorityGroup: 'POVERTY_MONITORED', method: 'REBUILD' }],
      ['220112001201-D00003', null],
      ['220112001201-D00004', { status: 'APPLIED', priorityGroup: 'SUBSISTENCE_ALLOWANCE', method: 'REPAIR' }],
    ]);
    expect(subgraph.accessLog().slice(before).map((e) => [e.residentId, e.fields])).toEqual([
      [H(2), ['priorityGroup', 'status']],
      [H(3), ['priorityGroup', 'status']],
    ]);
    // The second hop of the sweep: the households' yes/no priority, from civil affairs' and agriculture's yes/no answers.
    const priority = await entities('... on Household { id renovationPriority }', [householdRef(2), { __typename: 'Household', id: H(4), inAssistancePriorityGroup: false, isPovertyMonitored: false }], HOUSING_STAFF);
    expect(priority.errors).toBeUndefined();
    expect(priority.data!._entities).toEqual([{ id: H(2), renovationPriority: true }, { id: H(4), renovationPriority: false }]);
  });
});

describe('residents see their own household, reached through Resident.homeDwelling', () => {
  const me = { __typename: 'Resident', id: ME, household: { id: H(2) } };
  const HOME = '... on Resident { id homeDwelling { id safetyGrade renovation { id status priorityGroup subsidyYuan } } }';

  it("serves a resident their household's dwelling and application, and logs the read", async () => {
    const before = subgraph.accessLog().length;
    const result = await entities(HOME, [me], RESIDENT);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: ME,
        homeDwelling: { id: '220112001201-D00002', safetyGrade: 'D', renovation: { id: '220112001201-R00001', status: 'IN_PROGRESS', priorityGroup: 'POVERTY_MONITORED', subsidyYuan: 40000 } },
      },
    ]);
    expect(subgraph.accessLog().slice(before)).toEqual([
      expect.objectContaining({ residentId: H(2), role: 'RESIDENT', actor: 'resident-a2', purpose: 'DATA_SUBJECT_ACCESS', caseReference: 'DSA-2023-1', fields: ['priorityGroup', 'status', 'subsidyYuan'] }),
    ]);
  });

  it('refuses a resident anybody else, and any other way in', async () => {
    const other = await entities(HOME, [{ __typename: 'Resident', id: SOMEONE_ELSE, household: { id: H(3) } }], RESIDENT);
    expect(other.data!._entities).toEqual([{ id: SOMEONE_ELSE, homeDwelling: null }]);
    expect(other.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('not you') });
    expectAbsent(other, ['D00004', 'SUBSISTENCE_ALLOWANCE', 'APPLIED']);
    // Housing cannot tell from a household id alone whose household it is.
    const household = await entities('... on Household { dwelling { id } dwellings { id } }', [householdRef(2)], RESIDENT);
    expect(new Set(codes(household))).toEqual(new Set(['FORBIDDEN']));
    const root = await subgraph.execute('{ dwelling(id: "220112001201-D00002") { id } renovationApplication(id: "220112001201-R00001") { status } }', {}, {}, RESIDENT);
    expect(root.data).toEqual({ dwelling: null, renovationApplication: null });
    expect(codes(root)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const list = await subgraph.execute('{ dangerousDwellings(within: "220112001201") { totalCount } }', {}, {}, RESIDENT);
    expect(list.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    expectAbsent(root, SENSITIVE_OF_R00001);
  });

  it('requires a declared purpose from a resident too', async () => {
    const result = await entities(HOME, [me], { ...RESIDENT, purpose: null, caseReference: null });
    expect(new Set(codes(result))).toEqual(new Set(['PURPOSE_REQUIRED']));
    expectAbsent(result, SENSITIVE_OF_R00001);
  });
});

describe('the data tracker: Resident.housingAccessLog', () => {
  const LOG = '... on Resident { id housingAccessLog { department at actor role purpose caseReference subjectId fields requestId } }';
  const me = { __typename: 'Resident', id: ME, household: { id: H(2) } };

  it("gives a resident housing's entries about them and their household, oldest first", async () => {
    await subgraph.execute('{ renovationApplication(id: "220112001201-R00001") { subsidyYuan } }', {}, {}, HOUSING_STAFF);
    const result = await entities(LOG, [me], RESIDENT);
    expect(result.errors).toBeUndefined();
    const entries = (result.data!._entities as { housingAccessLog: { at: string; subjectId: string; actor: string; fields: string[]; requestId: string }[] }[])[0]!.housingAccessLog;
    const stored = subgraph.accessLog().filter((e) => e.residentId === H(2) || e.residentId === ME);
    expect(entries.length).toBe(stored.length);
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.map((e) => e.requestId)).toEqual(stored.map((e) => e.requestId));
    expect([...entries.map((e) => e.at)].sort()).toEqual(entries.map((e) => e.at));
    expect(entries.at(-1)).toEqual({
      department: 'housing',
      at: expect.any(String),
      actor: 'county-housing-1',
      role: 'DEPARTMENT_STAFF',
      purpose: 'RENOVATION_REVIEW',
      caseReference: 'RR-2022-17',
      subjectId: H(2),
      fields: ['subsidyYuan'],
      requestId: expect.any(String),
    });
  });

  it("refuses a resident someone else's log", async () => {
    const result = await entities(LOG, [{ __typename: 'Resident', id: SOMEONE_ELSE, household: { id: H(2) } }], RESIDENT);
    expect(result.data!._entities).toEqual([{ id: SOMEONE_ELSE, housingAccessLog: null }]);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expectAbsent(result, ['county-housing-1']);
  });

  it('serves audit:read holders in whose area the household lives, and nobody else', async () => {
    const auditor = await entities(LOG, [me, { __typename: 'Resident', id: SOMEONE_ELSE, household: { id: H(99) } }], AUDITOR);
    expect(auditor.errors).toBeUndefined();
    const [mine, nobody] = auditor.data!._entities as { housingAccessLog: unknown[] }[];
    expect(mine!.housingAccessLog.length).toBeGreaterThan(0);
    expect(nobody!.housingAccessLog).toEqual([]); // a household with no dwelling has nothing in housing's log

    for (const [who, code] of [
      [FAR_AUDITOR, 'FORBIDDEN'],
      [HOUSING_STAFF, 'FORBIDDEN'], // no audit:read
      [persona({}), 'FORBIDDEN'],
    ] as const) {
      const refused = await entities(LOG, [me], who);
      expect(codes(refused), who.subject).toEqual([code]);
      expectAbsent(refused, ['county-housing-1', 'RENOVATION_REVIEW']);
    }
  });

  it('reads the logs of 3 or 30 residents with the same number of statements', async () => {
    const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Resident', id: `R${String(i).padStart(16, '0')}`, household: { id: H((i % 6) + 1) } }));
    const counts: number[] = [];
    for (const n of [3, 30]) {
      subgraph.counter.count = 0;
      const result = await entities(LOG, refs(n), AUDITOR);
      expect(codes(result).every((c) => c === 'FORBIDDEN')).toBe(true); // H06 lies in another county
      counts.push(subgraph.counter.count);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('SQL injection in every string argument', () => {
  const INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE dwellings; --', "220112000000' OR '1'='1", '1); DELETE FROM access_log; --', '%', '\\', '220112001201-D00001\' --'];
  const ROOT_CASES = [
    'query($s: ID!) { dwelling(id: $s) { id } }',
    'query($s: ID!) { renovationApplication(id: $s) { id } }',
    'query($s: ID!) { dangerousDwellings(within: $s) { totalCount } }',
    'query($s: ID) { dangerousDwellings(within: "220112000000", grid: $s) { totalCount } }',
    'query($s: String) { dangerousDwellings(within: "220112000000", after: $s) { totalCount } }',
    'query($s: ID!) { renovationApplications(within: $s) { totalCount } }',
    'query($s: ID) { renovationApplications(within: "220112000000", grid: $s) { totalCount } }',
    'query($s: String) { renovationApplications(within: "220112000000", from: $s) { totalCount } }',
    'query($s: String) { renovationApplications(within: "220112000000", to: $s) { totalCount } }',
    'query($s: String) { renovationApplications(within: "220112000000", after: $s) { totalCount } }',
    'query($s: ID!) { transferStations(within: $s) { totalCount } }',
    'query($s: String) { transferStations(within: "220112000000", after: $s) { totalCount } }',
  ];
  const ENTITY_CASES: [string, (s: string) => unknown][] = [
    ['... on Dwelling { id }', (s) => ({ __typename: 'Dwelling', id: s })],
    ['... on RenovationApplication { id }', (s) => ({ __typename: 'RenovationApplication', id: s })],
    ['... on Household { id dwelling { id } dwellings { id } renovationPriority }', (s) => ({ __typename: 'Household', id: s, inAssistancePriorityGroup: true, isPovertyMonitored: null })],
    ['... on Region { code garbageCollection { covered } sewageTreatment { working } villageAppearance { greeningRate } housingStatistics { dwellingCount } }', (s) => ({ __typename: 'Region', code: s })],
    ['... on Resident { id homeDwelling { id } housingAccessLog { at } }', (s) => ({ __typename: 'Resident', id: s, household: { id: s } })],
  ];
  const tableCounts = () =>
    Object.fromEntries(['dwellings', 'renovation_applications', 'transfer_stations', 'garbage_services', 'region_statistics'].map((t) => [t, (subgraph.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

  const expectHarmless = (result: Result, label: string) => {
    for (const error of result.errors ?? []) expect(error.extensions?.code, label).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result), label).not.toMatch(/SQLITE|syntax error|no such (table|column)|near "|INTERNAL_SERVER_ERROR/i);
  };

  it('answers BAD_USER_INPUT or a normal answer, never SQL text or a crash, and changes nothing', async () => {
    const before = tableCounts();
    for (const s of INJECTIONS) {
      for (const query of ROOT_CASES) expectHarmless(await subgraph.execute(query, { s }), `${query} ← ${s}`);
      for (const [fragment, ref] of ENTITY_CASES) {
        const result = await entities(fragment, [ref(s)], TEST_ALL_ACCESS);
        expect(result.errors, `${fragment} ← ${s}`).toBeUndefined();
        expectHarmless(result, `${fragment} ← ${s}`);
      }
    }
    expect(tableCounts()).toEqual(before);
    expect(createAccessLog(subgraph.sqlite).verify()).toMatchObject({ ok: true });
  });
});

describe('small-cell suppression of household counts for the public and analysts', () => {
  /**
   * Township 220112001000: villages 201 (3 dwellings), 202 (40) and 203 (50, of which 2 grade C,
   * and 2 renovation applications); township 220112002000: villages 201 (60) and 202 (70).
   */
  let statistics: TestSubgraph;
  beforeAll(async () => {
    statistics = await createTestSubgraph(housing, (sqlite) => {
      const insert = sqlite.prepare(
        `INSERT INTO region_statistics (region_code, ${ROLLUP_COLUMNS.join(', ')}) VALUES (@region_code, ${ROLLUP_COLUMNS.map((c) => `@${c}`).join(', ')})`,
      );
      const zero = Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0]));
      const village = (code: string, values: Record<string, number>) =>
        insert.run({ ...zero, rural_villages: 1, villages_with_garbage_collection: 1, garbage_bins: 2, floor_area_sum: 80 * (values.dwellings ?? 0), ...values, region_code: code });
      village('220112001201', { dwellings: 3, grade_a: 3 });
      village('220112001202', { dwellings: 40, grade_a: 30, grade_b: 10 });
      village('220112001203', {
        dwellings: 50,
        grade_a: 40,
        grade_b: 8,
        grade_c: 2,
        renovation_applications: 2,
        renovations_applied: 1,
        renovations_approved: 1,
        renovation_subsidy_total: 30000,
      });
      village('220112002201', { dwellings: 60, grade_a: 50, grade_b: 10 });
      village('220112002202', { dwellings: 70, grade_a: 60, grade_b: 10 });
    });
  });
  afterAll(() => statistics.close());

  const FIELDS = `ruralVillageCount garbageBinCount dwellingCount averageFloorAreaSquareMeters gradeADwellingCount gradeCDwellingCount dangerousDwellingCount
    dangerousDwellingRate renovationApplicationCount renovationsPending renovationSubsidyTotal`;
  const ask = async (codes: string[], who: Persona) => {
    const result = await statistics.execute<{ _entities: { code: string; housingStatistics: Record<string, number | null> }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code housingStatistics { ${FIELDS} } } } }`,
      { r: codes.map((code) => ({ __typename: 'Region', code })) },
      {},
      who,
    );
    return { result, byCode: Object.fromEntries(result.data!._entities.map((e) => [e.code, e.housingStatistics])) };
  };
  const VILLAGES = ['220112001201', '220112001202', '220112001203', '220112002201', '220112002202'];

  it.each([
    ['the public', persona({})],
    ['an analyst', ANALYST],
  ])('withholds small household counts from %s, and what would reveal them by subtraction', async (_who, who) => {
    const { result, byCode } = await ask([...VILLAGES, '220112001000', '220112002000', '220112000000'], who);
    // Village 201 has 3 dwellings: suppressed, with its grade breakdown and mean floor area.
    expect(byCode['220112001201']).toMatchObject({ dwellingCount: null, averageFloorAreaSquareMeters: null, gradeADwellingCount: null, dangerousDwellingRate: null });
    // Complementary: the township (93) and village 203 (50) are shown, so village 202 (40) must go too, or 93 − 50 − 40 = 3.
    expect(byCode['220112001202']!.dwellingCount).toBeNull();
    expect(byCode['220112001203']!.dwellingCount).toBe(50);
    expect(byCode['220112001000']!.dwellingCount).toBe(93);
    // Village 203: 2 grade-C dwellings hide the whole grade breakdown (dwellings − A − B would give C); 2 applications hide the stages and the subsidy.
    expect(byCode['220112001203']).toMatchObject({
      gradeADwellingCount: null,
      gradeCDwellingCount: null,
      dangerousDwellingCount: null,
      dangerousDwellingRate: null,
      renovationApplicationCount: null,
      renovationsPending: null,
      renovationSubsidyTotal: null,
    });
    // The township's 2 applications cannot hide among its villages (the others have none): it goes too, and so up the tree.
    expect(byCode['220112001000']).toMatchObject({ renovationApplicationCount: null, gradeCDwellingCount: null });
    expect(byCode['220112000000']).toMatchObject({ renovationApplicationCount: null, dwellingCount: 223 });
    // Zero is shown ("nobody here" identifies nobody); villages and facilities are never suppressed.
    expect(byCode['220112002201']).toMatchObject({ dwellingCount: 60, gradeADwellingCount: 50, renovationApplicationCount: 0, renovationsPending: 0, ruralVillageCount: 1, garbageBinCount: 2 });
    expect(byCode['220112001201']).toMatchObject({ ruralVillageCount: 1, garbageBinCount: 2, renovationApplicationCount: 0 });
    // Each withheld field is an error with its path and reason.
    const suppressed = result.errors!.map((e) => e.path!.slice(1));
    expect(suppressed).toEqual(expect.arrayContaining([[0, 'housingStatistics', 'dwellingCount'], [1, 'housingStatistics', 'dwellingCount']]));
    expect(result.errors!.every((e) => e.extensions?.code === 'SUPPRESSED' && e.extensions?.reason === 'SMALL_CELL')).toBe(true);
    expect(JSON.stringify(result)).not.toContain('30000');

    // The decision depends on the data, not on the question: asked alone, village 202 is still withheld.
    expect((await ask(['220112001202'], who)).byCode['220112001202']!.dwellingCount).toBeNull();
  });

  it('shows everything to staff, grid workers and administrators', async () => {
    for (const who of [HOUSING_STAFF, GRID_WORKER, ADMINISTRATOR]) {
      const { result, byCode } = await ask(VILLAGES, who);
      expect(result.errors, who.subject).toBeUndefined();
      expect(byCode['220112001201']).toMatchObject({ dwellingCount: 3, gradeADwellingCount: 3 });
      expect(byCode['220112001203']).toMatchObject({ gradeCDwellingCount: 2, renovationApplicationCount: 2, renovationSubsidyTotal: 30000 });
    }
  });

  it('decides for 3 or 30 regions with the same number of statements', async () => {
    const counts: number[] = [];
    for (const n of [3, 30]) {
      statistics.counter.count = 0;
      await ask(Array.from({ length: n }, (_, i) => VILLAGES[i % VILLAGES.length]!.slice(0, 9) + String(201 + i)), persona({}));
      counts.push(statistics.counter.count);
    }
    expect(counts).toEqual([2, 2]); // the rollup sums and the guard, one statement each
  });
});

describe("housing's access log", () => {
  it('stays a verifiable chain after the reads above, and refuses to be edited', () => {
    const entries = subgraph.accessLog();
    expect(entries.length).toBeGreaterThan(5);
    expect(createAccessLog(subgraph.sqlite).verify()).toEqual({ ok: true, entries: entries.length });
    expect(() => subgraph.sqlite.prepare("UPDATE access_log SET purpose = 'STATISTICS'").run()).toThrow(/append-only/);
    expect(() => subgraph.sqlite.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
  });
});
