import { isRegionCode, isRuralVillageCode, parentCode, parsePageArgs, toConnection, type PageArgs, REGION_LEVELS } from '@village-graph/shared';
import type { RegionRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';

/** Codes of every ancestor, province first. */
function ancestorCodes(code: string): string[] {
  const codes: string[] = [];
  for (let current = parentCode(code); current; current = parentCode(current)) codes.unshift(current);
  return codes;
}

export const Region = {
  __resolveReference: (ref: { code: string }, ctx: CivilAffairsContext) =>
    isRegionCode(ref.code) ? ctx.loaders.regionByCode.load(ref.code) : null,

  isRuralVillage: (region: RegionRow) => isRuralVillageCode(region.code),

  parent: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) =>
    region.parentCode ? ctx.loaders.regionByCode.load(region.parentCode) : null,

  ancestors: async (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => {
    const found = await ctx.loaders.regionByCode.loadMany(ancestorCodes(region.code));
    return found.filter((r): r is RegionRow => r !== null && !(r instanceof Error));
  },

  children: async (region: RegionRow, args: PageArgs, ctx: CivilAffairsContext) => {
    const page = parsePageArgs(args);
    if (region.level === REGION_LEVELS[REGION_LEVELS.length - 1]) return toConnection([], page, 0, (r: RegionRow) => r.code);
    const [rows, total] = await Promise.all([
      ctx.loaders.childrenPage.load({ parentCode: region.code, limit: page.limit, afterCode: page.afterKey }),
      ctx.loaders.childCount.load(region.code),
    ]);
    return toConnection(rows, page, total, (r) => r.code);
  },
};
