import DataLoader from 'dataloader';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createSubtreeList, type SqliteDatabase } from '@village-graph/shared';
import type { CooperativeRow } from './db/schema.ts';
import type * as schema from './db/schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** A page of one region's cooperatives. */
export interface CooperativePageKey {
  regionCode: string;
  limit: number;
  afterId: string | null;
}

/** Raw rows come back with snake_case columns; resolvers see the drizzle shape. */
const toRow = (raw: Record<string, unknown>): CooperativeRow => ({
  id: raw.id as string,
  villageCode: raw.village_code as string,
  name: raw.name as string,
  type: raw.type as CooperativeRow['type'],
  memberCount: raw.member_count as number,
  isModelCooperative: raw.is_model_cooperative === 1,
});

/** Prepared once per process; loaders are created per request. */
export const createQueries = (sqlite: SqliteDatabase) => ({
  cooperativesUnder: createSubtreeList(sqlite, { table: 'cooperatives', regionColumn: 'village_code', orderColumn: 'id' }),
});
type Queries = ReturnType<typeof createQueries>;

const pageKey = (k: CooperativePageKey) => `${k.regionCode}|${k.limit}|${k.afterId ?? ''}`;

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (queries: Queries) => ({
  cooperativeCount: new DataLoader<string, number>(async (codes) => {
    const counts = queries.cooperativesUnder.count(codes);
    return codes.map((c) => counts.get(c) ?? 0);
  }),
  cooperativePage: new DataLoader<CooperativePageKey, CooperativeRow[], string>(
    async (keys) => {
      // Keys sharing limit and cursor (normally all of them) go to the database together.
      const results = new Map<string, CooperativeRow[]>();
      const groups = new Map<string, CooperativePageKey[]>();
      for (const key of keys) {
        const group = `${key.limit}|${key.afterId ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      for (const group of groups.values()) {
        const { limit, afterId } = group[0]!;
        const pages = queries.cooperativesUnder.page(group.map((k) => k.regionCode), limit + 1, afterId);
        for (const key of group) results.set(pageKey(key), (pages.get(key.regionCode) ?? []).map(toRow));
      }
      return keys.map((k) => results.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  ),
});

export type Loaders = ReturnType<typeof createLoaders>;
