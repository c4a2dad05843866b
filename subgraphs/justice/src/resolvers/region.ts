import type { MediationCommitteeRow } from '../db/schema.ts';
import type { JusticeContext } from '../context.ts';

interface JusticeRegion {
  code: string;
  mediationCommittee: MediationCommitteeRow | null;
}

export const Region = {
  /** Justice's view of a region: its own facts about it, loaded in one batch per request. */
  __resolveReference: async (ref: { code: string }, ctx: JusticeContext): Promise<JusticeRegion> => ({
    code: ref.code,
    mediationCommittee: await ctx.loaders.mediationCommitteeByVillage.load(ref.code),
  }),
};
