import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import {
  IDENTITY_HEADER,
  PUBLIC_IDENTITY,
  createAccessLog,
  createIdentitySigner,
  createLogger,
  createSubgraphServer,
  generateIdentityKeyPair,
  openDatabase,
  type Identity,
  type SubgraphServer,
} from '@village-graph/shared';
import { agriculture } from '../src/subgraph.ts';
import { seed } from '../src/seed.ts';
import { SUPPRESSED_WITH } from '../src/statistics.ts';
import { createFakeWorld } from './fake-world.ts';

/**
 * Who may see what, as the data owner enforces it: schema directives (@authenticated,
 * @requiresScopes, @policy) applied by the department itself, row scopes, small-cell suppression
 * and the access log. Every refusal is checked for its code AND for the protected value being
 * absent from the whole response.
 */
const world = createFakeWorld({ scale: 0.05, householdsPerVillage: 30 });
const households = [...world.villages()].flatMap((v) => v.households);

type Persona = Omit<Identity, 'requestId'>;
const persona = (p: Partial<Persona> & Pick<Persona, 'subject' | 'role'>): Persona => ({ ...PUBLIC_IDENTITY, ...p });

const COUNTY = '220112000000';
const OTHER_COUNTY = '220282000000';

// The household the personas ask about: a monitored household of the county, and its neighbours.
const target = households.find((h) => h.povertyMonitored && h.villageCode.startsWith('220112'))!;
const sameGrid = households.find((h) => h.id !== target.id && h.gridCode === target.gridCode)!;
const otherGrid = households.find((h) => h.villageCode === target.villageCode && h.gridCode !== target.gridCode)!;
const otherVillage = households.find((h) => h.villageCode !== target.villageCode && h.villageCode.startsWith('220112'))!;
const farAway = households.find((h) => h.villageCode.startsWith('220282'))!;
const head = target.members[0]!;

const PUBLIC = PUBLIC_IDENTITY;
const ANALYST = persona({ subject: 'analyst-1', role: 'ANALYST', regions: ['220000000000'], purpose: 'STATISTICS', caseReference: 'ST-2023-1' });
const AGRICULTURE = persona({
  subject: 'agri-county-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['agriculture'], purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-7',
});
const AGRICULTURE_NO_PURPOSE = { ...AGRICULTURE, purpose: null, caseReference: null };
const AGRICULTURE_ELSEWHERE = { ...AGRICULTURE, subject: 'agri-other-county', regions: [OTHER_COUNTY] };
const CIVIL = persona({
  subject: 'civil-county-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'], purpose: 'ASSISTANCE_REVIEW', caseReference: 'CA-2023-3',
});
const HOUSING = persona({
  subject: 'housing-county-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['housing'], purpose: 'RENOVATION_REVIEW', caseReference: 'RR-2023-9',
});
/** The land-contract-dispute persona: county justice staff handling a case. */
const JUSTICE = persona({
  subject: 'justice-county-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['justice'], purpose: 'CASE_HANDLING', caseReference: 'TJ-2023-17',
});
const JUSTICE_ELSEWHERE = { ...JUSTICE, subject: 'justice-other-county', regions: [OTHER_COUNTY] };
const HEALTH = persona({ subject: 'health-county-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'], purpose: 'FOLLOW_UP_VISIT', caseReference: 'FU-1' });
const GRID_WORKER = persona({ subject: 'grid-worker-1', role: 'GRID_WORKER', regions: [target.gridCode] });
const CADRE = persona({ subject: 'cadre-1', role: 'VILLAGE_CADRE', regions: [target.villageCode] });
const RESIDENT = persona({ subject: 'resident-1', role: 'RESIDENT', residentId: head.id, purpose: 'DATA_SUBJECT_ACCESS', caseReference: 'DSA-2023-1' });
const AUDITOR = persona({ subject: 'auditor-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], scopes: ['audit:read'] });
const AUDITOR_ELSEWHERE = { ...AUDITOR, subject: 'auditor-2', regions: [OTHER_COUNTY] };

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(agriculture, (sqlite) => sqlite.transaction(() => seed(sqlite, world))());
});
afterAll(() => subgraph.close());

const one = <T>(sql: string, ...params: unknown[]) => subgraph.sqlite.prepare(sql).pluck().get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => subgraph.sqlite.prepare(sql).pluck().all(...params) as T[];

type Result = Awaited<ReturnType<TestSubgraph['execute']>>;
const run = (who: Persona, query: string, variables?: Record<string, unknown>): Promise<Result & { data?: any }> =>
  subgraph.execute(query, variables, {}, who);
const codes = (result: Result) => (result.errors ?? []).map((e) => e.extensions?.code);
const entities = (typename: string, keys: Record<string, unknown>[]) => ({ r: keys.map((k) => ({ __typename: typename, ...k })) });

/** Asserts the response carries none of these values, anywhere (data, errors, extensions). */
function expectAbsent(result: Result, ...values: (string | number)[]) {
  const text = JSON.stringify(result);
  for (const value of values) expect(text, `response contains ${value}`).not.toContain(String(value));
}

/** Access-log entries written since `mark` (an entry count). */
const entriesSince = (mark: number) => subgraph.accessLog().slice(mark);

// Facts about the target household the tests look for in responses.
const contractOf = (householdId: string) =>
  subgraph.sqlite.prepare('SELECT contract_number AS number, total_area_mu AS area FROM land_contracts WHERE household_id = ?').get(householdId) as { number: string; area: number };
const incomeOf = (householdId: string) => one<number>('SELECT per_capita_income_2022 FROM household_incomes WHERE household_id = ?', householdId);
const monitoringOf = (householdId: string) =>
  subgraph.sqlite.prepare('SELECT id, type, main_risk AS mainRisk, since FROM poverty_monitoring WHERE household_id = ?').get(householdId) as {
    id: string; type: string; mainRisk: string; since: string;
  };

const HOUSEHOLD_SENSITIVE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
  id income { perCapitaDisposableIncome previousYearPerCapitaDisposableIncome } povertyMonitoring { id type mainRisk since } } } }`;
const HOUSEHOLD_PERSONAL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
  id isPovertyMonitored landContract { contractNumber issuer } toiletRenovation { status } cooperativeMemberships { role } } } }`;

describe('forged or absent identity', () => {
  let server: SubgraphServer;
  let url: string;
  let sign: (identity: Identity) => Promise<string>;
  let forge: (identity: Identity) => Promise<string>;
  beforeAll(async () => {
    const keys = await generateIdentityKeyPair();
    const attacker = await generateIdentityKeyPair();
    sign = await createIdentitySigner(keys.privateKeyPem);
    forge = await createIdentitySigner(attacker.privateKeyPem);
    const sqlite = openDatabase({ path: ':memory:', migrationsFolder: agriculture.migrationsFolder });
    sqlite.transaction(() => seed(sqlite, world))();
    server = await createSubgraphServer(agriculture, { sqlite, logger: createLogger('agriculture', 'silent'), identityPublicKeyPem: keys.publicKeyPem });
    url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/graphql`;
  });
  afterAll(() => server?.close());

  const post = async (headers: Record<string, string>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) {
          cooperatives(within: "${target.villageCode}", first: 1) { totalCount }
          landContracts(within: "${target.villageCode}", first: 500) { totalCount nodes { contractNumber } }
          povertyMonitoredHouseholds(within: "${target.villageCode}") { nodes { type mainRisk } }
          _entities(representations: $r) { ... on Household { income { perCapitaDisposableIncome } landContract { contractNumber } } } }`,
        variables: entities('Household', [{ id: target.id }]),
      }),
    });
    return (await response.json()) as Result & { data?: any };
  };

  it('serves a gateway-signed identity its data, and a forged or missing one only public data', async () => {
    const asAdministrator = { ...persona({ subject: 'root', role: 'ADMINISTRATOR', departments: ['agriculture'], purpose: 'SUPERVISION', caseReference: 'SV-1' }), requestId: 'r1' };
    const signed = await post({ [IDENTITY_HEADER]: await sign(asAdministrator) });
    expect(signed.errors).toBeUndefined();
    expect(signed.data._entities[0].income.perCapitaDisposableIncome).toBe(incomeOf(target.id));

    const attempts: Record<string, string>[] = [{ [IDENTITY_HEADER]: await forge(asAdministrator) }, { [IDENTITY_HEADER]: 'not-a-token' }, {}];
    for (const headers of attempts) {
      const result = await post(headers);
      expect(result.data.cooperatives.totalCount).toBeGreaterThan(0);
      expect(result.data.landContracts).toBeNull();
      expect(result.data.povertyMonitoredHouseholds).toBeNull();
      expect(result.data._entities).toEqual([null]);
      expect(new Set(codes(result))).toEqual(new Set(['FORBIDDEN']));
      expectAbsent(result, contractOf(target.id).number, incomeOf(target.id), monitoringOf(target.id).mainRisk);
    }
  });
});

describe('the public and analysts see no personal rows', () => {
  it('refuses household, resident and contract references and every personal list', async () => {
    const contract = contractOf(target.id);
    for (const who of [PUBLIC, ANALYST]) {
      const refs = await run(who, HOUSEHOLD_PERSONAL, entities('Household', [{ id: target.id }]));
      expect(refs.data._entities).toEqual([null]);
      const resident = await run(who, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { landContracts { contractNumber } farmerTrainings { id } } } }`,
        entities('Resident', [{ id: head.id }]));
      expect(resident.data._entities).toEqual([null]);
      const byKey = await run(who, `query($r: [_Any!]!) { _entities(representations: $r) { ... on LandContract { contractNumber issuer } } }`,
        entities('LandContract', [{ contractNumber: contract.number }]));
      expect(byKey.data._entities).toEqual([null]);
      const lists = await run(who, `{
        landContract(contractNumber: "${contract.number}") { issuer }
        landContracts(within: "220000000000") { totalCount nodes { contractNumber } }
        farmerTrainings(within: "220000000000") { totalCount nodes { id } }
        povertyMonitoredHouseholds(within: "220000000000") { totalCount }
        cooperative(id: "${one<string>('SELECT cooperative_id FROM cooperative_members LIMIT 1')}") { name members { totalCount } } }`);
      expect(lists.data).toMatchObject({ landContract: null, landContracts: null, farmerTrainings: null, povertyMonitoredHouseholds: null, cooperative: { members: null } });
      for (const result of [refs, resident, byKey, lists]) {
        expect(codes(result).length).toBeGreaterThan(0);
        expect(codes(result).every((c) => c === 'FORBIDDEN')).toBe(true);
        expectAbsent(result, contract.number, incomeOf(target.id), ...all<string>('SELECT id FROM farmer_trainings'));
      }
    }
  });

  it('still answers public facts: cooperatives, village agriculture and statistics', async () => {
    const result = await run(PUBLIC, `{ cooperatives(within: "220000000000", first: 2) { totalCount nodes { id name memberCount modelRatings { level } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.cooperatives.totalCount).toBe(one('SELECT count(*) FROM cooperatives'));
    const region = await run(PUBLIC, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { villageAgriculture { cultivatedAreaMu collectiveEconomyIncome }
      agricultureStatistics { villageCount cooperativeCount cultivatedAreaMu collectiveEconomyIncome } } } }`, entities('Region', [{ code: target.villageCode }]));
    expect(region.errors).toBeUndefined();
    expect(region.data._entities[0].villageAgriculture.cultivatedAreaMu).toBeGreaterThan(0);
  });
});

describe('row scope of grid workers and village cadres', () => {
  it('lets a grid worker see their own grid’s households, not another grid’s', async () => {
    const own = await run(GRID_WORKER, HOUSEHOLD_PERSONAL, entities('Household', [{ id: target.id }, { id: sameGrid.id }]));
    expect(own.errors).toBeUndefined();
    expect(own.data._entities.map((h: any) => h.landContract.contractNumber)).toEqual([contractOf(target.id).number, contractOf(sameGrid.id).number]);
    expect(own.data._entities[0].isPovertyMonitored).toBe(true);

    const other = await run(GRID_WORKER, HOUSEHOLD_PERSONAL, entities('Household', [{ id: otherGrid.id }, { id: farAway.id }]));
    expect(other.data._entities).toEqual([null, null]);
    expect(codes(other)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(other.errors![0]!.message).toMatch(/outside your area/);
    expectAbsent(other, contractOf(otherGrid.id).number, contractOf(farAway.id).number);
  });

  it('lists only the grid’s rows for a grid worker, and refuses a wider region or another grid', async () => {
    const list = await run(GRID_WORKER, `{ landContracts(within: "${target.villageCode}", first: 500) { totalCount nodes { contractNumber } }
      farmerTrainings(within: "${target.villageCode}", first: 500) { totalCount nodes { id } } }`);
    expect(list.errors).toBeUndefined();
    const expected = all<string>('SELECT contract_number FROM land_contracts WHERE grid_code = ? ORDER BY contract_number', target.gridCode);
    expect(list.data.landContracts.nodes.map((n: any) => n.contractNumber)).toEqual(expected);
    expect(list.data.landContracts.totalCount).toBe(expected.length);
    expect(list.data.farmerTrainings.nodes.map((n: any) => n.id)).toEqual(all('SELECT id FROM farmer_trainings WHERE grid_code = ? ORDER BY id', target.gridCode));
    expectAbsent(list, contractOf(otherGrid.id).number);

    const wider = await run(GRID_WORKER, `{ landContracts(within: "${target.villageCode.slice(0, 9)}000") { totalCount nodes { contractNumber } } }`);
    expect(wider.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    expect(wider.data.landContracts).toBeNull();
    const grid = await run(GRID_WORKER, `{ landContracts(within: "${target.villageCode}", grid: "${otherGrid.gridCode}") { nodes { contractNumber } } }`);
    expect(grid.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'grid' });
    expectAbsent(grid, contractOf(otherGrid.id).number);
  });

  it('keeps a grid worker from agriculture’s sensitive fields and from member registers of other villages', async () => {
    const result = await run(GRID_WORKER, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: target.id }]));
    expect(result.data._entities[0]).toEqual({ id: target.id, income: null, povertyMonitoring: null });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expectAbsent(result, incomeOf(target.id), monitoringOf(target.id).mainRisk);
    const elsewhere = one<string>('SELECT id FROM cooperatives WHERE village_code <> ? AND id IN (SELECT cooperative_id FROM cooperative_members) LIMIT 1', target.villageCode);
    const members = await run(GRID_WORKER, `{ cooperative(id: "${elsewhere}") { id members { nodes { household { id } } } } }`);
    expect(members.data.cooperative).toEqual({ id: elsewhere, members: null });
    expect(codes(members)).toEqual(['FORBIDDEN']);
    expectAbsent(members, ...all<string>('SELECT household_id FROM cooperative_members WHERE cooperative_id = ?', elsewhere));
  });

  it('lets a village cadre see their village and nothing beyond', async () => {
    const own = await run(CADRE, HOUSEHOLD_PERSONAL, entities('Household', [{ id: target.id }, { id: otherGrid.id }]));
    expect(own.errors).toBeUndefined();
    const other = await run(CADRE, HOUSEHOLD_PERSONAL, entities('Household', [{ id: otherVillage.id }]));
    expect(other.data._entities).toEqual([null]);
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expectAbsent(other, contractOf(otherVillage.id).number);
    const list = await run(CADRE, `{ farmerTrainings(within: "${COUNTY}") { totalCount } }`);
    expect(list.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
  });
});

describe('sensitive fields: agriculture staff with a purpose, logged', () => {
  it('serves income and the monitoring record to county agriculture staff and logs each read with purpose and case', async () => {
    const mark = subgraph.accessLog().length;
    const result = await run(AGRICULTURE, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: target.id }]));
    expect(result.errors).toBeUndefined();
    const record = monitoringOf(target.id);
    expect(result.data._entities[0]).toMatchObject({ income: { perCapitaDisposableIncome: incomeOf(target.id) }, povertyMonitoring: { type: record.type, mainRisk: record.mainRisk } });
    const entries = entriesSince(mark);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'agri-county-1', role: 'DEPARTMENT_STAFF', purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-7', residentId: target.id });
    expect(entries[0]!.fields).toEqual([
      'Household.income', 'Household.povertyMonitoring', 'HouseholdIncome.perCapitaDisposableIncome', 'HouseholdIncome.previousYearPerCapitaDisposableIncome',
      'PovertyMonitoring.id', 'PovertyMonitoring.mainRisk', 'PovertyMonitoring.since', 'PovertyMonitoring.type',
    ]);
  });

  it('logs every record a monitoring list returns', async () => {
    const mark = subgraph.accessLog().length;
    const result = await run(AGRICULTURE, `{ povertyMonitoredHouseholds(within: "${COUNTY}", first: 500) { totalCount nodes { household { id } type mainRisk } } }`);
    expect(result.errors).toBeUndefined();
    const ids = result.data.povertyMonitoredHouseholds.nodes.map((n: any) => n.household.id);
    expect(ids.length).toBe(one<number>("SELECT count(*) FROM poverty_monitoring WHERE village_code LIKE '220112%'"));
    expect(entriesSince(mark).map((e) => e.residentId).sort()).toEqual([...ids].sort());
    expect(entriesSince(mark).every((e) => e.fields.join() === 'PovertyMonitoring.household,PovertyMonitoring.mainRisk,PovertyMonitoring.type')).toBe(true);
    // Naming the households alone says they are monitored: that is logged too.
    const mark2 = subgraph.accessLog().length;
    await run(AGRICULTURE, `{ povertyMonitoredHouseholds(within: "${COUNTY}", first: 2) { nodes { household { id } } } }`);
    expect(entriesSince(mark2).map((e) => e.fields)).toEqual([['PovertyMonitoring.household'], ['PovertyMonitoring.household']]);
  });

  it('refuses without a declared purpose (PURPOSE_REQUIRED), and logs nothing', async () => {
    const mark = subgraph.accessLog().length;
    const result = await run(AGRICULTURE_NO_PURPOSE, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: target.id }]));
    expect(result.data._entities[0]).toEqual({ id: target.id, income: null, povertyMonitoring: null });
    expect(codes(result)).toEqual(['PURPOSE_REQUIRED', 'PURPOSE_REQUIRED']);
    expectAbsent(result, incomeOf(target.id), monitoringOf(target.id).mainRisk);
    const list = await run(AGRICULTURE_NO_PURPOSE, `{ povertyMonitoredHouseholds(within: "${COUNTY}") { nodes { mainRisk } } }`);
    expect(codes(list)).toEqual(['PURPOSE_REQUIRED']);
    expectAbsent(list, monitoringOf(target.id).mainRisk, monitoringOf(target.id).id);
    expect(entriesSince(mark)).toEqual([]);
  });

  it('refuses agriculture staff of another county (row scope), without the values', async () => {
    const mark = subgraph.accessLog().length;
    const result = await run(AGRICULTURE_ELSEWHERE, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: target.id }]));
    expect(result.data._entities).toEqual([null]);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expectAbsent(result, incomeOf(target.id), monitoringOf(target.id).mainRisk);
    const list = await run(AGRICULTURE_ELSEWHERE, `{ povertyMonitoredHouseholds(within: "${COUNTY}") { nodes { id } } }`);
    expect(list.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'within' });
    expect(entriesSince(mark)).toEqual([]);
  });

  it('keeps other departments to the yes/no: no income, no monitoring record, no monitoring list', async () => {
    for (const who of [CIVIL, HOUSING, JUSTICE, HEALTH]) {
      const mark = subgraph.accessLog().length;
      const result = await run(who, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
        isPovertyMonitored income { perCapitaDisposableIncome } povertyMonitoring { type mainRisk } } } }`, entities('Household', [{ id: target.id }]));
      expect(result.data._entities[0]).toEqual({ isPovertyMonitored: true, income: null, povertyMonitoring: null });
      expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expectAbsent(result, incomeOf(target.id), monitoringOf(target.id).mainRisk, monitoringOf(target.id).type);
      const list = await run(who, `{ povertyMonitoredHouseholds(within: "${COUNTY}") { nodes { type } } }`);
      expect(codes(list)).toEqual(['FORBIDDEN']);
      // The yes/no itself is a sensitive answer: logged, with the asker's purpose.
      expect(entriesSince(mark)).toMatchObject([{ actor: who.subject, purpose: who.purpose, residentId: target.id, fields: ['Household.isPovertyMonitored'] }]);
    }
  });
});

describe('land-contract dispute: county justice staff', () => {
  const CONTRACT_DETAILS = `landContract { contractNumber totalAreaMu plots { plotNumber areaMu landUse } certificateMembers { id } }`;

  it('reads the contracts and plots of a party’s household in their county, logged with the case', async () => {
    const mark = subgraph.accessLog().length;
    const result = await run(JUSTICE, `query($h: [_Any!]!, $r: [_Any!]!) {
      households: _entities(representations: $h) { ... on Household { ${CONTRACT_DETAILS} } }
      parties: _entities(representations: $r) { ... on Resident { landContracts { contractNumber plots { plotNumber } } } } }`, {
      h: entities('Household', [{ id: target.id }]).r,
      r: entities('Resident', [{ id: head.id }]).r,
    });
    expect(result.errors).toBeUndefined();
    const contract = contractOf(target.id);
    expect(result.data.households[0].landContract).toMatchObject({ contractNumber: contract.number, totalAreaMu: contract.area });
    expect(result.data.households[0].landContract.plots.length).toBe(one('SELECT count(*) FROM plots WHERE contract_number = ?', contract.number));
    expect(result.data.households[0].landContract.certificateMembers).toEqual(target.members.map((m) => ({ id: m.id })));
    expect(result.data.parties[0].landContracts[0].contractNumber).toBe(contract.number);
    expect(entriesSince(mark)).toMatchObject([
      { actor: 'justice-county-1', purpose: 'CASE_HANDLING', caseReference: 'TJ-2023-17', residentId: target.id, fields: ['LandContract.certificateMembers', 'LandContract.plots', 'LandContract.totalAreaMu'] },
    ]);
  });

  it('refuses justice staff of another county, and contract details to departments without a dispute role', async () => {
    const contract = contractOf(target.id);
    const elsewhere = await run(JUSTICE_ELSEWHERE, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { ${CONTRACT_DETAILS} } } }`, entities('Household', [{ id: target.id }]));
    expect(elsewhere.data._entities).toEqual([null]);
    expect(codes(elsewhere)).toEqual(['FORBIDDEN']);
    expectAbsent(elsewhere, contract.number);

    const civil = await run(CIVIL, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { ${CONTRACT_DETAILS} } } }`, entities('Household', [{ id: target.id }]));
    expect(civil.data._entities[0].landContract).toEqual({ contractNumber: contract.number, totalAreaMu: null, plots: null, certificateMembers: null });
    expect(codes(civil)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expectAbsent(civil, ...all<string>('SELECT area_mu FROM plots WHERE contract_number = ?', contract.number).map(String), target.members[1]?.id ?? contract.number + 'x');

    const income = await run(JUSTICE, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: target.id }]));
    expect(codes(income)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expectAbsent(income, incomeOf(target.id));
  });
});

describe('residents: their own household only', () => {
  it('lets a resident read their own household’s income, record and contract (with a purpose), logged', async () => {
    const mark = subgraph.accessLog().length;
    const result = await run(RESIDENT, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
      income { perCapitaDisposableIncome } povertyMonitoring { type } landContract { contractNumber plots { areaMu } } } } }`, entities('Household', [{ id: target.id }]));
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].income.perCapitaDisposableIncome).toBe(incomeOf(target.id));
    expect(entriesSince(mark)).toMatchObject([{ actor: 'resident-1', role: 'RESIDENT', purpose: 'DATA_SUBJECT_ACCESS', residentId: target.id }]);
  });

  it('refuses another household, another member’s trainings and every list', async () => {
    const other = await run(RESIDENT, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: sameGrid.id }]));
    expect(other.data._entities).toEqual([null]);
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expectAbsent(other, incomeOf(sameGrid.id));
    const neighbour = await run(RESIDENT, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { farmerTrainings { id } landContracts { contractNumber } } } }`,
      entities('Resident', [{ id: sameGrid.members[0]!.id }]));
    expect(neighbour.data._entities).toEqual([null]);
    expectAbsent(neighbour, contractOf(sameGrid.id).number);
    const lists = await run(RESIDENT, `{ landContracts(within: "${target.villageCode}") { totalCount } farmerTrainings(within: "${target.villageCode}") { totalCount } }`);
    expect(lists.data).toEqual({ landContracts: null, farmerTrainings: null });
    expect(lists.errors!.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', argument: 'within' }, { code: 'FORBIDDEN', argument: 'within' }]);
    if (target.members.length > 1) {
      // A household member's contract is the household's; their trainings are theirs alone.
      const sibling = await run(RESIDENT, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { landContracts { contractNumber } farmerTrainings { id } } } }`,
        entities('Resident', [{ id: target.members[1]!.id }]));
      expect(sibling.data._entities[0]).toEqual({ landContracts: [{ contractNumber: contractOf(target.id).number }], farmerTrainings: null });
      expect(codes(sibling)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('the data tracker (Resident.agricultureAccessLog)', () => {
  const TRACKER = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident {
    agricultureAccessLog { department at actor role purpose caseReference subjectId fields requestId } } } }`;
  const representation = entities('Resident', [{ id: head.id, household: { id: target.id } }]);

  it('gives a resident the reads of their own and their household’s data, oldest first', async () => {
    await run(AGRICULTURE, HOUSEHOLD_SENSITIVE, entities('Household', [{ id: target.id }]));
    const result = await run(RESIDENT, TRACKER, representation);
    expect(result.errors).toBeUndefined();
    const log = result.data._entities[0].agricultureAccessLog as { at: string; department: string; subjectId: string; actor: string }[];
    const stored = subgraph.accessLog().filter((e) => e.residentId === target.id || e.residentId === head.id);
    expect(log).toHaveLength(stored.length);
    expect(log.map((e) => e.actor)).toEqual(stored.map((e) => e.actor));
    expect(log.every((e) => e.department === 'agriculture' && e.subjectId === target.id)).toBe(true);
    expect([...log].sort((a, b) => a.at.localeCompare(b.at))).toEqual(log);
    expect(log.at(-1)).toMatchObject({ actor: 'agri-county-1', purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2023-7' });
  });

  it('refuses another resident’s log to a resident, and to staff without audit:read or outside their area', async () => {
    for (const [who, code] of [[RESIDENT, 'FORBIDDEN'], [AGRICULTURE, 'FORBIDDEN'], [AUDITOR_ELSEWHERE, 'FORBIDDEN'], [PUBLIC, 'FORBIDDEN']] as const) {
      const rep = who === RESIDENT ? entities('Resident', [{ id: sameGrid.members[0]!.id, household: { id: sameGrid.id } }]) : representation;
      const result = await run(who, TRACKER, rep);
      expect(result.data?._entities?.[0]?.agricultureAccessLog ?? null).toBeNull();
      expect(codes(result)).toContain(code);
      expectAbsent(result, 'agri-county-1');
    }
    const auditor = await run(AUDITOR, TRACKER, representation);
    expect(auditor.errors).toBeUndefined();
    expect(auditor.data._entities[0].agricultureAccessLog.length).toBeGreaterThan(0);
  });

  it('keeps the log append-only and its hash chain intact after all these reads', () => {
    expect(createAccessLog(subgraph.sqlite).verify()).toMatchObject({ ok: true });
    expect(() => subgraph.sqlite.prepare("UPDATE access_log SET actor = 'nobody'").run()).toThrow(/append-only/);
    expect(() => subgraph.sqlite.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
  });
});

describe('small-cell suppression for the public and analysts', () => {
  // Hand-made rollup rows: one township, four villages; poverty monitoring 3 / 40 / 12 / 0 households.
  let cells: TestSubgraph;
  const TOWNSHIP = '220112001000';
  const V = { small: '220112001201', large: '220112001202', medium: '220112001203', none: '220112001204' };
  beforeAll(async () => {
    cells = await createTestSubgraph(agriculture, (sqlite) => {
      const insert = sqlite.prepare(`INSERT INTO region_statistics (region_code, village_count, household_count, person_count, income_person_sum_2022,
        income_person_sum_2021, cultivated_area_mu, grain_sown_area_mu, rice_fish_area_mu, greenhouse_area_mu, land_contract_count, contracted_area_mu,
        plot_count, certificate_member_count, cooperative_count, model_cooperative_count, cooperative_member_count, cooperative_member_household_count,
        farmer_training_count, poverty_monitored_household_count, poverty_monitored_person_count, toilet_renovations_planned_2023,
        toilet_renovations_completed, toilet_record_count, collective_economy_income, collective_assets_value, villages_with_collective_income_over_100k)
        VALUES (?, 1, ?, ?, ?, ?, 1000, 800, 0, 10, ?, 500, 300, ?, 3, 0, 60, 20, 2, ?, ?, 5, 30, ?, 120000, 900000, 1)`);
      // code, households, persons, income sums, contracts, certificate members, monitored households, monitored persons, toilet records
      insert.run(V.small, 120, 300, 300 * 18000, 300 * 17500, 120, 300, 3, 7, 120);
      insert.run(V.large, 150, 360, 360 * 19000, 360 * 18500, 150, 360, 40, 95, 150);
      insert.run(V.medium, 90, 210, 210 * 17000, 210 * 16500, 90, 210, 12, 30, 90);
      insert.run(V.none, 3, 4, 4 * 15000, 4 * 14500, 3, 4, 0, 0, 3);
    });
  });
  afterAll(() => cells.close());

  const STATS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code agricultureStatistics {
    villageCount householdCount personCount meanPerCapitaDisposableIncome povertyMonitoredHouseholdCount povertyMonitoredPersonCount
    farmerTrainingCount cultivatedAreaMu cooperativeCount collectiveEconomyIncome landContractCount contractedAreaMu } } } }`;
  const ask = (who: Persona, ...regionCodes: string[]) => cells.execute(STATS, entities('Region', regionCodes.map((code) => ({ code }))), {}, who) as Promise<Result & { data?: any }>;

  it('withholds 1–4 and the complementary cell, so no small count can be derived by subtraction', async () => {
    for (const who of [PUBLIC, ANALYST]) {
      const result = await ask(who, TOWNSHIP, V.small, V.large, V.medium, V.none);
      const [township, small, large, medium, none] = result.data._entities.map((e: any) => e.agricultureStatistics);
      // Primary: 3 monitored households. Complementary: the next smallest sibling (12), so 55 − 40 = 15 reveals neither.
      expect(small.povertyMonitoredHouseholdCount).toBeNull();
      expect(medium.povertyMonitoredHouseholdCount).toBeNull();
      expect(large.povertyMonitoredHouseholdCount).toBe(40);
      expect(township.povertyMonitoredHouseholdCount).toBe(55);
      expect(none.povertyMonitoredHouseholdCount).toBe(0);
      // A village of 3 households: its counts and its mean income (one or two households' income) are withheld.
      expect(none).toMatchObject({ householdCount: null, personCount: null, meanPerCapitaDisposableIncome: null, landContractCount: null, contractedAreaMu: null });
      // Villages, cooperatives, areas and money are not people.
      expect(none).toMatchObject({ villageCount: 1, cooperativeCount: 3, cultivatedAreaMu: 1000, collectiveEconomyIncome: 120000 });
      // Farmer trainings (2 per village) are small everywhere: every village is withheld, the township (8) is not.
      expect([small, large, medium, none].map((s) => s.farmerTrainingCount)).toEqual([null, null, null, null]);
      expect(township.farmerTrainingCount).toBe(8);
      const suppressed = result.errors!.filter((e) => e.extensions?.code === 'SUPPRESSED');
      expect(suppressed.length).toBe(result.errors!.length);
      expect(suppressed[0]!.extensions).toMatchObject({ reason: 'SMALL_CELL', threshold: 5 });
      expectAbsent({ data: result.data }, '"povertyMonitoredHouseholdCount":3', '"povertyMonitoredHouseholdCount":12');
    }
  });

  it('gives the same answer for a village asked alone (the decision depends on the data, not the query)', async () => {
    const alone = await ask(PUBLIC, V.medium);
    expect(alone.data._entities[0].agricultureStatistics.povertyMonitoredHouseholdCount).toBeNull();
  });

  it('shows staff every figure', async () => {
    const result = await ask(AGRICULTURE, V.small, V.none);
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((e: any) => e.agricultureStatistics.povertyMonitoredHouseholdCount)).toEqual([3, 0]);
    expect(result.data._entities[1].agricultureStatistics.meanPerCapitaDisposableIncome).toBe(15000);
  });

  it('never shows the public a people count of 1–4 on the seeded world, with one statement per batch for the decision', async () => {
    const codesToAsk = [...world.regions.map((r) => r.code)];
    const fields = Object.keys(SUPPRESSED_WITH).join(' ');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { agricultureStatistics { ${fields} } } } }`;
    const result = await run(PUBLIC, query, entities('Region', codesToAsk.map((code) => ({ code }))));
    for (const region of result.data._entities) {
      for (const field of Object.keys(SUPPRESSED_WITH).filter((f) => f.endsWith('Count') || f.startsWith('toiletRenovations'))) {
        const value = region.agricultureStatistics[field];
        expect(value === null || value === 0 || value >= 5, `${field} = ${value}`).toBe(true);
      }
    }
    subgraph.counter.count = 0;
    await run(PUBLIC, query, entities('Region', codesToAsk.slice(0, 2).map((code) => ({ code }))));
    const few = subgraph.counter.count;
    subgraph.counter.count = 0;
    await run(PUBLIC, query, entities('Region', codesToAsk.map((code) => ({ code }))));
    expect(subgraph.counter.count).toBe(few);
  });
});

describe('hostile strings in every string argument', () => {
  const HOSTILE = [`' OR 1=1 --`, `"; DROP TABLE land_contracts; --`, `220112001201' UNION SELECT * FROM access_log --`, `%' OR '%'='`];

  const queries = (s: string) => {
    const q = JSON.stringify(s);
    return [
      `{ landContract(contractNumber: ${q}) { issuer } }`,
      `{ landContracts(within: ${q}) { totalCount } }`,
      `{ landContracts(within: "${COUNTY}", grid: ${q}) { totalCount } }`,
      `{ landContracts(within: "${COUNTY}", after: ${q}) { totalCount } }`,
      `{ cooperative(id: ${q}) { name } }`,
      `{ cooperatives(within: ${q}) { totalCount } }`,
      `{ cooperatives(within: "${COUNTY}", after: ${q}) { totalCount } }`,
      `{ povertyMonitoredHouseholds(within: ${q}) { totalCount } }`,
      `{ povertyMonitoredHouseholds(within: "${COUNTY}", grid: ${q}) { totalCount } }`,
      `{ povertyMonitoredHouseholds(within: "${COUNTY}", from: ${q}) { totalCount } }`,
      `{ povertyMonitoredHouseholds(within: "${COUNTY}", to: ${q}) { totalCount } }`,
      `{ povertyMonitoredHouseholds(within: "${COUNTY}", after: ${q}) { totalCount } }`,
      `{ farmerTrainings(within: ${q}) { totalCount } }`,
      `{ farmerTrainings(within: "${COUNTY}", grid: ${q}) { totalCount } }`,
      `{ farmerTrainings(within: "${COUNTY}", from: ${q}) { totalCount } }`,
      `{ farmerTrainings(within: "${COUNTY}", to: ${q}) { totalCount } }`,
      `{ farmerTrainings(within: "${COUNTY}", after: ${q}) { totalCount } }`,
      `{ cooperative(id: "${one<string>('SELECT id FROM cooperatives WHERE village_code LIKE \'220112%\' LIMIT 1')}") { members(after: ${q}) { totalCount } } }`,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { cooperatives(after: ${q}) { totalCount } } } }`,
    ];
  };
  const representations = (s: string) => [
    { __typename: 'Household', id: s },
    { __typename: 'Resident', id: s },
    { __typename: 'Resident', id: head.id, household: { id: s } },
    { __typename: 'LandContract', contractNumber: s },
    { __typename: 'Cooperative', id: s },
    { __typename: 'Region', code: s },
    { __typename: 'Grid', code: s },
  ];

  it('answers BAD_USER_INPUT or a normal empty answer, never SQL text or a crash, and changes nothing', async () => {
    const before = one<number>('SELECT count(*) FROM land_contracts');
    const admin = persona({ subject: 'root', role: 'ADMINISTRATOR', departments: ['agriculture'], scopes: ['audit:read'], purpose: 'SUPERVISION', caseReference: 'SV-1' });
    for (const s of HOSTILE) {
      for (const query of queries(s)) {
        const result = await run(admin, query, query.includes('$r') ? entities('Region', [{ code: COUNTY }]) : undefined);
        for (const error of result.errors ?? []) expect(error.extensions?.code, `${query}: ${error.message}`).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(result), query).not.toMatch(/SQLITE|syntax error|near "|no such|stack/i);
      }
      const refs = await run(admin, `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Household { landContract { contractNumber } income { perCapitaDisposableIncome } isPovertyMonitored }
        ... on Resident { farmerTrainings { id } landContracts { contractNumber } agricultureAccessLog { at } }
        ... on LandContract { contractNumber } ... on Cooperative { id }
        ... on Region { agricultureStatistics { householdCount } villageAgriculture { cultivatedAreaMu } } ... on Grid { code } } }`, { r: representations(s) });
      expect(refs.errors, s).toBeUndefined();
      const [household, resident, withHousehold, contract, cooperative, region] = refs.data._entities;
      expect(household).toEqual({ landContract: null, income: null, isPovertyMonitored: null });
      expect(resident).toEqual({ farmerTrainings: [], landContracts: [], agricultureAccessLog: [] });
      expect(withHousehold.agricultureAccessLog.length).toBeGreaterThanOrEqual(0);
      expect([contract, cooperative]).toEqual([null, null]);
      expect(region).toEqual({ agricultureStatistics: { householdCount: 0 }, villageAgriculture: null });
    }
    expect(one<number>('SELECT count(*) FROM land_contracts')).toBe(before);
  });
});

describe('statement counts stay flat under row scopes', () => {
  it('resolves 3 or 20 households for county staff with the same number of statements', async () => {
    const county = households.filter((h) => h.villageCode.startsWith('220112'));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
      isPovertyMonitored income { perCapitaDisposableIncome } povertyMonitoring { type } landContract { plots { areaMu } } toiletRenovation { status } } } }`;
    const count = async (n: number) => {
      subgraph.counter.count = 0;
      const result = await run(AGRICULTURE, query, entities('Household', county.slice(0, n).map((h) => ({ id: h.id }))));
      expect(result.errors).toBeUndefined();
      return subgraph.counter.count;
    };
    expect(await count(20)).toBe(await count(3));
  });

  it('checks 3 or 20 residents for a grid worker with the same number of statements', async () => {
    const residents = households.filter((h) => h.gridCode === target.gridCode).flatMap((h) => h.members);
    expect(residents.length).toBeGreaterThanOrEqual(20);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { farmerTrainings { id } landContracts { contractNumber } } } }`;
    const count = async (n: number) => {
      subgraph.counter.count = 0;
      const result = await run(GRID_WORKER, query, entities('Resident', residents.slice(0, n).map((r) => ({ id: r.id }))));
      expect(result.errors).toBeUndefined();
      return subgraph.counter.count;
    };
    expect(await count(20)).toBe(await count(3));
  });
});
