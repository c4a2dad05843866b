import type { CooperativeRow } from '../db/schema.ts';

export const Cooperative = {
  /** A stub: civil affairs resolves the village's name and place through federation. */
  village: (cooperative: CooperativeRow) => ({ code: cooperative.villageCode }),
};
