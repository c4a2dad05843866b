import { Errors, parsePageArgs, toConnection, type PageArgs } from '@village-graph/shared';
import type { GridRow, GridWorkerRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { isGridCode, isHouseholdId } from '../args.ts';
import { canSeeGridRoster, refuseIfNoRows } from '../access.ts';

export const Grid = {
  __resolveReference: (ref: { code: string }, ctx: CivilAffairsContext) => (isGridCode(ref.code) ? ctx.loaders.gridByCode.load(ref.code) : null),

  village: (grid: GridRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(grid.villageCode),

  leader: async (grid: GridRow, _args: unknown, ctx: CivilAffairsContext) =>
    (await ctx.loaders.workersByGrid.load(grid.code)).find((w) => w.role === 'LEADER') ?? null,

  workers: (grid: GridRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.workersByGrid.load(grid.code),

  /**
   * The grid roster: every grid in a response shares one page statement and one count statement.
   * Only the grid's own workers and cadres or staff whose area holds it (no SQL when refused).
   */
  households: async (grid: GridRow, args: PageArgs, ctx: CivilAffairsContext) => {
    const page = parsePageArgs(args);
    refuseIfNoRows(ctx.access, 'Households');
    if (!canSeeGridRoster(ctx.access, grid)) throw Errors.FORBIDDEN.error(`The households of grid ${grid.code} are outside your area.`);
    if (page.afterKey !== null && !isHouseholdId(page.afterKey)) {
      throw Errors.BAD_USER_INPUT.error('after is not a cursor this list issued.', { argument: 'after' });
    }
    const [rows, total] = await Promise.all([
      ctx.loaders.gridHouseholdsPage.load({ parent: grid.code, limit: page.limit + 1, after: page.afterKey }),
      ctx.loaders.gridHouseholdsCount.load(grid.code),
    ]);
    return toConnection(rows, page, total, (h) => h.id);
  },
};

export const GridWorker = {
  grid: (worker: GridWorkerRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.gridByCode.load(worker.gridCode),
};
