import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { SqliteDatabase } from '@village-graph/shared';
import { regionStatistics } from './db/schema.ts';

/** Summable columns of `region_statistics` (everything but the region code), from the drizzle table. */
export const STATISTICS_COLUMNS = getTableConfig(regionStatistics)
  .columns.map((c) => c.name)
  .filter((name) => name !== 'region_code');
export type StatisticsColumn = string;

/**
 * Columns that count people or households: for the public and analysts, small cells (1–4) and
 * their complements are withheld (createSmallCellGuard). Committee members, grid workers, child
 * directors and supervisors are public posts whose rosters are public, so their counts are not.
 */
export const SUPPRESSIBLE_COLUMNS = [
  'household_count',
  'resident_count',
  'residents_aged_60_or_over',
  'child_count',
  'working_away_count',
  'registered_volunteer_count',
  'left_behind_child_count',
  'distressed_child_count',
  'defacto_unsupported_child_count',
  'left_behind_woman_count',
  'left_behind_elderly_count',
  'solitary_elderly_count',
  'subsistence_allowance_household_count',
  'extreme_poverty_household_count',
  'extreme_poverty_person_count',
  'low_income_marginal_household_count',
] as const;
export type SuppressibleColumn = (typeof SUPPRESSIBLE_COLUMNS)[number];

/** Fields that are sums of suppressible columns: withheld when any part is. */
export const DERIVED_SUPPRESSIBLE: Record<string, readonly SuppressibleColumn[]> = {
  childrenUnderCareCount: ['left_behind_child_count', 'distressed_child_count', 'defacto_unsupported_child_count'],
};

/** Age in whole years on @asOf of a `birth_date` column, in SQL. */
const AGE = `(CAST(substr(@asOf, 1, 4) AS INTEGER) - CAST(substr(birth_date, 1, 4) AS INTEGER) - (substr(birth_date, 6, 5) > substr(@asOf, 6, 5)))`;

/**
 * Where each rollup column comes from: one grouped query per source table, keyed by the region
 * column (village or township code). Each is one branch of a single INSERT … SELECT … GROUP BY.
 */
const SOURCES: { from: string; region: string; where?: string; columns: Record<string, string> }[] = [
  { from: 'regions', region: 'code', where: `level = 'VILLAGE' AND substr(code, 10, 1) IN ('2', '3')`, columns: { rural_village_count: 'count(*)' } },
  { from: 'regions', region: 'code', where: `level = 'TOWNSHIP'`, columns: { township_count: 'count(*)' } },
  {
    from: 'households',
    region: 'village_code',
    columns: {
      household_count: 'count(*)',
      subsistence_allowance_household_count: `sum(assistance = 'SUBSISTENCE_ALLOWANCE')`,
      extreme_poverty_household_count: `sum(assistance IN ('EXTREME_POVERTY_DISPERSED', 'EXTREME_POVERTY_CENTRALIZED'))`,
      extreme_poverty_person_count: `sum(CASE WHEN assistance IN ('EXTREME_POVERTY_DISPERSED', 'EXTREME_POVERTY_CENTRALIZED') THEN member_count ELSE 0 END)`,
      low_income_marginal_household_count: `sum(assistance = 'LOW_INCOME_MARGINAL')`,
    },
  },
  {
    from: 'residents',
    region: 'village_code',
    columns: {
      resident_count: 'count(*)',
      residents_aged_60_or_over: `sum(${AGE} >= 60)`,
      child_count: `sum(${AGE} < 18)`,
      working_away_count: 'sum(working_away)',
      registered_volunteer_count: 'sum(registered_volunteer)',
    },
  },
  {
    from: 'resident_care_categories',
    region: 'village_code',
    columns: {
      left_behind_child_count: `sum(category = 'LEFT_BEHIND_CHILD')`,
      distressed_child_count: `sum(category = 'DISTRESSED_CHILD')`,
      defacto_unsupported_child_count: `sum(category = 'DEFACTO_UNSUPPORTED_CHILD')`,
      left_behind_woman_count: `sum(category = 'LEFT_BEHIND_WOMAN')`,
      left_behind_elderly_count: `sum(category = 'LEFT_BEHIND_ELDERLY')`,
      solitary_elderly_count: `sum(category = 'SOLITARY_ELDERLY')`,
    },
  },
  {
    from: 'committee_members',
    region: 'village_code',
    columns: {
      committee_member_count: 'count(*)',
      committee_members_under_55: 'sum(age < 55)',
      committee_member_age_sum: 'sum(age)',
      committee_members_with_college_education: `sum(education IN ('COLLEGE', 'BACHELOR_OR_ABOVE'))`,
      committee_members_female: `sum(sex = 'FEMALE')`,
    },
  },
  // Per-village flags: a village with all four types, a village with exactly one rule.
  { from: 'subcommittees', region: 'village_code', columns: { villages_with_all_four_subcommittees: 'count(DISTINCT type) = 4' } },
  { from: 'village_rules', region: 'village_code', columns: { villages_with_exactly_one_village_rule: 'count(*) = 1' } },
  { from: 'grids', region: 'village_code', columns: { grid_count: 'count(*)' } },
  { from: 'grid_workers', region: 'village_code', columns: { grid_worker_count: 'count(*)' } },
  {
    from: 'service_centres',
    region: 'village_code',
    columns: {
      service_centre_count: 'count(*)',
      service_centre_area_square_meters: 'sum(area_square_meters)',
      villages_with_service_centre_of_200_square_meters: 'sum(area_square_meters >= 200)',
      // The norm is judged on the full household count: the dataset holds `scale` of the households.
      villages_meeting_service_area_norm: `sum(area_square_meters * 100 * @scale + 1e-9 >= 30 * (SELECT count(*) FROM households h WHERE h.village_code = service_centres.village_code))`,
    },
  },
  { from: 'child_directors', region: 'village_code', columns: { village_child_director_count: 'count(*)' } },
  { from: 'child_supervisors', region: 'township_code', columns: { township_child_supervisor_count: 'count(*)' } },
  { from: 'social_work_stations', region: 'township_code', columns: { social_work_station_count: 'count(*)' } },
  {
    from: 'elderly_facilities',
    region: 'region_code',
    columns: {
      elderly_courtyard_count: `sum(type = 'ELDERLY_COURTYARD')`,
      mutual_aid_station_count: `sum(type = 'MUTUAL_AID_STATION')`,
      rural_welfare_centre_count: `sum(type = 'RURAL_WELFARE_CENTRE')`,
    },
  },
  { from: 'social_organisations', region: 'village_code', columns: { community_social_organisation_count: 'count(*)' } },
  { from: 'deliberation_pilot_villages', region: 'village_code', columns: { deliberation_pilot_village_count: 'count(*)' } },
  { from: 'disclosures', region: 'village_code', columns: { disclosure_count: 'count(*)' } },
  { from: 'deliberations', region: 'village_code', columns: { deliberation_count: 'count(*)' } },
];

/** The one statement that fills `region_statistics` from the rows (one row per village or township). */
export function rollupStatement(): string {
  const sourced = new Set(SOURCES.flatMap((s) => Object.keys(s.columns)));
  const missing = STATISTICS_COLUMNS.filter((c) => !sourced.has(c));
  if (missing.length > 0) throw new Error(`region_statistics columns without a source: ${missing.join(', ')}`);
  const branches = SOURCES.map((source) => {
    const values = STATISTICS_COLUMNS.map((c) => `${source.columns[c] ?? '0'} AS ${c}`).join(', ');
    return `SELECT ${source.region} AS region_code, ${values} FROM ${source.from}${source.where ? ` WHERE ${source.where}` : ''} GROUP BY ${source.region}`;
  });
  const sums = STATISTICS_COLUMNS.map((c) => `sum(${c})`).join(', ');
  return `INSERT INTO region_statistics (region_code, ${STATISTICS_COLUMNS.join(', ')})
    SELECT region_code, ${sums} FROM (${branches.join('\nUNION ALL\n')}) GROUP BY region_code`;
}

/** Fills the rollup table (run last in the seeder). `scale` is the dataset's share of households. */
export function fillRegionStatistics(sqlite: SqliteDatabase, { asOf, scale }: { asOf: string; scale: number }): void {
  sqlite.prepare('DELETE FROM region_statistics').run();
  sqlite.prepare(rollupStatement()).run({ asOf, scale });
}
