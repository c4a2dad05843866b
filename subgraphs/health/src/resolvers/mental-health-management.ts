import { parseAsOf } from '../dates.ts';
import type { MentalHealthRow } from '../queries.ts';
import { personFields } from './refs.ts';
import { sensitive } from './sensitive.ts';

export const MentalHealthManagement = {
  ...personFields,
  // Diagnosis, risk grade and interval reach health staff only (the schema refuses everyone else).
  ...sensitive<MentalHealthRow>('mentalHealth', {
    diagnosis: null,
    riskGrade: null,
    registeredOn: null,
    lastVisitOn: null,
    nextVisitDue: null,
    visitIntervalMonths: (patient) => (patient.riskGrade >= 3 ? 1 : 3),
    /** The due date has passed without a visit (a visit due on `asOf` itself is due, not overdue). */
    visitOverdue: (patient, args: { asOf?: string | null }) => patient.nextVisitDue < parseAsOf(args.asOf),
  }),
};
