import { isRegionCode } from '@village-graph/shared';
import type { HousingContext } from '../context.ts';
import { suppress, toHousingStatistics } from '../statistics.ts';

interface RegionRef {
  code: string;
}

/** Housing holds facts about villages (and townships, in the rollup); each field loads in one batch per request. */
export const Region = {
  __resolveReference: (ref: RegionRef): RegionRef => ({ code: ref.code }),

  garbageCollection: (region: RegionRef, _args: unknown, ctx: HousingContext) => ctx.loaders.garbageByVillage.load(region.code),

  sewageTreatment: (region: RegionRef, _args: unknown, ctx: HousingContext) => ctx.loaders.sewageByVillage.load(region.code),

  villageAppearance: (region: RegionRef, _args: unknown, ctx: HousingContext) => ctx.loaders.appearanceByVillage.load(region.code),

  /**
   * Statistics are not rows: everyone gets them, but the public and analysts get household counts
   * small-cell suppressed (one more statement per batch, for the guard).
   */
  housingStatistics: async (region: RegionRef, _args: unknown, ctx: HousingContext) => {
    // A malformed code has no subtree: all zeros rather than a range built from garbage.
    const code = isRegionCode(region.code) ? region.code : '000000000000';
    const [sums, hidden] = await Promise.all([
      ctx.loaders.statistics.load(code),
      ctx.access.suppressStatistics ? ctx.loaders.suppressedColumns.load(code) : null,
    ]);
    const statistics = toHousingStatistics(sums);
    return hidden ? suppress(statistics, hidden) : statistics;
  },
};
