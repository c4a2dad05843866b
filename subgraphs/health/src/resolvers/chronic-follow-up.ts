import type { FollowUpRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { residentRef } from './refs.ts';
import { sensitive } from './sensitive.ts';

export const ChronicFollowUp = {
  resident: (visit: FollowUpRow) => residentRef(visit.residentId),
  ...sensitive<FollowUpRow>('chronicFollowUps', {
    condition: null,
    visitedOn: null,
    method: null,
    systolicPressure: null,
    diastolicPressure: null,
    fastingGlucose: null,
    doctor: (visit, _: unknown, ctx: HealthContext) => (visit.doctorId ? ctx.loaders.doctor.load(visit.doctorId) : null),
  }),
};
