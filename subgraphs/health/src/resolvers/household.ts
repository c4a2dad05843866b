import type { HealthContext } from '../context.ts';

export const Household = {
  /** Health answers only for households in the caller's area (a resident: only their own). */
  __resolveReference: async (ref: { id: string }, ctx: HealthContext) => {
    await ctx.access.household(ref.id);
    return { id: ref.id };
  },

  /** Yes/no only (data minimisation); not a sensitive read, so not logged. */
  hasFamilyDoctorContract: async (household: { id: string }, _: unknown, ctx: HealthContext) => {
    await ctx.access.household(household.id);
    return ctx.loaders.householdHasContract.load(household.id);
  },
};
