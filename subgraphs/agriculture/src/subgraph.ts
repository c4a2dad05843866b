import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import { createQueries } from './loaders.ts';
import { createContext, type AgricultureContext } from './context.ts';
import { Region } from './resolvers/region.ts';
import { Cooperative } from './resolvers/cooperative.ts';

/** Agriculture & rural affairs (农业农村): cooperatives, land contracts, income, collective economy. */
export const agriculture = defineSubgraph<AgricultureContext>({
  name: 'agriculture',
  title: 'Agriculture & rural affairs (农业农村)',
  defaultPort: 4002,
  ...subgraphPaths(import.meta.url),
  resolvers: { Region, Cooperative },
  createContextFactory: (sqlite) => {
    const queries = createQueries(sqlite);
    return (request) => createContext(queries, request);
  },
});

export default agriculture;
