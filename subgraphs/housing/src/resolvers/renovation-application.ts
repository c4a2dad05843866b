import type { RenovationApplicationRow } from '../db/schema.ts';
import type { HousingContext } from '../context.ts';
import { isApplicationId } from '../args.ts';

export const RenovationApplication = {
  __resolveReference: (ref: { id: string }, ctx: HousingContext) => (isApplicationId(ref.id) ? ctx.loaders.applicationById.load(ref.id) : null),

  /** Never null: the foreign key guarantees the dwelling exists. */
  dwelling: (application: RenovationApplicationRow, _args: unknown, ctx: HousingContext) => ctx.loaders.dwellingById.load(application.dwellingId),
  household: (application: RenovationApplicationRow) => ({ id: application.householdId }),
  village: (application: RenovationApplicationRow) => ({ code: application.villageCode }),
};
