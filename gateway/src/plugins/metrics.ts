import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, createGraphQLMetricsPlugin } from '@village-graph/shared';
import { BREAKER_STATE_VALUE, type BreakerState, type CircuitBreaker } from '../resilience/circuit-breaker.ts';
import type { FetchObserver } from '../department-data-source.ts';
import type { GatewayContext } from './request-id.ts';

/**
 * The gateway's Prometheus metrics, on top of the per-request ones every process has
 * (`graphql_requests_total`, `graphql_request_duration_seconds`, `graphql_errors_total`):
 * - `gateway_subgraph_fetch_duration_seconds{subgraph, outcome}`: one call to a department,
 *   retries included; `outcome` is `ok` or the error code (fail-fast calls are SUBGRAPH_CIRCUIT_OPEN);
 * - `gateway_subgraph_errors_total{subgraph, code}`: failed calls to a department;
 * - `gateway_subgraph_retries_total{subgraph}`: retries sent;
 * - `gateway_subgraph_deduplicated_total{subgraph}`: fetches answered by an identical one in flight;
 * - `gateway_circuit_breaker_state{subgraph}`: 0 closed, 1 half-open, 2 open;
 * - `gateway_circuit_breaker_transitions_total{subgraph, state}`: changes into each state;
 * - `gateway_query_plan_cache_hits_total` / `gateway_query_plan_cache_misses_total`;
 * - `gateway_supergraph_reloads_total{result}`: `applied` or `rejected` changes of the file.
 */
export interface GatewayMetrics {
  plugin: ApolloServerPlugin<GatewayContext>;
  fetchObserver: FetchObserver;
  breakerChanged(subgraph: string, state: BreakerState): void;
  planCacheHit(): void;
  planCacheMiss(): void;
  supergraphReload(result: 'applied' | 'rejected'): void;
}

export function createGatewayMetrics(registry: Registry, breakers: () => Iterable<[string, CircuitBreaker]>): GatewayMetrics {
  const registers = [registry];
  const fetchDuration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time of one call to a department (retries included), by subgraph and outcome (ok or error code).',
    labelNames: ['subgraph', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const fetchErrors = new Counter({
    name: 'gateway_subgraph_errors_total',
    help: 'Failed calls to a department, by subgraph and error code.',
    labelNames: ['subgraph', 'code'],
    registers,
  });
  const retries = new Counter({
    name: 'gateway_subgraph_retries_total',
    help: 'Retried calls to a department (queries only, within the retry budget).',
    labelNames: ['subgraph'],
    registers,
  });
  const deduplicated = new Counter({
    name: 'gateway_subgraph_deduplicated_total',
    help: 'Calls to a department not sent because an identical one (same query, variables and caller) was in flight.',
    labelNames: ['subgraph'],
    registers,
  });
  new Gauge({
    name: 'gateway_circuit_breaker_state',
    help: "A department's circuit breaker: 0 closed, 1 half-open, 2 open.",
    labelNames: ['subgraph'],
    registers,
    collect() {
      this.reset();
      for (const [subgraph, breaker] of breakers()) this.set({ subgraph }, BREAKER_STATE_VALUE[breaker.state]);
    },
  });
  const transitions = new Counter({
    name: 'gateway_circuit_breaker_transitions_total',
    help: "Changes of a department's circuit breaker into a state.",
    labelNames: ['subgraph', 'state'],
    registers,
  });
  const planHits = new Counter({
    name: 'gateway_query_plan_cache_hits_total',
    help: 'Operations whose query plan came from the cache.',
    registers,
  });
  const planMisses = new Counter({
    name: 'gateway_query_plan_cache_misses_total',
    help: 'Operations that had to be planned (not in the cache).',
    registers,
  });
  const reloads = new Counter({
    name: 'gateway_supergraph_reloads_total',
    help: 'Changes of the supergraph file, by result: applied or rejected (the previous one kept serving).',
    labelNames: ['result'],
    registers,
  });

  return {
    plugin: createGraphQLMetricsPlugin<GatewayContext>(registry),
    fetchObserver: {
      finished(subgraph, outcome, seconds) {
        fetchDuration.observe({ subgraph, outcome }, seconds);
        if (outcome !== 'ok') fetchErrors.inc({ subgraph, code: outcome });
      },
      retried(subgraph) {
        retries.inc({ subgraph });
      },
      deduplicated(subgraph) {
        deduplicated.inc({ subgraph });
      },
    },
    breakerChanged: (subgraph, state) => transitions.inc({ subgraph, state }),
    planCacheHit: () => planHits.inc(),
    planCacheMiss: () => planMisses.inc(),
    supergraphReload: (result) => reloads.inc({ result }),
  };
}
