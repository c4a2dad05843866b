import { parsePageArgs, parseRegionCode, type PageArgs } from '@village-graph/shared';
import { parseDateRange, parseDisputeId, parseGridCode } from '../args.ts';
import { disputeParams, listParams } from '../filters.ts';
import { loadConnection } from '../paging.ts';
import type { JusticeContext } from '../context.ts';

interface DateRangeArgs {
  from?: string | null;
  to?: string | null;
}

export const Query = {
  dispute: (_: unknown, args: { id: string }, ctx: JusticeContext) => ctx.loaders.disputeById.load(parseDisputeId(args.id, 'id')),

  disputes: (
    _: unknown,
    args: PageArgs & DateRangeArgs & { within: string; grid?: string | null; type?: string | null; status?: string[] | null; source?: string | null },
    ctx: JusticeContext,
  ) => {
    const within = parseRegionCode(args.within, 'within');
    const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    return loadConnection(ctx.loaders.disputesUnder, within, page, disputeParams({ ...range, grid, type: args.type, statuses: args.status, source: args.source }));
  },

  communityCorrections: (_: unknown, args: PageArgs & DateRangeArgs & { within: string; type?: string | null; status?: string[] | null }, ctx: JusticeContext) => {
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    return loadConnection(ctx.loaders.correctionsUnder, within, page, listParams({ ...range, type: args.type, statuses: args.status }));
  },

  legalAidCases: (_: unknown, args: PageArgs & DateRangeArgs & { within: string; type?: string | null; status?: string[] | null }, ctx: JusticeContext) => {
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    return loadConnection(ctx.loaders.legalAidCasesUnder, within, page, listParams({ ...range, type: args.type, statuses: args.status }));
  },

  postReleasePlacements: (_: unknown, args: PageArgs & DateRangeArgs & { within: string; status?: string[] | null }, ctx: JusticeContext) => {
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const page = parsePageArgs(args);
    return loadConnection(ctx.loaders.placementsUnder, within, page, listParams({ ...range, statuses: args.status }));
  },
};
