/**
 * `CivilAffairsStatistics` from the rollup sums of a region's subtree: snake_case columns become the
 * camelCase fields; totals and averages are computed from sums, never by averaging averages.
 */
export function toStatistics(sums: Record<string, number>) {
  const fields: Record<string, number> = {};
  for (const [column, value] of Object.entries(sums)) {
    fields[column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return fields;
}

type Fields = Record<string, number>;

export const CivilAffairsStatistics = {
  childrenUnderCareCount: (s: Fields) => (s.leftBehindChildCount ?? 0) + (s.distressedChildCount ?? 0) + (s.defactoUnsupportedChildCount ?? 0),
  committeeMemberMeanAge: (s: Fields) => (s.committeeMemberCount ? (s.committeeMemberAgeSum ?? 0) / s.committeeMemberCount : null),
};
