import type { TransferStationRow } from '../db/schema.ts';

export const TransferStation = {
  /** A stub: civil affairs resolves the township's name and place. */
  township: (station: TransferStationRow) => ({ code: station.townshipCode }),
};
