import DataLoader from 'dataloader';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, inJsonList } from '@village-graph/shared';
import { garbageServices, type GarbageServiceRow } from './db/schema.ts';
import type * as schema from './db/schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db) => ({
  garbageByVillage: new DataLoader<string, GarbageServiceRow | null>(async (codes) => {
    const rows = db.select().from(garbageServices).where(inJsonList(garbageServices.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),
});

export type Loaders = ReturnType<typeof createLoaders>;
