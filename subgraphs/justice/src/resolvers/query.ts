import { parsePageArgs, parseRegionCode, type PageArgs } from '@village-graph/shared';
import { parseDateRange, parseDisputeId, parseGridCode } from '../args.ts';
import { disputeParams, listParams } from '../filters.ts';
import { loadConnection } from '../paging.ts';
import { gridsParam, outsideAreaError, requireListWithin, requireRows } from '../access.ts';
import { visibleDispute } from './dispute.ts';
import type { JusticeContext } from '../context.ts';

interface DateRangeArgs {
  from?: string | null;
  to?: string | null;
}

/** Arguments first (BAD_USER_INPUT names them), then the caller's area (FORBIDDEN on `within`). */
export const Query = {
  dispute: async (_: unknown, args: { id: string }, ctx: JusticeContext) => {
    const id = parseDisputeId(args.id, 'id');
    requireRows(ctx.scope, ctx.identity);
    return visibleDispute(ctx, await ctx.loaders.disputeById.load(id));
  },

  disputes: (
    _: unknown,
    args: PageArgs & DateRangeArgs & { within: string; grid?: string | null; type?: string | null; status?: string[] | null; source?: string | null },
    ctx: JusticeContext,
  ) => {
    const within = parseRegionCode(args.within, 'within');
    const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    requireListWithin(ctx.scope, ctx.identity, within);
    if (grid && ctx.scope.grids.length > 0 && !ctx.scope.all && !ctx.scope.grids.includes(grid)) throw outsideAreaError(`Grid ${grid}`, { argument: 'grid' });
    const params = disputeParams({ ...range, grid, type: args.type, statuses: args.status, source: args.source, grids: gridsParam(ctx.scope) });
    return loadConnection(ctx.loaders.disputesUnder, within, page, params);
  },

  communityCorrections: (_: unknown, args: PageArgs & DateRangeArgs & { within: string; type?: string | null; status?: string[] | null }, ctx: JusticeContext) => {
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    requireListWithin(ctx.scope, ctx.identity, within);
    return loadConnection(ctx.loaders.correctionsUnder, within, page, listParams({ ...range, type: args.type, statuses: args.status }));
  },

  legalAidCases: (_: unknown, args: PageArgs & DateRangeArgs & { within: string; type?: string | null; status?: string[] | null }, ctx: JusticeContext) => {
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    requireListWithin(ctx.scope, ctx.identity, within);
    return loadConnection(ctx.loaders.legalAidCasesUnder, within, page, listParams({ ...range, type: args.type, statuses: args.status }));
  },

  postReleasePlacements: (_: unknown, args: PageArgs & DateRangeArgs & { within: string; status?: string[] | null }, ctx: JusticeContext) => {
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    requireListWithin(ctx.scope, ctx.identity, within);
    return loadConnection(ctx.loaders.placementsUnder, within, page, listParams({ ...range, statuses: args.status }));
  },
};
