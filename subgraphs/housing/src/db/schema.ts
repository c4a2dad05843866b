import { sqliteTable, text, integer, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** Garbage collection service per village (生活垃圾收运). */
export const garbageServices = sqliteTable(
  'garbage_services',
  {
    villageCode: text('village_code').primaryKey(),
    covered: integer('covered', { mode: 'boolean' }).notNull(),
    binCount: integer('bin_count').notNull(),
    vehicleCount: integer('vehicle_count').notNull(),
    collectionsPerWeek: integer('collections_per_week').notNull(),
  },
  (t) => [
    check('garbage_services_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('garbage_services_counts', sql`${t.binCount} >= 0 AND ${t.vehicleCount} >= 0 AND ${t.collectionsPerWeek} BETWEEN 0 AND 14`),
  ],
);

export type GarbageServiceRow = typeof garbageServices.$inferSelect;
