import { parseAsOf } from '../dates.ts';
import type { MentalHealthRow } from '../queries.ts';
import { personFields } from './refs.ts';

export const MentalHealthManagement = {
  ...personFields,
  visitIntervalMonths: (patient: MentalHealthRow) => (patient.riskGrade >= 3 ? 1 : 3),
  /** The due date has passed without a visit (a visit due on `asOf` itself is due, not overdue). */
  visitOverdue: (patient: MentalHealthRow, args: { asOf?: string | null }) => patient.nextVisitDue < parseAsOf(args.asOf),
};
