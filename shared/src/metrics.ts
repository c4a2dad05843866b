import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Errors, isUnexpectedError } from './errors.ts';

/**
 * Prometheus metrics. Every process has its own `Registry` (never prom-client's global one), so
 * tests can build several gateways or subgraphs in one process; `/metrics` serves it.
 */

/** Latency buckets in seconds, from a cached plan to a department at its timeout. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsRegistryOptions {
  /** Also collect Node's process metrics (CPU, memory, event-loop lag, GC); default true. */
  processMetrics?: boolean;
}

/** A registry whose every series carries `service="<name>"`. */
export function createMetricsRegistry(service: string, { processMetrics = true }: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/** The `/metrics` route: the registry in Prometheus text format. */
export const metricsRoute =
  (registry: Registry) =>
  async (_req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

/**
 * Bounds the values a label can take when clients choose them (operation names): the first `max`
 * distinct values are kept, later ones are counted as `overflow`. Long values are cut.
 */
export function createLabelLimiter(max = 100, overflow = '(other)'): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    const label = value.length > 80 ? value.slice(0, 80) : value;
    if (seen.has(label)) return label;
    if (seen.size >= max) return overflow;
    seen.add(label);
    return label;
  };
}

/** Label for a request that never resolved to an operation (parse or validation failure). */
export const INVALID_OPERATION = '(invalid)';
/** Label for an operation without a name. */
export const ANONYMOUS_OPERATION = '(anonymous)';

/** The `extensions.code` a client sees for an error (what `maskError` will make of it). */
export const publicCodeOf = (error: { extensions?: Record<string, unknown> | undefined }): string =>
  isUnexpectedError(error) ? Errors.INTERNAL_SERVER_ERROR.name : String(error.extensions!.code);

/**
 * Apollo plugin for the request metrics every process exposes:
 * - `graphql_requests_total{operation_name}` — requests answered,
 * - `graphql_request_duration_seconds{operation_name}` — from request start to response,
 * - `graphql_errors_total{code}` — errors in responses, by the code the client saw.
 * Operation names are the client's; at most 100 distinct ones are kept (then `(other)`).
 */
export function createGraphQLMetricsPlugin<TContext extends BaseContext>(registry: Registry): ApolloServerPlugin<TContext> {
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name.',
    labelNames: ['operation_name'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its response, by operation name.',
    labelNames: ['operation_name'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by the extensions.code the client saw.',
    labelNames: ['code'],
    registers: [registry],
  });
  const operationLabel = createLabelLimiter();

  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = INVALID_OPERATION;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationLabel(operationName ?? ANONYMOUS_OPERATION);
        },
        async willSendResponse({ response }) {
          requests.inc({ operation_name: operation });
          duration.observe({ operation_name: operation }, (performance.now() - started) / 1000);
          if (response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) errors.inc({ code: publicCodeOf(error) });
          }
        },
      };
    },
  };
}
