import type { AgricultureContext } from '../context.ts';
import type { PlotRow } from '../db/schema.ts';

export const Plot = {
  /** 地块编码: the contract's village and villagers' group (14 digits), then the plot's 5-digit serial. */
  plotNumber: (plot: PlotRow) => `${plot.contractNumber.slice(0, 14)}${String(plot.plotSerial).padStart(5, '0')}`,

  contract: (plot: PlotRow, _args: unknown, ctx: AgricultureContext) => ctx.loaders.landContractByNumber.load(plot.contractNumber),
};
