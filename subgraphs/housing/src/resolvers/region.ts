import type { GarbageServiceRow } from '../db/schema.ts';
import type { HousingContext } from '../context.ts';

interface HousingRegion {
  code: string;
  garbageCollection: GarbageServiceRow | null;
}

export const Region = {
  /** Housing's view of a region: its own facts about it, loaded in one batch per request. */
  __resolveReference: async (ref: { code: string }, ctx: HousingContext): Promise<HousingRegion> => ({
    code: ref.code,
    garbageCollection: await ctx.loaders.garbageByVillage.load(ref.code),
  }),
};
