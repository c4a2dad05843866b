import { isRegionCode, parsePageArgs, toConnection, type PageArgs } from '@village-graph/shared';
import type { AgricultureContext } from '../context.ts';

export const Region = {
  /** Agriculture holds no per-region row to load: its region fields are lists resolved in batches. */
  __resolveReference: (ref: { code: string }) => ({ code: ref.code }),

  cooperatives: async (region: { code: string }, args: PageArgs, ctx: AgricultureContext) => {
    const page = parsePageArgs(args);
    if (!isRegionCode(region.code)) return toConnection([], page, 0, () => '');
    const [rows, total] = await Promise.all([
      ctx.loaders.cooperativePage.load({ regionCode: region.code, limit: page.limit, afterId: page.afterKey }),
      ctx.loaders.cooperativeCount.load(region.code),
    ]);
    return toConnection(rows, page, total, (r) => r.id);
  },
};
