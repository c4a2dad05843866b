import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type CivilAffairsContext } from './context.ts';
import { Query } from './resolvers/query.ts';
import { Region } from './resolvers/region.ts';

/** Civil affairs (民政): the region tree, and (from the domain issue on) grids, households and residents. */
export const civilAffairs = defineSubgraph<CivilAffairsContext>({
  name: 'civil-affairs',
  title: 'Civil affairs (民政)',
  defaultPort: 4001,
  ...subgraphPaths(import.meta.url),
  resolvers: { Query, Region },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    return (request) => createContext(db, request);
  },
});

export default civilAffairs;
