import DataLoader from 'dataloader';
import { asc, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, groupByKey, inJsonList, isRegionCode, type SqliteDatabase } from '@village-graph/shared';
import {
  communityCorrections,
  disputeParties,
  disputes,
  legalAdvisers,
  legalAidContactPoints,
  mediationCommittees,
  mediators,
  postReleasePlacements,
  ruleOfLawModelVillages,
  villageLegalAdvisers,
  type CommunityCorrectionRow,
  type DisputeRow,
  type LegalAidCaseRow,
  type PostReleasePlacementRow,
} from './db/schema.ts';
import type * as schema from './db/schema.ts';
import { createFilteredSubtreeList, createKeyedList, createPagedLoaders } from './paging.ts';
import { createStatisticsRollup, ZERO_SUMS, type StatisticsSums } from './statistics.ts';

export type Db = BetterSQLite3Database<typeof schema>;

// Unqualified columns: the subtree lists' `ranges` CTE has none of these names.
const DISPUTE_FILTER = `(@type IS NULL OR type = @type)
  AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))`;
const DATE_RANGE = (column: string) => `(@from IS NULL OR ${column} >= @from) AND (@to IS NULL OR ${column} <= @to)`;

/** Statements prepared once per process; loaders (per request) batch into them. */
export const createQueries = (sqlite: SqliteDatabase) => ({
  disputesUnder: createFilteredSubtreeList<DisputeRow>(sqlite, {
    table: 'disputes',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `${DISPUTE_FILTER}
      AND (@source IS NULL OR t.source = @source) AND (@grid IS NULL OR t.grid_code = @grid) AND ${DATE_RANGE('t.received_on')}`,
  }),
  // Literal statuses, so SQLite can use the partial index of open disputes.
  openDisputesUnder: createFilteredSubtreeList<DisputeRow>(sqlite, {
    table: 'disputes',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `t.status IN ('RECEIVED', 'MEDIATING') AND (@type IS NULL OR t.type = @type)`,
  }),
  correctionsUnder: createFilteredSubtreeList<CommunityCorrectionRow>(sqlite, {
    table: 'community_corrections',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `(@type IS NULL OR t.type = @type) AND (@statuses IS NULL OR t.status IN (SELECT value FROM json_each(@statuses))) AND ${DATE_RANGE('t.starts_on')}`,
  }),
  legalAidCasesUnder: createFilteredSubtreeList<LegalAidCaseRow>(sqlite, {
    table: 'legal_aid_cases',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `(@type IS NULL OR t.type = @type) AND (@statuses IS NULL OR t.status IN (SELECT value FROM json_each(@statuses))) AND ${DATE_RANGE('t.accepted_on')}`,
  }),
  placementsUnder: createFilteredSubtreeList<PostReleasePlacementRow>(sqlite, {
    table: 'post_release_placements',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `(@statuses IS NULL OR t.placement_status IN (SELECT value FROM json_each(@statuses))) AND ${DATE_RANGE('t.released_on')}`,
  }),
  disputesOfResident: createKeyedList<DisputeRow>(sqlite, {
    source: `SELECT p.resident_id AS _key, t.* FROM dispute_parties p JOIN disputes t ON t.id = p.dispute_id
      WHERE p.resident_id IN (SELECT value FROM json_each(@keys))`,
    filter: DISPUTE_FILTER,
  }),
  // A household can be on both sides of a family dispute: count each dispute once.
  disputesOfHousehold: createKeyedList<DisputeRow>(sqlite, {
    source: `SELECT p._key AS _key, t.* FROM (
        SELECT DISTINCT household_id AS _key, dispute_id FROM dispute_parties WHERE household_id IN (SELECT value FROM json_each(@keys))
      ) p JOIN disputes t ON t.id = p.dispute_id`,
    filter: DISPUTE_FILTER,
  }),
  legalAidCasesOfResident: createKeyedList<LegalAidCaseRow>(sqlite, {
    source: `SELECT t.resident_id AS _key, t.* FROM legal_aid_cases t WHERE t.resident_id IN (SELECT value FROM json_each(@keys))`,
    filter: `(@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))`,
  }),
  statistics: createStatisticsRollup(sqlite),
});

export type Queries = ReturnType<typeof createQueries>;

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db, queries: Queries) => ({
  mediationCommitteeByVillage: new DataLoader(async (codes: readonly string[]) => {
    const rows = db.select().from(mediationCommittees).where(inJsonList(mediationCommittees.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),
  mediatorsByVillage: new DataLoader(async (codes: readonly string[]) => {
    const rows = db.select().from(mediators).where(inJsonList(mediators.villageCode, codes)).orderBy(asc(mediators.role), asc(mediators.id)).all();
    return groupByKey(codes, rows, (r) => r.villageCode);
  }),
  mediatorById: new DataLoader(async (ids: readonly string[]) => {
    const rows = db.select().from(mediators).where(inJsonList(mediators.id, ids)).all();
    return byKey(ids, rows, (r) => r.id);
  }),
  legalAdviserByVillage: new DataLoader(async (codes: readonly string[]) => {
    const rows = db
      .select({ villageCode: villageLegalAdvisers.villageCode, adviser: legalAdvisers })
      .from(villageLegalAdvisers)
      .innerJoin(legalAdvisers, eq(legalAdvisers.id, villageLegalAdvisers.adviserId))
      .where(inJsonList(villageLegalAdvisers.villageCode, codes))
      .all();
    return byKey(codes, rows, (r) => r.villageCode).map((r) => r?.adviser ?? null);
  }),
  engagementsByAdviser: new DataLoader(async (ids: readonly string[]) => {
    const rows = db.select().from(villageLegalAdvisers).where(inJsonList(villageLegalAdvisers.adviserId, ids)).orderBy(asc(villageLegalAdvisers.villageCode)).all();
    return groupByKey(ids, rows, (r) => r.adviserId);
  }),
  contactPointByTownship: new DataLoader(async (codes: readonly string[]) => {
    const rows = db.select().from(legalAidContactPoints).where(inJsonList(legalAidContactPoints.townshipCode, codes)).all();
    return byKey(codes, rows, (r) => r.townshipCode);
  }),
  ruleOfLawModelByVillage: new DataLoader(async (codes: readonly string[]) => {
    const rows = db.select().from(ruleOfLawModelVillages).where(inJsonList(ruleOfLawModelVillages.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),
  disputeById: new DataLoader(async (ids: readonly string[]) => {
    const rows = db.select().from(disputes).where(inJsonList(disputes.id, ids)).all();
    return byKey(ids, rows, (r) => r.id);
  }),
  partiesByDispute: new DataLoader(async (ids: readonly string[]) => {
    // Applicants first, then respondents; within a role, by resident id (stable).
    const rows = db.select().from(disputeParties).where(inJsonList(disputeParties.disputeId, ids)).orderBy(asc(disputeParties.role), asc(disputeParties.residentId)).all();
    return groupByKey(ids, rows, (r) => r.disputeId);
  }),
  communityCorrectionByResident: new DataLoader(async (ids: readonly string[]) => {
    const rows = db.select().from(communityCorrections).where(inJsonList(communityCorrections.residentId, ids)).all();
    return byKey(ids, rows, (r) => r.residentId);
  }),
  postReleasePlacementByResident: new DataLoader(async (ids: readonly string[]) => {
    const rows = db.select().from(postReleasePlacements).where(inJsonList(postReleasePlacements.residentId, ids)).all();
    return byKey(ids, rows, (r) => r.residentId);
  }),
  statistics: new DataLoader(async (codes: readonly string[]) => {
    const valid = codes.filter(isRegionCode);
    const sums = valid.length > 0 ? queries.statistics.sums(valid) : new Map<string, StatisticsSums>();
    return codes.map((c) => sums.get(c) ?? ZERO_SUMS);
  }),
  disputesUnder: createPagedLoaders(queries.disputesUnder),
  openDisputesUnder: createPagedLoaders(queries.openDisputesUnder),
  correctionsUnder: createPagedLoaders(queries.correctionsUnder),
  legalAidCasesUnder: createPagedLoaders(queries.legalAidCasesUnder),
  placementsUnder: createPagedLoaders(queries.placementsUnder),
  disputesOfResident: createPagedLoaders(queries.disputesOfResident),
  disputesOfHousehold: createPagedLoaders(queries.disputesOfHousehold),
  legalAidCasesOfResident: createPagedLoaders(queries.legalAidCasesOfResident),
});

export type Loaders = ReturnType<typeof createLoaders>;
