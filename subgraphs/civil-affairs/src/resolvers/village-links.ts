import type { CivilAffairsContext } from '../context.ts';

/** `village: Region!` of any row that carries its village code. */
export const villageLinks = {
  village: (row: { villageCode: string }, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(row.villageCode),
};
