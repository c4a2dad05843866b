import type { FollowUpRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { residentRef } from './refs.ts';

export const ChronicFollowUp = {
  resident: (visit: FollowUpRow) => residentRef(visit.residentId),
  doctor: (visit: FollowUpRow, _: unknown, ctx: HealthContext) => (visit.doctorId ? ctx.loaders.doctor.load(visit.doctorId) : null),
};
