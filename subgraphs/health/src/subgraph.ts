import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type HealthContext } from './context.ts';
import { Region } from './resolvers/region.ts';

/** Health (卫健): village clinics, doctors, health records and follow-ups. */
export const health = defineSubgraph<HealthContext>({
  name: 'health',
  title: 'Health (卫健)',
  defaultPort: 4005,
  ...subgraphPaths(import.meta.url),
  resolvers: { Region },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    return (request) => createContext(db, request);
  },
});

export default health;
