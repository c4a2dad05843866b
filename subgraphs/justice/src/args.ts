import { Errors } from '@village-graph/shared';

/** Validation of the arguments justice's lists take; each failure names its argument. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD`, or BAD_USER_INPUT naming the argument. */
export function parseIsoDate(value: string, argument: string): string {
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be an ISO date (YYYY-MM-DD), got "${value.slice(0, 40)}".`, { argument });
  }
  return value;
}

/** `from`/`to` (inclusive); an inverted range is an error on `to`. */
export function parseDateRange(args: { from?: string | null; to?: string | null }): { from: string | null; to: string | null } {
  const from = args.from == null ? null : parseIsoDate(args.from, 'from');
  const to = args.to == null ? null : parseIsoDate(args.to, 'to');
  if (from && to && from > to) {
    throw Errors.BAD_USER_INPUT.error(`to (${to}) is before from (${from}).`, { argument: 'to' });
  }
  return { from, to };
}

/** A grid code `<12-digit village code><3-digit serial>`. */
export function parseGridCode(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!/^\d{15}$/.test(trimmed)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be a 15-digit grid code (village code + 3-digit serial), got "${value.slice(0, 40)}".`, { argument });
  }
  return trimmed;
}

export const DISPUTE_ID = /^\d{12}-\d{4}-\d{3,}$/;

/** A dispute case number `<village code>-<year>-<serial>`. */
export function parseDisputeId(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!DISPUTE_ID.test(trimmed)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be a dispute case number like 220112001201-2022-007, got "${value.slice(0, 40)}".`, { argument });
  }
  return trimmed;
}

/** A list of enum values as one JSON parameter; null (no filter) when absent or empty. */
export const jsonList = (values: readonly string[] | null | undefined): string | null =>
  values && values.length > 0 ? JSON.stringify([...new Set(values)].sort()) : null;
