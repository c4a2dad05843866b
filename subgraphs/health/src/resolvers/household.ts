import type { HealthContext } from '../context.ts';

export const Household = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),

  hasFamilyDoctorContract: (household: { id: string }, _: unknown, ctx: HealthContext) => ctx.loaders.householdHasContract.load(household.id),
};
