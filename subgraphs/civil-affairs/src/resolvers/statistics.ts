import { suppressedError } from '@village-graph/shared';
import { DERIVED_SUPPRESSIBLE, SUPPRESSIBLE_COLUMNS, type SuppressibleColumn } from '../statistics.ts';

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The statistics object a region resolves to: camelCase sums, and the cells to withhold from this caller. */
export type StatisticsSource = Record<string, number> & { [SUPPRESSED]?: ReadonlySet<SuppressibleColumn> };
const SUPPRESSED = Symbol('suppressed');

/**
 * `CivilAffairsStatistics` from the rollup sums of a region's subtree: snake_case columns become the
 * camelCase fields; totals and averages are computed from sums, never by averaging averages.
 * `suppressed` (public and analysts only) names the people/household counts to withhold.
 */
export function toStatistics(sums: Record<string, number>, suppressed?: ReadonlySet<SuppressibleColumn>): StatisticsSource {
  const fields: StatisticsSource = {};
  for (const [column, value] of Object.entries(sums)) fields[camel(column)] = value;
  if (suppressed && suppressed.size > 0) fields[SUPPRESSED] = suppressed;
  return fields;
}

/** A count that is null with SUPPRESSED when any of its columns is withheld for this caller. */
const guarded = (field: string, columns: readonly SuppressibleColumn[], value: (s: StatisticsSource) => number) => (s: StatisticsSource) => {
  if (columns.some((c) => s[SUPPRESSED]?.has(c))) throw suppressedError(`CivilAffairsStatistics.${field}`);
  return value(s);
};

const suppressible = Object.fromEntries(SUPPRESSIBLE_COLUMNS.map((column) => [camel(column), guarded(camel(column), [column], (s) => s[camel(column)] ?? 0)]));
const derived = Object.fromEntries(
  Object.entries(DERIVED_SUPPRESSIBLE).map(([field, columns]) => [field, guarded(field, columns, (s) => columns.reduce((sum, c) => sum + (s[camel(c)] ?? 0), 0))]),
);

export const CivilAffairsStatistics = {
  ...suppressible,
  ...derived,
  committeeMemberMeanAge: (s: StatisticsSource) => (s.committeeMemberCount ? (s.committeeMemberAgeSum ?? 0) / s.committeeMemberCount : null),
};
