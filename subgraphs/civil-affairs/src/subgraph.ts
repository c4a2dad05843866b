import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type CivilAffairsContext } from './context.ts';
import { createQueries } from './loaders.ts';
import { Query } from './resolvers/query.ts';
import { Region } from './resolvers/region.ts';
import { Grid, GridWorker } from './resolvers/grid.ts';
import { Household } from './resolvers/household.ts';
import { Resident } from './resolvers/resident.ts';
import { CivilAffairsStatistics } from './resolvers/statistics.ts';
import { villageLinks } from './resolvers/village-links.ts';

/**
 * Civil affairs (民政): the region tree; grids, households and residents; village self-government;
 * social assistance and care categories; child-welfare and elderly-care services.
 */
export const civilAffairs = defineSubgraph<CivilAffairsContext>({
  name: 'civil-affairs',
  title: 'Civil affairs (民政)',
  defaultPort: 4001,
  ...subgraphPaths(import.meta.url),
  resolvers: {
    Query,
    Region,
    Grid,
    GridWorker,
    Household,
    Resident,
    CivilAffairsStatistics,
    CommitteeMember: villageLinks,
    SocialOrganisation: villageLinks,
    Disclosure: villageLinks,
    Deliberation: villageLinks,
    ElderlyFacility: {
      region: (facility: { regionCode: string }, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(facility.regionCode),
    },
  },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    const queries = createQueries(sqlite);
    return (request) => createContext(db, queries, request);
  },
});

export default civilAffairs;
