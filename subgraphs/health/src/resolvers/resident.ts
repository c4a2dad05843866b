import type { PageArgs } from '@village-graph/shared';
import { parseDateRange } from '../dates.ts';
import { followUpCursorKey, lazyConnection, parseFollowUpPage } from '../args.ts';
import type { HealthContext } from '../context.ts';

interface ResidentRef {
  id: string;
}

export const Resident = {
  __resolveReference: (ref: ResidentRef): ResidentRef => ({ id: ref.id }),

  healthRecord: (resident: ResidentRef, _: unknown, ctx: HealthContext) => ctx.loaders.healthRecord.load(resident.id),
  familyDoctorContract: (resident: ResidentRef, _: unknown, ctx: HealthContext) => ctx.loaders.contract.load(resident.id),
  elderlyCare: (resident: ResidentRef, _: unknown, ctx: HealthContext) => ctx.loaders.elderlyCare.load(resident.id),
  mentalHealth: (resident: ResidentRef, _: unknown, ctx: HealthContext) => ctx.loaders.mentalHealth.load(resident.id),

  chronicFollowUps: async (resident: ResidentRef, args: PageArgs & { from?: string | null; to?: string | null }, ctx: HealthContext) => {
    const range = parseDateRange(args);
    const { page, after } = parseFollowUpPage(args);
    const rows = await ctx.loaders.followUpPage.load({ residentId: resident.id, range, limit: page.limit, after });
    const total = async () => (await ctx.loaders.followUpStats.load({ residentId: resident.id, range })).reduce((sum, r) => sum + r.count, 0);
    return lazyConnection(rows, page, total, followUpCursorKey);
  },
};
