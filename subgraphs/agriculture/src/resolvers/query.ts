import { isInSubtree, parseRegionCode, type PageArgs } from '@village-graph/shared';
import type { AgricultureContext } from '../context.ts';
import { parseContractNumber, parseCooperativeId, parseDateRange, parseGridCode } from '../arguments.ts';
import { regionConnection } from './lists.ts';
import { cooperativeFilters, type CooperativeListArgs } from './cooperative.ts';

type Within = PageArgs & { within: string; grid?: string | null };

/** The region and grid arguments of a personal list, checked against the caller's row scope. */
function personalList(args: Within, ctx: AgricultureContext, what: string) {
  const within = parseRegionCode(args.within, 'within');
  const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
  const { grids } = ctx.access.listScope(within, grid, what);
  // A grid lies in one village: scanning that village's rows gives the same page as the whole subtree.
  const gridVillage = grid?.slice(0, 12);
  return { within: gridVillage && isInSubtree(gridVillage, within) ? gridVillage : within, grid, grids };
}

export const Query = {
  /** Personal: null when no contract has the number, FORBIDDEN when it is outside the caller's area. */
  landContract: async (_: unknown, args: { contractNumber: string }, ctx: AgricultureContext) => {
    const number = parseContractNumber(args.contractNumber, 'contractNumber');
    ctx.access.requirePersonal('A land contract');
    const contract = await ctx.loaders.landContractByNumber.load(number);
    if (contract) await ctx.access.assertContract(contract);
    return contract;
  },

  landContracts: (_: unknown, args: Within, ctx: AgricultureContext) => {
    const { within, grid, grids } = personalList(args, ctx, 'Land contracts');
    return regionConnection(ctx.loaders.landContracts, within, args, { grid, grids }, (r) => r.contractNumber);
  },

  cooperative: (_: unknown, args: { id: string }, ctx: AgricultureContext) => ctx.loaders.cooperativeById.load(parseCooperativeId(args.id, 'id')),

  cooperatives: (_: unknown, args: Within & CooperativeListArgs, ctx: AgricultureContext) =>
    regionConnection(ctx.loaders.cooperatives, parseRegionCode(args.within, 'within'), args, cooperativeFilters(args), (r) => r.id),

  povertyMonitoredHouseholds: (_: unknown, args: Within & { type?: string | null; from?: string | null; to?: string | null }, ctx: AgricultureContext) => {
    const { from, to } = parseDateRange(args);
    const { within, grid, grids } = personalList(args, ctx, 'Poverty-monitored households');
    return regionConnection(ctx.loaders.monitoring, within, args, { grid, grids, type: args.type ?? null, from, to }, (r) => r.id);
  },

  farmerTrainings: (_: unknown, args: Within & { type?: string | null; from?: string | null; to?: string | null }, ctx: AgricultureContext) => {
    const { from, to } = parseDateRange(args);
    const { within, grid, grids } = personalList(args, ctx, 'Farmer trainings');
    return regionConnection(ctx.loaders.trainings, within, args, { grid, grids, type: args.type ?? null, from, to }, (r) => r.id);
  },
};
