import type { PovertyMonitoringRow } from '../db/schema.ts';

/** Stubs: civil affairs owns the household, its village and grid. */
export const PovertyMonitoring = {
  household: (record: PovertyMonitoringRow) => ({ id: record.householdId }),
  village: (record: PovertyMonitoringRow) => ({ code: record.villageCode }),
  grid: (record: PovertyMonitoringRow) => ({ code: record.gridCode }),
};
