import { isRegionCode, mustSuppressFor, regionLevel, suppressedError, type PageArgs } from '@village-graph/shared';
import type { AgricultureContext } from '../context.ts';
import { ROLLUP_COLUMNS, SUPPRESSED_WITH, toAgricultureStatistics, type RollupSums, type SuppressibleColumn } from '../statistics.ts';
import { regionConnection } from './lists.ts';
import { cooperativeFilters, type CooperativeListArgs } from './cooperative.ts';

type RegionRef = { code: string };
const NO_FACTS = Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0])) as RollupSums;

/** A region's figures and the fields withheld from this caller (small cells). */
type Statistics = ReturnType<typeof toAgricultureStatistics> & { hiddenFields: ReadonlySet<string> };

const hiddenFieldsOf = (columns: ReadonlySet<SuppressibleColumn>): Set<string> =>
  new Set(Object.entries(SUPPRESSED_WITH).filter(([, needs]) => needs.some((c) => columns.has(c))).map(([field]) => field));

export const Region = {
  /** Agriculture holds no per-region row to load: its region fields are loaded in batches. */
  __resolveReference: (ref: RegionRef) => ({ code: ref.code }),

  /** Public: cooperatives are registered organisations. */
  cooperatives: (region: RegionRef, args: PageArgs & CooperativeListArgs, ctx: AgricultureContext) => {
    // A malformed code from another subgraph names no region: an empty page, not an error.
    const code = isRegionCode(region.code) ? region.code : '999999999999';
    return regionConnection(ctx.loaders.cooperatives, code, args, cooperativeFilters(args), (r) => r.id);
  },

  villageAgriculture: (region: RegionRef, _args: unknown, ctx: AgricultureContext) =>
    isRegionCode(region.code) && regionLevel(region.code) === 'VILLAGE' ? ctx.loaders.villageAgricultureByCode.load(region.code) : null,

  /** Aggregates are not rows: everyone may ask; the public and analysts get small cells withheld. */
  agricultureStatistics: async (region: RegionRef, _args: unknown, ctx: AgricultureContext): Promise<Statistics> => {
    if (!isRegionCode(region.code)) return { ...toAgricultureStatistics(NO_FACTS), hiddenFields: new Set() };
    const [sums, hidden] = await Promise.all([
      ctx.loaders.statistics.load(region.code),
      mustSuppressFor(ctx.identity) ? ctx.loaders.suppressed.load(region.code) : new Set<SuppressibleColumn>(),
    ]);
    return { ...toAgricultureStatistics(sums), hiddenFields: hiddenFieldsOf(hidden) };
  },
};

/** Fields that count people or households answer null with SUPPRESSED when their cell is withheld. */
export const AgricultureStatistics = Object.fromEntries(
  Object.keys(SUPPRESSED_WITH).map((field) => [
    field,
    (stats: Statistics) => {
      if (stats.hiddenFields.has(field)) throw suppressedError(field);
      return stats[field as keyof Statistics];
    },
  ]),
);
