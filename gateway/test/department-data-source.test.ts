import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { PUBLIC_IDENTITY, createLogger } from '@village-graph/shared';
import { DepartmentDataSource } from '../src/department-data-source.ts';
import { CircuitBreaker } from '../src/resilience/circuit-breaker.ts';
import { RetryBudget } from '../src/resilience/retry.ts';
import type { GatewayContext } from '../src/plugins/request-id.ts';

/** A stand-in department on a free loopback port; `answer` decides what each request gets. */
type Answer = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;
const servers: http.Server[] = [];
async function department(answer: Answer) {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => answer(req, res, seen.length));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen };
}
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const ok: Answer = (_req, res) => json(res, 200, { data: { region: { name: '永红村委会' } } });

function source(url: string, { timeoutMs = 2000, retries = 2, failureThreshold = 5 } = {}) {
  return new DepartmentDataSource({
    name: 'health',
    url,
    logger: createLogger('gateway', 'silent'),
    timeoutMs,
    breaker: new CircuitBreaker({ failureThreshold, openMs: 60_000 }),
    retry: { retries, backoffMs: 1, budget: new RetryBudget(0.1) },
  });
}

const context: GatewayContext = {
  requestId: 'req-42',
  traceparent: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7', flags: '01' },
  logger: createLogger('gateway', 'silent'),
  caller: {
    identity: { ...PUBLIC_IDENTITY, role: 'GRID_WORKER', subject: 'worker-1', regions: ['220112001201001'], requestId: 'req-42' },
    identityToken: async () => 'signed-identity',
    refusal: null,
  },
};

/** What the gateway passes for one fetch of a client operation of the given type. */
const call = (operation: 'query' | 'mutation', variables: Record<string, unknown> = {}) =>
  ({
    kind: 'incoming operation',
    request: { query: `${operation} Op__health__0 { region { name } }`, variables },
    incomingRequestContext: { operation: { operation } },
    context,
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
};

describe('a department data source', () => {
  it('passes the request id, the trace and the signed caller identity on to the department', async () => {
    const dept = await department(ok);
    const response = await source(dept.url).process(call('query'));
    expect(response.data).toEqual({ region: { name: '永红村委会' } });
    expect(dept.seen[0]!['x-request-id']).toBe('req-42');
    const traceparent = dept.seen[0]!.traceparent as string;
    expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toContain('00f067aa0ba902b7');
    expect(dept.seen[0]!['x-village-identity']).toBe('signed-identity');
  });

  it('gives up on a department that does not answer in time, naming it', async () => {
    const dept = await department(() => {});
    const started = Date.now();
    const error = await failure(source(dept.url, { timeoutMs: 200 }).process(call('query')));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'health' });
    expect(error.message).toMatch(/health .*200 ms/);
    // A timeout is not retried: the department is hanging, not flapping.
    expect(dept.seen).toHaveLength(1);
  });

  it('refuses answers that are not GraphQL responses as SUBGRAPH_ERROR', async () => {
    const garbage: Answer[] = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>proxy error</html>');
      },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": {"region": ');
      },
      (_req, res) => json(res, 200, { hello: 'world' }),
      (_req, res) => json(res, 200, { data: 'nope' }),
      (_req, res) => json(res, 200, { data: { _entities: [{ name: 'a' }] } }),
    ];
    for (const answer of garbage) {
      const dept = await department(answer);
      const error = await failure(source(dept.url).process(call('query', { representations: [{ __typename: 'Region' }, { __typename: 'Region' }] })));
      expect(error.extensions).toEqual({ code: 'SUBGRAPH_ERROR', subgraph: 'health' });
    }
  });

  it('passes on the GraphQL errors of a department that refused the request', async () => {
    const dept = await department((_req, res) => json(res, 400, { errors: [{ message: 'Variable "$c" is required.', extensions: { code: 'BAD_USER_INPUT' } }] }));
    const response = await source(dept.url).process(call('query'));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('retries a query after dropped connections and 503, but never a mutation', async () => {
    const flaky: Answer = (_req, res, n) => {
      if (n === 1) res.socket?.destroy();
      else if (n === 2) json(res, 503, { error: 'busy' });
      else ok(_req, res, n);
    };
    const forQuery = await department(flaky);
    expect((await source(forQuery.url).process(call('query'))).data).toEqual({ region: { name: '永红村委会' } });
    expect(forQuery.seen).toHaveLength(3);

    const forMutation = await department(flaky);
    const error = await failure(source(forMutation.url).process(call('mutation')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health' });
    expect(forMutation.seen).toHaveLength(1);
  });

  it('sends identical concurrent queries of one caller once, each request getting its own copy', async () => {
    const slow: Answer = (_req, res, n) => setTimeout(() => ok(_req, res, n), 50);
    const dept = await department(slow);
    const shared = source(dept.url);
    const answers = await Promise.all([shared.process(call('query')), shared.process(call('query')), shared.process(call('query'))]);
    expect(dept.seen).toHaveLength(1);
    expect(answers.map((a) => a.data)).toEqual(Array(3).fill({ region: { name: '永红村委会' } }));
    // The gateway merges into what it gets: one request's changes must not show in another's.
    (answers[0]!.data as { region: { name: string } }).region.name = 'changed';
    expect((answers[1]!.data as { region: { name: string } }).region.name).toBe('永红村委会');
    expect(answers[1]!.data).not.toBe(answers[2]!.data);
  });

  it('never shares a query between different callers or variables, nor a mutation, nor one already answered', async () => {
    const slow: Answer = (_req, res, n) => setTimeout(() => ok(_req, res, n), 50);
    const dept = await department(slow);
    const shared = source(dept.url);
    const other = { ...context, caller: { ...context.caller, identity: { ...context.caller.identity, subject: 'worker-2' } } };
    const otherCaller = { ...call('query'), context: other } as GraphQLDataSourceProcessOptions<GatewayContext>;
    const purpose = { ...context, caller: { ...context.caller, identity: { ...context.caller.identity, purpose: 'SERVICE_DELIVERY' as const, caseReference: 'X' } } };
    const withPurpose = { ...call('query'), context: purpose } as GraphQLDataSourceProcessOptions<GatewayContext>;
    await Promise.all([shared.process(call('query')), shared.process(otherCaller), shared.process(withPurpose), shared.process(call('query', { code: '1' })), shared.process(call('mutation')), shared.process(call('mutation'))]);
    expect(dept.seen).toHaveLength(6);
    await shared.process(call('query'));
    expect(dept.seen).toHaveLength(7);
  });

  it('gives every waiting request the failure of the shared query', async () => {
    const dept = await department((_req, res) => setTimeout(() => res.socket?.destroy(), 30));
    const shared = source(dept.url, { retries: 0 });
    const outcomes = await Promise.all([failure(shared.process(call('query'))), failure(shared.process(call('query')))]);
    expect(outcomes.map((e) => e.extensions.code)).toEqual(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE']);
    expect(dept.seen).toHaveLength(1);
  });

  it('names an unreachable department SUBGRAPH_UNAVAILABLE', async () => {
    const dept = await department(ok);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await failure(source(dept.url, { retries: 0 }).process(call('query')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health' });
    expect(error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it('reports the failure itself when its own retries open the breaker', async () => {
    const dept = await department((_req, res) => res.socket?.destroy());
    const data = source(dept.url, { retries: 2, failureThreshold: 2 });
    const error = await failure(data.process(call('query')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health' });
    expect(dept.seen).toHaveLength(2);
    expect((await failure(data.process(call('query')))).extensions.code).toBe('SUBGRAPH_CIRCUIT_OPEN');
  });

  it('stops calling a failing department once its breaker opens', async () => {
    const dept = await department((_req, res) => json(res, 500, { error: 'boom' }));
    const data = source(dept.url, { retries: 0, failureThreshold: 3 });
    for (let i = 0; i < 3; i++) expect((await failure(data.process(call('query')))).extensions.code).toBe('SUBGRAPH_ERROR');
    const started = Date.now();
    const error = await failure(data.process(call('query')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_CIRCUIT_OPEN', subgraph: 'health' });
    expect(Date.now() - started).toBeLessThan(50);
    expect(dept.seen).toHaveLength(3);
  });
});
