import { annualCheckCutoff, parseAsOf } from '../dates.ts';
import type { ElderlyCareRow } from '../queries.ts';
import { personFields } from './refs.ts';
import { sensitive } from './sensitive.ts';

export const ElderlyCare = {
  ...personFields,
  ...sensitive<ElderlyCareRow>('elderlyCare', {
    dependencyLevel: null,
    lastCheckOn: null,
    checkOverdue: (care, args: { asOf?: string | null }) => care.lastCheckOn == null || care.lastCheckOn <= annualCheckCutoff(parseAsOf(args.asOf)),
  }),
};
