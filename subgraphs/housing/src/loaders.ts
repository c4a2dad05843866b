import DataLoader from 'dataloader';
import { asc, desc } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, createSubtreeRollup, groupByKey, inJsonList, type SqliteDatabase } from '@village-graph/shared';
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
import { ROLLUP_COLUMNS, type RollupSums } from './statistics.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** Prepared once per process; loaders are created per request. */
export const createQueries = (sqlite: SqliteDatabase) => ({
  statistics: createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: ROLLUP_COLUMNS }),
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
});

export type Loaders = ReturnType<typeof createLoaders>;
