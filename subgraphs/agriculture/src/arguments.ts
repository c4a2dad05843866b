import { Errors } from '@village-graph/shared';

/** Argument validation shared by the resolvers; every failure is BAD_USER_INPUT naming the argument. */

const bad = (argument: string, message: string) => Errors.BAD_USER_INPUT.error(message, { argument });

/** An ISO calendar date `YYYY-MM-DD` that exists (no 2022-02-30). */
export function parseIsoDate(value: string, argument: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid = match !== null && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid) throw bad(argument, `${argument} must be an ISO date (YYYY-MM-DD), got "${value.slice(0, 40)}".`);
  return value;
}

/** An optional `from`/`to` date range, inclusive; `from` after `to` is refused on `to`. */
export function parseDateRange(args: { from?: string | null; to?: string | null }): { from: string | null; to: string | null } {
  const from = args.from == null ? null : parseIsoDate(args.from, 'from');
  const to = args.to == null ? null : parseIsoDate(args.to, 'to');
  if (from !== null && to !== null && from > to) throw bad('to', `to (${to}) is before from (${from}).`);
  return { from, to };
}

/** A grid code: `<12-digit village code><3-digit serial>`. */
export function parseGridCode(value: string, argument: string): string {
  if (!/^\d{15}$/.test(value)) throw bad(argument, `${argument} must be a 15-digit grid code (village code + 3-digit serial), got "${value.slice(0, 40)}".`);
  return value;
}

/** A cooperative's registration id: `<12-digit village code>-C<serial>`. */
export function parseCooperativeId(value: string, argument: string): string {
  if (!/^\d{12}-C\d{2,4}$/.test(value)) throw bad(argument, `${argument} must be a cooperative id such as 220112001201-C01, got "${value.slice(0, 40)}".`);
  return value;
}

/** A land contract number (承包合同编号): `<12-digit village code><2-digit group><4-digit serial>J`. */
export function parseContractNumber(value: string, argument: string): string {
  if (!/^\d{18,19}J$/.test(value)) {
    throw bad(argument, `${argument} must be a land contract number such as 220112001201010001J, got "${value.slice(0, 40)}".`);
  }
  return value;
}
