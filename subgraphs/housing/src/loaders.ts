import DataLoader from 'dataloader';
import { asc, desc } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, createAccessLog, createSmallCellGuard, createSubtreeRollup, groupByKey, inJsonList, type SqliteDatabase, type StoredAccessEntry } from '@village-graph/shared';
import {
  dwellings,
  garbageServices,
  renovationApplications,
  sewageFacilities,
  villageAppearances,
  type DwellingRow,
  type GarbageServiceRow,
  type RenovationApplicationRow,
  type SewageFacilityRow,
  type VillageAppearanceRow,
} from './db/schema.ts';
import type * as schema from './db/schema.ts';
import { ROLLUP_COLUMNS, SUPPRESSIBLE_COLUMNS, type RollupSums, type SuppressibleColumn } from './statistics.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** Prepared once per process; loaders are created per request. */
export const createQueries = (sqlite: SqliteDatabase) => ({
  statistics: createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: ROLLUP_COLUMNS }),
  /** Which household counts to withhold from the public and analysts (small cells and their complements). */
  smallCells: createSmallCellGuard(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: SUPPRESSIBLE_COLUMNS }),
  accessLog: createAccessLog(sqlite),
});
export type Queries = ReturnType<typeof createQueries>;

const ZERO_SUMS = Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0])) as RollupSums;

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db, queries: Queries) => ({
  garbageByVillage: new DataLoader<string, GarbageServiceRow | null>(async (codes) => {
    const rows = db.select().from(garbageServices).where(inJsonList(garbageServices.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),

  sewageByVillage: new DataLoader<string, SewageFacilityRow | null>(async (codes) => {
    const rows = db.select().from(sewageFacilities).where(inJsonList(sewageFacilities.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),

  appearanceByVillage: new DataLoader<string, VillageAppearanceRow | null>(async (codes) => {
    const rows = db.select().from(villageAppearances).where(inJsonList(villageAppearances.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),

  dwellingById: new DataLoader<string, DwellingRow | null>(async (ids) => {
    const rows = db.select().from(dwellings).where(inJsonList(dwellings.id, ids)).all();
    return byKey(ids, rows, (r) => r.id);
  }),

  /** A household's dwellings, main dwelling first. */
  dwellingsByHousehold: new DataLoader<string, DwellingRow[]>(async (householdIds) => {
    const rows = db
      .select()
      .from(dwellings)
      .where(inJsonList(dwellings.householdId, householdIds))
      .orderBy(desc(dwellings.isMain), asc(dwellings.id))
      .all();
    return groupByKey(householdIds, rows, (r) => r.householdId);
  }),

  applicationById: new DataLoader<string, RenovationApplicationRow | null>(async (ids) => {
    const rows = db.select().from(renovationApplications).where(inJsonList(renovationApplications.id, ids)).all();
    return byKey(ids, rows, (r) => r.id);
  }),

  applicationByDwelling: new DataLoader<string, RenovationApplicationRow | null>(async (dwellingIds) => {
    const rows = db.select().from(renovationApplications).where(inJsonList(renovationApplications.dwellingId, dwellingIds)).all();
    return byKey(dwellingIds, rows, (r) => r.dwellingId);
  }),

  /** Rollup sums per region subtree (zeros where the subtree has no rows). */
  statistics: new DataLoader<string, RollupSums>(async (codes) => {
    const sums = queries.statistics.sums(codes);
    return codes.map((c) => sums.get(c) ?? ZERO_SUMS);
  }),

  /** Household-count columns to suppress per region (public and analysts only). */
  suppressedColumns: new DataLoader<string, Set<SuppressibleColumn>>(async (codes) => {
    const hidden = queries.smallCells.suppressed(codes);
    return codes.map((c) => hidden.get(c) ?? new Set());
  }),

  /** Access-log entries about a resident or household id, oldest first. */
  accessLogBySubject: new DataLoader<string, StoredAccessEntry[]>(async (subjects) => {
    const entries = queries.accessLog.entriesFor(subjects);
    return subjects.map((s) => entries.get(s) ?? []);
  }),
});

export type Loaders = ReturnType<typeof createLoaders>;
