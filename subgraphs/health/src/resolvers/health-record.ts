import type { HealthRecordRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { personFields } from './refs.ts';
import { sensitive } from './sensitive.ts';

export const HealthRecord = {
  ...personFields,
  ...sensitive<HealthRecordRow>('healthRecord', {
    establishedOn: null,
    bloodType: null,
    allergies: null,
    chronicConditions: (record, _: unknown, ctx: HealthContext) => ctx.loaders.conditions.load(record.residentId),
  }),
};
