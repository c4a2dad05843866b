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
} from '@village-graph/shared';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { justice } from '../src/subgraph.ts';
import { protectSums, type PeopleColumn } from '../src/statistics.ts';
import { DISPUTES, V1, V2, V3, fillFixture } from './fixture.ts';

/**
 * Who may see what in justice, asked of the department directly (no gateway): every refusal has
 * its code and leaves no protected value anywhere in the response; every allowed sensitive read is
 * in the hash-chained access log with purpose, case reference and fields.
 */

type Persona = Omit<Identity, 'requestId'>;
const person = (overrides: Partial<Persona>): Persona => ({ ...PUBLIC_IDENTITY, ...overrides });

const T1 = '220112001000'; // township of V1 and V2
const T2 = '220112002000'; // township of V3
const COUNTY = '220112000000';
const PROVINCE = '220000000000';

const PUBLIC = person({});
const ANALYST = person({ subject: 'analyst-1', role: 'ANALYST' });
const ADMIN = person({ subject: 'admin-1', role: 'ADMINISTRATOR' });
const withPurpose = { purpose: 'CASE_HANDLING' as const, caseReference: 'MED-2022-17' };
const JUSTICE_CLERK = person({ subject: 'justice-clerk', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['justice'], ...withPurpose });
const JUSTICE_CLERK_NO_PURPOSE = person({ ...JUSTICE_CLERK, purpose: null, caseReference: null });
const JUSTICE_CLERK_T2 = person({ ...JUSTICE_CLERK, subject: 'justice-clerk-t2', regions: [T2] });
const CIVIL_CLERK = person({ subject: 'civil-clerk', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'], scopes: ['id-number:full'], purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-1' });
const HEALTH_CLERK = person({ subject: 'health-clerk', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'], purpose: 'FOLLOW_UP_VISIT', caseReference: 'FU-1' });
const CADRE_V1 = person({ subject: 'cadre-v1', role: 'VILLAGE_CADRE', regions: [V1] });
const GRID_V1_001 = person({ subject: 'worker-v1-001', role: 'GRID_WORKER', regions: [`${V1}001`] });
const GRID_V3_001 = person({ subject: 'worker-v3-001', role: 'GRID_WORKER', regions: [`${V3}001`] });
const resident = (id: string, purpose = true) =>
  person({ subject: `resident-${id}`, role: 'RESIDENT', residentId: id, ...(purpose ? { purpose: 'DATA_SUBJECT_ACCESS' as const, caseReference: `SAR-${id}` } : {}) });
const AUDITOR_T1 = person({ subject: 'auditor-t1', role: 'DEPARTMENT_STAFF', regions: [T1], departments: ['civil-affairs'], scopes: ['audit:read'] });
const AUDITOR_T2 = person({ ...AUDITOR_T1, subject: 'auditor-t2', regions: [T2] });
/** Province-wide administrator working for justice, with the audit scope and a purpose. */
const SUPERVISOR = person({ subject: 'supervisor', role: 'ADMINISTRATOR', departments: ['justice'], scopes: ['audit:read'], ...withPurpose });

/** Values no unauthorized response may contain anywhere (ids of people, categories, texts). */
const PROTECTED = {
  correction: ['PROBATION', 'PAROLE', `${V1}-C001`, `${V3}-C001`, '2021-06-01'],
  placement: [`${V2}-P001`, `${V3}-P001`, 'LOST_CONTACT', '2027-11-01'],
  legalAid: [`${V1}-A2021001`, 'WAGE_ARREARS', 'SUPPORT_PAYMENTS', 'TRAFFIC_ACCIDENT'],
  parties: ['"R1"', '"R2"', '"R3"', '"R4"', '"H1"', '"H2"', 'APPLICANT', 'RESPONDENT'],
  details: ['承包地', '家庭琐事', '院墙', '赔偿争议', '确权证书', 'PEOPLES_COURT', 'FULFILLED'],
};
const ALL_PROTECTED = Object.values(PROTECTED).flat();

const expectNone = (result: unknown, values: readonly string[]) => {
  const text = JSON.stringify(result);
  for (const value of values) expect(text, `response contains ${value}`).not.toContain(value);
};
const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);
const refs = (typename: string, key: string, values: unknown[]) => values.map((value) => ({ __typename: typename, [key]: value }));
const ENTITIES = (fragment: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${fragment} } }`;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(justice, fillFixture);
});
afterAll(() => subgraph.close());

const as = (identity: Persona, query: string, variables?: Record<string, unknown>) => subgraph.execute<Record<string, any>>(query, variables, {}, identity);

/** Every personal entry point at once, for callers who should get none of it. */
const EVERYTHING_PERSONAL = `query($regions: [_Any!]!, $residents: [_Any!]!, $households: [_Any!]!, $disputes: [_Any!]!) {
  dispute(id: "${DISPUTES.D1}") { id parties { role resident { id } } summary }
  disputes(within: "${COUNTY}") { totalCount nodes { id parties { resident { id } } summary } }
  communityCorrections(within: "${COUNTY}") { totalCount nodes { id type status startsOn resident { id } } }
  legalAidCases(within: "${COUNTY}") { totalCount nodes { id type applicant { id } } }
  postReleasePlacements(within: "${COUNTY}") { totalCount nodes { id placementStatus assistanceEndsOn resident { id } } }
  regions: _entities(representations: $regions) { ... on Region { code mediationCommittee { name } openDisputes { totalCount nodes { id parties { resident { id } } } } } }
  residents: _entities(representations: $residents) { ... on Resident {
    disputes { totalCount nodes { id summary parties { role household { id } } } }
    communityCorrection { id type status startsOn }
    postReleasePlacement { id placementStatus assistanceEndsOn }
    legalAidCases { totalCount nodes { id type } } } }
  households: _entities(representations: $households) { ... on Household { openDisputeCount disputes { totalCount nodes { id parties { role } agreement { text } } } } }
  disputeRefs: _entities(representations: $disputes) { ... on Dispute { id summary referredTo followUp { outcome } parties { role } } }
}`;
const EVERYTHING_VARIABLES = {
  regions: refs('Region', 'code', [V1, T1]),
  residents: refs('Resident', 'id', ['R1', 'R4', 'R6', 'R7']),
  households: refs('Household', 'id', ['H1', 'H2']),
  disputes: refs('Dispute', 'id', [DISPUTES.D1, DISPUTES.D4]),
};

describe('callers without a signed identity', () => {
  const keys = { gateway: null as Awaited<ReturnType<typeof generateIdentityKeyPair>> | null, forger: null as Awaited<ReturnType<typeof generateIdentityKeyPair>> | null };
  let run: (headers: Record<string, string>) => Promise<{ data?: Record<string, any> | null; errors?: readonly { extensions?: Record<string, unknown> }[] }>;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // The real runtime path: the department verifies the gateway's signature itself.
    keys.gateway = await generateIdentityKeyPair();
    keys.forger = await generateIdentityKeyPair();
    const sqlite = openDatabase({ path: ':memory:', migrationsFolder: justice.migrationsFolder });
    fillFixture(sqlite);
    const apollo = createSubgraphApollo(justice, createLogger('justice', 'silent'));
    await apollo.start();
    const contextFor = createRequestContextFactory(justice, sqlite, await createIdentityVerifier(keys.gateway.publicKeyPem));
    let n = 0;
    run = async (headers) => {
      const requestId = `forged-${++n}`;
      const response = await apollo.executeOperation({ query: EVERYTHING_PERSONAL, variables: EVERYTHING_VARIABLES }, { contextValue: await contextFor({ headers, requestId }) });
      if (response.body.kind !== 'single') throw new Error('single result expected');
      return response.body.singleResult as never;
    };
    stop = async () => {
      await apollo.stop();
      sqlite.close();
    };
  });
  afterAll(() => stop?.());

  it('get only public data when the identity is absent or forged', async () => {
    const forged = await (await createIdentitySigner(keys.forger!.privateKeyPem))({ ...JUSTICE_CLERK, requestId: 'x' });
    const attempts: Record<string, string>[] = [{}, { [IDENTITY_HEADER]: forged }, { [IDENTITY_HEADER]: 'not-a-token' }];
    for (const headers of attempts) {
      const result = await run(headers);
      expectNone(result, ALL_PROTECTED);
      expect(result.data!.dispute).toBeNull();
      expect(result.data!.disputes).toBeNull();
      expect(result.data!.communityCorrections).toBeNull();
      // Public facts still answer.
      expect(result.data!.regions[0].mediationCommittee).toEqual({ name: '永红村人民调解委员会' });
      expect(new Set(codes(result))).toEqual(new Set(['FORBIDDEN']));
    }
  });

  it('serve the same identity when the gateway signed it', async () => {
    const signed = await (await createIdentitySigner(keys.gateway!.privateKeyPem))({ ...JUSTICE_CLERK, requestId: 'y' });
    const result = await run({ [IDENTITY_HEADER]: signed });
    expect(result.errors).toBeUndefined();
    expect(result.data!.communityCorrections.totalCount).toBe(2);
  });
});

describe('the public and analysts', () => {
  it('see no personal rows at all', async () => {
    for (const who of [PUBLIC, ANALYST]) {
      const result = await as(who, EVERYTHING_PERSONAL, EVERYTHING_VARIABLES);
      expectNone(result, ALL_PROTECTED);
      expect(codes(result).every((c) => c === 'FORBIDDEN')).toBe(true);
      expect(result.data!.residents.every((r: Record<string, unknown>) => r.disputes === null && r.communityCorrection === null)).toBe(true);
      expect(result.data!.households.every((h: Record<string, unknown>) => h.openDisputeCount === null)).toBe(true);
    }
  });
});

describe('grid workers', () => {
  it('see their own grid’s disputes, not the rest of the village', async () => {
    const result = await as(
      GRID_V1_001,
      `query($r: [_Any!]!, $h: [_Any!]!) {
        disputes(within: "${V1}") { totalCount nodes { id type status } }
        _entities(representations: $r) { ... on Region { openDisputes { totalCount nodes { id type status receivedOn } } } }
        households: _entities(representations: $h) { ... on Household { id openDisputeCount } }
      }`,
      { r: refs('Region', 'code', [V1]), h: refs('Household', 'id', ['H1', 'H2', 'H3']) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.disputes.nodes.map((n: { id: string }) => n.id)).toEqual([DISPUTES.D1, DISPUTES.D2]);
    expect(result.data!._entities[0].openDisputes).toEqual({ totalCount: 1, nodes: [{ id: DISPUTES.D2, type: 'MARRIAGE_FAMILY', status: 'MEDIATING', receivedOn: '2022-11-03' }] });
    // The roster's yes/no figure: H2 and H3's open dispute (D3) is in grid 002.
    expect(result.data!.households).toEqual([{ id: 'H1', openDisputeCount: 1 }, { id: 'H2', openDisputeCount: 0 }, { id: 'H3', openDisputeCount: 0 }]);
  });

  it('are refused another grid’s or village’s disputes and residents, and all parties', async () => {
    const cases: [Persona, string, Record<string, unknown> | undefined, string | null][] = [
      [GRID_V1_001, `{ disputes(within: "${V1}", grid: "${V1}002") { totalCount } }`, undefined, 'grid'],
      [GRID_V1_001, `{ disputes(within: "${T1}") { totalCount } }`, undefined, 'within'],
      [GRID_V3_001, `{ disputes(within: "${V1}") { totalCount } }`, undefined, 'within'],
      [GRID_V1_001, `{ dispute(id: "${DISPUTES.D3}") { id type } }`, undefined, null],
      [GRID_V3_001, ENTITIES('... on Region { openDisputes { nodes { id } } }'), { r: refs('Region', 'code', [V1]) }, null],
      [GRID_V3_001, ENTITIES('... on Dispute { id status }'), { r: refs('Dispute', 'id', [DISPUTES.D1]) }, null],
    ];
    for (const [who, query, variables, argument] of cases) {
      const result = await as(who, query, variables);
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code: 'FORBIDDEN', ...(argument ? { argument } : {}) });
      expect(result.errors?.[0]?.message).toMatch(/outside your area/);
      expectNone(result.data, [DISPUTES.D1, DISPUTES.D2, DISPUTES.D3, 'NEIGHBOUR', 'LAND_CONTRACT']);
    }
    // Another grid's residents: their disputes are simply not in this worker's view.
    const other = await as(GRID_V3_001, ENTITIES('... on Resident { id disputes { totalCount nodes { id } } }'), { r: refs('Resident', 'id', ['R1', 'R4']) });
    expect(other.data!._entities).toEqual([{ id: 'R1', disputes: { totalCount: 0, nodes: [] } }, { id: 'R4', disputes: { totalCount: 0, nodes: [] } }]);
    // Parties and details are justice staff's (and the parties' own), even in the worker's grid.
    const parties = await as(GRID_V1_001, `{ dispute(id: "${DISPUTES.D1}") { id parties { resident { id } } summary agreement { text } } }`);
    expect(parties.data!.dispute).toEqual({ id: DISPUTES.D1, parties: null, summary: null, agreement: null });
    expect(codes(parties)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expectNone(parties, [...PROTECTED.parties, ...PROTECTED.details]);
  });
});

describe('village cadres', () => {
  it('see their village’s open disputes on the dashboard — type, status and dates, not the parties', async () => {
    const result = await as(
      CADRE_V1,
      ENTITIES(`... on Region { code openDisputes { totalCount nodes { id type status isOpen receivedOn source mediator { name } parties { role resident { id } } summary } } }`),
      { r: refs('Region', 'code', [V1]) },
    );
    const page = result.data!._entities[0].openDisputes;
    expect(page.totalCount).toBe(2);
    expect(page.nodes.map((n: Record<string, unknown>) => [n.id, n.type, n.status, n.receivedOn, n.parties, n.summary])).toEqual([
      [DISPUTES.D2, 'MARRIAGE_FAMILY', 'MEDIATING', '2022-11-03', null, null],
      [DISPUTES.D3, 'NEIGHBOUR', 'RECEIVED', '2022-12-20', null, null],
    ]);
    expect(new Set(codes(result))).toEqual(new Set(['FORBIDDEN']));
    expectNone(result, [...PROTECTED.parties, ...PROTECTED.details]);
  });

  it('are refused other villages and the township', async () => {
    const result = await as(CADRE_V1, ENTITIES('... on Region { code openDisputes { totalCount nodes { id } } }'), { r: refs('Region', 'code', [V2, T1]) });
    expect(result.data!._entities).toEqual([{ code: V2, openDisputes: null }, { code: T1, openDisputes: null }]);
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expectNone(result, [DISPUTES.D5]);
  });
});

describe('other departments’ staff', () => {
  it('get yes/no answers on disputes but are refused correction, placement, legal aid, parties and details by justice itself', async () => {
    for (const who of [CIVIL_CLERK, HEALTH_CLERK, person({ ...ADMIN, ...withPurpose })]) {
      const result = await as(who, EVERYTHING_PERSONAL, EVERYTHING_VARIABLES);
      expectNone(result, ALL_PROTECTED);
      expect(result.data!.communityCorrections).toBeNull();
      expect(result.data!.legalAidCases).toBeNull();
      expect(result.data!.postReleasePlacements).toBeNull();
      expect(result.data!.residents[1]).toMatchObject({ communityCorrection: null, disputes: { totalCount: 2 } });
      expect(result.data!.households).toEqual([
        { openDisputeCount: 1, disputes: { totalCount: 3, nodes: [{ id: DISPUTES.D1, parties: null, agreement: null }, { id: DISPUTES.D2, parties: null, agreement: null }, { id: DISPUTES.D4, parties: null, agreement: null }] } },
        { openDisputeCount: 1, disputes: { totalCount: 2, nodes: [{ id: DISPUTES.D1, parties: null, agreement: null }, { id: DISPUTES.D3, parties: null, agreement: null }] } },
      ]);
      expect(new Set(codes(result))).toEqual(new Set(['FORBIDDEN']));
      const messages = (result.errors ?? []).map((e) => e.message).join('\n');
      expect(messages).toContain('Query.communityCorrections requires department:justice');
      expect(messages).toContain('Resident.communityCorrection requires department:justice');
      expect(messages).toContain('Dispute.parties requires department:justice or role:RESIDENT');
    }
    expect(subgraph.accessLog().filter((e) => ['civil-clerk', 'health-clerk', 'admin-1'].includes(e.actor))).toEqual([]);
  });
});

describe('justice staff', () => {
  it('must declare a purpose and case reference for anything sensitive', async () => {
    const before = subgraph.accessLog().length;
    const result = await as(JUSTICE_CLERK_NO_PURPOSE, EVERYTHING_PERSONAL, EVERYTHING_VARIABLES);
    expectNone(result, ALL_PROTECTED);
    expect(new Set(codes(result))).toEqual(new Set(['PURPOSE_REQUIRED']));
    // Dispute type and status need no purpose.
    expect(result.data!.disputes).toMatchObject({ totalCount: 6 });
    expect(subgraph.accessLog()).toHaveLength(before);
  });

  it('read correction, placement, legal aid and dispute parties with a purpose, and every read is logged', async () => {
    const result = await as(JUSTICE_CLERK, EVERYTHING_PERSONAL, EVERYTHING_VARIABLES);
    expect(result.errors).toBeUndefined();
    expect(result.data!.residents[1].communityCorrection).toEqual({ id: `${V1}-C001`, type: 'PROBATION', status: 'ACTIVE', startsOn: '2021-06-01' });
    expect(result.data!.communityCorrections.totalCount).toBe(2);
    const log = subgraph.accessLog().filter((e) => e.actor === 'justice-clerk');
    expect(log.length).toBeGreaterThan(0);
    // One entry per resident per request, with every field read, the purpose and the case reference.
    const r4 = log.filter((e) => e.residentId === 'R4');
    expect(r4).toHaveLength(1);
    expect(r4[0]).toMatchObject({ role: 'DEPARTMENT_STAFF', purpose: 'CASE_HANDLING', caseReference: 'MED-2022-17' });
    expect(r4[0]!.fields).toEqual(expect.arrayContaining(['CommunityCorrection.id', 'CommunityCorrection.type', 'CommunityCorrection.status', 'CommunityCorrection.startsOn', 'Dispute.parties']));
    expect(log.find((e) => e.residentId === 'R6')!.fields).toEqual(expect.arrayContaining(['PostReleasePlacement.placementStatus', 'PostReleasePlacement.assistanceEndsOn']));
    expect(log.find((e) => e.residentId === 'R1')!.fields).toEqual(expect.arrayContaining(['LegalAidCase.type', 'Dispute.parties', 'Dispute.summary']));
    expect(createAccessLog(subgraph.sqlite).verify()).toMatchObject({ ok: true });
  });

  it('are refused records outside their own region', async () => {
    const list = await as(JUSTICE_CLERK_T2, `{ communityCorrections(within: "${T1}") { nodes { id type } } }`);
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    const record = await as(JUSTICE_CLERK_T2, ENTITIES('... on Resident { communityCorrection { id type } legalAidCases { totalCount } }'), { r: refs('Resident', 'id', ['R4', 'R1']) });
    expect(record.data!._entities).toEqual([
      { communityCorrection: null, legalAidCases: { totalCount: 0 } },
      { communityCorrection: null, legalAidCases: { totalCount: 0 } },
    ]);
    expect(record.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expectNone([list, record], PROTECTED.correction);
    // Their own township's record is served.
    const own = await as(JUSTICE_CLERK_T2, ENTITIES('... on Resident { communityCorrection { id type } }'), { r: refs('Resident', 'id', ['R8']) });
    expect(own.data!._entities).toEqual([{ communityCorrection: { id: `${V3}-C001`, type: 'PAROLE' } }]);
  });
});

describe('residents', () => {
  it('read their own disputes, with parties and details, and their legal-aid cases', async () => {
    const result = await as(
      resident('R1'),
      `query($r: [_Any!]!) {
        dispute(id: "${DISPUTES.D1}") { id parties { role resident { id } } summary agreement { text } }
        _entities(representations: $r) { ... on Resident { disputes { nodes { id } } legalAidCases { totalCount nodes { id type } } } }
      }`,
      { r: refs('Resident', 'id', ['R1']) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.dispute.parties).toEqual([{ role: 'APPLICANT', resident: { id: 'R1' } }, { role: 'RESPONDENT', resident: { id: 'R3' } }]);
    expect(result.data!._entities[0].disputes.nodes.map((n: { id: string }) => n.id)).toEqual([DISPUTES.D1, DISPUTES.D2, DISPUTES.D4]);
    expect(result.data!._entities[0].legalAidCases.totalCount).toBe(2);
    // The other party is told too: R3's log shows that R1 read the dispute.
    const entry = subgraph.accessLog().find((e) => e.actor === 'resident-R1' && e.residentId === 'R3');
    expect(entry).toMatchObject({ role: 'RESIDENT', purpose: 'DATA_SUBJECT_ACCESS', caseReference: 'SAR-R1', fields: ['Dispute.agreement', 'Dispute.parties', 'Dispute.summary'] });
  });

  it('are refused other people’s disputes and records, their own correction record, and sensitive reads without a purpose', async () => {
    const cases: [Persona, string, Record<string, unknown> | undefined, string][] = [
      [resident('R1'), `{ dispute(id: "${DISPUTES.D3}") { id type } }`, undefined, 'FORBIDDEN'],
      [resident('R1'), ENTITIES('... on Dispute { id status }'), { r: refs('Dispute', 'id', [DISPUTES.D5]) }, 'FORBIDDEN'],
      [resident('R1'), ENTITIES('... on Resident { disputes { nodes { id } } }'), { r: refs('Resident', 'id', ['R3']) }, 'FORBIDDEN'],
      [resident('R1'), ENTITIES('... on Resident { legalAidCases { nodes { id type } } }'), { r: refs('Resident', 'id', ['R3']) }, 'FORBIDDEN'],
      [resident('R4'), ENTITIES('... on Resident { communityCorrection { id type } }'), { r: refs('Resident', 'id', ['R4']) }, 'FORBIDDEN'],
      [resident('R1'), `{ disputes(within: "${V1}") { totalCount } }`, undefined, 'FORBIDDEN'],
      [resident('R1', false), `{ dispute(id: "${DISPUTES.D1}") { id parties { role } summary } }`, undefined, 'PURPOSE_REQUIRED'],
    ];
    for (const [who, query, variables, code] of cases) {
      const result = await as(who, query, variables);
      expect(result.errors?.[0]?.extensions?.code, query).toBe(code);
      expectNone(result, [...PROTECTED.correction, ...PROTECTED.details, 'TRAFFIC_ACCIDENT', 'NEIGHBOUR', 'CONTRACT', '"R4"']);
    }
    // A household count shows only the resident's own disputes.
    const count = await as(resident('R1'), ENTITIES('... on Household { openDisputeCount }'), { r: refs('Household', 'id', ['H1', 'H3']) });
    expect(count.data!._entities).toEqual([{ openDisputeCount: 1 }, { openDisputeCount: 0 }]);
  });
});

describe('the data tracker (Resident.justiceAccessLog)', () => {
  const LOG = ENTITIES('... on Resident { id justiceAccessLog { department at actor role purpose caseReference subjectId fields requestId } }');

  it('shows a resident who read their justice data, and their household’s entries, oldest first', async () => {
    await as(JUSTICE_CLERK, ENTITIES('... on Resident { communityCorrection { type status } }'), { r: refs('Resident', 'id', ['R4']) });
    createAccessLog(subgraph.sqlite).append([
      { at: new Date().toISOString(), requestId: 'household-read', actor: 'justice-clerk', role: 'DEPARTMENT_STAFF', purpose: 'CASE_HANDLING', caseReference: 'MED-2022-18', residentId: 'H3', fields: ['Household.disputes'] },
    ]);
    const result = await as(resident('R4', false), LOG, { r: [{ __typename: 'Resident', id: 'R4', household: { id: 'H3' } }] });
    expect(result.errors).toBeUndefined();
    const entries = result.data!._entities[0].justiceAccessLog as Record<string, unknown>[];
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => e.department === 'justice')).toBe(true);
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at as string)].sort());
    expect(entries).toContainEqual(expect.objectContaining({ subjectId: 'R4', actor: 'justice-clerk', purpose: 'CASE_HANDLING', fields: ['CommunityCorrection.status', 'CommunityCorrection.type'] }));
    expect(entries.at(-1)).toMatchObject({ subjectId: 'H3', requestId: 'household-read' });
  });

  it('is the resident’s own, or an auditor’s within their area', async () => {
    const other = await as(resident('R4'), LOG, { r: [{ __typename: 'Resident', id: 'R1', household: { id: 'H1' } }] });
    expect(other.data!._entities[0].justiceAccessLog).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expectNone(other, ['justice-clerk', 'CASE_HANDLING']);

    const auditor = await as(AUDITOR_T1, LOG, { r: [{ __typename: 'Resident', id: 'R4', household: { id: 'H3' } }] });
    expect(auditor.errors).toBeUndefined();
    expect(auditor.data!._entities[0].justiceAccessLog.length).toBeGreaterThan(0);

    for (const who of [AUDITOR_T2, GRID_V1_001, CADRE_V1, ANALYST, PUBLIC]) {
      const refused = await as(who, LOG, { r: [{ __typename: 'Resident', id: 'R4', household: { id: 'H3' } }] });
      expect(refused.data!._entities[0].justiceAccessLog, who.subject).toBeNull();
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expectNone(refused, ['justice-clerk', 'CommunityCorrection']);
    }
  });

  it('costs the same statements for 3 residents as for 30', async () => {
    const statements = async (ids: string[]) => {
      subgraph.counter.count = 0;
      const result = await as(SUPERVISOR, LOG, { r: ids.map((id, i) => ({ __typename: 'Resident', id, household: { id: `H${i}` } })) });
      expect(result.errors).toBeUndefined();
      return subgraph.counter.count;
    };
    const all = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', ...Array.from({ length: 22 }, (_, i) => `R-x${i}`)];
    expect(await statements(all)).toBe(await statements(all.slice(0, 3)));
  });
});

describe('SQL injection', () => {
  const INJECTIONS = [`' OR 1=1 --`, `"; DROP TABLE disputes; --`, `220112001201' UNION SELECT * FROM access_log --`, `%' OR '%'='`];
  /** [selection, argument, variable type] for every string argument of the root fields. */
  const ROOT_ARGUMENTS: [string, string, string][] = [
    ['dispute(id: $s) { id }', 'id', 'ID!'],
    ['disputes(within: $s) { totalCount }', 'within', 'ID!'],
    [`disputes(within: "${PROVINCE}", grid: $s) { totalCount }`, 'grid', 'ID!'],
    [`disputes(within: "${PROVINCE}", from: $s) { totalCount }`, 'from', 'String!'],
    [`disputes(within: "${PROVINCE}", to: $s) { totalCount }`, 'to', 'String!'],
    [`disputes(within: "${PROVINCE}", after: $s) { totalCount }`, 'after', 'String!'],
    ...(['communityCorrections', 'legalAidCases', 'postReleasePlacements'] as const).flatMap((list): [string, string, string][] => [
      [`${list}(within: $s) { totalCount }`, 'within', 'ID!'],
      [`${list}(within: "${PROVINCE}", from: $s) { totalCount }`, 'from', 'String!'],
      [`${list}(within: "${PROVINCE}", to: $s) { totalCount }`, 'to', 'String!'],
      [`${list}(within: "${PROVINCE}", after: $s) { totalCount }`, 'after', 'String!'],
    ]),
  ];
  const NESTED_ARGUMENTS: [string, string][] = [
    ['Region', '... on Region { openDisputes(after: $s) { totalCount } }'],
    ['Household', '... on Household { disputes(after: $s) { totalCount } }'],
    ['Resident', '... on Resident { disputes(after: $s) { totalCount } }'],
    ['Resident', '... on Resident { legalAidCases(after: $s) { totalCount } }'],
  ];
  const countRows = () => subgraph.sqlite.prepare('SELECT (SELECT count(*) FROM disputes) + (SELECT count(*) FROM community_corrections) AS n').get() as { n: number };
  const noInternals = (result: unknown) => expect(JSON.stringify(result)).not.toMatch(/SQLITE|sqlite|syntax error|INTERNAL_SERVER_ERROR|\.ts:\d|at .*\(/);

  it('is BAD_USER_INPUT naming the argument in every string argument, never SQL text or a crash', async () => {
    const before = countRows();
    for (const injection of INJECTIONS) {
      for (const [field, argument, type] of ROOT_ARGUMENTS) {
        const result = await as(SUPERVISOR, `query($s: ${type}) { ${field} }`, { s: injection });
        expect(result.errors?.[0]?.extensions, `${field} ${injection}`).toMatchObject({ code: 'BAD_USER_INPUT', argument });
        noInternals(result);
      }
      for (const [typename, fragment] of NESTED_ARGUMENTS) {
        const key = typename === 'Region' ? { code: V1 } : { id: typename === 'Household' ? 'H1' : 'R1' };
        const result = await as(SUPERVISOR, `query($r: [_Any!]!, $s: String) { _entities(representations: $r) { ${fragment} } }`, { r: [{ __typename: typename, ...key }], s: injection });
        expect(result.errors?.[0]?.extensions, `${fragment} ${injection}`).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
        noInternals(result);
      }
    }
    expect(countRows()).toEqual(before);
  });

  it('in entity keys is just an unknown key: empty or null answers', async () => {
    for (const injection of INJECTIONS) {
      const result = await as(
        SUPERVISOR,
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Region { code mediationCommittee { name } openDisputes { totalCount } justiceStatistics { disputeCount } }
          ... on Resident { id disputes { totalCount } communityCorrection { id } legalAidCases { totalCount } justiceAccessLog { at } }
          ... on Household { id openDisputeCount disputes { totalCount } }
          ... on Dispute { id }
          ... on Grid { code }
        } }`,
        { r: [...refs('Region', 'code', [injection]), { __typename: 'Resident', id: injection, household: { id: injection } }, ...refs('Household', 'id', [injection]), ...refs('Dispute', 'id', [injection]), ...refs('Grid', 'code', [injection])] },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([
        { code: injection, mediationCommittee: null, openDisputes: { totalCount: 0 }, justiceStatistics: { disputeCount: 0 } },
        { id: injection, disputes: { totalCount: 0 }, communityCorrection: null, legalAidCases: { totalCount: 0 }, justiceAccessLog: [] },
        { id: injection, openDisputeCount: 0, disputes: { totalCount: 0 } },
        null,
        { code: injection },
      ]);
    }
  });
});

describe('small-cell suppression for the public and analysts', () => {
  const STATISTICS = ENTITIES(`... on Region { code justiceStatistics {
    disputeCount openDisputeCount resolvedDisputeCount mediationSuccessRate agreementAmountYuan disputesByType { type count }
    legalAidCaseCount communityCorrectionCount activeCommunityCorrectionCount postReleasePlacementCount placementRate
    mediatorCount villagesWithMediationCommittee legalAidContactPointCount ruleOfLawModelVillageCount } }`);
  const REGIONS = [V1, V2, V3, T1, T2, COUNTY, PROVINCE];

  it('withholds small counts of people’s cases, and the cells that would give them away by subtraction', async () => {
    for (const who of [PUBLIC, ANALYST]) {
      const result = await as(who, STATISTICS, { r: refs('Region', 'code', REGIONS) });
      const byCode = Object.fromEntries(result.data!._entities.map((e: { code: string; justiceStatistics: Record<string, unknown> }) => [e.code, e.justiceStatistics]));
      // Villages: 4, 1 and 1 disputes — all small.
      for (const code of [V1, V2, V3]) expect(byCode[code]!.disputeCount).toBeNull();
      // Township 1 has 5 (not small) but county 6 − township 1 would give township 2's single dispute.
      expect(byCode[T1]!.disputeCount).toBeNull();
      expect(byCode[T2]!.disputeCount).toBeNull();
      expect(byCode[COUNTY]!.disputeCount).toBe(6);
      expect(byCode[PROVINCE]!.disputeCount).toBe(6);
      // Derived figures go with their counts; facilities, villages and mediators are never withheld.
      expect(byCode[PROVINCE]).toMatchObject({ resolvedDisputeCount: null, mediationSuccessRate: null, agreementAmountYuan: null, communityCorrectionCount: null, placementRate: null });
      expect(byCode[PROVINCE]).toMatchObject({ mediatorCount: 10, villagesWithMediationCommittee: 3, legalAidContactPointCount: 2, ruleOfLawModelVillageCount: 2 });
      expect((byCode[V1]!.disputesByType as { count: number | null }[]).every((t) => t.count === null || t.count === 0)).toBe(true);
      const suppressed = result.errors!.filter((e) => e.extensions?.code === 'SUPPRESSED');
      expect(suppressed.length).toBe(result.errors!.length);
      expect(suppressed[0]!.extensions).toMatchObject({ reason: 'SMALL_CELL', threshold: 5 });
      expect(result.errors!.some((e) => e.path?.join('.') === '_entities.3.justiceStatistics.disputeCount')).toBe(true);
      // Nothing adds back up: no visible child figure reveals a hidden sibling.
      expectNone(result.data!._entities.slice(0, 5), ['"disputeCount":1', '"disputeCount":4', '"disputeCount":5']);
    }
  });

  it('answers the same cell the same way whatever else is asked', async () => {
    const alone = await as(PUBLIC, STATISTICS, { r: refs('Region', 'code', [T1]) });
    expect(alone.data!._entities[0].justiceStatistics.disputeCount).toBeNull();
  });

  it('does not apply to staff, cadres or residents', async () => {
    for (const who of [JUSTICE_CLERK, CADRE_V1, resident('R1')]) {
      const result = await as(who, STATISTICS, { r: refs('Region', 'code', [V1, T1]) });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.map((e: { justiceStatistics: { disputeCount: number } }) => e.justiceStatistics.disputeCount)).toEqual([4, 5]);
    }
  });

  it('costs the same statements for 3 regions as for 30 (sums and small cells: one statement each)', async () => {
    const statements = async (codes: string[]) => {
      subgraph.counter.count = 0;
      await as(PUBLIC, STATISTICS, { r: refs('Region', 'code', codes) });
      return subgraph.counter.count;
    };
    const many = [...REGIONS, ...Array.from({ length: 23 }, (_, i) => `2201120013${String(i).padStart(2, '0')}`)];
    expect(await statements(many)).toBe(await statements(REGIONS.slice(0, 3)));
    expect(await statements(REGIONS)).toBe(2);
  });

  it('hides more of a region’s own figures when one could be worked out from the others', () => {
    const values = (v: Partial<Record<PeopleColumn, number>>) =>
      ({ dispute_count: 0, open_dispute_count: 0, resolved_dispute_count: 0, failed_dispute_count: 0, referred_dispute_count: 0, marriage_family_dispute_count: 0, neighbour_dispute_count: 0, housing_homestead_dispute_count: 0, land_contract_dispute_count: 0, contract_dispute_count: 0, damages_dispute_count: 0, labour_dispute_count: 0, other_dispute_count: 0, followed_up_dispute_count: 0, legal_aid_case_count: 0, community_correction_count: 0, active_community_correction_count: 0, post_release_placement_count: 0, placed_post_release_count: 0, ...v }) as Record<PeopleColumn, number>;
    // 20 disputes = 3 open + 10 resolved + 7 failed: with open hidden alone, 20 − 10 − 7 would give it.
    const statuses = protectSums(values({ dispute_count: 20, open_dispute_count: 3, resolved_dispute_count: 10, failed_dispute_count: 7, other_dispute_count: 20 }), new Set(['open_dispute_count']));
    expect([...statuses].sort()).toEqual(['failed_dispute_count', 'open_dispute_count']);
    // 7 records, 5 active: publishing both would give the 2 ended ones.
    const corrections = protectSums(values({ community_correction_count: 7, active_community_correction_count: 5 }), new Set());
    expect([...corrections]).toEqual(['active_community_correction_count']);
    // Nothing hidden, nothing small: nothing changes.
    expect(protectSums(values({ dispute_count: 10, resolved_dispute_count: 10, other_dispute_count: 10, followed_up_dispute_count: 10 }), new Set()).size).toBe(0);
  });
});

describe('the access log', () => {
  it('verifies after all these reads, and refuses edits and deletions', () => {
    const verdict = createAccessLog(subgraph.sqlite).verify();
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.entries).toBeGreaterThan(5);
    expect(() => subgraph.sqlite.prepare("UPDATE access_log SET actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => subgraph.sqlite.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
  });
});
