import type { AgricultureContext } from '../context.ts';
import type { VillageAgricultureRow } from '../db/schema.ts';
import { STATISTICS_YEAR } from '../statistics.ts';

export const VillageAgriculture = {
  village: (row: VillageAgricultureRow) => ({ code: row.villageCode }),

  collectiveEconomyIncome: async (row: VillageAgricultureRow, _args: unknown, ctx: AgricultureContext) =>
    (await ctx.loaders.collectiveIncomesByVillage.load(row.villageCode)).find((y) => y.year === STATISTICS_YEAR)?.totalIncome ?? 0,

  collectiveAssetsValue: (row: VillageAgricultureRow) => row.collectiveFunds + row.collectiveFixedAssets,

  collectiveEconomy: (row: VillageAgricultureRow, _args: unknown, ctx: AgricultureContext) => ctx.loaders.collectiveIncomesByVillage.load(row.villageCode),
};
