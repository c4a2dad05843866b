import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import { createQueries } from './loaders.ts';
import { createContext, type AgricultureContext } from './context.ts';
import { Query } from './resolvers/query.ts';
import { AgricultureStatistics, Region } from './resolvers/region.ts';
import { Household, HouseholdIncome } from './resolvers/household.ts';
import { Resident } from './resolvers/resident.ts';
import { LandContract } from './resolvers/land-contract.ts';
import { Plot } from './resolvers/plot.ts';
import { Cooperative } from './resolvers/cooperative.ts';
import { CooperativeMembership } from './resolvers/cooperative-membership.ts';
import { PovertyMonitoring } from './resolvers/poverty-monitoring.ts';
import { FarmerTraining } from './resolvers/farmer-training.ts';
import { Grid } from './resolvers/grid.ts';
import { VillageAgriculture } from './resolvers/village-agriculture.ts';

/**
 * Agriculture & rural affairs (农业农村): land contracts, household income, cooperatives, farmer
 * trainings, village land areas and collective economy, poverty-return monitoring, toilet renovation.
 */
export const agriculture = defineSubgraph<AgricultureContext>({
  name: 'agriculture',
  title: 'Agriculture & rural affairs (农业农村)',
  defaultPort: 4002,
  ...subgraphPaths(import.meta.url),
  resolvers: {
    Query,
    Region,
    Grid,
    Household,
    HouseholdIncome,
    Resident,
    LandContract,
    Plot,
    Cooperative,
    CooperativeMembership,
    PovertyMonitoring,
    FarmerTraining,
    VillageAgriculture,
    AgricultureStatistics,
  },
  createContextFactory: (sqlite) => {
    const queries = createQueries(sqlite);
    return (request) => createContext(queries, request);
  },
});

export default agriculture;
