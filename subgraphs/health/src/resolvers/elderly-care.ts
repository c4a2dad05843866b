import { annualCheckCutoff, parseAsOf } from '../dates.ts';
import type { ElderlyCareRow } from '../queries.ts';
import { personFields } from './refs.ts';

export const ElderlyCare = {
  ...personFields,
  checkOverdue: (care: ElderlyCareRow, args: { asOf?: string | null }) =>
    care.lastCheckOn == null || care.lastCheckOn <= annualCheckCutoff(parseAsOf(args.asOf)),
};
