import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { Errors, escapeLike, parsePageArgs, parseRegionCode, subtreeRange, toConnection, type PageArgs, type RegionLevel } from '@village-graph/shared';
import { regions, type HouseholdRow, type ResidentRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { parseGridCode, parseHouseholdId, parseResidentId } from '../args.ts';
import { listCursorKey, toCamelRow, toListCursor } from '../lists.ts';
import type { SearchRequest } from '../search.ts';
import { deliberationsOf, disclosuresOf } from './region.ts';
import { visibleHousehold } from './household.ts';
import { visibleResident } from './resident.ts';
import { authorizeCategoryFilter, authorizeList } from '../access.ts';
import { regionListPage } from './paging.ts';

const MAX_NAME_QUERY = 50;

type ScopeArgs = PageArgs & { within?: string | null; grid?: string | null; assistance?: string | null };

/**
 * The region range and grid a root people list covers, inside the caller's area; at least one of
 * `within` and `grid` is required (a grid worker's only grid is implied).
 */
function searchRequest(args: ScopeArgs, ctx: CivilAffairsContext, what: string): SearchRequest {
  const within = args.within == null ? null : parseRegionCode(args.within, 'within');
  const page = parsePageArgs(args);
  const after = toListCursor(page.afterKey);
  const grid = authorizeList(ctx.access, within, args.grid == null ? null : parseGridCode(args.grid, 'grid'), what);
  if (within === null && grid === null) {
    throw Errors.BAD_USER_INPUT.error('Give a region (within) or a grid (grid): the whole country is not a list.', { argument: 'within' });
  }
  let { low, high } = within === null ? { low: '000000000000', high: '999999999999' } : subtreeRange(within);
  if (grid) {
    // A grid lies in one village: narrow the range to it (empty if it is outside `within`).
    const village = grid.slice(0, 12);
    low = low > village ? low : village;
    high = high < village ? high : village;
  }
  return { low, high, grid, assistance: args.assistance ?? null, limit: page.limit + 1, after };
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

  household: (_: unknown, args: { id: string }, ctx: CivilAffairsContext) => visibleHousehold(parseHouseholdId(args.id, 'id'), ctx),

  households: (_: unknown, args: ScopeArgs, ctx: CivilAffairsContext) => {
    const request = searchRequest(args, ctx, 'Households');
    if (request.assistance) authorizeCategoryFilter(ctx.access, 'assistance', 'Household.assistanceCategory');
    const rows = ctx.queries.householdSearch.page(request).map((raw) => toCamelRow<HouseholdRow>(raw));
    // The filter disclosed each listed household's category.
    if (request.assistance) for (const h of rows.slice(0, request.limit - 1)) ctx.access.audit.read(h.id, ['assistanceCategory']);
    const page = { limit: request.limit - 1, afterKey: null };
    return toConnection(rows, page, ctx.queries.householdSearch.count(request), (h) => listCursorKey(h.villageCode, h.id));
  },

  resident: (_: unknown, args: { id: string }, ctx: CivilAffairsContext) => visibleResident(parseResidentId(args.id, 'id'), ctx),

  residents: (_: unknown, args: ScopeArgs & { careCategory?: string | null }, ctx: CivilAffairsContext) => {
    const request = searchRequest(args, ctx, 'Residents');
    const careCategory = args.careCategory ?? null;
    if (careCategory) authorizeCategoryFilter(ctx.access, 'careCategory', 'Resident.careCategories');
    if (request.assistance) authorizeCategoryFilter(ctx.access, 'assistance', 'Household.assistanceCategory');
    const { rows: raw, totalCount } = ctx.queries.residentSearch.search(request, careCategory);
    const page = { limit: request.limit - 1, afterKey: null };
    const rows = raw.map((r) => toCamelRow<ResidentRow>(r));
    // The filters disclosed each listed resident's care category or household's assistance category.
    for (const r of rows.slice(0, page.limit)) {
      if (careCategory) ctx.access.audit.read(r.id, ['careCategories']);
      if (request.assistance) ctx.access.audit.read(r.householdId, ['assistanceCategory']);
    }
    return toConnection(rows, page, totalCount, (r) => listCursorKey(r.villageCode, r.id));
  },

  disclosures: (_: unknown, args: PageArgs & { within: string; category?: string | null; from?: string | null; to?: string | null }, ctx: CivilAffairsContext) =>
    disclosuresOf(parseRegionCode(args.within, 'within'), args, ctx),

  deliberations: (_: unknown, args: PageArgs & { within: string; topic?: string | null; from?: string | null; to?: string | null }, ctx: CivilAffairsContext) =>
    deliberationsOf(parseRegionCode(args.within, 'within'), args, ctx),
};
