import DataLoader from 'dataloader';
import { asc, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, createAccessLog, groupByKey, inJsonList, isRegionCode, mustSuppressFor, type Identity, type SqliteDatabase, type StoredAccessEntry } from '@village-graph/shared';
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
import { createStatisticsGuard, createStatisticsRollup, ZERO_SUMS, type PeopleColumn, type StatisticsSums } from './statistics.ts';
import { scopeCondition } from './access.ts';

export type Db = BetterSQLite3Database<typeof schema>;

// Unqualified columns: the subtree lists' `ranges` CTE has none of these names.
const DISPUTE_FILTER = `(@type IS NULL OR type = @type)
  AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))`;
const DATE_RANGE = (column: string) => `(@from IS NULL OR ${column} >= @from) AND (@to IS NULL OR ${column} <= @to)`;
// A grid worker's region lists are narrowed to their grids (bound as a JSON list; null: no narrowing).
const GRIDS = `(@grids IS NULL OR t.grid_code IN (SELECT value FROM json_each(@grids)))`;
// Per-parent dispute lists and counts keep only the disputes the caller may see (access.ts).
const DISPUTE_SCOPE = scopeCondition('src', {
  hasGrid: true,
  residentCondition: 'EXISTS (SELECT 1 FROM dispute_parties sp WHERE sp.dispute_id = src.id AND sp.resident_id = @scopeResident)',
});
const RECORD_SCOPE = scopeCondition('src', { hasGrid: false, residentCondition: 'src.resident_id = @scopeResident' });

/** Statements prepared once per process; loaders (per request) batch into them. */
export const createQueries = (sqlite: SqliteDatabase) => ({
  disputesUnder: createFilteredSubtreeList<DisputeRow>(sqlite, {
    table: 'disputes',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `${DISPUTE_FILTER}
      AND (@source IS NULL OR t.source = @source) AND (@grid IS NULL OR t.grid_code = @grid) AND ${DATE_RANGE('t.received_on')} AND ${GRIDS}`,
  }),
  // Literal statuses, so SQLite can use the partial index of open disputes.
  openDisputesUnder: createFilteredSubtreeList<DisputeRow>(sqlite, {
    table: 'disputes',
    regionColumn: 'village_code',
    idsStartWithRegion: true,
    filter: `t.status IN ('RECEIVED', 'MEDIATING') AND (@type IS NULL OR t.type = @type) AND ${GRIDS}`,
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
    filter: `${DISPUTE_FILTER} AND ${DISPUTE_SCOPE}`,
  }),
  // A household can be on both sides of a family dispute: count each dispute once.
  disputesOfHousehold: createKeyedList<DisputeRow>(sqlite, {
    source: `SELECT p._key AS _key, t.* FROM (
        SELECT DISTINCT household_id AS _key, dispute_id FROM dispute_parties WHERE household_id IN (SELECT value FROM json_each(@keys))
      ) p JOIN disputes t ON t.id = p.dispute_id`,
    filter: `${DISPUTE_FILTER} AND ${DISPUTE_SCOPE}`,
  }),
  legalAidCasesOfResident: createKeyedList<LegalAidCaseRow>(sqlite, {
    source: `SELECT t.resident_id AS _key, t.* FROM legal_aid_cases t WHERE t.resident_id IN (SELECT value FROM json_each(@keys))`,
    filter: `(@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses))) AND ${RECORD_SCOPE}`,
  }),
  statistics: createStatisticsRollup(sqlite),
  statisticsGuard: createStatisticsGuard(sqlite),
  accessLog: createAccessLog(sqlite),
  // Where a resident's justice records are (disputes they are party to, cases, records): the
  // area an auditor's `audit:read` is checked against. One statement per batch.
  placesOfResidents: sqlite.prepare(`WITH ids AS (SELECT value AS id FROM json_each(@ids))
    SELECT p.resident_id AS residentId, d.village_code AS villageCode, d.grid_code AS gridCode
      FROM dispute_parties p JOIN disputes d ON d.id = p.dispute_id WHERE p.resident_id IN (SELECT id FROM ids)
    UNION SELECT resident_id, village_code, NULL FROM legal_aid_cases WHERE resident_id IN (SELECT id FROM ids)
    UNION SELECT resident_id, village_code, NULL FROM community_corrections WHERE resident_id IN (SELECT id FROM ids)
    UNION SELECT resident_id, village_code, NULL FROM post_release_placements WHERE resident_id IN (SELECT id FROM ids)`),
});

export type Queries = ReturnType<typeof createQueries>;

export interface ResidentPlace {
  residentId: string;
  villageCode: string;
  gridCode: string | null;
}

/** Statistics of one region as served to this caller: its sums and the figures to suppress. */
export interface RegionFigures {
  sums: StatisticsSums;
  hidden: ReadonlySet<PeopleColumn>;
}

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db, queries: Queries, identity: Identity) => ({
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
  // Sums in one statement; for the public and analysts, small cells in one more.
  statistics: new DataLoader(async (codes: readonly string[]): Promise<RegionFigures[]> => {
    const valid = codes.filter(isRegionCode);
    const sums = valid.length > 0 ? queries.statistics.sums(valid) : new Map<string, StatisticsSums>();
    const hidden = mustSuppressFor(identity) ? queries.statisticsGuard.suppressed(sums) : new Map<string, Set<PeopleColumn>>();
    return codes.map((c) => ({ sums: sums.get(c) ?? ZERO_SUMS, hidden: hidden.get(c) ?? new Set<PeopleColumn>() }));
  }),
  /** Access-log entries per subject (resident or household id), oldest first; one statement per batch. */
  accessLogBySubject: new DataLoader(async (ids: readonly string[]): Promise<StoredAccessEntry[][]> => {
    const entries = queries.accessLog.entriesFor(ids);
    return ids.map((id) => entries.get(id) ?? []);
  }),
  placesOfResident: new DataLoader(async (ids: readonly string[]) => {
    const rows = queries.placesOfResidents.all({ ids: JSON.stringify(ids) }) as ResidentPlace[];
    return groupByKey(ids, rows, (r) => r.residentId);
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
