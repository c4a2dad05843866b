import { sqliteTable, text, index, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** The region tree (行政区划), loaded from the real statistical division codes. */
export const regions = sqliteTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [
    index('regions_parent_code_idx').on(t.parentCode, t.code),
    index('regions_level_idx').on(t.level, t.code),
    check('regions_code_is_12_digits', sql`length(${t.code}) = 12 AND ${t.code} NOT GLOB '*[^0-9]*'`),
    check('regions_level_valid', sql`${t.level} IN ('PROVINCE','CITY','COUNTY','TOWNSHIP','VILLAGE')`),
  ],
);

export type RegionRow = typeof regions.$inferSelect;
