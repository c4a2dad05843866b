import type { DoctorRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { regionRef } from './refs.ts';

export const VillageDoctor = {
  village: (doctor: DoctorRow) => regionRef(doctor.villageCode),
  clinic: (doctor: DoctorRow, _: unknown, ctx: HealthContext) => ctx.loaders.clinic.load(doctor.villageCode),
};
