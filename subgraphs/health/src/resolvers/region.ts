import { isRegionCode, regionLevel } from '@village-graph/shared';
import type { HealthContext } from '../context.ts';
import { healthStatistics, ZERO_SUMS } from '../statistics.ts';

interface RegionRef {
  code: string;
}

const isVillage = (code: string) => isRegionCode(code) && regionLevel(code) === 'VILLAGE';

export const Region = {
  /** Health keeps no row per region to load up front: each field is batched on its own. */
  __resolveReference: (ref: RegionRef): RegionRef => ({ code: ref.code }),

  clinic: (region: RegionRef, _: unknown, ctx: HealthContext) => (isVillage(region.code) ? ctx.loaders.clinic.load(region.code) : null),

  publicHealthCommittee: (region: RegionRef, _: unknown, ctx: HealthContext) =>
    isVillage(region.code) ? ctx.loaders.committee.load(region.code) : null,

  /** Counts of people are suppressed for the public and analysts where they are small (see statistics.ts). */
  healthStatistics: async (region: RegionRef, _: unknown, ctx: HealthContext) => {
    const figures = isRegionCode(region.code) ? await ctx.loaders.statistics.load(region.code) : null;
    return figures ? healthStatistics(figures.sums, figures.hidden) : healthStatistics(ZERO_SUMS);
  },
};
