import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, repoRoot } from '@village-graph/shared';
import { readGatewayConfig } from '../src/config.ts';
import { createGateway, type GatewayServer } from '../src/gateway.ts';

/**
 * One gateway in this process over a copy of the supergraph. Civil affairs is a stand-in that
 * answers every region with a fixed village (slowly for one code); every other department is down.
 */
const VILLAGE = '220112001201';
const SLOW_VILLAGE = '220112001299';
const QUERY = `query Village($code: ID!) { region(code: $code) { name clinic { name } } }`;

let gateway: GatewayServer;
let url: string;
let dir: string;
let supergraphPath: string;
let civil: http.Server;
const civilSaw: http.IncomingHttpHeaders[] = [];
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  civil = http.createServer((req, res) => {
    if (req.url !== '/graphql') return void res.writeHead(503).end();
    civilSaw.push(req.headers);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const text = JSON.stringify({ data: { region: { __typename: 'Region', code: VILLAGE, name: '永红村委会' } } });
      const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      if (body.includes(SLOW_VILLAGE)) setTimeout(send, 400);
      else send();
    });
  });
  await new Promise<void>((resolve) => civil.listen(0, '127.0.0.1', resolve));
  const dead = 'http://127.0.0.1:9/graphql';

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-gateway-test-'));
  supergraphPath = path.join(dir, 'supergraph.graphql');
  fs.copyFileSync(path.join(repoRoot, 'gateway', 'supergraph.graphql'), supergraphPath);
  const config = readGatewayConfig({
    PORT: '0',
    SUPERGRAPH_PATH: supergraphPath,
    SUPERGRAPH_WATCH_DEBOUNCE_MS: '50',
    SUBGRAPH_URL_CIVIL_AFFAIRS: `http://127.0.0.1:${(civil.address() as AddressInfo).port}/graphql`,
    SUBGRAPH_URL_HEALTH: dead,
    SUBGRAPH_URL_AGRICULTURE: dead,
    SUBGRAPH_URL_JUSTICE: dead,
    // housing keeps the URL the supergraph file names (the reload test changes it there)
    SUBGRAPH_RETRIES: '0',
    SUBGRAPH_PROBE_TIMEOUT_MS: '200',
  });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  gateway = await createGateway(config, createLogger('gateway', 'debug', sink));
  url = `http://127.0.0.1:${await gateway.listen()}`;
});

afterAll(async () => {
  await gateway?.close();
  civil?.closeAllConnections();
  civil?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const post = async (code: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY, variables: { code } }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
};
/** The value of the series `name` whose labels include `labels` (Prometheus text format). */
function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}
const getJson = async (route: string) => (await fetch(`${url}${route}`)).json() as Promise<any>;
// A reload validates the new supergraph on a worker thread: seconds on a busy two-core machine.
const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the gateway on its own', () => {
  it('starts and answers while departments are down: their fields null, each failure named', async () => {
    const answer = await post(VILLAGE);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ region: { name: '永红村委会', clinic: null } });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health' }) }),
    ]);

    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    const readyResponse = await fetch(`${url}/health/ready`);
    expect(readyResponse.status).toBe(200);
    const ready = (await readyResponse.json()) as any;
    const byName = Object.fromEntries(ready.subgraphs.map((s: any) => [s.name, s]));
    expect(byName['civil-affairs'].breaker.state).toBe('closed');
    expect(byName['civil-affairs'].probe).toMatchObject({ status: 'down', httpStatus: 503 });
    expect(byName.health.probe.status).toBe('unreachable');
    expect(ready.supergraph).toMatchObject({ path: supergraphPath, watching: true });
  });

  it('passes the caller request id to departments and logs every line of the request under it', async () => {
    const answer = await post(VILLAGE, { 'x-request-id': 'trace-me-1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    expect(answer.headers.get('x-request-id')).toBe('trace-me-1');
    expect(civilSaw.at(-1)!['x-request-id']).toBe('trace-me-1');
    expect(civilSaw.at(-1)!.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-/);
    const lines = logs.filter((l) => l.requestId === 'trace-me-1');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['subgraph call failed', 'graphql request']));
    expect(lines.every((l) => l.traceId === '4bf92f3577b34da6a3ce929d0e0e4736' && l.service === 'gateway')).toBe(true);
    expect(lines.find((l) => l.msg === 'graphql request')).toMatchObject({ level: 'info', operationName: 'Village', errorCodes: ['SUBGRAPH_UNAVAILABLE'] });
  });

  it('exposes Prometheus metrics: requests, errors by code, department calls, breakers, plan cache', async () => {
    await post(VILLAGE);
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string, labels: Record<string, string> = {}) => metricValue(text, name, { ...labels, service: 'gateway' });
    expect(value('graphql_requests_total', { operation_name: 'Village' })).toBeGreaterThanOrEqual(3);
    expect(value('graphql_errors_total', { code: 'SUBGRAPH_UNAVAILABLE' })).toBeGreaterThanOrEqual(3);
    expect(value('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'civil-affairs', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(value('gateway_subgraph_errors_total', { subgraph: 'health', code: 'SUBGRAPH_UNAVAILABLE' })).toBeGreaterThanOrEqual(3);
    expect(value('gateway_circuit_breaker_state', { subgraph: 'civil-affairs' })).toBe(0);
    // One plan for the operation, then the cache.
    expect(value('gateway_query_plan_cache_misses_total')).toBe(1);
    expect(value('gateway_query_plan_cache_hits_total')).toBeGreaterThanOrEqual(2);
    expect(text).toContain('graphql_request_duration_seconds_bucket');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('rejects a broken supergraph file and keeps serving; swaps in a valid changed one', async () => {
    fs.writeFileSync(supergraphPath, 'schema { query: Query } type Query {');
    const rejected = await waitFor(async () => {
      const ready = await getJson('/health/ready');
      return ready.supergraph.lastReload?.result === 'rejected' ? ready : undefined;
    });
    expect(rejected.supergraph.lastReload.error).toMatch(/Syntax Error/);
    expect((await post(VILLAGE)).body.data.region.name).toBe('永红村委会');
    expect(logs.some((l) => l.msg === 'supergraph rejected; keeping the current one' && l.level === 'error')).toBe(true);

    // A department moved: same schema, new URL for housing, written atomically (rename over).
    const original = fs.readFileSync(path.join(repoRoot, 'gateway', 'supergraph.graphql'), 'utf8');
    const moved = original.replace(/(@join__graph\(name: "housing", url: ")[^"]*/, '$1http://127.0.0.1:7/graphql');
    expect(moved).not.toBe(original);
    fs.writeFileSync(`${supergraphPath}.tmp`, moved);
    fs.renameSync(`${supergraphPath}.tmp`, supergraphPath);
    const applied = await waitFor(async () => {
      const ready = await getJson('/health/ready');
      return ready.supergraph.lastReload?.result === 'applied' ? ready : undefined;
    });
    expect(applied.subgraphs.find((s: any) => s.name === 'housing').url).toBe('http://127.0.0.1:7/graphql');
    expect(gateway.subgraphs.find((s) => s.name === 'housing')!.url).toBe('http://127.0.0.1:7/graphql');
    expect((await post(VILLAGE)).body.data.region.name).toBe('永红村委会');
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(metricValue(text, 'gateway_supergraph_reloads_total', { result: 'rejected' })).toBe(1);
    expect(metricValue(text, 'gateway_supergraph_reloads_total', { result: 'applied' })).toBe(1);
  }, 90_000);

  it('on close, finishes the request in flight, then refuses new connections', async () => {
    const inFlight = post(SLOW_VILLAGE);
    await new Promise((r) => setTimeout(r, 100));
    const closed = gateway.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.data.region.name).toBe('永红村委会');
    expect(answer.headers.get('connection')).toBe('close');
    await closed;
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    expect(logs.some((l) => l.msg === 'drained in-flight requests')).toBe(true);
  });
});
