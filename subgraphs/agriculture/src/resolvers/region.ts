import { isRegionCode, regionLevel, type PageArgs } from '@village-graph/shared';
import type { AgricultureContext } from '../context.ts';
import { ROLLUP_COLUMNS, toAgricultureStatistics, type RollupSums } from '../statistics.ts';
import { regionConnection } from './lists.ts';
import { cooperativeFilters, type CooperativeListArgs } from './cooperative.ts';

type RegionRef = { code: string };
const NO_FACTS = Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0])) as RollupSums;

export const Region = {
  /** Agriculture holds no per-region row to load: its region fields are loaded in batches. */
  __resolveReference: (ref: RegionRef) => ({ code: ref.code }),

  cooperatives: (region: RegionRef, args: PageArgs & CooperativeListArgs, ctx: AgricultureContext) => {
    // A malformed code from another subgraph names no region: an empty page, not an error.
    const code = isRegionCode(region.code) ? region.code : '999999999999';
    return regionConnection(ctx.loaders.cooperatives, code, args, cooperativeFilters(args), (r) => r.id);
  },

  villageAgriculture: (region: RegionRef, _args: unknown, ctx: AgricultureContext) =>
    isRegionCode(region.code) && regionLevel(region.code) === 'VILLAGE' ? ctx.loaders.villageAgricultureByCode.load(region.code) : null,

  agricultureStatistics: async (region: RegionRef, _args: unknown, ctx: AgricultureContext) =>
    toAgricultureStatistics(isRegionCode(region.code) ? await ctx.loaders.statistics.load(region.code) : NO_FACTS),
};
