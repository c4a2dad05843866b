import { Errors } from '@village-graph/shared';

/*
 * Calendar dates as ISO strings (YYYY-MM-DD), compared as strings. All arithmetic is in UTC so a
 * date never shifts with the server's time zone. (General enough to move to shared/.)
 */

/** The dataset's reference date (world.asOf): the documents' figures are for the end of 2022. */
export const REFERENCE_DATE = '2022-12-31';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date): string => date.toISOString().slice(0, 10);

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export const isIsoDate = (value: string): boolean => ISO_DATE.test(value) && !Number.isNaN(toDate(value).getTime()) && toIso(toDate(value)) === value;

export const addDays = (iso: string, days: number): string => {
  const date = toDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
};

/** Adds calendar months, clamping to the month's last day (01-31 + 1 month = 02-28). */
export const addMonths = (iso: string, months: number): string => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return toIso(first);
};

/** Day `dayOfYear` (0-based) of `year`. */
export const dateInYear = (year: number, dayOfYear: number): string => toIso(new Date(Date.UTC(year, 0, 1 + dayOfYear)));

export const daysInYear = (year: number): number => (new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 ? 366 : 365);

/** Whole years between a birth date and a date (age on that date). */
export function ageOn(birthDate: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

/** Validates an ISO date argument; anything else is BAD_USER_INPUT naming the argument. */
export function parseIsoDate(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!isIsoDate(trimmed)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be a date written YYYY-MM-DD, got "${value.slice(0, 40)}".`, { argument });
  }
  return trimmed;
}

/** `asOf` arguments: the dataset's reference date when absent. */
export const parseAsOf = (value: string | null | undefined, argument = 'asOf'): string =>
  value == null ? REFERENCE_DATE : parseIsoDate(value, argument);

export interface DateRange {
  from: string | null;
  to: string | null;
}

/** `from`/`to` arguments (both inclusive, both optional); an inverted range blames `to`. */
export function parseDateRange(args: { from?: string | null; to?: string | null }): DateRange {
  const from = args.from == null ? null : parseIsoDate(args.from, 'from');
  const to = args.to == null ? null : parseIsoDate(args.to, 'to');
  if (from && to && from > to) {
    throw Errors.BAD_USER_INPUT.error(`to (${to}) is before from (${from}).`, { argument: 'to' });
  }
  return { from, to };
}

/**
 * The last day on which an annual check still counts as overdue at `asOf`: a check is current for
 * one year, so at 2022-12-31 anything on or before 2021-12-31 (i.e. no check in 2022) is overdue.
 */
export function annualCheckCutoff(asOf: string): string {
  const year = Number(asOf.slice(0, 4)) - 1;
  const monthDay = asOf.slice(5) === '02-29' ? '02-28' : asOf.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}
