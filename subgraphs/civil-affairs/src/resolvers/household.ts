import type { HouseholdRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { isHouseholdId } from '../args.ts';
import { canSeeHousehold, outsideArea, refuseIfNoRows } from '../access.ts';

/**
 * A household the caller may see: null if there is none; FORBIDDEN for the public and analysts, or
 * outside the caller's area (a resident: any household but their own).
 */
export async function visibleHousehold(id: string, ctx: CivilAffairsContext): Promise<HouseholdRow | null> {
  refuseIfNoRows(ctx.access, 'Households');
  const [row, own] = await Promise.all([ctx.loaders.householdById.load(id), ctx.access.ownHouseholdId()]);
  if (!row) return null;
  if (!canSeeHousehold(ctx.access, { ...row, householdId: row.id }, own)) throw outsideArea(`Household ${id}`);
  return row;
}

export const Household = {
  // Async: a refusal must reject this reference only, never throw out of the whole `_entities` list.
  __resolveReference: async (ref: { id: string }, ctx: CivilAffairsContext) => {
    refuseIfNoRows(ctx.access, 'Households');
    return isHouseholdId(ref.id) ? visibleHousehold(ref.id, ctx) : null;
  },

  village: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(household.villageCode),
  grid: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.gridByCode.load(household.gridCode),
  members: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.membersByHousehold.load(household.id),
  head: async (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) =>
    (await ctx.loaders.membersByHousehold.load(household.id)).find((m) => m.relation === 'HEAD') ?? null,
  /** Sensitive (the schema names who may read it; the row scope has already kept it to the caller's area). */
  assistanceCategory: (household: HouseholdRow, _args: unknown, ctx: CivilAffairsContext) => {
    ctx.access.audit.read(household.id, ['assistanceCategory']);
    return household.assistance;
  },
  /** Yes/no only (data minimisation): other departments learn that, never which category. */
  inAssistancePriorityGroup: (household: HouseholdRow) => household.assistance !== null,
};
