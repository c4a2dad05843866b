import type { AgricultureContext } from '../context.ts';
import type { LandContractRow } from '../db/schema.ts';

export const LandContract = {
  __resolveReference: (ref: { contractNumber: string }, ctx: AgricultureContext) => ctx.loaders.landContractByNumber.load(ref.contractNumber),

  village: (contract: LandContractRow) => ({ code: contract.villageCode }),

  household: (contract: LandContractRow) => ({ id: contract.householdId }),

  plots: (contract: LandContractRow, _args: unknown, ctx: AgricultureContext) => ctx.loaders.plotsByContract.load(contract.contractNumber),

  certificateMembers: async (contract: LandContractRow, _args: unknown, ctx: AgricultureContext) =>
    (await ctx.loaders.certificateMembersByContract.load(contract.contractNumber)).map((id) => ({ id })),
};
