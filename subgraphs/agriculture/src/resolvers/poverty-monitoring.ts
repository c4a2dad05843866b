import type { AgricultureContext } from '../context.ts';
import type { PovertyMonitoringRow } from '../db/schema.ts';

type Field = 'id' | 'type' | 'mainRisk' | 'since' | 'personCount';

/**
 * Every fact of the record, and the household it names (which alone says "this household is
 * monitored"), is logged against the household with the field's name when it is returned.
 */
const logged = <T>(field: string, value: (record: PovertyMonitoringRow) => T) => (record: PovertyMonitoringRow, _args: unknown, ctx: AgricultureContext) => {
  ctx.audit(record.householdId, [`PovertyMonitoring.${field}`]);
  return value(record);
};
const fact = (field: Field) => logged(field, (record) => record[field]);

/** Stubs for the household, village and grid: civil affairs owns them. */
export const PovertyMonitoring = {
  id: fact('id'),
  household: logged('household', (record) => ({ id: record.householdId })),
  village: (record: PovertyMonitoringRow) => ({ code: record.villageCode }),
  grid: (record: PovertyMonitoringRow) => ({ code: record.gridCode }),
  type: fact('type'),
  mainRisk: fact('mainRisk'),
  since: fact('since'),
  personCount: fact('personCount'),
};
