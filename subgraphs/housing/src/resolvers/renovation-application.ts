import type { RenovationApplicationRow } from '../db/schema.ts';
import type { HousingContext } from '../context.ts';
import { isApplicationId } from '../args.ts';
import { assertCanSee, assertMaySeeVillage, assertSeesRows } from '../access.ts';

/** An application by id, if the caller may see it (the same rule as for dwellings). */
export async function visibleApplication(ctx: HousingContext, id: string): Promise<RenovationApplicationRow | null> {
  const what = `Renovation application ${id}`;
  assertSeesRows(ctx.access, what);
  if (!isApplicationId(id)) return null;
  assertMaySeeVillage(ctx.access, id.slice(0, 12), what);
  const row = await ctx.loaders.applicationById.load(id);
  return row && assertCanSee(ctx.access, row, what);
}

type SensitiveField = 'priorityGroup' | 'status' | 'subsidyYuan' | 'decidedOn' | 'completedOn';

/**
 * A sensitive field: the schema's @requiresScopes/@policy have already let the caller through
 * (housing staff or a resident, with a declared purpose); the row is checked once more (a resident
 * only for their own household) and the read is logged against the household.
 */
const sensitive =
  (field: SensitiveField) =>
  (application: RenovationApplicationRow, _args: unknown, ctx: HousingContext) => {
    assertCanSee(ctx.access, application, `Renovation application ${application.id}`);
    ctx.request.audit.read(application.householdId, [field]);
    return application[field];
  };

export const RenovationApplication = {
  __resolveReference: (ref: { id: string }, ctx: HousingContext) => visibleApplication(ctx, ref.id),

  /** Never missing: the foreign key guarantees the dwelling exists; it lies where the application does. */
  dwelling: async (application: RenovationApplicationRow, _args: unknown, ctx: HousingContext) => {
    const dwelling = await ctx.loaders.dwellingById.load(application.dwellingId);
    return dwelling && assertCanSee(ctx.access, dwelling, `Dwelling ${dwelling.id}`);
  },
  household: (application: RenovationApplicationRow) => ({ id: application.householdId }),
  village: (application: RenovationApplicationRow) => ({ code: application.villageCode }),

  priorityGroup: sensitive('priorityGroup'),
  status: sensitive('status'),
  subsidyYuan: sensitive('subsidyYuan'),
  decidedOn: sensitive('decidedOn'),
  completedOn: sensitive('completedOn'),
};
