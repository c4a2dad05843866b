import { sqliteTable, text, integer, real, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** Village clinics (村卫生室), one per village at most. */
export const villageClinics = sqliteTable(
  'village_clinics',
  {
    villageCode: text('village_code').primaryKey(),
    name: text('name').notNull(),
    standardized: integer('standardized', { mode: 'boolean' }).notNull(),
    areaSquareMeters: real('area_square_meters').notNull(),
    doctorCount: integer('doctor_count').notNull(),
  },
  (t) => [
    check('village_clinics_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('village_clinics_area_positive', sql`${t.areaSquareMeters} > 0`),
    check('village_clinics_doctor_count', sql`${t.doctorCount} >= 0`),
  ],
);

export type VillageClinicRow = typeof villageClinics.$inferSelect;
