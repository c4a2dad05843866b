import { parsePageArgs, type PageArgs } from '@village-graph/shared';
import { disputeParams, listParams, OPEN_DISPUTES_PARAMS } from '../filters.ts';
import { loadConnection } from '../paging.ts';
import type { JusticeContext } from '../context.ts';

interface EntityRef {
  id: string;
}

/** Civil affairs' residents, with the justice records that name them. */
export const Resident = {
  __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }),

  disputes: (resident: EntityRef, args: PageArgs & { status?: string[] | null; type?: string | null }, ctx: JusticeContext) =>
    loadConnection(ctx.loaders.disputesOfResident, resident.id, parsePageArgs(args), disputeParams({ type: args.type, statuses: args.status })),

  communityCorrection: (resident: EntityRef, _: unknown, ctx: JusticeContext) => ctx.loaders.communityCorrectionByResident.load(resident.id),

  postReleasePlacement: (resident: EntityRef, _: unknown, ctx: JusticeContext) => ctx.loaders.postReleasePlacementByResident.load(resident.id),

  legalAidCases: (resident: EntityRef, args: PageArgs & { status?: string[] | null }, ctx: JusticeContext) =>
    loadConnection(ctx.loaders.legalAidCasesOfResident, resident.id, parsePageArgs(args), listParams({ statuses: args.status })),
};

/** Civil affairs' households, with the disputes their members are party to. */
export const Household = {
  __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }),

  openDisputeCount: (household: EntityRef, _: unknown, ctx: JusticeContext) =>
    ctx.loaders.disputesOfHousehold.count.load({ key: household.id, params: OPEN_DISPUTES_PARAMS }),

  disputes: (household: EntityRef, args: PageArgs & { status?: string[] | null }, ctx: JusticeContext) =>
    loadConnection(ctx.loaders.disputesOfHousehold, household.id, parsePageArgs(args), disputeParams({ statuses: args.status })),
};
