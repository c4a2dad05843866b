import DataLoader from 'dataloader';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { byKey, inJsonList } from '@village-graph/shared';
import { villageClinics, type VillageClinicRow } from './db/schema.ts';
import type * as schema from './db/schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** Per-request loaders: each batch is one SQL statement whatever its size. */
export const createLoaders = (db: Db) => ({
  clinicByVillage: new DataLoader<string, VillageClinicRow | null>(async (codes) => {
    const rows = db.select().from(villageClinics).where(inJsonList(villageClinics.villageCode, codes)).all();
    return byKey(codes, rows, (r) => r.villageCode);
  }),
});

export type Loaders = ReturnType<typeof createLoaders>;
