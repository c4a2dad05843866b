import type { VillageClinicRow } from '../db/schema.ts';
import type { HealthContext } from '../context.ts';

interface HealthRegion {
  code: string;
  clinic: VillageClinicRow | null;
}

export const Region = {
  /** Health's view of a region: its own facts about it, loaded in one batch per request. */
  __resolveReference: async (ref: { code: string }, ctx: HealthContext): Promise<HealthRegion> => ({
    code: ref.code,
    clinic: await ctx.loaders.clinicByVillage.load(ref.code),
  }),
};
