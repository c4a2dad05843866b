import { MANAGED_CONDITIONS, type ManagedCondition } from '../db/schema.ts';
import { parseDateRange } from '../dates.ts';
import { parseIntInRange } from '../args.ts';
import { FOLLOW_UPS_PER_YEAR } from '../seeding/rollup.ts';
import type { ChronicPatientRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { householdRef, regionRef, residentRef } from './refs.ts';
import { sensitive } from './sensitive.ts';

const ALL_TIME = { from: null, to: null };
const isManaged = (condition: string): condition is ManagedCondition => (MANAGED_CONDITIONS as readonly string[]).includes(condition);

export const ChronicPatient = {
  resident: (patient: ChronicPatientRow) => residentRef(patient.residentId),
  village: (patient: ChronicPatientRow) => regionRef(patient.villageCode),
  /** Every patient has a record (conditions live on it); the record knows the household. */
  household: async (patient: ChronicPatientRow, _: unknown, ctx: HealthContext) => {
    const record = await ctx.loaders.healthRecord.load(patient.residentId);
    return record ? householdRef(record.householdId) : null;
  },

  ...sensitive<ChronicPatientRow>('chronicPatient', {
    conditions: (patient, _: unknown, ctx: HealthContext) => ctx.loaders.conditions.load(patient.residentId),

    lastFollowUpOn: async (patient, _: unknown, ctx: HealthContext) => {
      const stats = await ctx.loaders.followUpStats.load({ residentId: patient.residentId, range: ALL_TIME });
      return stats.reduce<string | null>((last, r) => (last == null || r.lastVisitedOn > last ? r.lastVisitedOn : last), null);
    },

    followUpCount: async (patient, args: { from?: string | null; to?: string | null }, ctx: HealthContext) => {
      const stats = await ctx.loaders.followUpStats.load({ residentId: patient.residentId, range: parseDateRange(args) });
      return stats.reduce((sum, r) => sum + r.count, 0);
    },

    followUpCompliant: async (patient, args: { year?: number | null }, ctx: HealthContext) => {
      const year = parseIntInRange(args.year ?? 2022, 'year', 1900, 2100)!;
      const [conditions, stats] = await Promise.all([
        ctx.loaders.conditions.load(patient.residentId),
        ctx.loaders.followUpStats.load({ residentId: patient.residentId, range: { from: `${year}-01-01`, to: `${year}-12-31` } }),
      ]);
      const managed = conditions.filter(isManaged);
      const visits = new Map(stats.map((r) => [r.condition, r.count]));
      return managed.length > 0 && managed.every((c) => (visits.get(c) ?? 0) >= FOLLOW_UPS_PER_YEAR);
    },
  }),
};
