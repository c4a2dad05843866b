import { Errors } from '@village-graph/shared';

/**
 * Argument parsers for housing's lists, each failing with BAD_USER_INPUT naming the argument.
 * `parseIsoDate`, `parseDateRange` and `parseGridCode` are general enough to move to `shared/`.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const GRID_CODE = /^\d{15}$/;
const DWELLING_ID = /^\d{12}-D\d{5}$/;
const APPLICATION_ID = /^\d{12}-R\d{5}$/;

export const isDwellingId = (value: unknown): boolean => typeof value === 'string' && DWELLING_ID.test(value);
export const isApplicationId = (value: unknown): boolean => typeof value === 'string' && APPLICATION_ID.test(value);

/** A real calendar date in ISO form (YYYY-MM-DD). */
export function parseIsoDate(value: string, argument: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  // The round trip refuses 2022-02-30, which Date would roll over into March.
  const valid = ISO_DATE.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  if (!valid) throw Errors.BAD_USER_INPUT.error(`${argument} must be an ISO date (YYYY-MM-DD), got "${value.slice(0, 40)}".`, { argument });
  return value;
}

/** `from`/`to` (both optional, inclusive); an inverted range blames `to`. */
export function parseDateRange(args: { from?: string | null; to?: string | null }): { from: string | null; to: string | null } {
  const from = args.from == null ? null : parseIsoDate(args.from, 'from');
  const to = args.to == null ? null : parseIsoDate(args.to, 'to');
  if (from && to && from > to) throw Errors.BAD_USER_INPUT.error(`to (${to}) is before from (${from}).`, { argument: 'to' });
  return { from, to };
}

/** A 15-digit grid code `<village code><3-digit serial>`. */
export function parseGridCode(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!GRID_CODE.test(trimmed)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be a 15-digit grid code (e.g. 220112001201001), got "${value.slice(0, 40)}".`, { argument });
  }
  return trimmed;
}

export function parseDwellingId(value: string, argument: string): string {
  if (!isDwellingId(value)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be a dwelling number like 220112001201-D00001, got "${value.slice(0, 40)}".`, { argument });
  }
  return value;
}

export function parseApplicationId(value: string, argument: string): string {
  if (!isApplicationId(value)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be an application number like 220112001201-R00001, got "${value.slice(0, 40)}".`, { argument });
  }
  return value;
}
