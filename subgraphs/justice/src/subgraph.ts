import { drizzle } from 'drizzle-orm/better-sqlite3';
import { defineSubgraph, subgraphPaths } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import { createContext, type JusticeContext } from './context.ts';
import { createQueries } from './loaders.ts';
import { Query } from './resolvers/query.ts';
import { Region } from './resolvers/region.ts';
import { Resident, Household } from './resolvers/people.ts';
import { Dispute, DisputeParty } from './resolvers/dispute.ts';
import { MediationCommittee, Mediator } from './resolvers/mediation.ts';
import { LegalAdviser, LegalAdviserEngagement, LegalAidContactPoint, LegalAidCase } from './resolvers/legal-aid.ts';
import { CommunityCorrection, PostReleasePlacement } from './resolvers/correction.ts';
import { RuleOfLawModelVillage } from './resolvers/rule-of-law.ts';
import { DisputeTypeCount, JusticeStatistics } from './resolvers/statistics.ts';

/** Justice (司法): mediation and disputes, legal advisers and legal aid, community correction, placement, model villages. */
export const justice = defineSubgraph<JusticeContext>({
  name: 'justice',
  title: 'Justice (司法)',
  defaultPort: 4004,
  ...subgraphPaths(import.meta.url),
  resolvers: {
    Query,
    Region,
    Resident,
    Household,
    Dispute,
    DisputeParty,
    MediationCommittee,
    Mediator,
    LegalAdviser,
    LegalAdviserEngagement,
    LegalAidContactPoint,
    LegalAidCase,
    CommunityCorrection,
    PostReleasePlacement,
    RuleOfLawModelVillage,
    JusticeStatistics,
    DisputeTypeCount,
  },
  createContextFactory: (sqlite) => {
    const db = drizzle(sqlite, { schema });
    const queries = createQueries(sqlite);
    return (request) => createContext(db, queries, request);
  },
});

export default justice;
