import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { Errors, escapeLike, parsePageArgs, parseRegionCode, subtreeRange, toConnection, type PageArgs, type RegionLevel } from '@village-graph/shared';
import { regions } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';

const MAX_NAME_QUERY = 50;

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
};
