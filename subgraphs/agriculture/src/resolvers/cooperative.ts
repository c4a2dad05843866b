import { parsePageArgs, toConnection, type PageArgs } from '@village-graph/shared';
import { MODEL_COOPERATIVE_LEVELS, type CooperativeRow } from '../db/schema.ts';
import type { AgricultureContext } from '../context.ts';
import type { CooperativeFilters } from '../loaders.ts';

export interface CooperativeListArgs {
  type?: string | null;
  modelLevel?: string | null;
  isModelCooperative?: boolean | null;
}

export const cooperativeFilters = (args: CooperativeListArgs): CooperativeFilters => ({
  type: args.type ?? null,
  model_level: args.modelLevel ?? null,
  is_model: args.isModelCooperative == null ? null : args.isModelCooperative ? 1 : 0,
});

/** Ratings highest level first (NATIONAL … COUNTY). */
const ratingsOf = async (cooperative: CooperativeRow, ctx: AgricultureContext) =>
  [...(await ctx.loaders.modelRatingsByCooperative.load(cooperative.id))].sort(
    (a, b) => MODEL_COOPERATIVE_LEVELS.indexOf(a.level) - MODEL_COOPERATIVE_LEVELS.indexOf(b.level),
  );

export const Cooperative = {
  __resolveReference: (ref: { id: string }, ctx: AgricultureContext) => ctx.loaders.cooperativeById.load(ref.id),

  /** A stub: civil affairs resolves the village's name and place through federation. */
  village: (cooperative: CooperativeRow) => ({ code: cooperative.villageCode }),

  modelLevel: async (cooperative: CooperativeRow, _args: unknown, ctx: AgricultureContext) => (await ratingsOf(cooperative, ctx))[0]?.level ?? null,

  modelRatings: (cooperative: CooperativeRow, _args: unknown, ctx: AgricultureContext) => ratingsOf(cooperative, ctx),

  /** The member register is personal (households, contributions): the cooperative's village must be in the caller's area. */
  members: async (cooperative: CooperativeRow, args: PageArgs, ctx: AgricultureContext) => {
    ctx.access.assertVillage(cooperative.villageCode, `The member register of cooperative ${cooperative.id}`);
    const page = parsePageArgs(args);
    const [rows, total] = await Promise.all([
      ctx.loaders.memberPage.load({ cooperativeId: cooperative.id, limit: page.limit + 1, afterHouseholdId: page.afterKey }),
      ctx.loaders.memberCountByCooperative.load(cooperative.id),
    ]);
    return toConnection(rows, page, total, (r) => r.householdId);
  },
};
