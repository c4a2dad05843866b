import type { AgricultureContext } from '../context.ts';
import type { CooperativeMemberRow } from '../db/schema.ts';

export const CooperativeMembership = {
  cooperative: (membership: CooperativeMemberRow, _args: unknown, ctx: AgricultureContext) => ctx.loaders.cooperativeById.load(membership.cooperativeId),
  household: (membership: CooperativeMemberRow) => ({ id: membership.householdId }),
};
