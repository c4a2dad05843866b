import type { HousingContext } from '../context.ts';

/** A household reference; the gateway adds civil affairs' and agriculture's yes/no answers when `renovationPriority` is asked. */
interface HouseholdRef {
  id: string;
  inAssistancePriorityGroup?: boolean | null;
  isPovertyMonitored?: boolean | null;
}

export const Household = {
  __resolveReference: (ref: HouseholdRef): HouseholdRef => ref,

  dwelling: async (household: HouseholdRef, _args: unknown, ctx: HousingContext) =>
    (await ctx.loaders.dwellingsByHousehold.load(household.id)).find((d) => d.isMain) ?? null,

  dwellings: (household: HouseholdRef, _args: unknown, ctx: HousingContext) => ctx.loaders.dwellingsByHousehold.load(household.id),

  /** Either department saying yes is enough; a missing answer counts as no unless both are missing. */
  renovationPriority: ({ inAssistancePriorityGroup: assisted, isPovertyMonitored: monitored }: HouseholdRef): boolean | null => {
    if (assisted === true || monitored === true) return true;
    if (assisted == null && monitored == null) return null;
    return false;
  },
};
