import type { AgricultureContext } from '../context.ts';
import type { LandContractRow } from '../db/schema.ts';

/** Contract details (area, plots, certificate members): logged against the contracting household. */
const DETAIL = {
  totalAreaMu: 'LandContract.totalAreaMu',
  plots: 'LandContract.plots',
  certificateMembers: 'LandContract.certificateMembers',
} as const;

export const LandContract = {
  /** A contract outside the caller's area is FORBIDDEN; an unknown number is null. */
  __resolveReference: async (ref: { contractNumber: string }, ctx: AgricultureContext) => {
    ctx.access.requirePersonal('A land contract');
    const contract = await ctx.loaders.landContractByNumber.load(ref.contractNumber);
    if (contract) await ctx.access.assertContract(contract);
    return contract;
  },

  village: (contract: LandContractRow) => ({ code: contract.villageCode }),

  household: (contract: LandContractRow) => ({ id: contract.householdId }),

  totalAreaMu: (contract: LandContractRow, _args: unknown, ctx: AgricultureContext) => {
    ctx.audit(contract.householdId, [DETAIL.totalAreaMu]);
    return contract.totalAreaMu;
  },

  plots: async (contract: LandContractRow, _args: unknown, ctx: AgricultureContext) => {
    const plots = await ctx.loaders.plotsByContract.load(contract.contractNumber);
    ctx.audit(contract.householdId, [DETAIL.plots]);
    return plots;
  },

  certificateMembers: async (contract: LandContractRow, _args: unknown, ctx: AgricultureContext) => {
    const members = await ctx.loaders.certificateMembersByContract.load(contract.contractNumber);
    ctx.audit(contract.householdId, [DETAIL.certificateMembers]);
    return members.map((id) => ({ id }));
  },
};
