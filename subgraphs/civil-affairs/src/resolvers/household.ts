import type { HouseholdRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { isHouseholdId } from '../args.ts';

export const Household = {
  __resolveReference: (ref: { id: string }, ctx: CivilAffairsContext) => (isHouseholdId(ref.id) ? ctx.loaders.householdById.load(ref.id) : null),

  village: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(household.villageCode),
  grid: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.gridByCode.load(household.gridCode),
  members: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.membersByHousehold.load(household.id),
  head: async (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) =>
    (await ctx.loaders.membersByHousehold.load(household.id)).find((m) => m.relation === 'HEAD') ?? null,
  assistanceCategory: (household: HouseholdRow) => household.assistance,
  /** Yes/no only (data minimisation): other departments learn that, never which category. */
  inAssistancePriorityGroup: (household: HouseholdRow) => household.assistance !== null,
};
