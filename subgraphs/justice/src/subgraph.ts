import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type JusticeContext } from './context.ts';
import { Region } from './resolvers/region.ts';

/** Justice (司法): mediation, disputes, legal advisers and community correction. */
export const justice = defineSubgraph<JusticeContext>({
  name: 'justice',
  title: 'Justice (司法)',
  defaultPort: 4004,
  ...subgraphPaths(import.meta.url),
  resolvers: { Region },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    return (request) => createContext(db, request);
  },
});

export default justice;
