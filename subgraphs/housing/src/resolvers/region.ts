import { isRegionCode } from '@village-graph/shared';
import type { HousingContext } from '../context.ts';
import { toHousingStatistics } from '../statistics.ts';

interface RegionRef {
  code: string;
}

/** Housing holds facts about villages (and townships, in the rollup); each field loads in one batch per request. */
export const Region = {
  __resolveReference: (ref: RegionRef): RegionRef => ({ code: ref.code }),

  garbageCollection: (region: RegionRef, _args: unknown, ctx: HousingContext) => ctx.loaders.garbageByVillage.load(region.code),

  sewageTreatment: (region: RegionRef, _args: unknown, ctx: HousingContext) => ctx.loaders.sewageByVillage.load(region.code),

  villageAppearance: (region: RegionRef, _args: unknown, ctx: HousingContext) => ctx.loaders.appearanceByVillage.load(region.code),

  housingStatistics: async (region: RegionRef, _args: unknown, ctx: HousingContext) =>
    // A malformed code has no subtree: all zeros rather than a range built from garbage.
    toHousingStatistics(await ctx.loaders.statistics.load(isRegionCode(region.code) ? region.code : '000000000000')),
};
