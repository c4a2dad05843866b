import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type HousingContext } from './context.ts';
import { Region } from './resolvers/region.ts';

/** Housing & urban-rural development (住建): garbage, sewage, dwellings and dangerous-house renovation. */
export const housing = defineSubgraph<HousingContext>({
  name: 'housing',
  title: 'Housing & urban-rural development (住建)',
  defaultPort: 4003,
  ...subgraphPaths(import.meta.url),
  resolvers: { Region },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    return (request) => createContext(db, request);
  },
});

export default housing;
