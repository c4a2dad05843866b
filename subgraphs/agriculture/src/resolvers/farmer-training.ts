import type { FarmerTrainingRow } from '../db/schema.ts';

/** Stubs: civil affairs owns the resident and the village. */
export const FarmerTraining = {
  resident: (training: FarmerTrainingRow) => ({ id: training.residentId }),
  village: (training: FarmerTrainingRow) => ({ code: training.villageCode }),
};
