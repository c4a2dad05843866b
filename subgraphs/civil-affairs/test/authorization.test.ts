import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLObjectType, getNamedType, isObjectType, type GraphQLField } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import {
  IDENTITY_HEADER,
  PUBLIC_IDENTITY,
  createAccessLog,
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  createRequestContextFactory,
  createSubgraphApollo,
  encodeCursor,
  generateIdentityKeyPair,
  loadTypeDefs,
  type Identity,
  type WorldHousehold,
} from '@village-graph/shared';
import { civilAffairs } from '../src/subgraph.ts';
import { seed } from '../src/seed.ts';
import { maskIdNumber } from '../src/access.ts';
import { buildFakeWorld } from './fake-world.ts';

const world = buildFakeWorld();
const [V1, V2, V3, V4] = [...world.villages()];
const allHouseholds = [V1!, V2!, V3!, V4!].flatMap((v) => v.households);
const [leftBehindFamily, , wifeDisabled, , , disabledHead] = V1!.households as WorldHousehold[] as [WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold];
const rosterHouseholds = V1!.households.slice(6);
const GRID_1 = '220112001201001';
const ROSTER_GRID = '220112001201002';
const V1_CODE = '220112001201';
const V2_CODE = '220112001202';
const TOWNSHIP_1 = '220112001000';
const TOWNSHIP_2 = '220112002000';
const COUNTY = '220112000000';

type Persona = Omit<Identity, 'requestId'>;
const persona = (overrides: Partial<Persona>): Persona => ({ ...PUBLIC_IDENTITY, subject: 'someone', ...overrides });
const withPurpose = { purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-17' } as const;

const PUBLIC = persona({ subject: 'anonymous' });
const ANALYST = persona({ subject: 'analyst-1', role: 'ANALYST', regions: ['220000000000'], ...withPurpose });
const ADMIN = persona({ subject: 'admin-1', role: 'ADMINISTRATOR' });
const CIVIL_STAFF = persona({ subject: 'civil-1', role: 'DEPARTMENT_STAFF', regions: [TOWNSHIP_1], departments: ['civil-affairs'], ...withPurpose });
const CIVIL_STAFF_ID = persona({ ...CIVIL_STAFF, subject: 'civil-2', scopes: ['id-number:full'] });
const CIVIL_STAFF_NO_PURPOSE = persona({ ...CIVIL_STAFF, subject: 'civil-3', purpose: null, caseReference: null });
const CIVIL_STAFF_ELSEWHERE = persona({ ...CIVIL_STAFF, subject: 'civil-4', regions: [TOWNSHIP_2] });
const HEALTH_STAFF = persona({ subject: 'health-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'], scopes: ['id-number:full'], ...withPurpose });
const JUSTICE_STAFF = persona({ subject: 'justice-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['justice'], ...withPurpose });
const AUDITOR = persona({ subject: 'auditor-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], scopes: ['audit:read'] });
const GRID_1_WORKER = persona({ subject: 'grid-1', role: 'GRID_WORKER', regions: [GRID_1], purpose: 'FOLLOW_UP_VISIT', caseReference: 'VISIT-9' });
const ROSTER_WORKER = persona({ subject: 'grid-2', role: 'GRID_WORKER', regions: [ROSTER_GRID], purpose: 'FOLLOW_UP_VISIT', caseReference: 'VISIT-10' });
const V1_CADRE = persona({ subject: 'cadre-1', role: 'VILLAGE_CADRE', regions: [V1_CODE], ...withPurpose });
const V2_CADRE = persona({ subject: 'cadre-2', role: 'VILLAGE_CADRE', regions: [V2_CODE], ...withPurpose });
const me = leftBehindFamily.members[0]!;
const myGrandchild = leftBehindFamily.members[4]!;
const RESIDENT = persona({ subject: 'resident-1', role: 'RESIDENT', residentId: me.id, purpose: 'DATA_SUBJECT_ACCESS', caseReference: 'DSA-1' });

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(civilAffairs, (sqlite) => sqlite.transaction(() => seed(sqlite, world))());
});
afterAll(() => subgraph.close());

interface Outcome {
  data: Record<string, unknown> | null | undefined;
  errors: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  json: string;
  /** Access-log entries the request appended. */
  logged: ReturnType<TestSubgraph['accessLog']>;
}

async function run(query: string, who: Persona, variables?: Record<string, unknown>): Promise<Outcome> {
  const before = subgraph.accessLog().length;
  const result = await subgraph.execute(query, variables, {}, who);
  return { data: result.data, errors: result.errors ?? [], json: JSON.stringify(result), logged: subgraph.accessLog().slice(before) };
}

const codes = (o: Outcome) => o.errors.map((e) => e.extensions?.code);
const entity = (typename: 'Resident' | 'Household' | 'Grid', key: string) => (typename === 'Grid' ? { __typename: typename, code: key } : { __typename: typename, id: key });
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Resident { id name idNumber } ... on Household { id memberCount } ... on Grid { code name } } }`;

/** Values that must never reach a caller who may not see them. */
const secretsOf = (h: WorldHousehold) => h.members.flatMap((m) => [JSON.stringify(m.name), m.idNumber, m.birthDate]);

describe('absent or forged identity: only public data', () => {
  it('serves the region tree, committees, grids, disclosures and statistics to the public', async () => {
    const outcome = await run(
      `{ region(code: "${V1_CODE}") { name committee { name role } grids { totalCount nodes { code name workers { name } } } disclosures(first: 2) { totalCount }
         civilAffairsStatistics { ruralVillageCount gridCount committeeMemberCount elderlyCourtyardCount } } }`,
      PUBLIC,
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.data).toMatchObject({ region: { name: '永红村委会', grids: { totalCount: 3 }, civilAffairsStatistics: { ruralVillageCount: 1, gridCount: 3 } } });
    expect(outcome.logged).toEqual([]);
  });

  it('refuses every household and resident, by id, by reference, by list and by roster, with nothing personal in the answer', async () => {
    const queries = [
      `{ resident(id: "${me.id}") { name idNumber } }`,
      `{ household(id: "${leftBehindFamily.id}") { id members { name } } }`,
      `{ residents(within: "${V1_CODE}") { totalCount nodes { name } } }`,
      `{ households(grid: "${GRID_1}") { totalCount nodes { id } } }`,
      `{ grid(code: "${GRID_1}") { name households { totalCount nodes { id members { name } } } } }`,
    ];
    for (const who of [PUBLIC, ANALYST]) {
      for (const query of queries) {
        const outcome = await run(query, who);
        expect(codes(outcome), `${who.role}: ${query}`).toEqual(['FORBIDDEN']);
        for (const secret of secretsOf(leftBehindFamily)) expect(outcome.json).not.toContain(secret);
        expect(outcome.logged).toEqual([]);
      }
      const refs = await run(ENTITIES, who, { r: [entity('Resident', me.id), entity('Household', leftBehindFamily.id), entity('Grid', GRID_1)] });
      expect(refs.data).toEqual({ _entities: [null, null, { code: GRID_1, name: '永红村第1网格' }] });
      expect(codes(refs)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      for (const secret of secretsOf(leftBehindFamily)) expect(refs.json).not.toContain(secret);
    }
  });

  it('treats a forged identity header as the public, and a gateway-signed one as the caller', async () => {
    const gateway = await generateIdentityKeyPair();
    const attacker = await generateIdentityKeyPair();
    const verify = await createIdentityVerifier(gateway.publicKeyPem);
    const apollo = createSubgraphApollo(civilAffairs, createLogger('civil-affairs', 'silent'));
    await apollo.start();
    try {
      const contextFor = createRequestContextFactory(civilAffairs, subgraph.sqlite, verify);
      const admin: Identity = { ...ADMIN, requestId: 'forged-1' };
      const ask = async (token: string | undefined) => {
        const response = await apollo.executeOperation(
          { query: `{ resident(id: "${me.id}") { name } region(code: "${V1_CODE}") { name } }` },
          { contextValue: await contextFor({ headers: token ? { [IDENTITY_HEADER]: token } : {}, requestId: 'r-1' }) },
        );
        if (response.body.kind !== 'single') throw new Error('single expected');
        return response.body.singleResult;
      };
      for (const token of [await (await createIdentitySigner(attacker.privateKeyPem))(admin), 'not-a-token', undefined]) {
        const result = await ask(token);
        expect(result.data).toEqual({ resident: null, region: { name: '永红村委会' } });
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(JSON.stringify(result)).not.toContain(me.name);
      }
      const signed = await ask(await (await createIdentitySigner(gateway.privateKeyPem))(admin));
      expect(signed.errors).toBeUndefined();
      expect(signed.data).toEqual({ resident: { name: me.name }, region: { name: '永红村委会' } });
    } finally {
      await apollo.stop();
    }
  });
});

describe('row scope', () => {
  it('keeps a grid worker to their own grid: entities, lookups, lists and rosters', async () => {
    const neighbour = rosterHouseholds[0]!;
    const refs = await run(ENTITIES, GRID_1_WORKER, {
      r: [entity('Resident', me.id), entity('Resident', neighbour.members[0]!.id), entity('Household', wifeDisabled.id), entity('Household', neighbour.id)],
    });
    expect(refs.data).toEqual({ _entities: [{ id: me.id, name: me.name, idNumber: maskIdNumber(me.idNumber) }, null, { id: wifeDisabled.id, memberCount: 3 }, null] });
    expect(refs.errors.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([['_entities.1', 'FORBIDDEN'], ['_entities.3', 'FORBIDDEN']]);
    expect(refs.errors[0]!.message).toMatch(/outside your area/);
    for (const secret of secretsOf(neighbour)) expect(refs.json).not.toContain(secret);

    const refused: [string, string | undefined][] = [
      [`{ resident(id: "${neighbour.members[0]!.id}") { name } }`, undefined],
      [`{ household(id: "${neighbour.id}") { id } }`, undefined],
      [`{ residents(grid: "${ROSTER_GRID}") { totalCount nodes { name } } }`, 'grid'],
      [`{ residents(within: "${TOWNSHIP_1}") { totalCount nodes { name } } }`, 'within'],
      [`{ households(within: "${V2_CODE}", grid: "${GRID_1}") { totalCount } }`, 'within'],
      [`{ grid(code: "${ROSTER_GRID}") { households { totalCount nodes { id } } } }`, undefined],
    ];
    for (const [query, argument] of refused) {
      const outcome = await run(query, GRID_1_WORKER);
      expect(codes(outcome), query).toEqual(['FORBIDDEN']);
      expect(outcome.errors[0]!.extensions?.argument, query).toBe(argument);
      for (const secret of secretsOf(neighbour)) expect(outcome.json).not.toContain(secret);
    }

    // Their own grid: implied when they name only their village, or named.
    const own = await run(`{ a: residents(within: "${V1_CODE}") { totalCount } b: households(grid: "${GRID_1}") { totalCount } grid(code: "${GRID_1}") { households { totalCount } } }`, GRID_1_WORKER);
    expect(own.errors).toEqual([]);
    const grid1 = V1!.households.slice(0, 6);
    expect(own.data).toEqual({ a: { totalCount: grid1.flatMap((h) => h.members).length }, b: { totalCount: 6 }, grid: { households: { totalCount: 6 } } });
  });

  it('keeps village cadres to their village and staff to their subtree', async () => {
    const inV2 = V2!.households[0]!;
    for (const [who, visible, hidden] of [
      [V1_CADRE, leftBehindFamily, inV2],
      [V2_CADRE, inV2, leftBehindFamily],
      [CIVIL_STAFF_ELSEWHERE, V3!.households[0]!, leftBehindFamily],
      [HEALTH_STAFF, leftBehindFamily, V4!.households[0]!],
    ] as const) {
      const refs = await run(ENTITIES, who, { r: [entity('Household', visible.id), entity('Resident', visible.members[0]!.id), entity('Household', hidden.id), entity('Resident', hidden.members[0]!.id)] });
      expect(refs.data, who.subject).toEqual({ _entities: [{ id: visible.id, memberCount: visible.members.length }, expect.objectContaining({ name: visible.members[0]!.name }), null, null] });
      expect(codes(refs)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      for (const secret of secretsOf(hidden)) expect(refs.json).not.toContain(secret);
    }
    const lists = await run(`{ residents(within: "${TOWNSHIP_1}") { totalCount } }`, V1_CADRE);
    expect(codes(lists)).toEqual(['FORBIDDEN']);
    expect(lists.errors[0]!.extensions?.argument).toBe('within');
    const ownVillage = await run(`{ households(within: "${V1_CODE}") { totalCount } }`, V1_CADRE);
    expect(ownVillage.data).toEqual({ households: { totalCount: V1!.households.length } });
    const staffOutside = await run(`{ households(within: "${COUNTY}") { totalCount } }`, CIVIL_STAFF);
    expect(staffOutside.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    const staffGrid = await run(`{ households(grid: "220112002201001") { totalCount } }`, CIVIL_STAFF);
    expect(staffGrid.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'grid' });
    const admin = await run(`{ households(within: "220000000000") { totalCount } }`, ADMIN);
    expect(admin.data).toEqual({ households: { totalCount: allHouseholds.length } });
  });

  it('shows a resident themselves and their household, and nobody else; they cannot list', async () => {
    const other = wifeDisabled.members[0]!;
    const refs = await run(ENTITIES, RESIDENT, { r: [entity('Resident', me.id), entity('Resident', myGrandchild.id), entity('Household', leftBehindFamily.id), entity('Resident', other.id), entity('Household', wifeDisabled.id)] });
    expect(refs.data).toEqual({
      _entities: [
        { id: me.id, name: me.name, idNumber: maskIdNumber(me.idNumber) },
        { id: myGrandchild.id, name: myGrandchild.name, idNumber: maskIdNumber(myGrandchild.idNumber) },
        { id: leftBehindFamily.id, memberCount: 5 },
        null,
        null,
      ],
    });
    expect(codes(refs)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    for (const secret of secretsOf(wifeDisabled)) expect(refs.json).not.toContain(secret);
    for (const query of [`{ residents(within: "${V1_CODE}") { totalCount } }`, `{ households(grid: "${GRID_1}") { totalCount } }`, `{ grid(code: "${GRID_1}") { households { totalCount } } }`]) {
      expect(codes(await run(query, RESIDENT)), query).toEqual(['FORBIDDEN']);
    }
  });

  it('checks the area of 3 and 30 references in the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { name household { id head { name } } careCategories } } }`;
    const refs = (n: number) => rosterHouseholds.flatMap((h) => h.members).slice(0, n).map((m) => entity('Resident', m.id));
    const statements = async (who: Persona, n: number) => {
      subgraph.counter.count = 0;
      const outcome = await run(query, who, { r: refs(n) });
      expect(outcome.errors).toEqual([]);
      return subgraph.counter.count;
    };
    for (const who of [ROSTER_WORKER, V1_CADRE, CIVIL_STAFF]) expect(await statements(who, 30), who.subject).toBe(await statements(who, 3));
    subgraph.counter.count = 0;
    await run(ENTITIES, RESIDENT, { r: [entity('Resident', me.id)] });
    const one = subgraph.counter.count;
    subgraph.counter.count = 0;
    await run(ENTITIES, RESIDENT, { r: leftBehindFamily.members.map((m) => entity('Resident', m.id)) });
    expect(subgraph.counter.count).toBe(one);
  });
});

describe('sensitive fields', () => {
  const SENSITIVE = `idNumber hasDisabilityCertificate careCategories guardian { id } household { id assistanceCategory inAssistancePriorityGroup }`;

  it('masks ID numbers unless the caller holds id-number:full with a declared purpose; logs the full reads', async () => {
    const query = `{ resident(id: "${myGrandchild.id}") { idNumber } }`;
    expect(maskIdNumber('22011220130601005X')).toBe('2201**********005X');
    for (const who of [CIVIL_STAFF, GRID_1_WORKER, V1_CADRE, RESIDENT, { ...CIVIL_STAFF_ID, purpose: null, caseReference: null }]) {
      const outcome = await run(query, who);
      expect(outcome.data, who.subject).toEqual({ resident: { idNumber: maskIdNumber(myGrandchild.idNumber) } });
      expect(outcome.json).not.toContain(myGrandchild.idNumber);
      expect(outcome.logged).toEqual([]);
    }
    for (const who of [CIVIL_STAFF_ID, HEALTH_STAFF]) {
      const full = await run(query, who);
      expect(full.data).toEqual({ resident: { idNumber: myGrandchild.idNumber } });
      expect(full.logged).toMatchObject([{ residentId: myGrandchild.id, fields: ['idNumber'], actor: who.subject, purpose: who.purpose, caseReference: who.caseReference }]);
    }
  });

  it('serves civil-affairs staff with a purpose and logs who read which fields, for which purpose and case', async () => {
    const outcome = await run(`{ resident(id: "${myGrandchild.id}") { ${SENSITIVE} } }`, CIVIL_STAFF);
    expect(outcome.errors).toEqual([]);
    expect(outcome.data).toEqual({
      resident: {
        idNumber: maskIdNumber(myGrandchild.idNumber),
        hasDisabilityCertificate: false,
        careCategories: ['LEFT_BEHIND_CHILD'],
        guardian: { id: me.id },
        household: { id: leftBehindFamily.id, assistanceCategory: null, inAssistancePriorityGroup: false },
      },
    });
    const entries = outcome.logged.map(({ residentId, fields, actor, role, purpose, caseReference }) => ({ residentId, fields, actor, role, purpose, caseReference }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { residentId: myGrandchild.id, fields: ['careCategories', 'guardian', 'hasDisabilityCertificate'], actor: 'civil-1', role: 'DEPARTMENT_STAFF', purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-17' },
        { residentId: leftBehindFamily.id, fields: ['assistanceCategory'], actor: 'civil-1', role: 'DEPARTMENT_STAFF', purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-17' },
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('says PURPOSE_REQUIRED without a declared purpose, and logs nothing', async () => {
    const outcome = await run(`{ resident(id: "${wifeDisabled.members[1]!.id}") { name ${SENSITIVE} } }`, CIVIL_STAFF_NO_PURPOSE);
    expect(outcome.data).toMatchObject({ resident: { name: wifeDisabled.members[1]!.name, hasDisabilityCertificate: null, careCategories: null, guardian: null, household: { assistanceCategory: null, inAssistancePriorityGroup: true } } });
    expect(new Set(codes(outcome))).toEqual(new Set(['PURPOSE_REQUIRED']));
    expect(outcome.errors.map((e) => e.path?.at(-1)).sort()).toEqual(['assistanceCategory', 'careCategories', 'guardian', 'hasDisabilityCertificate']);
    expect(outcome.json).not.toContain('SUBSISTENCE_ALLOWANCE');
    expect(outcome.logged).toEqual([]);
  });

  it('refuses civil affairs\' sensitive fields to other departments, who get the yes/no answer', async () => {
    for (const who of [HEALTH_STAFF, JUSTICE_STAFF, ADMIN, AUDITOR]) {
      const outcome = await run(`{ household(id: "${wifeDisabled.id}") { inAssistancePriorityGroup assistanceCategory members { careCategories hasDisabilityCertificate guardian { id } } } }`, who);
      expect(outcome.data, who.subject).toMatchObject({ household: { inAssistancePriorityGroup: true, assistanceCategory: null } });
      expect(codes(outcome).every((c) => c === 'FORBIDDEN')).toBe(true);
      expect(outcome.errors.length).toBeGreaterThanOrEqual(1 + 3 * 3);
      for (const value of ['SUBSISTENCE_ALLOWANCE', 'LEFT_BEHIND_CHILD', '"hasDisabilityCertificate":true']) expect(outcome.json).not.toContain(value);
      expect(outcome.logged).toEqual([]);
    }
  });

  it('lets grid workers and village cadres of the area read care and assistance categories (the roster), not disability or guardians', async () => {
    const roster = `{ grid(code: "${GRID_1}") { households(first: 10) { nodes { id assistanceCategory members { id careCategories } } } } }`;
    for (const who of [GRID_1_WORKER, V1_CADRE]) {
      const outcome = await run(roster, who);
      expect(outcome.errors, who.subject).toEqual([]);
      expect(outcome.json).toContain('SUBSISTENCE_ALLOWANCE');
      expect(outcome.json).toContain('LEFT_BEHIND_CHILD');
      expect(outcome.logged.filter((e) => e.fields.includes('assistanceCategory'))).toHaveLength(6);
      expect(outcome.logged.every((e) => e.actor === who.subject && e.purpose === who.purpose && e.caseReference === who.caseReference)).toBe(true);
      const refused = await run(`{ resident(id: "${wifeDisabled.members[1]!.id}") { hasDisabilityCertificate guardian { id } } }`, who);
      expect(codes(refused)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(refused.json).not.toContain('"hasDisabilityCertificate":true');
    }
    const noPurpose = await run(roster, { ...GRID_1_WORKER, purpose: null, caseReference: null });
    expect(new Set(codes(noPurpose))).toEqual(new Set(['PURPOSE_REQUIRED']));
    expect(noPurpose.json).not.toContain('SUBSISTENCE_ALLOWANCE');
  });

  it('lets a resident read their own sensitive fields, not their household members\'', async () => {
    const own = await run(`{ resident(id: "${me.id}") { careCategories hasDisabilityCertificate guardian { id } household { assistanceCategory } } }`, RESIDENT);
    expect(own.errors).toEqual([]);
    expect(own.data).toEqual({ resident: { careCategories: ['LEFT_BEHIND_ELDERLY'], hasDisabilityCertificate: false, guardian: null, household: { assistanceCategory: null } } });
    expect(own.logged.map((e) => [e.residentId, e.fields, e.purpose])).toEqual(
      expect.arrayContaining([[me.id, ['careCategories', 'guardian', 'hasDisabilityCertificate'], 'DATA_SUBJECT_ACCESS'], [leftBehindFamily.id, ['assistanceCategory'], 'DATA_SUBJECT_ACCESS']]),
    );
    const member = await run(`{ resident(id: "${myGrandchild.id}") { name careCategories hasDisabilityCertificate guardian { id } } }`, RESIDENT);
    expect(member.data).toEqual({ resident: { name: myGrandchild.name, careCategories: null, hasDisabilityCertificate: null, guardian: null } });
    expect(codes(member)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(member.json).not.toContain('LEFT_BEHIND_CHILD');
    expect(member.logged).toEqual([]);
  });

  it('treats a list filtered by a category as a read of that category: authorised, purpose-bound and logged per row', async () => {
    const query = `{ residents(within: "${V1_CODE}", careCategory: LEFT_BEHIND_CHILD) { totalCount nodes { id } } }`;
    const allowed = await run(query, CIVIL_STAFF);
    expect(allowed.data).toEqual({ residents: { totalCount: 2, nodes: [{ id: myGrandchild.id }, { id: wifeDisabled.members[2]!.id }] } });
    expect(allowed.logged.map((e) => [e.residentId, e.fields])).toEqual([[myGrandchild.id, ['careCategories']], [wifeDisabled.members[2]!.id, ['careCategories']]]);
    const assisted = await run(`{ households(within: "${V1_CODE}", assistance: SUBSISTENCE_ALLOWANCE, first: 2) { totalCount nodes { id } } }`, V1_CADRE);
    expect(assisted.logged.map((e) => e.fields)).toEqual([['assistanceCategory'], ['assistanceCategory']]);

    const forbidden = await run(query, HEALTH_STAFF);
    expect(forbidden.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'careCategory' });
    expect(forbidden.json).not.toContain(myGrandchild.id);
    const noPurpose = await run(`{ households(within: "${V1_CODE}", assistance: SUBSISTENCE_ALLOWANCE) { totalCount nodes { id } } }`, CIVIL_STAFF_NO_PURPOSE);
    expect(noPurpose.errors[0]!.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', argument: 'assistance' });
    expect(noPurpose.json).not.toContain(wifeDisabled.id);
    expect(noPurpose.logged).toEqual([]);
  });
});

describe('the data tracker (Resident.dataAccessLog)', () => {
  const TRACKER = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { dataAccessLog { department at actor role purpose caseReference subjectId fields requestId } } } }`;
  const foreign = (department: string, at: string, subjectId: string) => ({ department, at, actor: `${department}-1`, role: 'DEPARTMENT_STAFF', purpose: 'CASE_HANDLING', caseReference: 'C-1', subjectId, fields: ['x'], requestId: `req-${department}` });
  const disabled = disabledHead.members[0]!;

  it('merges civil affairs\' entries about the resident and their household with the other departments\', by time', async () => {
    await run(`{ resident(id: "${disabled.id}") { hasDisabilityCertificate household { assistanceCategory } } }`, CIVIL_STAFF);
    const representation = {
      __typename: 'Resident',
      id: disabled.id,
      agricultureAccessLog: [foreign('agriculture', '2023-01-01T00:00:00.000Z', disabledHead.id)],
      housingAccessLog: [foreign('housing', '2099-01-01T00:00:00.000Z', disabled.id)],
      justiceAccessLog: null,
      // Not about this resident: dropped.
      healthAccessLog: [foreign('health', '2024-01-01T00:00:00.000Z', me.id)],
    };
    const outcome = await run(TRACKER, AUDITOR, { r: [representation] });
    expect(outcome.errors).toEqual([]);
    type Entry = { department: string; at: string; subjectId: string; fields: string[]; actor: string; purpose: string; caseReference: string };
    const log = (outcome.data!._entities as { dataAccessLog: Entry[] }[])[0]!.dataAccessLog;
    // Oldest first: agriculture's (2023), then civil affairs' own (today), then housing's (2099).
    expect(log[0]).toMatchObject({ department: 'agriculture', subjectId: disabledHead.id });
    expect(log.at(-1)).toMatchObject({ department: 'housing', subjectId: disabled.id });
    expect(log.map((e) => e.at)).toEqual(log.map((e) => e.at).sort());
    const civil = log.slice(1, -1);
    expect(civil.every((e) => e.department === 'civil-affairs' && [disabled.id, disabledHead.id].includes(e.subjectId))).toBe(true);
    expect(civil).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subjectId: disabled.id, fields: ['hasDisabilityCertificate'], actor: 'civil-1', purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-17' }),
        expect.objectContaining({ subjectId: disabledHead.id, fields: ['assistanceCategory'], actor: 'civil-1' }),
      ]),
    );
    // Exactly the entries of civil affairs' own log about the two.
    const stored = subgraph.accessLog().filter((e) => e.residentId === disabled.id || e.residentId === disabledHead.id);
    expect(civil).toHaveLength(stored.length);
    expect(log.some((e) => e.department === 'health')).toBe(false);
  });

  it('shows a resident their own log only; others need audit:read within their area', async () => {
    await run(`{ resident(id: "${me.id}") { careCategories } }`, CIVIL_STAFF);
    const own = await run(TRACKER, RESIDENT, { r: [{ __typename: 'Resident', id: me.id }] });
    expect(own.errors).toEqual([]);
    const entries = (own.data!._entities as { dataAccessLog: { subjectId: string; actor: string }[] }[])[0]!.dataAccessLog;
    expect(entries.some((e) => e.subjectId === me.id && e.actor === 'civil-1')).toBe(true);

    const refusals: [Persona, string][] = [
      [RESIDENT, myGrandchild.id], // a household member's log
      [CIVIL_STAFF, me.id], // no audit:read
      [{ ...AUDITOR, regions: ['220122000000'] }, me.id], // outside the auditor's area
      [ANALYST, me.id],
    ];
    for (const [who, id] of refusals) {
      const outcome = await run(TRACKER, who, { r: [{ __typename: 'Resident', id }] });
      expect(codes(outcome), who.subject).toEqual(['FORBIDDEN']);
      expect(outcome.json).not.toContain('civil-1');
    }
  });
});

describe('small-cell suppression', () => {
  const PEOPLE = `householdCount residentCount childCount leftBehindChildCount childrenUnderCareCount subsistenceAllowanceHouseholdCount`;
  const statsQuery = (codes: readonly string[]) =>
    `{ ${codes.map((c, i) => `r${i}: region(code: "${c}") { code civilAffairsStatistics { ${PEOPLE} gridCount committeeMemberCount ruralVillageCount } }`).join(' ')} }`;
  type Stats = Record<string, number | null>;
  const statsOf = (outcome: Outcome) => Object.fromEntries(Object.values(outcome.data!).map((r) => [(r as { code: string }).code, (r as { civilAffairsStatistics: Stats }).civilAffairsStatistics]));
  const REGIONS = world.regions.map((r) => r.code);

  it('withholds small counts of people and households from the public and analysts, never from staff', async () => {
    const staff = statsOf(await run(statsQuery(REGIONS), ADMIN));
    expect(staff[V2_CODE]!.householdCount).toBe(4);
    for (const who of [PUBLIC, ANALYST]) {
      const outcome = await run(statsQuery(REGIONS), who);
      const stats = statsOf(outcome);
      // A village of 4 households: withheld, with its code and field on the error.
      expect(stats[V2_CODE]).toMatchObject({ householdCount: null, gridCount: 2, ruralVillageCount: 1 });
      const error = outcome.errors.find((e) => e.path?.join('.') === `r${REGIONS.indexOf(V2_CODE)}.civilAffairsStatistics.householdCount`);
      expect(error?.extensions).toMatchObject({ code: 'SUPPRESSED', reason: 'SMALL_CELL', threshold: 5 });
      expect(new Set(codes(outcome))).toEqual(new Set(['SUPPRESSED']));
      // Two left-behind children in 双桥村: the count and the total of children under care are withheld.
      expect(stats['220112002201']).toMatchObject({ leftBehindChildCount: null, childrenUnderCareCount: null });
      // Zero identifies nobody; counts of facilities and public posts are never withheld.
      expect(stats['220112001001']).toMatchObject({ householdCount: 0, residentCount: 0 });
      for (const code of REGIONS) expect(stats[code]!.committeeMemberCount).toBe(staff[code]!.committeeMemberCount);
      expect(stats['220000000000']!.householdCount).toBe(allHouseholds.length);
    }
  });

  it('withholds complementary cells so that nothing is recovered by subtraction from a parent and its other children', async () => {
    const publicStats = statsOf(await run(statsQuery(REGIONS), PUBLIC));
    const truth = statsOf(await run(statsQuery(REGIONS), ADMIN));
    // The subtraction case: 永红村 (46 households) is withheld because 云山街道's total minus it would give 前进村's 4.
    expect(truth[V1_CODE]!.householdCount).toBe(46);
    expect(publicStats[V1_CODE]!.householdCount).toBeNull();
    const children = (parent: string) => world.regions.filter((r) => r.parentCode === parent).map((r) => r.code);
    for (const field of PEOPLE.split(' ')) {
      for (const parent of REGIONS) {
        const kids = children(parent);
        if (kids.length === 0 || publicStats[parent]![field] === null) continue;
        const hidden = kids.filter((k) => publicStats[k]![field] === null);
        const hiddenTotal = hidden.reduce((s, k) => s + truth[k]![field]!, 0);
        // Either nothing is hidden, or at least two cells adding up to 5 or more are.
        if (hidden.length > 0) {
          expect(hidden.length, `${field} under ${parent}`).toBeGreaterThanOrEqual(2);
          expect(hiddenTotal, `${field} under ${parent}`).toBeGreaterThanOrEqual(5);
        }
        // Whatever is shown is the truth.
        for (const k of kids) if (publicStats[k]![field] !== null) expect(publicStats[k]![field]).toBe(truth[k]![field]);
      }
    }
  });

  it('gives the same answer for a village asked alone or with its siblings, in a constant number of statements', async () => {
    const alone = statsOf(await run(statsQuery([V1_CODE]), PUBLIC));
    const together = statsOf(await run(statsQuery(REGIONS), PUBLIC));
    expect(alone[V1_CODE]).toEqual(together[V1_CODE]);
    subgraph.counter.count = 0;
    await run(statsQuery(REGIONS.slice(0, 2)), PUBLIC);
    const few = subgraph.counter.count;
    subgraph.counter.count = 0;
    await run(statsQuery(REGIONS), PUBLIC);
    expect(subgraph.counter.count).toBe(few);
  });
});

describe('SQL injection in every string argument', () => {
  const INJECTIONS = [
    `' OR 1=1 --`,
    `"; DROP TABLE residents; --`,
    `220000000000' OR '1'='1`,
    `%' UNION SELECT id_number FROM residents --`,
    // Well-formed cursors whose keys carry SQL: they reach the statements, as bound values.
    encodeCursor(`220112001201|' OR 1=1 --`),
    encodeCursor(`'; DROP TABLE residents; --`),
  ];
  /** Valid values for arguments that are not the one under test. */
  const VALID: Record<string, string> = { code: '220000000000', within: '220000000000', name: '村', id: me.id, grid: ROSTER_GRID };
  const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs(civilAffairs) });
  const selectionFor = (field: GraphQLField<unknown, unknown>) => {
    const type = getNamedType(field.type);
    if (!isObjectType(type)) return '';
    return 'totalCount' in type.getFields() ? '{ totalCount }' : '{ __typename }';
  };
  const cases: { label: string; build: (value: string) => string }[] = [];
  const parents: [GraphQLObjectType, (inner: string) => string][] = [
    [schema.getQueryType()!, (inner) => `{ ${inner} }`],
    [schema.getType('Region') as GraphQLObjectType, (inner) => `{ region(code: "220000000000") { ${inner} } }`],
    [schema.getType('Grid') as GraphQLObjectType, (inner) => `{ grid(code: "${ROSTER_GRID}") { ${inner} } }`],
  ];
  for (const [type, wrap] of parents) {
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      for (const arg of field.args) {
        if (!['String', 'ID'].includes(getNamedType(arg.type).name)) continue;
        cases.push({
          label: `${type.name}.${field.name}(${arg.name})`,
          build: (value) => {
            // Root people lists need a region (unless the grid is the argument under test).
            const needsScope = type.name === 'Query' && ['residents', 'households'].includes(field.name) && arg.name !== 'grid';
            const args = field.args
              .filter((a) => a.name === arg.name || (String(a.type).endsWith('!') && a.name in VALID) || (needsScope && a.name === 'within'))
              .map((a) => `${a.name}: ${JSON.stringify(a.name === arg.name ? value : VALID[a.name])}`);
            return wrap(`${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selectionFor(field)}`);
          },
        });
      }
    }
  }

  it('covers every string and ID argument of the schema', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.map((c) => c.label)).toEqual(expect.arrayContaining(['Query.regions(name)', 'Query.residents(grid)', 'Region.disclosures(from)', 'Grid.households(after)']));
  });

  it('answers BAD_USER_INPUT or a normal (empty) answer, never SQL text or a crash', async () => {
    const residentsBefore = (subgraph.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
    for (const { label, build } of cases) {
      for (const value of INJECTIONS) {
        const outcome = await run(build(value), ADMIN);
        for (const error of outcome.errors) expect([label, error.extensions?.code]).toEqual([label, 'BAD_USER_INPUT']);
        expect(outcome.json, label).not.toMatch(/SQLITE|sqlite|syntax error|no such (table|column)|INTERNAL_SERVER_ERROR|stack/);
        if (outcome.errors.length === 0) expect(outcome.json, label).not.toContain(me.idNumber);
      }
    }
    const references = await run(ENTITIES, ADMIN, { r: INJECTIONS.flatMap((v) => [entity('Resident', v), entity('Household', v), entity('Grid', v)]) });
    expect(references.errors).toEqual([]);
    expect((references.data!._entities as unknown[]).every((e) => e === null)).toBe(true);
    expect((subgraph.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBe(residentsBefore);
  });
});

describe('the access log', () => {
  it('is a hash chain that verifies after the reads above, and cannot be edited or deleted', () => {
    const log = createAccessLog(subgraph.sqlite);
    const verified = log.verify();
    expect(verified).toMatchObject({ ok: true });
    expect(verified.entries).toBeGreaterThan(10);
    expect(() => subgraph.sqlite.prepare(`UPDATE access_log SET purpose = 'STATISTICS'`).run()).toThrow(/append-only/);
    expect(() => subgraph.sqlite.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    expect(log.verify()).toMatchObject({ ok: true });
  });
});
