import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import { createQueries } from './queries.ts';
import { createContext, type HealthContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

/**
 * Health (卫健): village clinics and doctors, public-health committees, resident health records,
 * chronic-disease follow-ups, severe mental disorder management, family-doctor contracts and
 * elderly health management.
 */
export const health = defineSubgraph<HealthContext>({
  name: 'health',
  title: 'Health (卫健)',
  defaultPort: 4005,
  ...subgraphPaths(import.meta.url),
  resolvers,
  createContextFactory: (sqlite) => {
    const queries = createQueries(sqlite);
    return (request) => createContext(queries, request);
  },
});

export default health;
