import type { AgricultureContext } from '../context.ts';

type ResidentRef = { id: string };

export const Resident = {
  /** Civil affairs owns the resident; agriculture's fields load lazily and in batches. */
  __resolveReference: (ref: ResidentRef) => ({ id: ref.id }),

  farmerTrainings: (resident: ResidentRef, _args: unknown, ctx: AgricultureContext) => ctx.loaders.trainingsByResident.load(resident.id),

  landContracts: (resident: ResidentRef, _args: unknown, ctx: AgricultureContext) => ctx.loaders.landContractsByResident.load(resident.id),
};
