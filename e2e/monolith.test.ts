import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, createIdentitySigner, repoRoot, type Identity } from '@village-graph/shared';
import { ensureDevKeys } from '@village-graph/scripts/dev-keys';
import { startProcess, stopAll, waitUntilHealthy, type ManagedProcess } from '@village-graph/scripts/processes';
import { QUESTION_PERSONAS, type Persona } from '../gateway/src/plugins/explorer.ts';
import { DENSE_VILLAGE, e2eDataDir, freePort, openDepartmentDatabase, personaHeaders, postGraphQL, startGraph, type GraphQLResponse, type RunningGraph } from './harness.ts';

/**
 * The benchmark's monolith contender (bench/src/monolith): the five departments' resolvers behind
 * one schema in one process. It is only a fair floor if it answers what the federated graph
 * answers: the documented questions, run by their personas through the gateway and through the
 * monolith over the same dataset and keys, must give the same data and the same error codes, and
 * the monolith must not need more SQL than the five departments together.
 */
const COUNTY = `${DENSE_VILLAGE.slice(0, 6)}000000`;
const GRID = `${DENSE_VILLAGE}001`;

let graph: RunningGraph;
let monolith: ManagedProcess;
let monolithUrl: string;
let signIdentity: (identity: Identity) => Promise<string>;

beforeAll(async () => {
  const keys = await ensureDevKeys(e2eDataDir);
  signIdentity = await createIdentitySigner(fs.readFileSync(keys.identityPrivateKeyPath, 'utf8'));
  const port = await freePort();
  monolithUrl = `http://127.0.0.1:${port}/graphql`;
  monolith = startProcess(
    'monolith',
    path.join(repoRoot, 'bench', 'src', 'monolith', 'index.ts'),
    { PORT: String(port), DATA_DIR: e2eDataDir, GATEWAY_IDENTITY_PUBLIC_KEY_PATH: keys.identityPublicKeyPath, LOG_LEVEL: 'silent' },
    { quiet: true },
  );
  // Seven processes starting at once on two shared cores: more patience than the default. Both
  // are awaited to the end, so that afterAll stops whatever did start.
  const outcomes = await Promise.allSettled([
    startGraph({ readyTimeoutMs: 120_000 }).then((started) => (graph = started)),
    waitUntilHealthy(`http://127.0.0.1:${port}/health/ready`, monolith, 120_000),
  ]);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
});
afterAll(async () => {
  await Promise.all([graph?.stop(), monolith ? stopAll([monolith]) : undefined]);
});

const operation = (file: string) => fs.readFileSync(path.join(repoRoot, 'docs', 'queries', file), 'utf8');

/** Through the gateway: the persona's development token and purpose headers. */
const gatewayHeaders = (persona: Persona | null) =>
  persona
    ? personaHeaders(
        { subject: persona.subject, role: persona.role, regions: persona.regions ?? [], departments: persona.departments ?? [] },
        persona.purpose ? { purpose: persona.purpose[0], caseReference: persona.purpose[1] } : undefined,
      )
    : Promise.resolve({});

/** To the monolith: what the gateway forwards for the same persona, the identity it signs (purpose included). */
const monolithHeaders = async (persona: Persona | null): Promise<Record<string, string>> => {
  if (!persona) return {};
  const identity: Identity = {
    subject: persona.subject,
    role: persona.role,
    regions: persona.regions ?? [],
    departments: persona.departments ?? [],
    scopes: [],
    residentId: null,
    purpose: persona.purpose?.[0] ?? null,
    caseReference: persona.purpose?.[1] ?? null,
    requestId: 'e2e-monolith',
  };
  return { [IDENTITY_HEADER]: await signIdentity(identity) };
};

/**
 * The errors as the distinct `path:code` pairs, list indices left out: the gateway reports a field
 * it refuses before planning once, at its path in the operation; execution (the monolith, and the
 * departments behind the gateway) once per list item.
 */
const errorsOf = (answer: Pick<GraphQLResponse<unknown>, 'errors'>) =>
  [...new Set((answer.errors ?? []).map((e) => `${(e.path ?? []).filter((k) => typeof k === 'string').join('.')}:${String(e.extensions?.code)}`))].sort();

/** The gateway's answer, then the monolith's (both append to the same departments' access logs). */
async function both(query: string, variables: Record<string, unknown>, persona: Persona | null) {
  const gateway = await postGraphQL(graph.gatewayUrl, query, variables, await gatewayHeaders(persona));
  const mono = await postGraphQL(monolithUrl, query, variables, await monolithHeaders(persona));
  expect(mono.status, mono.text).toBe(gateway.status);
  return { gateway, mono };
}

/** A resident of the dense village whose household holds a land contract: the record then spans every department. */
function residentWithLandContract(): string {
  const agriculture = openDepartmentDatabase('agriculture');
  const civil = openDepartmentDatabase('civil-affairs');
  try {
    const contract = agriculture.prepare('SELECT household_id AS id FROM land_contracts WHERE village_code = ? ORDER BY contract_number LIMIT 1').get(DENSE_VILLAGE) as { id: string };
    return (civil.prepare('SELECT id FROM residents WHERE household_id = ? ORDER BY ordinal LIMIT 1').get(contract.id) as { id: string }).id;
  } finally {
    agriculture.close();
    civil.close();
  }
}

describe('the monolith answers the documented questions as the gateway does', () => {
  const cases: { file: string; variables: () => Record<string, unknown>; nonTrivial: (data: any) => unknown }[] = [
    { file: '1-village-dashboard.graphql', variables: () => ({ code: DENSE_VILLAGE }), nonTrivial: (d) => d.region.grids.nodes.length },
    { file: '2-region-rollup.graphql', variables: () => ({ code: COUNTY }), nonTrivial: (d) => d.region.children.nodes.length },
    { file: '3-grid-roster.graphql', variables: () => ({ grid: GRID, first: 200 }), nonTrivial: (d) => d.grid.households.nodes.length === 200 },
    // A registered operation, so the gateway serves it whatever its cost (the analyst's budget
    // would refuse it sent ad hoc).
    { file: '9-province-report.graphql', variables: () => ({}), nonTrivial: (d) => d.region.children.nodes.length === 9 },
    { file: '10-resident-record.graphql', variables: () => ({ id: residentWithLandContract() }), nonTrivial: (d) => d.resident.landContracts.length && d.resident.household.members.length },
  ];
  for (const { file, variables, nonTrivial } of cases) {
    it(`${file}, as ${QUESTION_PERSONAS[file]?.role}`, async () => {
      const persona = QUESTION_PERSONAS[file];
      expect(persona, `a persona for ${file} in QUESTION_PERSONAS`).toBeDefined();
      const { gateway, mono } = await both(operation(file), variables(), persona!);
      expect(gateway.data, gateway.text.slice(0, 500)).toBeTruthy();
      expect(nonTrivial(gateway.data), 'the question returns rows, not nulls').toBeTruthy();
      expect(mono.data).toEqual(gateway.data);
      expect(errorsOf(mono)).toEqual(errorsOf(gateway));
    });
  }

});

describe('the monolith refuses what the gateway refuses', () => {
  it('the public asking for a grid\'s households: null with FORBIDDEN, the public facts answered', async () => {
    const query = `query { grid(code: "${GRID}") { code name households(first: 5) { totalCount nodes { id } } } }`;
    const { gateway, mono } = await both(query, {}, null);
    expect(gateway.data).toEqual({ grid: { code: GRID, name: expect.any(String), households: null } });
    expect(mono.data).toEqual(gateway.data);
    expect(new Set(errorsOf(mono))).toEqual(new Set(['grid.households:FORBIDDEN']));
    expect(new Set(errorsOf(gateway))).toEqual(new Set(['grid.households:FORBIDDEN']));
  });

  it('the grid worker without a declared purpose: care and assistance fields null with PURPOSE_REQUIRED', async () => {
    const worker = { ...QUESTION_PERSONAS['3-grid-roster.graphql']! };
    delete worker.purpose;
    const query = `query { grid(code: "${GRID}") { households(first: 3) { nodes { id assistanceCategory members { name careCategories } dwelling { safetyGrade } } } } }`;
    const { gateway, mono } = await both(query, {}, worker);
    const nodes = (gateway.data as any).grid.households.nodes;
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n: any) => n.assistanceCategory === null && n.members.every((m: any) => m.careCategories === null))).toBe(true);
    expect(mono.data).toEqual(gateway.data);
    const codes = (answer: GraphQLResponse<unknown>) => new Set((answer.errors ?? []).map((e) => e.extensions?.code));
    expect(codes(gateway)).toEqual(new Set(['PURPOSE_REQUIRED']));
    expect(codes(mono)).toEqual(codes(gateway));
  });

  it('the grid worker asking for another grid: FORBIDDEN from civil affairs, nothing of that grid', async () => {
    const file = '3-grid-roster.graphql';
    const { gateway, mono } = await both(operation(file), { grid: `${DENSE_VILLAGE}002`, first: 10 }, QUESTION_PERSONAS[file]!);
    expect(mono.data).toEqual(gateway.data);
    expect(errorsOf(mono)).toEqual(errorsOf(gateway));
    expect(errorsOf(gateway).some((e) => e.endsWith(':FORBIDDEN'))).toBe(true);
  });
});

/** SQL statements run so far, summed over departments, from each department's Prometheus histogram. */
async function statements(metricsUrls: string[]): Promise<number> {
  let total = 0;
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    for (const line of text.split('\n')) if (line.startsWith('subgraph_sql_duration_seconds_count')) total += Number(line.split(' ').at(-1));
  }
  return total;
}

describe('the monolith needs no more SQL than the departments', () => {
  it('runs no more statements for the grid roster (200 households) than the five subgraphs together', async () => {
    const file = '3-grid-roster.graphql';
    const persona = QUESTION_PERSONAS[file]!;
    const subgraphMetrics = Object.values(graph.subgraphUrls).map((url) => url.replace(/\/graphql$/, '/metrics'));
    const monolithMetrics = Object.keys(graph.subgraphUrls).map((name) => monolithUrl.replace(/\/graphql$/, `/metrics/${name}`));
    const measure = async (url: string, headers: Record<string, string>, metrics: string[]) => {
      const before = await statements(metrics);
      const answer = await postGraphQL(url, operation(file), { grid: GRID, first: 200 }, headers);
      expect(answer.errors, answer.text.slice(0, 500)).toBeUndefined();
      return (await statements(metrics)) - before;
    };
    const federated = await measure(graph.gatewayUrl, await gatewayHeaders(persona), subgraphMetrics);
    const single = await measure(monolithUrl, await monolithHeaders(persona), monolithMetrics);
    console.log(`grid roster SQL statements — five subgraphs: ${federated}, monolith: ${single}`);
    expect(single).toBeGreaterThan(0);
    expect(single).toBeLessThanOrEqual(federated);
  });
});
