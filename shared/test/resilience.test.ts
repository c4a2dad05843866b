import type http from 'node:http';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import { closeServer, createHttpServer, isDraining, listen, requestIdOf, sendJson } from '../src/http-server.ts';
import { createLogger } from '../src/logger.ts';
import { maskError } from '../src/errors.ts';
import { createLabelLimiter, createMetricsRegistry } from '../src/metrics.ts';
import { describeStatement, instrumentDatabase } from '../src/subgraph-metrics.ts';
import { childTraceparent, parseTraceparent } from '../src/trace-context.ts';

/** An HTTP front with two GET routes: one answers after `ms`, one never answers. */
async function frontWithSlowRoutes() {
  const server: http.Server = createHttpServer({
    apollo: {} as ApolloServer, // only the GET routes are exercised
    context: async () => ({}),
    logger: createLogger('test', 'silent'),
    maxBodyBytes: 1024,
    routes: {
      '/slow': async (req, res) => {
        const ms = Number(new URL(req.url!, 'http://x').searchParams.get('ms'));
        await new Promise((r) => setTimeout(r, ms));
        sendJson(res, 200, { waited: ms });
      },
      '/never': () => {},
      '/ready': (_req, res) => sendJson(res, isDraining(server) ? 503 : 200, {}),
    },
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${port}` };
}

describe('graceful close of the HTTP front', () => {
  it('lets a request in flight finish, closes its connection, then refuses new ones', async () => {
    const { server, url } = await frontWithSlowRoutes();
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const inFlight = fetch(`${url}/slow?ms=300`);
    await new Promise((r) => setTimeout(r, 50));
    const closing = closeServer(server, { drainMs: 5000 });
    expect(isDraining(server)).toBe(true);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ waited: 300 });
    const outcome = await closing;
    expect(outcome.forced).toBe(false);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(200);
    await expect(fetch(`${url}/ready`)).rejects.toThrow();
  });

  it('cuts what is still open when the drain deadline passes', async () => {
    const { server, url } = await frontWithSlowRoutes();
    const stuck = fetch(`${url}/never`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const outcome = await closeServer(server, { drainMs: 200 });
    expect(outcome.forced).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await stuck).toBe('cut');
  });

  it('keeps a sane caller request id and replaces anything else', () => {
    expect(requestIdOf({ 'x-request-id': 'abc-123' })).toBe('abc-123');
    expect(requestIdOf({ 'x-request-id': 'no spaces or ${}' })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('W3C trace context', () => {
  it('reads a valid traceparent and passes the trace on with a new parent id', () => {
    const parent = parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')!;
    expect(parent).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7', flags: '01' });
    const child = parseTraceparent(childTraceparent(parent))!;
    expect(child.traceId).toBe(parent.traceId);
    expect(child.parentId).not.toBe(parent.parentId);
    for (const bad of [undefined, '', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-xyz']) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });
});

describe('metrics helpers', () => {
  it('bounds client-chosen label values', () => {
    const label = createLabelLimiter(2);
    expect([label('A'), label('B'), label('C'), label('A'), label('x'.repeat(200)).length]).toEqual(['A', 'B', '(other)', 'A', 7]);
  });

  it('times every statement by kind and first table', async () => {
    expect(describeStatement('select "id" from "cooperatives" where "village_code" = ?')).toEqual({ statement: 'select', table: 'cooperatives' });
    expect(describeStatement('INSERT INTO regions (code) VALUES (?)')).toEqual({ statement: 'insert', table: 'regions' });
    expect(describeStatement('PRAGMA foreign_keys')).toEqual({ statement: 'other', table: '(none)' });

    const sqlite = new Database(':memory:');
    const registry = createMetricsRegistry('test', { processMetrics: false });
    instrumentDatabase(sqlite, registry);
    sqlite.prepare('CREATE TABLE regions (code TEXT)').run();
    sqlite.prepare('INSERT INTO regions (code) VALUES (?)').run('220112001201');
    expect(sqlite.prepare('SELECT code FROM regions').raw().all()).toEqual([['220112001201']]);
    const text = await registry.metrics();
    expect(text).toMatch(/subgraph_sql_duration_seconds_count\{service="test",statement="select",table="regions"\} 1/);
    expect(text).toMatch(/subgraph_sql_duration_seconds_count\{service="test",statement="insert",table="regions"\} 1/);
    sqlite.close();
  });
});

describe('error masking of unexpected errors', () => {
  it('hides the message of anything Apollo stamped INTERNAL_SERVER_ERROR and keeps the new subgraph codes', () => {
    let logged = 0;
    const masked = maskError({ message: 'SQLITE_BUSY: database is locked at /data/x.sqlite', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, () => logged++);
    expect(masked).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toBe(1);
    for (const code of ['SUBGRAPH_TIMEOUT', 'SUBGRAPH_CIRCUIT_OPEN', 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_ERROR']) {
      const kept = maskError({ message: 'The health service …', extensions: { code, subgraph: 'health' } });
      expect(kept.extensions).toEqual({ code, subgraph: 'health' });
    }
  });
});


describe('request logging', () => {
  it('logs each request once under its id, and an unexpected error once with its stack, never in the response', async () => {
    const { ApolloServer } = await import('@apollo/server');
    const { Writable } = await import('node:stream');
    const { createRequestLoggingPlugin, logUnexpectedError } = await import('../src/request-logging.ts');
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('test', 'info', new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const apollo = new ApolloServer({
      typeDefs: 'type Query { boom: Int }',
      resolvers: { Query: { boom: () => { throw new Error('SQLITE_BUSY: database is locked at /data/x.sqlite'); } } },
      plugins: [createRequestLoggingPlugin(logger)],
      formatError: (formatted, error) => maskError(formatted, () => logUnexpectedError(logger, error, formatted.path)),
      stopOnTerminationSignals: false,
    });
    await apollo.start();
    const server = createHttpServer({ apollo, context: async () => ({}), logger, maxBodyBytes: 1024 });
    const port = await listen(server, 0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-me' },
      body: JSON.stringify({ query: 'query Boom { boom }' }),
    });
    const text = await response.text();
    await closeServer(server);
    await apollo.stop();
    expect(text).not.toContain('SQLITE');
    expect(JSON.parse(text).errors[0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const unexpected = lines.filter((l) => l.msg === 'unexpected error');
    expect(unexpected).toHaveLength(1);
    expect(unexpected[0]).toMatchObject({ level: 'error', requestId: 'log-me', path: ['boom'] });
    expect(JSON.stringify(unexpected[0]!.err)).toContain('SQLITE_BUSY');
    expect(lines.find((l) => l.msg === 'graphql request')).toMatchObject({ requestId: 'log-me', operationName: 'Boom', errorCodes: ['INTERNAL_SERVER_ERROR'] });
  });
});
