import { Errors } from '@village-graph/shared';

/** Validation of civil affairs' own argument shapes; each failure is BAD_USER_INPUT naming the argument. */

const bad = (argument: string, message: string) => Errors.BAD_USER_INPUT.error(message, { argument });

const GRID_CODE = /^\d{15}$/;
const HOUSEHOLD_ID = /^H[0-9a-f]{16}$/;
const RESIDENT_ID = /^R[0-9a-f]{16}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isGridCode = (value: string): boolean => GRID_CODE.test(value);
export const isHouseholdId = (value: string): boolean => HOUSEHOLD_ID.test(value);
export const isResidentId = (value: string): boolean => RESIDENT_ID.test(value);

export function parseGridCode(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!isGridCode(trimmed)) throw bad(argument, `${argument} must be a 15-digit grid code (village code + 3-digit serial), got "${value.slice(0, 40)}".`);
  return trimmed;
}

export function parseHouseholdId(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!isHouseholdId(trimmed)) throw bad(argument, `${argument} must be a household id (H followed by 16 hex digits).`);
  return trimmed;
}

export function parseResidentId(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!isResidentId(trimmed)) throw bad(argument, `${argument} must be a resident id (R followed by 16 hex digits).`);
  return trimmed;
}

/** A real calendar date written YYYY-MM-DD. */
export function parseIsoDate(value: string, argument: string): string {
  const match = ISO_DATE.exec(value.trim());
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return value.trim();
  }
  throw bad(argument, `${argument} must be an ISO date (YYYY-MM-DD), got "${value.slice(0, 40)}".`);
}

/** An inclusive date range; an inverted one is BAD_USER_INPUT on `to`. */
export function parseDateRange(args: { from?: string | null; to?: string | null }): { from: string | null; to: string | null } {
  const from = args.from == null ? null : parseIsoDate(args.from, 'from');
  const to = args.to == null ? null : parseIsoDate(args.to, 'to');
  if (from && to && from > to) throw bad('to', `to (${to}) is before from (${from}).`);
  return { from, to };
}

/** Age in whole years on `asOf` for an ISO birth date. */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return birthDate.slice(5) > asOf.slice(5) ? years - 1 : years;
}

/** The dataset's reference date (the documents' figures are for the end of 2022). */
export const AS_OF = '2022-12-31';
