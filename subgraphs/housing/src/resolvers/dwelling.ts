import type { DwellingRow } from '../db/schema.ts';
import type { HousingContext } from '../context.ts';
import { isDwellingId } from '../args.ts';

export const Dwelling = {
  __resolveReference: (ref: { id: string }, ctx: HousingContext) => (isDwellingId(ref.id) ? ctx.loaders.dwellingById.load(ref.id) : null),

  /** Stubs: civil affairs resolves the household, village and grid through federation. */
  household: (dwelling: DwellingRow) => ({ id: dwelling.householdId }),
  village: (dwelling: DwellingRow) => ({ code: dwelling.villageCode }),
  grid: (dwelling: DwellingRow) => ({ code: dwelling.gridCode }),

  isMainDwelling: (dwelling: DwellingRow) => dwelling.isMain,
  isDangerous: (dwelling: DwellingRow) => dwelling.safetyGrade === 'C' || dwelling.safetyGrade === 'D',
  renovation: (dwelling: DwellingRow, _args: unknown, ctx: HousingContext) => ctx.loaders.applicationByDwelling.load(dwelling.id),
};
