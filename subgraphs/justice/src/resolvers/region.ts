import { isRegionCode, parsePageArgs, regionLevel, toConnection, type PageArgs } from '@village-graph/shared';
import { disputeParams } from '../filters.ts';
import { loadConnection } from '../paging.ts';
import { toJusticeStatistics } from '../statistics.ts';
import { gridsParam, requireListWithin, requireRows } from '../access.ts';
import type { JusticeContext } from '../context.ts';

interface RegionRef {
  code: string;
}

const isVillage = (code: string) => isRegionCode(code) && regionLevel(code) === 'VILLAGE';

/** The township whose contact point serves a region: itself, or a village's township. */
function contactPointTownship(code: string): string | null {
  if (!isRegionCode(code)) return null;
  const level = regionLevel(code);
  if (level === 'TOWNSHIP') return code;
  if (level === 'VILLAGE') return `${code.slice(0, 9)}000`;
  return null;
}

export const Region = {
  /** Justice holds facts about regions, not the regions themselves: every field loads in batches. */
  __resolveReference: (ref: RegionRef): RegionRef => ({ code: ref.code }),

  mediationCommittee: (region: RegionRef, _: unknown, ctx: JusticeContext) =>
    isVillage(region.code) ? ctx.loaders.mediationCommitteeByVillage.load(region.code) : null,

  mediators: (region: RegionRef, _: unknown, ctx: JusticeContext) =>
    isVillage(region.code) ? ctx.loaders.mediatorsByVillage.load(region.code) : [],

  legalAdviser: (region: RegionRef, _: unknown, ctx: JusticeContext) =>
    isVillage(region.code) ? ctx.loaders.legalAdviserByVillage.load(region.code) : null,

  legalAidContactPoint: (region: RegionRef, _: unknown, ctx: JusticeContext) => {
    const township = contactPointTownship(region.code);
    return township ? ctx.loaders.contactPointByTownship.load(township) : null;
  },

  ruleOfLawModel: (region: RegionRef, _: unknown, ctx: JusticeContext) =>
    isVillage(region.code) ? ctx.loaders.ruleOfLawModelByVillage.load(region.code) : null,

  /** Personal rows: only a region inside the caller's area (a grid worker: their grids' disputes). */
  openDisputes: (region: RegionRef, args: PageArgs & { type?: string | null }, ctx: JusticeContext) => {
    const page = parsePageArgs(args);
    requireRows(ctx.scope, ctx.identity);
    if (!isRegionCode(region.code)) return toConnection([], page, 0, () => '');
    requireListWithin(ctx.scope, ctx.identity, region.code, null);
    return loadConnection(ctx.loaders.openDisputesUnder, region.code, page, disputeParams({ type: args.type, grids: gridsParam(ctx.scope) }));
  },

  /** Aggregates, not rows: public, with small cells suppressed for the public and analysts. */
  justiceStatistics: async (region: RegionRef, _: unknown, ctx: JusticeContext) => {
    const { sums, hidden } = await ctx.loaders.statistics.load(region.code);
    return toJusticeStatistics(sums, hidden);
  },
};
