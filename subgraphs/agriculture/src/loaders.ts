import DataLoader from 'dataloader';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, createAccessLog, groupByKey, inJsonList, type SqliteDatabase, type StoredAccessEntry } from '@village-graph/shared';
import * as schema from './db/schema.ts';
import {
  collectiveEconomyIncomes,
  cooperativeMembers,
  cooperatives,
  farmerTrainings,
  householdIncomes,
  landContractMembers,
  landContracts,
  modelCooperativeRatings,
  plots,
  povertyMonitoring,
  toiletRenovations,
  villageAgriculture,
  type CooperativeMemberRow,
  type CooperativeRow,
  type FarmerTrainingRow,
  type LandContractRow,
  type PovertyMonitoringRow,
} from './db/schema.ts';
import { createRegionList, rowMapper, type ListCursor } from './region-list.ts';
import { createStatisticsRollup, createSuppressionGuard, type RollupSums, type SuppressibleColumn } from './statistics.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** Filters of the region lists, bound as named parameters (null = no filter). */
export interface CooperativeFilters extends Record<string, string | number | null> {
  type: string | null;
  model_level: string | null;
  is_model: number | null;
}
/**
 * `grids` is the caller's row scope (a grid worker's grids as a JSON list), `grid` the argument;
 * both null for everyone else.
 */
export interface LandContractFilters extends Record<string, string | number | null> {
  grid: string | null;
  grids: string | null;
}
export interface MonitoringFilters extends Record<string, string | number | null> {
  grid: string | null;
  grids: string | null;
  type: string | null;
  from: string | null;
  to: string | null;
}
export interface TrainingFilters extends Record<string, string | number | null> {
  grid: string | null;
  grids: string | null;
  type: string | null;
  from: string | null;
  to: string | null;
}

/** Grid argument and grid-worker scope, on a table's `grid_code`. */
const GRID_FILTER = `AND (@grid IS NULL OR s.grid_code = @grid) AND (@grids IS NULL OR s.grid_code IN (SELECT value FROM json_each(@grids)))`;

/** Statements prepared once per process; loaders are created per request. */
export function createQueries(sqlite: SqliteDatabase) {
  return {
    db: drizzle(sqlite, { schema }) as Db,
    statistics: createStatisticsRollup(sqlite),
    suppression: createSuppressionGuard(sqlite),
    accessLog: createAccessLog(sqlite),
    cooperativesUnder: createRegionList<CooperativeRow, CooperativeFilters>(
      sqlite,
      {
        table: 'cooperatives',
        keyColumn: 'id',
        filter: `AND (@type IS NULL OR s.type = @type)
                 AND (@is_model IS NULL OR s.is_model_cooperative = @is_model)
                 AND (@model_level IS NULL OR EXISTS (
                   SELECT 1 FROM model_cooperative_ratings r WHERE r.cooperative_id = s.id AND r.level = @model_level))`,
      },
      rowMapper(cooperatives),
    ),
    landContractsUnder: createRegionList<LandContractRow, LandContractFilters>(
      sqlite,
      { table: 'land_contracts', keyColumn: 'contract_number', filter: GRID_FILTER },
      rowMapper(landContracts),
    ),
    monitoringUnder: createRegionList<PovertyMonitoringRow, MonitoringFilters>(
      sqlite,
      {
        table: 'poverty_monitoring',
        keyColumn: 'id',
        filter: `${GRID_FILTER} AND (@type IS NULL OR s.type = @type)
                 AND (@from IS NULL OR s.since >= @from) AND (@to IS NULL OR s.since <= @to)`,
      },
      rowMapper(povertyMonitoring),
    ),
    trainingsUnder: createRegionList<FarmerTrainingRow, TrainingFilters>(
      sqlite,
      {
        table: 'farmer_trainings',
        keyColumn: 'id',
        filter: `${GRID_FILTER} AND (@type IS NULL OR s.type = @type)
                 AND (@from IS NULL OR s.start_date >= @from) AND (@to IS NULL OR s.start_date <= @to)`,
      },
      rowMapper(farmerTrainings),
    ),
  };
}
export type Queries = ReturnType<typeof createQueries>;

/** A page of one region's list: which region, how many (+1 to tell whether more follow), after which row, filters. */
export interface RegionPageKey<F> {
  regionCode: string;
  limit: number;
  after: ListCursor | null;
  filters: F;
}

type RegionList<Row, F> = {
  page(regionCodes: readonly string[], limit: number, after: ListCursor | null, filters: F): Map<string, Row[]>;
  count(regionCodes: readonly string[], filters: F): Map<string, number>;
};

/**
 * Page and count loaders over a region list. Keys of one batch that share limit, cursor and
 * filters (normally all of them) are one statement.
 */
function regionListLoaders<Row, F>(list: RegionList<Row, F>) {
  const shape = (k: Omit<RegionPageKey<F>, 'regionCode'>) => JSON.stringify([k.limit, k.after, k.filters]);
  const pageKey = (k: RegionPageKey<F>) => `${k.regionCode}|${shape(k)}`;
  const countKey = (k: { regionCode: string; filters: F }) => `${k.regionCode}|${JSON.stringify(k.filters)}`;
  return {
    page: new DataLoader<RegionPageKey<F>, Row[], string>(
      async (keys) => {
        const results = new Map<string, Row[]>();
        for (const group of groupByKey([...new Set(keys.map(shape))], keys, shape)) {
          const { limit, after, filters } = group[0]!;
          const pages = list.page(group.map((k) => k.regionCode), limit, after, filters);
          for (const key of group) results.set(pageKey(key), pages.get(key.regionCode) ?? []);
        }
        return keys.map((k) => results.get(pageKey(k)) ?? []);
      },
      { cacheKeyFn: pageKey },
    ),
    count: new DataLoader<{ regionCode: string; filters: F }, number, string>(
      async (keys) => {
        const results = new Map<string, number>();
        const filtersOf = (k: { filters: F }) => JSON.stringify(k.filters);
        for (const group of groupByKey([...new Set(keys.map(filtersOf))], keys, filtersOf)) {
          const counts = list.count(group.map((k) => k.regionCode), group[0]!.filters);
          for (const key of group) results.set(countKey(key), counts.get(key.regionCode) ?? 0);
        }
        return keys.map((k) => results.get(countKey(k)) ?? 0);
      },
      { cacheKeyFn: countKey },
    ),
  };
}

/** A page of one cooperative's member households. */
export interface MemberPageKey {
  cooperativeId: string;
  limit: number;
  afterHouseholdId: string | null;
}

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export function createLoaders(queries: Queries) {
  const { db } = queries;
  const landContractByNumber = new DataLoader<string, LandContractRow | null>(async (numbers) =>
    byKey(numbers, db.select().from(landContracts).where(inJsonList(landContracts.contractNumber, numbers)).all(), (r) => r.contractNumber),
  );
  /** Contracts loaded another way are cached by number too (a plot's `contract` then costs nothing). */
  const primed = <T extends LandContractRow | null>(row: T): T => {
    if (row) landContractByNumber.prime(row.contractNumber, row);
    return row;
  };
  const statistics = new DataLoader<string, RollupSums>(async (codes) => {
    const sums = queries.statistics.sums(codes);
    return codes.map((c) => sums.get(c)!);
  });
  const landContractList = regionListLoaders(queries.landContractsUnder);
  return {
    statistics,
    /** Small-cell suppression (public and analyst callers): suppressed columns per region, one statement per batch. */
    suppressed: new DataLoader<string, Set<SuppressibleColumn>>(async (codes) => {
      const hidden = queries.suppression.suppressed(codes);
      return codes.map((c) => hidden.get(c) ?? new Set());
    }),
    /** This department's access-log entries about residents or households, oldest first. */
    accessLogBySubject: new DataLoader<string, StoredAccessEntry[]>(async (ids) => {
      const entries = queries.accessLog.entriesFor(ids);
      return ids.map((id) => entries.get(id) ?? []);
    }),

    // ---- cooperatives
    cooperativeById: new DataLoader<string, CooperativeRow | null>(async (ids) =>
      byKey(ids, db.select().from(cooperatives).where(inJsonList(cooperatives.id, ids)).all(), (r) => r.id),
    ),
    cooperatives: regionListLoaders(queries.cooperativesUnder),
    modelRatingsByCooperative: new DataLoader<string, (typeof modelCooperativeRatings.$inferSelect)[]>(async (ids) =>
      groupByKey(ids, db.select().from(modelCooperativeRatings).where(inJsonList(modelCooperativeRatings.cooperativeId, ids)).all(), (r) => r.cooperativeId),
    ),
    memberCountByCooperative: new DataLoader<string, number>(async (ids) => {
      const rows = db
        .select({ cooperativeId: cooperativeMembers.cooperativeId, n: count() })
        .from(cooperativeMembers)
        .where(inJsonList(cooperativeMembers.cooperativeId, ids))
        .groupBy(cooperativeMembers.cooperativeId)
        .all();
      return byKey(ids, rows, (r) => r.cooperativeId).map((r) => r?.n ?? 0);
    }),
    /** Member pages of many cooperatives: one windowed query per (limit, cursor) group. */
    memberPage: new DataLoader<MemberPageKey, CooperativeMemberRow[], string>(
      async (keys) => {
        const shape = (k: MemberPageKey) => `${k.limit}|${k.afterHouseholdId ?? ''}`;
        const results = new Map<string, CooperativeMemberRow[]>();
        for (const group of groupByKey([...new Set(keys.map(shape))], keys, shape)) {
          const { limit, afterHouseholdId } = group[0]!;
          const ids = group.map((k) => k.cooperativeId);
          const ranked = db
            .select({
              cooperativeId: cooperativeMembers.cooperativeId,
              householdId: cooperativeMembers.householdId,
              villageCode: cooperativeMembers.villageCode,
              role: cooperativeMembers.role,
              joinedOn: cooperativeMembers.joinedOn,
              capitalContribution: cooperativeMembers.capitalContribution,
              rank: sql<number>`row_number() OVER (PARTITION BY ${cooperativeMembers.cooperativeId} ORDER BY ${cooperativeMembers.householdId})`.as('rank'),
            })
            .from(cooperativeMembers)
            .where(and(inJsonList(cooperativeMembers.cooperativeId, ids), afterHouseholdId ? sql`${cooperativeMembers.householdId} > ${afterHouseholdId}` : undefined))
            .as('ranked');
          const rows = db
            .select({
              cooperativeId: ranked.cooperativeId,
              householdId: ranked.householdId,
              villageCode: ranked.villageCode,
              role: ranked.role,
              joinedOn: ranked.joinedOn,
              capitalContribution: ranked.capitalContribution,
            })
            .from(ranked)
            .where(sql`${ranked.rank} <= ${limit}`)
            .orderBy(asc(ranked.cooperativeId), asc(ranked.householdId))
            .all();
          for (const [i, list] of groupByKey(ids, rows, (r) => r.cooperativeId).entries()) results.set(`${ids[i]}|${shape(group[0]!)}`, list);
        }
        return keys.map((k) => results.get(`${k.cooperativeId}|${shape(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.cooperativeId}|${k.limit}|${k.afterHouseholdId ?? ''}` },
    ),
    membershipsByHousehold: new DataLoader<string, CooperativeMemberRow[]>(async (ids) =>
      groupByKey(
        ids,
        db.select().from(cooperativeMembers).where(inJsonList(cooperativeMembers.householdId, ids)).orderBy(asc(cooperativeMembers.cooperativeId)).all(),
        (r) => r.householdId,
      ),
    ),

    // ---- land contracts
    landContractByNumber,
    landContractByHousehold: new DataLoader<string, LandContractRow | null>(async (ids) =>
      byKey(ids, db.select().from(landContracts).where(inJsonList(landContracts.householdId, ids)).all(), (r) => r.householdId).map(primed),
    ),
    landContractsByResident: new DataLoader<string, LandContractRow[]>(async (ids) => {
      const rows = db
        .select({ residentId: landContractMembers.residentId, contract: landContracts })
        .from(landContractMembers)
        .innerJoin(landContracts, eq(landContracts.contractNumber, landContractMembers.contractNumber))
        .where(inJsonList(landContractMembers.residentId, ids))
        .orderBy(asc(landContracts.contractNumber))
        .all();
      return groupByKey(ids, rows, (r) => r.residentId).map((list) => list.map((r) => primed(r.contract)));
    }),
    landContracts: {
      page: landContractList.page,
      /**
       * Counting a subtree's contracts directly reads one index entry per contract (3.75 million
       * for the province at scale 1); the rollup has the same count per village, filled from the
       * same rows by the seeder. Only a grid filter (a grid's few hundred rows) counts directly.
       */
      count: new DataLoader<{ regionCode: string; filters: LandContractFilters }, number, string>(
        async (keys) => {
          const unfiltered = keys.filter((k) => k.filters.grid === null && k.filters.grids === null);
          const filtered = keys.filter((k) => !unfiltered.includes(k));
          const [sums, counts] = await Promise.all([
            statistics.loadMany(unfiltered.map((k) => k.regionCode)),
            landContractList.count.loadMany(filtered),
          ]);
          const answers = new Map<(typeof keys)[number], number | Error>();
          unfiltered.forEach((k, i) => { const s = sums[i]!; answers.set(k, s instanceof Error ? s : s.land_contract_count); });
          filtered.forEach((k, i) => answers.set(k, counts[i]!));
          return keys.map((k) => answers.get(k)!);
        },
        { cacheKeyFn: (k) => `${k.regionCode}|${JSON.stringify(k.filters)}` },
      ),
    },
    plotsByContract: new DataLoader<string, (typeof plots.$inferSelect)[]>(async (numbers) =>
      groupByKey(numbers, db.select().from(plots).where(inJsonList(plots.contractNumber, numbers)).orderBy(asc(plots.contractNumber), asc(plots.plotSerial)).all(), (r) => r.contractNumber),
    ),
    certificateMembersByContract: new DataLoader<string, string[]>(async (numbers) => {
      const rows = db
        .select()
        .from(landContractMembers)
        .where(inJsonList(landContractMembers.contractNumber, numbers))
        .orderBy(asc(landContractMembers.contractNumber), asc(landContractMembers.position))
        .all();
      return groupByKey(numbers, rows, (r) => r.contractNumber).map((list) => list.map((r) => r.residentId));
    }),

    // ---- households
    incomeByHousehold: new DataLoader<string, (typeof householdIncomes.$inferSelect) | null>(async (ids) =>
      byKey(ids, db.select().from(householdIncomes).where(inJsonList(householdIncomes.householdId, ids)).all(), (r) => r.householdId),
    ),
    monitoringByHousehold: new DataLoader<string, PovertyMonitoringRow | null>(async (ids) =>
      byKey(ids, db.select().from(povertyMonitoring).where(inJsonList(povertyMonitoring.householdId, ids)).all(), (r) => r.householdId),
    ),
    /** Yes/no for households agriculture knows (every household has a land contract); null for unknown ids. */
    isPovertyMonitored: new DataLoader<string, boolean | null>(async (ids) => {
      const rows = db
        .select({ householdId: landContracts.householdId, monitored: sql<number>`${povertyMonitoring.id} IS NOT NULL` })
        .from(landContracts)
        .leftJoin(povertyMonitoring, eq(povertyMonitoring.householdId, landContracts.householdId))
        .where(inJsonList(landContracts.householdId, ids))
        .all();
      return byKey(ids, rows, (r) => r.householdId).map((r) => (r ? r.monitored === 1 : null));
    }),
    monitoring: regionListLoaders(queries.monitoringUnder),
    toiletByHousehold: new DataLoader<string, (typeof toiletRenovations.$inferSelect) | null>(async (ids) =>
      byKey(ids, db.select().from(toiletRenovations).where(inJsonList(toiletRenovations.householdId, ids)).all(), (r) => r.householdId),
    ),

    // ---- residents
    trainingsByResident: new DataLoader<string, FarmerTrainingRow[]>(async (ids) =>
      groupByKey(
        ids,
        db.select().from(farmerTrainings).where(inJsonList(farmerTrainings.residentId, ids)).orderBy(asc(farmerTrainings.startDate), asc(farmerTrainings.id)).all(),
        (r) => r.residentId,
      ),
    ),
    trainings: regionListLoaders(queries.trainingsUnder),

    // ---- villages
    villageAgricultureByCode: new DataLoader<string, (typeof villageAgriculture.$inferSelect) | null>(async (codes) =>
      byKey(codes, db.select().from(villageAgriculture).where(inJsonList(villageAgriculture.villageCode, codes)).all(), (r) => r.villageCode),
    ),
    collectiveIncomesByVillage: new DataLoader<string, (typeof collectiveEconomyIncomes.$inferSelect)[]>(async (codes) =>
      groupByKey(
        codes,
        db
          .select()
          .from(collectiveEconomyIncomes)
          .where(inJsonList(collectiveEconomyIncomes.villageCode, codes))
          .orderBy(asc(collectiveEconomyIncomes.villageCode), asc(collectiveEconomyIncomes.year))
          .all(),
        (r) => r.villageCode,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
