import type { HousingContext } from '../context.ts';
import { visibleDwellingsOf } from './dwelling.ts';

/** A household reference; the gateway adds civil affairs' and agriculture's yes/no answers when `renovationPriority` is asked. */
interface HouseholdRef {
  id: string;
  inAssistancePriorityGroup?: boolean | null;
  isPovertyMonitored?: boolean | null;
}

export const Household = {
  __resolveReference: (ref: HouseholdRef): HouseholdRef => ref,

  dwelling: async (household: HouseholdRef, _args: unknown, ctx: HousingContext) =>
    (await visibleDwellingsOf(ctx, household.id)).find((d) => d.isMain) ?? null,

  dwellings: (household: HouseholdRef, _args: unknown, ctx: HousingContext) => visibleDwellingsOf(ctx, household.id),

  /**
   * Either department saying yes is enough; a missing answer counts as no unless both are missing.
   * Only for callers who may see the household's dwelling (where housing has one on record).
   */
  renovationPriority: async (household: HouseholdRef, _args: unknown, ctx: HousingContext): Promise<boolean | null> => {
    await visibleDwellingsOf(ctx, household.id);
    const { inAssistancePriorityGroup: assisted, isPovertyMonitored: monitored } = household;
    if (assisted === true || monitored === true) return true;
    if (assisted == null && monitored == null) return null;
    return false;
  },
};
