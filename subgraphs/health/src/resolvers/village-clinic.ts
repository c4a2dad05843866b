import type { ClinicRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { regionRef } from './refs.ts';

export const VillageClinic = {
  village: (clinic: ClinicRow) => regionRef(clinic.villageCode),
  doctors: (clinic: ClinicRow, _: unknown, ctx: HealthContext) => ctx.loaders.doctorsOfVillage.load(clinic.villageCode),
};
