import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { isDraining, sendJson, type RouteHandler } from '@village-graph/shared';
import type { BreakerSnapshot } from '../resilience/circuit-breaker.ts';
import type { SupergraphStatus } from '../supergraph-source.ts';

/** What a probe of a department's own `/health/ready` found. */
export interface SubgraphProbe {
  status: 'up' | 'down' | 'timeout' | 'unreachable';
  httpStatus?: number;
  latencyMs: number;
}

export interface HealthRoutesOptions {
  server: () => http.Server;
  supergraph: () => SupergraphStatus;
  /** Each subgraph in service with its URL and its breaker's state. */
  subgraphs: () => { name: string; url: string; breaker: BreakerSnapshot }[];
  probeTimeoutMs: number;
}

/** `/health/ready` of the department behind a GraphQL URL (`http://h:p/graphql` → `http://h:p/health/ready`). */
export const readinessUrlOf = (graphqlUrl: string): string => new URL('/health/ready', graphqlUrl).toString();

async function probe(url: string, timeoutMs: number): Promise<SubgraphProbe> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(readinessUrlOf(url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { status: response.ok ? 'up' : 'down', httpStatus: response.status, latencyMs: latencyMs() };
  } catch (error) {
    return { status: (error as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'unreachable', latencyMs: latencyMs() };
  }
}

/**
 * The gateway's health routes:
 * - `/health/live`: 200 while the process can answer at all (restart it when this fails);
 * - `/health/ready`: 200 once the supergraph is loaded, 503 while draining for shutdown. A
 *   department being down does not make the gateway unready — it still gives partial answers, and
 *   a load balancer should keep sending it traffic — but the body reports, per department, its
 *   breaker's state and a fresh probe of its own `/health/ready`;
 * - `/health`: the short form kept for existing scripts (status, supergraph path, subgraph names).
 */
export function createHealthRoutes(options: HealthRoutesOptions): Record<string, RouteHandler> {
  return {
    '/health/live': (_req, res) => sendJson(res, 200, { status: 'live' }),
    '/health': (_req, res) => {
      const supergraph = options.supergraph();
      sendJson(res, isDraining(options.server()) ? 503 : 200, {
        status: isDraining(options.server()) ? 'draining' : 'ok',
        supergraph: supergraph.path,
        subgraphs: supergraph.subgraphs.map((s) => s.name),
      });
    },
    '/health/ready': async (_req, res) => {
      const draining = isDraining(options.server());
      // Read the supergraph and its subgraphs at the same moment: a reload may finish while the
      // probes are in flight, and the answer must not pair a new reload with the old subgraphs.
      const supergraph = options.supergraph();
      const subgraphs = await Promise.all(
        options.subgraphs().map(async ({ name, url, breaker }) => ({ name, url, breaker, probe: await probe(url, options.probeTimeoutMs) })),
      );
      sendJson(res, draining ? 503 : 200, {
        status: draining ? 'draining' : 'ready',
        supergraph,
        subgraphs,
      });
    },
  };
}
