/**
 * Hive Gateway's configuration for the benchmark (loaded by its CLI, see hive-gateway.ts): pass
 * the caller's gateway-signed identity and purpose headers on to the departments, as the stock
 * contender does, and nothing more. In-flight de-duplication of identical subgraph requests is
 * Hive's default; HIVE_DEDUPLICATE=false turns it off (the transport option its documentation
 * names). No usage reporting or tracing is configured, so nothing leaves the machine.
 */
import { defineConfig } from '@graphql-hive/gateway';

const FORWARDED_HEADERS = ['x-village-identity', 'x-purpose', 'x-case-reference'];

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const headers: Record<string, string> = {};
      for (const name of FORWARDED_HEADERS) {
        const value = request.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return headers;
    },
  },
  ...(process.env.HIVE_DEDUPLICATE === 'false' ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } } : {}),
});
