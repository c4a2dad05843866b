import { sqliteTable, text, integer, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** People's mediation committees (人民调解委员会), one per village. */
export const mediationCommittees = sqliteTable(
  'mediation_committees',
  {
    villageCode: text('village_code').primaryKey(),
    name: text('name').notNull(),
    mediatorCount: integer('mediator_count').notNull(),
    establishedYear: integer('established_year').notNull(),
  },
  (t) => [
    check('mediation_committees_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('mediation_committees_size', sql`${t.mediatorCount} >= 3`),
  ],
);

export type MediationCommitteeRow = typeof mediationCommittees.$inferSelect;
