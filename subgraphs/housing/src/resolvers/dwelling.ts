import type { DwellingRow } from '../db/schema.ts';
import type { HousingContext } from '../context.ts';
import { isDwellingId } from '../args.ts';
import { assertCanSee, assertMaySeeVillage, assertSeesRows, canSee, refusal } from '../access.ts';

/**
 * A dwelling by id, if the caller may see it: refused before the lookup when its village (the id's
 * prefix) is outside the caller's area, after it when its grid or household is not theirs.
 */
export async function visibleDwelling(ctx: HousingContext, id: string): Promise<DwellingRow | null> {
  const what = `Dwelling ${id}`;
  assertSeesRows(ctx.access, what);
  if (!isDwellingId(id)) return null;
  assertMaySeeVillage(ctx.access, id.slice(0, 12), what);
  const row = await ctx.loaders.dwellingById.load(id);
  return row && assertCanSee(ctx.access, row, what);
}

/** The dwellings of a household the caller may see; FORBIDDEN when it has some and none is visible. */
export async function visibleDwellingsOf(ctx: HousingContext, householdId: string): Promise<DwellingRow[]> {
  const rows = await ctx.loaders.dwellingsByHousehold.load(householdId);
  if (rows.length === 0) return rows;
  const visible = rows.filter((row) => canSee(ctx.access, row));
  if (visible.length === 0) throw refusal(ctx.access, `Household ${householdId}'s dwelling`);
  return visible;
}

export const Dwelling = {
  __resolveReference: (ref: { id: string }, ctx: HousingContext) => visibleDwelling(ctx, ref.id),

  /** Stubs: civil affairs resolves the household, village and grid through federation. */
  household: (dwelling: DwellingRow) => ({ id: dwelling.householdId }),
  village: (dwelling: DwellingRow) => ({ code: dwelling.villageCode }),
  grid: (dwelling: DwellingRow) => ({ code: dwelling.gridCode }),

  isMainDwelling: (dwelling: DwellingRow) => dwelling.isMain,
  isDangerous: (dwelling: DwellingRow) => dwelling.safetyGrade === 'C' || dwelling.safetyGrade === 'D',

  /** Same household and place as the dwelling, checked again all the same. */
  renovation: async (dwelling: DwellingRow, _args: unknown, ctx: HousingContext) => {
    const application = await ctx.loaders.applicationByDwelling.load(dwelling.id);
    return application && assertCanSee(ctx.access, application, `Renovation application ${application.id}`);
  },
};
