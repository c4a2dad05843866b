import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { Errors, escapeLike, parsePageArgs, parseRegionCode, subtreeRange, toConnection, type PageArgs, type RegionLevel } from '@village-graph/shared';
import { regions, type HouseholdRow, type ResidentRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { parseGridCode, parseHouseholdId, parseResidentId } from '../args.ts';
import { listCursorKey, toCamelRow, toListCursor } from '../lists.ts';
import type { SearchRequest } from '../search.ts';
import { deliberationsOf, disclosuresOf } from './region.ts';
import { regionListPage } from './paging.ts';

const MAX_NAME_QUERY = 50;

type ScopeArgs = PageArgs & { within?: string | null; grid?: string | null; assistance?: string | null };

/** The region range and grid a root people list covers; at least one of `within` and `grid` is required. */
function searchRequest(args: ScopeArgs): SearchRequest {
  if (args.within == null && args.grid == null) {
    throw Errors.BAD_USER_INPUT.error('Give a region (within) or a grid (grid): the whole country is not a list.', { argument: 'within' });
  }
  let { low, high } = args.within == null ? { low: '000000000000', high: '999999999999' } : subtreeRange(parseRegionCode(args.within, 'within'));
  const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
  if (grid) {
    // A grid lies in one village: narrow the range to it (empty if it is outside `within`).
    const village = grid.slice(0, 12);
    low = low > village ? low : village;
    high = high < village ? high : village;
  }
  const page = parsePageArgs(args);
  return { low, high, grid, assistance: args.assistance ?? null, limit: page.limit + 1, after: toListCursor(page.afterKey) };
}

export const Query = {
  region: async (_: unknown, args: { code: string }, ctx: CivilAffairsContext) => {
    const code = parseRegionCode(args.code, 'code');
    const region = await ctx.loaders.regionByCode.load(code);
    if (!region) throw Errors.NOT_FOUND.error(`No region has the code ${code}.`, { argument: 'code' });
    return region;
  },

  regions: (
    _: unknown,
    args: PageArgs & { name: string; level?: RegionLevel | null; within?: string | null },
    ctx: CivilAffairsContext,
  ) => {
    const name = args.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_QUERY) {
      throw Errors.BAD_USER_INPUT.error(`name must be 1 to ${MAX_NAME_QUERY} characters.`, { argument: 'name' });
    }
    const page = parsePageArgs(args);
    const within = args.within == null ? null : subtreeRange(parseRegionCode(args.within, 'within'));
    const filter = and(
      sql`${regions.name} LIKE ${`%${escapeLike(name)}%`} ESCAPE '\\'`,
      args.level ? eq(regions.level, args.level) : undefined,
      within ? sql`${regions.code} BETWEEN ${within.low} AND ${within.high}` : undefined,
    );
    const rows = ctx.db
      .select()
      .from(regions)
      .where(and(filter, page.afterKey ? gt(regions.code, page.afterKey) : undefined))
      .orderBy(asc(regions.code))
      .limit(page.limit + 1)
      .all();
    const total = ctx.db.select({ n: count() }).from(regions).where(filter).get()?.n ?? 0;
    return toConnection(rows, page, total, (r) => r.code);
  },

  grid: (_: unknown, args: { code: string }, ctx: CivilAffairsContext) => ctx.loaders.gridByCode.load(parseGridCode(args.code, 'code')),

  grids: (_: unknown, args: PageArgs & { within: string }, ctx: CivilAffairsContext) =>
    regionListPage({ page: ctx.loaders.gridsPage, count: ctx.loaders.gridsCount }, parseRegionCode(args.within, 'within'), args, {}, (g) => [g.villageCode, g.code]),

  household: (_: unknown, args: { id: string }, ctx: CivilAffairsContext) => ctx.loaders.householdById.load(parseHouseholdId(args.id, 'id')),

  households: (_: unknown, args: ScopeArgs, ctx: CivilAffairsContext) => {
    const request = searchRequest(args);
    const rows = ctx.queries.householdSearch.page(request).map((raw) => toCamelRow<HouseholdRow>(raw));
    const page = { limit: request.limit - 1, afterKey: null };
    return toConnection(rows, page, ctx.queries.householdSearch.count(request), (h) => listCursorKey(h.villageCode, h.id));
  },

  resident: (_: unknown, args: { id: string }, ctx: CivilAffairsContext) => ctx.loaders.residentById.load(parseResidentId(args.id, 'id')),

  residents: (_: unknown, args: ScopeArgs & { careCategory?: string | null }, ctx: CivilAffairsContext) => {
    const request = searchRequest(args);
    const careCategory = args.careCategory ?? null;
    const { rows, totalCount } = ctx.queries.residentSearch.search(request, careCategory);
    const page = { limit: request.limit - 1, afterKey: null };
    return toConnection(rows.map((raw) => toCamelRow<ResidentRow>(raw)), page, totalCount, (r) => listCursorKey(r.villageCode, r.id));
  },

  disclosures: (_: unknown, args: PageArgs & { within: string; category?: string | null; from?: string | null; to?: string | null }, ctx: CivilAffairsContext) =>
    disclosuresOf(parseRegionCode(args.within, 'within'), args, ctx),

  deliberations: (_: unknown, args: PageArgs & { within: string; topic?: string | null; from?: string | null; to?: string | null }, ctx: CivilAffairsContext) =>
    deliberationsOf(parseRegionCode(args.within, 'within'), args, ctx),
};
