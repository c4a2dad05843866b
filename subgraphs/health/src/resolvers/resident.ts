import { type PageArgs, toAccessLogEntry } from '@village-graph/shared';
import { parseDateRange } from '../dates.ts';
import { followUpCursorKey, lazyConnection, parseFollowUpPage } from '../args.ts';
import type { HealthContext } from '../context.ts';

interface ResidentRef {
  id: string;
  /** Provided by the gateway for `healthAccessLog` (@requires), from civil affairs. */
  household?: { id: string } | null;
}

/** Loads one of health's rows about the resident, after the row-scope check; logs that it was served. */
const own =
  <T>(field: string, load: (ctx: HealthContext, id: string) => Promise<T | null>) =>
  async (resident: ResidentRef, _: unknown, ctx: HealthContext): Promise<T | null> => {
    await ctx.access.resident(resident.id);
    const row = await load(ctx, resident.id);
    if (row !== null) ctx.access.read(resident.id, [field]);
    return row;
  };


export const Resident = {
  /** Health answers only for residents in the caller's area (a resident: only themselves). */
  __resolveReference: async (ref: ResidentRef, ctx: HealthContext): Promise<ResidentRef> => {
    await ctx.access.resident(ref.id);
    return ref;
  },

  healthRecord: own('healthRecord', (ctx, id) => ctx.loaders.healthRecord.load(id)),
  familyDoctorContract: own('familyDoctorContract', (ctx, id) => ctx.loaders.contract.load(id)),
  elderlyCare: own('elderlyCare', (ctx, id) => ctx.loaders.elderlyCare.load(id)),
  mentalHealth: own('mentalHealth', (ctx, id) => ctx.loaders.mentalHealth.load(id)),

  chronicFollowUps: async (resident: ResidentRef, args: PageArgs & { from?: string | null; to?: string | null }, ctx: HealthContext) => {
    const range = parseDateRange(args);
    const { page, after } = parseFollowUpPage(args);
    await ctx.access.resident(resident.id);
    const rows = await ctx.loaders.followUpPage.load({ residentId: resident.id, range, limit: page.limit, after });
    const total = async () => (await ctx.loaders.followUpStats.load({ residentId: resident.id, range })).reduce((sum, r) => sum + r.count, 0);
    return lazyConnection(rows, page, total, followUpCursorKey, (served) => {
      if (served.length > 0) ctx.access.read(resident.id, ['chronicFollowUps']);
    });
  },

  /** Entries about the resident and about their household, oldest first. */
  healthAccessLog: async (resident: ResidentRef, _: unknown, ctx: HealthContext) => {
    const householdId = resident.household?.id ?? null;
    if (!(await ctx.access.accessLogOf(resident.id, householdId))) return [];
    const lists = await Promise.all([resident.id, ...(householdId ? [householdId] : [])].map((id) => ctx.loaders.accessLog.load(id)));
    return lists
      .flat()
      .sort((a, b) => a.id - b.id)
      .map((e) => toAccessLogEntry('health', e));
  },
};
