import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrustedDocumentManifest } from '@village-graph/shared';
import { DENSE_VILLAGE, metricValue, personaHeaders, startGraph, type GraphQLResponse, type RunningGraph } from './harness.ts';

/**
 * Trusted documents in the production configuration, over HTTP: the apps' registered operations
 * answer by hash, by name and by exact text; anything else from a front-end caller is refused with
 * TRUSTED_DOCUMENT_REQUIRED while analysts keep their ad-hoc queries; and the registered
 * operations' plans are ready before the first request.
 */
const manifest = readTrustedDocumentManifest();
const gridRoster = manifest.documents.find((d) => d.name === 'GridRoster')!;
const GRID = `${DENSE_VILLAGE}001`;
const gridWorker = () => personaHeaders({ subject: 'gw-td', role: 'GRID_WORKER', regions: [GRID] }, { purpose: 'SERVICE_DELIVERY', caseReference: 'TD-1' });
const analyst = () => personaHeaders({ subject: 'analyst-td', role: 'ANALYST' });

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph({ gatewayEnv: { GATEWAY_MODE: 'production' } });
});
afterAll(() => graph?.stop());

async function post(body: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLResponse<any>> {
  const response = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, ...(JSON.parse(text) as object), text };
}
const codes = (answer: GraphQLResponse<unknown>) => (answer.errors ?? []).map((e) => e.extensions?.code);
const metrics = async () => (await fetch(graph.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();

describe('trusted documents (production)', () => {
  it('has the registered operations planned before the first request', async () => {
    const before = await metrics();
    expect(metricValue(before, 'gateway_query_plan_cache_misses_total') ?? 0).toBe(0);
    const answer = await post({ query: gridRoster.document, operationName: 'GridRoster', variables: { grid: GRID } }, await gridWorker());
    expect(answer.errors).toBeUndefined();
    const after = await metrics();
    expect(metricValue(after, 'gateway_query_plan_cache_misses_total') ?? 0).toBe(0);
    expect(metricValue(after, 'gateway_query_plan_cache_hits_total')).toBeGreaterThanOrEqual(1);
  });

  it('answers an app by hash, by name and by exact text alike', async () => {
    const headers = await gridWorker();
    const byText = await post({ query: gridRoster.document, variables: { grid: GRID } }, headers);
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: gridRoster.id } }, variables: { grid: GRID } }, headers);
    const byName = await post({ operationName: 'GridRoster', variables: { grid: GRID } }, headers);
    expect(byText.errors).toBeUndefined();
    expect(byText.data.grid.households.totalCount).toBeGreaterThanOrEqual(200);
    expect(byHash.data).toEqual(byText.data);
    expect(byName.data).toEqual(byText.data);
  });

  it('refuses ad-hoc operations from front-end callers, naming the rule, before any department is asked', async () => {
    const adHoc = await post({ query: `{ grid(code: "${GRID}") { households(first: 5) { totalCount } } }` }, await gridWorker());
    expect(adHoc.status).toBe(403);
    expect(codes(adHoc)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    expect(adHoc.errors![0]!.message).toMatch(/registered operations/);
    expect(adHoc.data).toBeUndefined();
    // A registered text with one character changed (a space) is not the registered operation.
    const edited = await post({ query: gridRoster.document.replace('leader { name }', 'leader {  name }'), variables: { grid: GRID } }, await gridWorker());
    expect(codes(edited)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    const anonymous = await post({ query: '{ region(code: "220000000000") { name } }' }, {});
    expect(codes(anonymous)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
  });

  it('lets analysts send ad-hoc queries, and signed-in callers introspect for the explorer', async () => {
    const adHoc = await post({ query: '{ region(code: "220000000000") { name civilAffairsStatistics { ruralVillageCount } } }' }, await analyst());
    expect(adHoc.errors).toBeUndefined();
    expect(adHoc.data.region.name).toBe('吉林省');
    const introspection = await post({ query: '{ __schema { queryType { name } } }' }, await gridWorker());
    expect(introspection.data.__schema.queryType.name).toBe('Query');
  });

  it('exempts registered operations from the per-role budgets, not their ad-hoc copies', async () => {
    const report = manifest.documents.find((d) => d.name === 'ProvinceReport')!;
    const registered = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: report.id } } }, await analyst());
    // At the test's small scale many county counts are small cells: suppressed, as for any analyst.
    expect(new Set(codes(registered))).toEqual(new Set(['SUPPRESSED']));
    expect(registered.data.region.children.nodes).toHaveLength(9);
    expect(registered.data.region.civilAffairsStatistics.ruralVillageCount).toBeGreaterThan(9000);
    const copy = await post({ query: `${report.document}\n` }, await analyst());
    expect(codes(copy)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, never with data', async () => {
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }, await gridWorker());
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(unknown.data).toBeUndefined();
  });
});
