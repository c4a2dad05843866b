import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type HousingContext } from './context.ts';
import { createQueries } from './loaders.ts';
import { Query } from './resolvers/query.ts';
import { Region } from './resolvers/region.ts';
import { Household } from './resolvers/household.ts';
import { Dwelling } from './resolvers/dwelling.ts';
import { RenovationApplication } from './resolvers/renovation-application.ts';
import { TransferStation } from './resolvers/transfer-station.ts';
import { Resident } from './resolvers/resident.ts';

/** Housing & urban-rural development (住建): garbage, sewage, dwellings and dangerous-house renovation. */
export const housing = defineSubgraph<HousingContext>({
  name: 'housing',
  title: 'Housing & urban-rural development (住建)',
  defaultPort: 4003,
  ...subgraphPaths(import.meta.url),
  resolvers: { Query, Region, Household, Resident, Dwelling, RenovationApplication, TransferStation },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    const queries = createQueries(sqlite);
    return (request) => createContext(db, queries, request);
  },
});

export default housing;
