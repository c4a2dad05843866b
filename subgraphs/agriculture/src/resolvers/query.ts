import { parseRegionCode, type PageArgs } from '@village-graph/shared';
import type { AgricultureContext } from '../context.ts';
import { parseContractNumber, parseCooperativeId, parseDateRange, parseGridCode } from '../arguments.ts';
import { regionConnection } from './lists.ts';
import { cooperativeFilters, type CooperativeListArgs } from './cooperative.ts';

type Within = PageArgs & { within: string };

export const Query = {
  landContract: (_: unknown, args: { contractNumber: string }, ctx: AgricultureContext) =>
    ctx.loaders.landContractByNumber.load(parseContractNumber(args.contractNumber, 'contractNumber')),

  landContracts: (_: unknown, args: Within, ctx: AgricultureContext) =>
    regionConnection(ctx.loaders.landContracts, parseRegionCode(args.within, 'within'), args, {}, (r) => r.contractNumber),

  cooperative: (_: unknown, args: { id: string }, ctx: AgricultureContext) => ctx.loaders.cooperativeById.load(parseCooperativeId(args.id, 'id')),

  cooperatives: (_: unknown, args: Within & CooperativeListArgs, ctx: AgricultureContext) =>
    regionConnection(ctx.loaders.cooperatives, parseRegionCode(args.within, 'within'), args, cooperativeFilters(args), (r) => r.id),

  povertyMonitoredHouseholds: (
    _: unknown,
    args: Within & { grid?: string | null; type?: string | null; from?: string | null; to?: string | null },
    ctx: AgricultureContext,
  ) => {
    const within = parseRegionCode(args.within, 'within');
    const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
    const { from, to } = parseDateRange(args);
    return regionConnection(ctx.loaders.monitoring, within, args, { grid, type: args.type ?? null, from, to }, (r) => r.id);
  },

  farmerTrainings: (_: unknown, args: Within & { type?: string | null; from?: string | null; to?: string | null }, ctx: AgricultureContext) => {
    const within = parseRegionCode(args.within, 'within');
    const { from, to } = parseDateRange(args);
    return regionConnection(ctx.loaders.trainings, within, args, { type: args.type ?? null, from, to }, (r) => r.id);
  },
};
