import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isNonNullType, isObjectType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { DENSE_VILLAGE, devSecret, openDepartmentDatabase, personaHeaders, postGraphQL, startGraph, type RunningGraph } from './harness.ts';

/**
 * The security suite of docs/security.md: every case over real HTTP against the whole graph in
 * production mode. Each asserts the refusal and its code, that no protected value appears anywhere
 * in the response, and — for allowed reads — that the owning department logged the access.
 */
const COUNTY = DENSE_VILLAGE.slice(0, 6) + '000000';
const TOWNSHIP = DENSE_VILLAGE.slice(0, 9) + '000';
const GRID = `${DENSE_VILLAGE}001`;
const OTHER_GRID = `${DENSE_VILLAGE}002`;
const INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE residents; --', "220112001201' UNION SELECT id_number FROM residents --", '%_%\\'];

let graph: RunningGraph;
beforeAll(async () => {
  // These cases probe authorization with ad-hoc operations, so trusted-document enforcement (which
  // would refuse most of them before any rule is reached) is off here; e2e/trusted-documents.test.ts
  // covers it in the full production configuration.
  graph = await startGraph({ gatewayEnv: { GATEWAY_MODE: 'production', TRUSTED_DOCUMENTS: 'off' } });
});
afterAll(() => graph?.stop());

const db = <T>(department: string, read: (d: ReturnType<typeof openDepartmentDatabase>) => T): T => {
  const handle = openDepartmentDatabase(department);
  try {
    return read(handle);
  } finally {
    handle.close();
  }
};
const post = (query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) => postGraphQL<any>(graph.gatewayUrl, query, variables, headers);
const codeOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions?.code;
const residentIn = (grid: string) =>
  db('civil-affairs', (d) => d.prepare('SELECT id, name, id_number AS idNumber FROM residents WHERE grid_code = ? ORDER BY id LIMIT 1').get(grid) as { id: string; name: string; idNumber: string });

describe('authentication at the gateway', () => {
  const sign = async (overrides: { key?: Uint8Array | CryptoKey; alg?: string; payload?: JWTPayload } = {}) => {
    const secret = new TextEncoder().encode(await devSecret());
    return new SignJWT({ role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'], scopes: ['id-number:full'], ...overrides.payload })
      .setProtectedHeader({ alg: overrides.alg ?? 'HS256' })
      .setSubject('attacker')
      .setIssuer((overrides.payload?.iss as string) ?? 'village-graph-dev')
      .setAudience((overrides.payload?.aud as string) ?? 'village-graph')
      .setIssuedAt()
      .setExpirationTime((overrides.payload?.exp as number) ?? '5m')
      .setNotBefore((overrides.payload?.nbf as number) ?? Math.floor(Date.now() / 1000) - 5)
      .sign(overrides.key ?? secret);
  };
  const refused = async (token: string, message: RegExp) => {
    const target = residentIn(OTHER_GRID);
    const answer = await post('query($id: ID!) { resident(id: $id) { name idNumber } }', { authorization: `Bearer ${token}`, 'x-purpose': 'CASE_HANDLING', 'x-case-reference': 'X-1' }, { id: target.id });
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    expect(answer.errors![0]!.message).toMatch(message);
    expect(answer.text).not.toContain(target.name);
    expect(answer.text).not.toContain(target.idNumber);
  };

  it('refuses a forged signature', async () => {
    await refused(await sign({ key: new TextEncoder().encode('an-attacker-secret-that-is-long-enough-123') }), /could not be verified/);
  });
  it('refuses alg none', async () => {
    const body = { role: 'ADMINISTRATOR', sub: 'attacker', iss: 'village-graph-dev', aud: 'village-graph', exp: Math.floor(Date.now() / 1000) + 300 };
    await refused(`${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.`, /HS256|verified/);
  });
  it('refuses the wrong algorithm', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await refused(await sign({ key: privateKey, alg: 'ES256' }), /HS256/);
  });
  it('refuses an expired token', async () => {
    await refused(await sign({ payload: { exp: Math.floor(Date.now() / 1000) - 3600 } }), /expired/);
  });
  it('refuses a token not yet valid', async () => {
    await refused(await sign({ payload: { nbf: Math.floor(Date.now() / 1000) + 3600 } }), /nbf/);
  });
  it('refuses the wrong audience', async () => {
    await refused(await sign({ payload: { aud: 'another-system' } }), /aud/);
  });
});

describe('rows scoped to the caller\'s area', () => {
  it('refuses another grid\'s residents to a grid worker, and serves their own', async () => {
    const headers = await personaHeaders({ subject: 'worker-1', role: 'GRID_WORKER', regions: [GRID] }, { purpose: 'SERVICE_DELIVERY', caseReference: 'R-1' });
    const theirs = residentIn(OTHER_GRID);
    const refused = await post('query($id: ID!) { resident(id: $id) { name careCategories } }', headers, { id: theirs.id });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.text).not.toContain(theirs.name);
    const list = await post(`{ residents(grid: "${OTHER_GRID}", first: 50) { nodes { name } } }`, headers);
    expect(codeOf(list)).toBe('FORBIDDEN');
    expect(list.text).not.toContain(theirs.name);
    const mine = residentIn(GRID);
    const allowed = await post('query($id: ID!) { resident(id: $id) { name careCategories } }', headers, { id: mine.id });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.resident.name).toBe(mine.name);
    const logged = db('civil-affairs', (d) => d.prepare("SELECT actor, purpose, case_reference AS caseReference, fields FROM access_log WHERE resident_id = ? AND actor = 'worker-1'").all(mine.id) as { fields: string }[]);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.at(-1)).toMatchObject({ purpose: 'SERVICE_DELIVERY', caseReference: 'R-1' });
  });
});

describe('minimum necessary', () => {
  it('masks ID numbers without the full-value scope', async () => {
    const person = residentIn(GRID);
    const headers = await personaHeaders({ subject: 'civil-9', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'] }, { purpose: 'CASE_HANDLING', caseReference: 'C-9' });
    const answer = await post('query($id: ID!) { resident(id: $id) { idNumber } }', headers, { id: person.id });
    expect(answer.data.resident.idNumber).toBe(`${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
    expect(answer.text).not.toContain(person.idNumber);
  });

  it('never gives diagnoses to civil-affairs staff', async () => {
    const patient = db('health', (d) => d.prepare('SELECT resident_id AS id, diagnosis FROM mental_health_patients WHERE village_code BETWEEN ? AND ? LIMIT 1').get(COUNTY, COUNTY.slice(0, 6) + '999999') as { id: string; diagnosis: string });
    const headers = await personaHeaders({ subject: 'civil-9', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'] }, { purpose: 'CASE_HANDLING', caseReference: 'C-9' });
    const answer = await post('query($id: ID!) { resident(id: $id) { name mentalHealth { diagnosis riskGrade } } }', headers, { id: patient.id });
    expect(answer.errors!.some((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    expect(answer.text).not.toContain(patient.diagnosis);
    expect(answer.data.resident.mentalHealth).toBeNull();
  });

  it('gives correction records to justice staff only', async () => {
    const [low, high] = [COUNTY.slice(0, 2) + '0000000000', COUNTY.slice(0, 2) + '9999999999'];
    const record = db('justice', (d) => d.prepare('SELECT resident_id AS id, village_code AS village, type FROM community_corrections WHERE village_code BETWEEN ? AND ? LIMIT 1').get(low, high) as { id: string; village: string; type: string });
    const query = 'query($id: ID!) { resident(id: $id) { communityCorrection { type } } }';
    const county = record.village.slice(0, 6) + '000000';
    for (const department of ['civil-affairs', 'health', 'housing', 'agriculture'] as const) {
      const headers = await personaHeaders({ subject: `${department}-staff`, role: 'DEPARTMENT_STAFF', regions: [county], departments: [department], scopes: ['audit:read'] }, { purpose: 'CASE_HANDLING', caseReference: 'C-1' });
      const answer = await post(query, headers, { id: record.id });
      expect(answer.text, department).not.toMatch(/CONTROL|PROBATION|PAROLE|TEMPORARY_SERVICE_OUTSIDE_PRISON/);
      expect(answer.errors!.some((e: any) => e.extensions.code === 'FORBIDDEN'), department).toBe(true);
    }
    const justice = await personaHeaders({ subject: 'justice-staff', role: 'DEPARTMENT_STAFF', regions: [county], departments: ['justice'] }, { purpose: 'CASE_HANDLING', caseReference: 'C-1' });
    const allowed = await post(query, justice, { id: record.id });
    expect(allowed.data.resident.communityCorrection.type).toBe(record.type);
    const logged = db('justice', (d) => d.prepare("SELECT fields FROM access_log WHERE resident_id = ? AND actor = 'justice-staff'").all(record.id) as { fields: string }[]);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses a sensitive read without a declared purpose', async () => {
    const person = residentIn(GRID);
    const headers = await personaHeaders({ subject: 'civil-9', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'] });
    const answer = await post('query($id: ID!) { resident(id: $id) { name careCategories household { assistanceCategory } } }', headers, { id: person.id });
    expect(answer.errors!.some((e: any) => e.extensions.code === 'PURPOSE_REQUIRED')).toBe(true);
    expect(answer.text).not.toMatch(/SUBSISTENCE_ALLOWANCE|EXTREME_POVERTY|LEFT_BEHIND|DISTRESSED/);
  });
});

describe('a department called directly', () => {
  it('serves only public data to a forged identity header', async () => {
    const person = residentIn(GRID);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'ADMINISTRATOR', regions: [], departments: ['civil-affairs'], scopes: ['id-number:full'], purpose: 'CASE_HANDLING', caseReference: 'X' })
      .setProtectedHeader({ alg: 'ES256' }).setSubject('attacker').setIssuer('village-graph-gateway').setAudience('village-graph-departments').setExpirationTime('1m').sign(privateKey);
    const answer = await postGraphQL<any>(graph.subgraphUrls['civil-affairs']!, `{ _entities(representations: [{ __typename: "Resident", id: "${person.id}" }]) { ... on Resident { name idNumber } } }`, undefined, { 'x-village-identity': forged });
    expect(answer.text).not.toContain(person.name);
    expect(answer.text).not.toContain(person.idNumber);
    expect(answer.errors!.length).toBeGreaterThan(0);
    const publicFacts = await postGraphQL<any>(graph.subgraphUrls['civil-affairs']!, '{ region(code: "220112001201") { name } }', undefined, { 'x-village-identity': forged });
    expect(publicFacts.data.region.name).toBeTruthy();
  });
});

describe('operation limits', () => {
  it('refuses alias and depth bombs, and bodies over the size limit', async () => {
    const aliases = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: region(code: "220112001201") { name }`).join(' ')} }`;
    expect(codeOf(await post(aliases))).toBe('OPERATION_LIMIT_EXCEEDED');
    const depth = `{ region(code: "220112001201") { ${'parent { '.repeat(12)}name${' }'.repeat(12)} } }`;
    expect(codeOf(await post(depth))).toBe('OPERATION_LIMIT_EXCEEDED');
    const big = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2_000_000) }) });
    expect(big.status).toBe(413);
  });

  it('refuses cross-site simple requests (CSRF prevention)', async () => {
    // A form post or a GET without a preflight-forcing header could be sent by any web page.
    const form = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(form.status).toBe(400);
    const get = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF|apollo-require-preflight/i);
  });

  it('closes introspection to the public in production, not to signed-in staff', async () => {
    const refused = await post('{ __schema { types { name } } }');
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.text).not.toContain('Resident');
    const staff = await personaHeaders({ subject: 's', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'] });
    expect((await post('{ __schema { queryType { name } } }', staff)).errors).toBeUndefined();
  });
});

describe('SQL injection strings in every string argument', () => {
  it('never reach SQL: each is refused as bad input or answered normally, without internals', async () => {
    const admin = await personaHeaders({ subject: 'admin', role: 'ADMINISTRATOR' }, { purpose: 'SUPERVISION', caseReference: 'SEC-1' });
    const introspection = await postGraphQL<IntrospectionQuery>(graph.gatewayUrl, getIntrospectionQuery(), undefined, admin);
    const schema: GraphQLSchema = buildClientSchema(introspection.data!);
    const cases: { query: string; where: string }[] = [];
    const rootLike: [string, string][] = [['Query', ''], ['Region', `region(code: "${DENSE_VILLAGE}") `]];
    for (const [typeName, prefix] of rootLike) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const stringArgs = field.args.filter((a) => ['String', 'ID'].includes(getNamedType(a.type).name));
        for (const target of stringArgs) {
          for (const injection of INJECTIONS) {
            const args = field.args
              .map((a) => {
                if (a === target) return `${a.name}: ${JSON.stringify(injection)}`;
                if (!isNonNullType(a.type)) return null;
                const named = getNamedType(a.type).name;
                if (named === 'ID' || named === 'String') return `${a.name}: "${a.name === 'within' ? COUNTY : DENSE_VILLAGE}"`;
                if (named === 'Int') return `${a.name}: 1`;
                return null;
              })
              .filter(Boolean)
              .join(', ');
            const selection = isObjectType(getNamedType(field.type)) || 'getFields' in getNamedType(field.type) ? ' { __typename }' : '';
            const body = `${field.name}${args ? `(${args})` : ''}${selection}`;
            cases.push({ query: prefix ? `{ ${prefix}{ ${body} } }` : `{ ${body} }`, where: `${typeName}.${field.name}(${target.name})` });
          }
        }
      }
    }
    expect(cases.length).toBeGreaterThan(40);
    for (const { query, where } of cases) {
      const answer = await post(query, admin);
      expect([200, 400], where).toContain(answer.status);
      expect(answer.text, where).not.toMatch(/SQLITE|syntax error|no such table|near "|\.ts:\d|node_modules|at [A-Za-z]+ \(/);
      for (const error of answer.errors ?? []) {
        expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED'], `${where}: ${error.message}`).toContain(error.extensions?.code);
      }
    }
    // And the tables are all still there.
    expect(db('civil-affairs', (d) => (d.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n)).toBeGreaterThan(0);
  });
});

describe('statistics without re-identification', () => {
  it('suppresses a small cell and the cell that would reveal it by subtraction, for the public', async () => {
    const query = `query($code: ID!) { region(code: $code) { civilAffairsStatistics { childrenUnderCareCount } children(first: 200) { nodes { code civilAffairsStatistics { childrenUnderCareCount } } } } }`;
    const answer = await post(query, {}, { code: TOWNSHIP });
    const parent = answer.data.region.civilAffairsStatistics.childrenUnderCareCount as number | null;
    const children = answer.data.region.children.nodes.map((n: any) => n.civilAffairsStatistics.childrenUnderCareCount as number | null);
    const shown = children.filter((v: number | null): v is number => v !== null);
    // Nothing between 1 and 4 is ever shown.
    expect(shown.every((v: number) => v === 0 || v >= 5)).toBe(true);
    const hidden = children.length - shown.length;
    if (hidden > 0 && parent !== null) {
      // What is hidden can never be recovered exactly: at least two cells, or a hidden parent.
      expect(hidden).toBeGreaterThanOrEqual(2);
      expect(parent - shown.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(5);
    }
    for (const error of answer.errors ?? []) expect(error.extensions).toMatchObject({ code: 'SUPPRESSED', reason: 'SMALL_CELL' });
    // And the real figures behind them are small indeed.
    const real = db('civil-affairs', (d) => d.prepare("SELECT count(*) AS n FROM resident_care_categories WHERE category IN ('LEFT_BEHIND_CHILD','DISTRESSED_CHILD','DEFACTO_UNSUPPORTED_CHILD') AND village_code BETWEEN ? AND ?").get(TOWNSHIP, TOWNSHIP.slice(0, 9) + '999') as { n: number });
    expect(parent === null || parent === real.n).toBe(true);
  });
});
