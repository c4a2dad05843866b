import type { HealthRecordRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { personFields } from './refs.ts';

export const HealthRecord = {
  ...personFields,
  chronicConditions: (record: HealthRecordRow, _: unknown, ctx: HealthContext) => ctx.loaders.conditions.load(record.residentId),
};
