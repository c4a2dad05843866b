import DataLoader from 'dataloader';
import { and, asc, count, gt, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import {
  byKey,
  createAccessLog,
  createSmallCellGuard,
  createSubtreeRollup,
  groupByKey,
  inJsonList,
  type SqliteDatabase,
  type StoredAccessEntry,
} from '@village-graph/shared';
import {
  childDirectors,
  childSupervisors,
  committeeMembers,
  deliberationPilotVillages,
  gridWorkers,
  grids,
  households,
  regions,
  residentCareCategories,
  residents,
  serviceCentres,
  socialWorkStations,
  subcommittees,
  villageRules,
  SUBCOMMITTEE_TYPES,
  type CareCategory,
  type ChildDirectorRow,
  type ChildSupervisorRow,
  type CommitteeMemberRow,
  type DeliberationRow,
  type DisclosureRow,
  type ElderlyFacilityRow,
  type GridRow,
  type GridWorkerRow,
  type HouseholdRow,
  type RegionRow,
  type ResidentRow,
  type ServiceCentreRow,
  type SocialOrganisationRow,
  type SocialWorkStationRow,
  type SubcommitteeRow,
  type VillageRuleRow,
} from './db/schema.ts';
import type * as schema from './db/schema.ts';
import { createKeyedList, createKeyedListLoaders, createRangeList, createRangeListLoaders, toCamelRow } from './lists.ts';
import { createHouseholdSearch, createResidentSearch } from './search.ts';
import { STATISTICS_COLUMNS, SUPPRESSIBLE_COLUMNS, type SuppressibleColumn } from './statistics.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** A page of one parent's children: which parent, how many, after which code. */
export interface ChildrenPageKey {
  parentCode: string;
  limit: number;
  afterCode: string | null;
}

const DATE_FILTER = (column: string) => `(@from IS NULL OR s.${column} >= @from) AND (@to IS NULL OR s.${column} <= @to)`;

/** Prepared once per process (statements are compiled once); loaders are created per request. */
export const createQueries = (sqlite: SqliteDatabase) => ({
  sqlite,
  gridsUnder: createRangeList(sqlite, { table: 'grids', regionColumn: 'village_code', orderColumn: 'code' }),
  facilitiesUnder: createRangeList(sqlite, {
    table: 'elderly_facilities', regionColumn: 'region_code', orderColumn: 'id', filter: '@type IS NULL OR s.type = @type', params: ['type'],
  }),
  organisationsUnder: createRangeList(sqlite, {
    table: 'social_organisations', regionColumn: 'village_code', orderColumn: 'id', filter: '@type IS NULL OR s.type = @type', params: ['type'],
  }),
  disclosuresUnder: createRangeList(sqlite, {
    table: 'disclosures', regionColumn: 'village_code', orderColumn: 'id',
    filter: `(@category IS NULL OR s.category = @category) AND ${DATE_FILTER('published_on')}`, params: ['category', 'from', 'to'],
  }),
  deliberationsUnder: createRangeList(sqlite, {
    table: 'deliberations', regionColumn: 'village_code', orderColumn: 'id',
    filter: `(@topic IS NULL OR s.topic = @topic) AND ${DATE_FILTER('held_on')}`, params: ['topic', 'from', 'to'],
  }),
  householdsOfGrid: createKeyedList(sqlite, { table: 'households', parentColumn: 'grid_code', orderColumn: 'id' }),
  statistics: createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: STATISTICS_COLUMNS }),
  /** Which people/household counts to withhold from the public and analysts, per batch of regions. */
  smallCells: createSmallCellGuard(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: SUPPRESSIBLE_COLUMNS }),
  /** Civil affairs' own hash-chained access log (entries about residents and households). */
  accessLog: createAccessLog(sqlite),
  /** The courtyard in each village, else the first in its township: one seek per village. */
  nearestCourtyard: sqlite.prepare(`
    WITH villages(code) AS (SELECT value FROM json_each(@villages))
    SELECT villages.code AS _village, f.* FROM villages JOIN elderly_facilities f ON f.rowid = coalesce(
      (SELECT s.rowid FROM elderly_facilities s WHERE s.region_code = villages.code AND s.type = 'ELDERLY_COURTYARD' ORDER BY s.id LIMIT 1),
      (SELECT s.rowid FROM elderly_facilities s WHERE s.township_code = substr(villages.code, 1, 9) || '000' AND s.type = 'ELDERLY_COURTYARD' ORDER BY s.id LIMIT 1))`),
  residentSearch: createResidentSearch(sqlite),
  householdSearch: createHouseholdSearch(sqlite),
});
export type Queries = ReturnType<typeof createQueries>;

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db, queries: Queries) => ({
  regionByCode: new DataLoader<string, RegionRow | null>(async (codes) => {
    const rows = db.select().from(regions).where(inJsonList(regions.code, codes)).all();
    return byKey(codes, rows, (r) => r.code);
  }),

  childCount: new DataLoader<string, number>(async (parents) => {
    const rows = db
      .select({ parentCode: regions.parentCode, n: count() })
      .from(regions)
      .where(inJsonList(regions.parentCode, parents))
      .groupBy(regions.parentCode)
      .all();
    return byKey(parents, rows, (r) => r.parentCode!).map((r) => r?.n ?? 0);
  }),

  /**
   * Children pages for many parents at once. Keys in one batch that share `limit` and `afterCode`
   * (the usual case: every parent asks for its first page) are answered by one windowed query.
   */
  childrenPage: new DataLoader<ChildrenPageKey, RegionRow[], string>(
    async (keys) => {
      const groups = groupByKey(
        [...new Set(keys.map((k) => `${k.limit}:${k.afterCode ?? ''}`))],
        keys,
        (k) => `${k.limit}:${k.afterCode ?? ''}`,
      );
      const rowsByParent = new Map<string, RegionRow[]>();
      for (const group of groups) {
        const { limit, afterCode } = group[0]!;
        const parents = group.map((k) => k.parentCode);
        const ranked = db
          .select({
            code: regions.code,
            name: regions.name,
            level: regions.level,
            parentCode: regions.parentCode,
            rank: sql<number>`row_number() OVER (PARTITION BY ${regions.parentCode} ORDER BY ${regions.code})`.as('rank'),
          })
          .from(regions)
          .where(and(inJsonList(regions.parentCode, parents), afterCode ? gt(regions.code, afterCode) : undefined))
          .as('ranked');
        const rows = db
          .select({ code: ranked.code, name: ranked.name, level: ranked.level, parentCode: ranked.parentCode })
          .from(ranked)
          .where(sql`${ranked.rank} <= ${limit + 1}`)
          .orderBy(asc(ranked.code))
          .all();
        for (const [i, list] of groupByKey(parents, rows, (r) => r.parentCode!).entries()) {
          rowsByParent.set(`${parents[i]}|${limit}|${afterCode ?? ''}`, list);
        }
      }
      return keys.map((k) => rowsByParent.get(`${k.parentCode}|${k.limit}|${k.afterCode ?? ''}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.parentCode}|${k.limit}|${k.afterCode ?? ''}` },
  ),

  // ── Grids, households, residents ──
  gridByCode: new DataLoader<string, GridRow | null>(async (codes) => {
    const rows = db.select().from(grids).where(inJsonList(grids.code, codes)).all();
    return byKey(codes, rows, (r) => r.code);
  }),
  /** Everyone working each grid, the leader first. */
  workersByGrid: new DataLoader<string, GridWorkerRow[]>(async (codes) => {
    const rows = db.select().from(gridWorkers).where(inJsonList(gridWorkers.gridCode, codes)).orderBy(asc(gridWorkers.gridCode), asc(gridWorkers.role), asc(gridWorkers.id)).all();
    return groupByKey(codes, rows, (r) => r.gridCode);
  }),
  ...prefixed('gridHouseholds', createKeyedListLoaders<HouseholdRow>(queries.householdsOfGrid)),
  householdById: new DataLoader<string, HouseholdRow | null>(async (ids) => {
    const rows = db.select().from(households).where(inJsonList(households.id, ids)).all();
    return byKey(ids, rows, (r) => r.id);
  }),
  residentById: new DataLoader<string, ResidentRow | null>(async (ids) => {
    const rows = db.select().from(residents).where(inJsonList(residents.id, ids)).all();
    return byKey(ids, rows, (r) => r.id);
  }),
  /** Members of each household, the head first. */
  membersByHousehold: new DataLoader<string, ResidentRow[]>(async (ids) => {
    const rows = db.select().from(residents).where(inJsonList(residents.householdId, ids)).orderBy(asc(residents.householdId), asc(residents.ordinal)).all();
    return groupByKey(ids, rows, (r) => r.householdId);
  }),
  careByResident: new DataLoader<string, CareCategory[]>(async (ids) => {
    const rows = db.select().from(residentCareCategories).where(inJsonList(residentCareCategories.residentId, ids)).all();
    return groupByKey(ids, rows, (r) => r.residentId).map((list) => list.map((r) => r.category));
  }),
  courtyardNearVillage: new DataLoader<string, ElderlyFacilityRow | null>(async (villages) => {
    const rows = (queries.nearestCourtyard.all({ villages: JSON.stringify(villages) }) as Record<string, unknown>[]).map((raw) => ({
      village: raw._village as string,
      facility: toCamelRow<ElderlyFacilityRow>(raw),
    }));
    return byKey(villages, rows, (r) => r.village).map((r) => r?.facility ?? null);
  }),

  // ── Village and township facts ──
  committeeByVillage: new DataLoader<string, CommitteeMemberRow[]>(async (codes) => {
    const rows = db.select().from(committeeMembers).where(inJsonList(committeeMembers.villageCode, codes)).orderBy(asc(committeeMembers.villageCode), asc(committeeMembers.ordinal)).all();
    return groupByKey(codes, rows, (r) => r.villageCode);
  }),
  subcommitteesByVillage: new DataLoader<string, SubcommitteeRow[]>(async (codes) => {
    const rows = db.select().from(subcommittees).where(inJsonList(subcommittees.villageCode, codes)).all();
    const order = (r: SubcommitteeRow) => SUBCOMMITTEE_TYPES.indexOf(r.type);
    return groupByKey(codes, rows, (r) => r.villageCode).map((list) => list.sort((a, b) => order(a) - order(b)));
  }),
  rulesByVillage: new DataLoader<string, VillageRuleRow[]>(async (codes) => {
    const rows = db.select().from(villageRules).where(inJsonList(villageRules.villageCode, codes)).orderBy(asc(villageRules.id)).all();
    return groupByKey(codes, rows, (r) => r.villageCode);
  }),
  serviceCentreByVillage: new DataLoader<string, ServiceCentreRow | null>(async (codes) => {
    const rows = db.select().from(serviceCentres).where(inJsonList(serviceCentres.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),
  childDirectorByVillage: new DataLoader<string, ChildDirectorRow | null>(async (codes) => {
    const rows = db.select().from(childDirectors).where(inJsonList(childDirectors.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),
  pilotVillage: new DataLoader<string, boolean>(async (codes) => {
    const rows = db.select().from(deliberationPilotVillages).where(inJsonList(deliberationPilotVillages.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode).map((r) => r !== null);
  }),
  supervisorsByTownship: new DataLoader<string, ChildSupervisorRow[]>(async (codes) => {
    const rows = db.select().from(childSupervisors).where(inJsonList(childSupervisors.townshipCode, codes)).orderBy(asc(childSupervisors.id)).all();
    return groupByKey(codes, rows, (r) => r.townshipCode);
  }),
  stationByTownship: new DataLoader<string, SocialWorkStationRow | null>(async (codes) => {
    const rows = db.select().from(socialWorkStations).where(inJsonList(socialWorkStations.townshipCode, codes)).all();
    return byKey(codes, rows, (r) => r.townshipCode);
  }),

  // ── Region subtree lists and statistics ──
  ...prefixed('grids', createRangeListLoaders<GridRow>(queries.gridsUnder)),
  ...prefixed('facilities', createRangeListLoaders<ElderlyFacilityRow>(queries.facilitiesUnder)),
  ...prefixed('organisations', createRangeListLoaders<SocialOrganisationRow>(queries.organisationsUnder)),
  ...prefixed('disclosures', createRangeListLoaders<DisclosureRow>(queries.disclosuresUnder)),
  ...prefixed('deliberations', createRangeListLoaders<DeliberationRow>(queries.deliberationsUnder)),
  statistics: new DataLoader<string, Record<string, number>>(async (codes) => {
    const sums = queries.statistics.sums(codes);
    return codes.map((c) => sums.get(c) ?? Object.fromEntries(STATISTICS_COLUMNS.map((column) => [column, 0])));
  }),
  /** Suppressed columns per region (one statement per batch); asked only for the public and analysts. */
  suppressedStatistics: new DataLoader<string, Set<SuppressibleColumn>>(async (codes) => {
    const hidden = queries.smallCells.suppressed(codes);
    return codes.map((c) => hidden.get(c) ?? new Set());
  }),

  // ── Access log ──
  /** Civil affairs' log entries about each subject (resident or household id), oldest first: one statement per batch. */
  accessEntries: new DataLoader<string, StoredAccessEntry[]>(async (subjects) => {
    const entries = queries.accessLog.entriesFor(subjects);
    return subjects.map((s) => entries.get(s) ?? []);
  }),
});

/** `{ page, count }` → `{ <name>Page, <name>Count }`. */
function prefixed<Name extends string, P, C>(name: Name, loaders: { page: P; count: C }) {
  return { [`${name}Page`]: loaders.page, [`${name}Count`]: loaders.count } as { [K in `${Name}Page`]: P } & { [K in `${Name}Count`]: C };
}

export type Loaders = ReturnType<typeof createLoaders>;
