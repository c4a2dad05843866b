import type { Random } from '@village-graph/shared';

/** ISO dates (YYYY-MM-DD) as day numbers, for drawing and adding days without time zones. */
const DAY_MS = 86_400_000;

export const toDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
export const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number): string => fromDay(toDay(iso) + days);
export const addMonths = (iso: string, months: number): string => {
  const date = new Date(toDay(iso) * DAY_MS);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
};
export const daysBetween = (from: string, to: string): number => toDay(to) - toDay(from);
/** Uniform date in [from, to], both inclusive. */
export const randomDate = (random: Random, from: string, to: string): string => fromDay(random.int(toDay(from), toDay(to)));
export const minDate = (a: string, b: string): string => (a < b ? a : b);
