import { sqliteTable, text, integer, index, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const COOPERATIVE_TYPES = ['PLANTING', 'LIVESTOCK', 'FISHERY', 'MACHINERY', 'TOURISM', 'PROCESSING'] as const;

/** Farmers' professional cooperatives (农民专业合作社). */
export const cooperatives = sqliteTable(
  'cooperatives',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: COOPERATIVE_TYPES }).notNull(),
    memberCount: integer('member_count').notNull(),
    isModelCooperative: integer('is_model_cooperative', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    // Subtree lists scan village-code ranges and order by id within them.
    index('cooperatives_village_code_idx').on(t.villageCode, t.id),
    check('cooperatives_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('cooperatives_type_valid', sql`${t.type} IN ('PLANTING','LIVESTOCK','FISHERY','MACHINERY','TOURISM','PROCESSING')`),
    check('cooperatives_members', sql`${t.memberCount} >= 5`),
  ],
);

export type CooperativeRow = typeof cooperatives.$inferSelect;
