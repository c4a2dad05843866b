import DataLoader from 'dataloader';
import { and, asc, count, gt, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, groupByKey, inJsonList } from '@village-graph/shared';
import { regions, type RegionRow } from './db/schema.ts';
import type * as schema from './db/schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** A page of one parent's children: which parent, how many, after which code. */
export interface ChildrenPageKey {
  parentCode: string;
  limit: number;
  afterCode: string | null;
}

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db) => ({
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
});

export type Loaders = ReturnType<typeof createLoaders>;
