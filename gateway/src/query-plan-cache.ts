import type { GatewayConfig } from '@apollo/gateway';

/** The cache interface ApolloGateway uses for query plans (`queryPlannerConfig.cache`). */
export type QueryPlanCache = NonNullable<NonNullable<GatewayConfig['queryPlannerConfig']>['cache']>;
type QueryPlan = Parameters<QueryPlanCache['set']>[1];

export interface QueryPlanCacheOptions {
  /** Plans kept; the least recently used are dropped beyond it. */
  maxEntries: number;
  onHit?: () => void;
  onMiss?: () => void;
}

/**
 * The gateway's query-plan cache, in place of Apollo's default (an LRU bounded by approximate
 * size): an LRU bounded by count that reports every lookup. The gateway looks a plan up once per
 * valid operation and plans only on a miss, so hits and misses are exactly "planning skipped" and
 * "planning done". It is cleared whenever a new supergraph is swapped in.
 */
export function createQueryPlanCache({ maxEntries, onHit, onMiss }: QueryPlanCacheOptions): QueryPlanCache & { readonly size: number } {
  const plans = new Map<string, QueryPlan>();
  return {
    async get(key) {
      const plan = plans.get(key);
      if (plan === undefined) {
        onMiss?.();
        return undefined;
      }
      onHit?.();
      // Re-inserting keeps the Map in least-recently-used-first order.
      plans.delete(key);
      plans.set(key, plan);
      return plan;
    },
    async set(key, plan) {
      plans.delete(key);
      plans.set(key, plan);
      while (plans.size > maxEntries) plans.delete(plans.keys().next().value as string);
    },
    async delete(key) {
      return plans.delete(key);
    },
    clear() {
      plans.clear();
    },
    get size() {
      return plans.size;
    },
  };
}
