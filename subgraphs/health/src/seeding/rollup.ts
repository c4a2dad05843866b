import type { SqliteDatabase } from '@village-graph/shared';
import { MANAGED_CONDITIONS } from '../db/schema.ts';

/** Region statistics columns (snake_case, as in `region_statistics`). */
export const STATISTICS_COLUMNS = [
  'clinic_count',
  'standardized_clinic_count',
  'clinic_area_square_meters',
  'village_doctor_count',
  'licensed_doctor_count',
  'family_doctor_team_count',
  'health_record_count',
  'hypertension_patient_count',
  'diabetes_patient_count',
  'chronic_patient_count',
  'chronic_follow_up_visit_count',
  'chronic_follow_up_compliant_count',
  'severe_mental_disorder_patient_count',
  'mental_health_high_risk_count',
  'key_population_count',
  'family_doctor_contract_count',
  'key_population_contract_count',
  'elderly_65_plus_count',
  'elderly_checked_in_2022_count',
  'fully_dependent_elderly_count',
  'partially_dependent_elderly_count',
  'villages_with_public_health_committee',
] as const;
export type StatisticsColumn = (typeof STATISTICS_COLUMNS)[number];

/** Follow-ups a managed chronic patient needs in a year, for every condition under management. */
export const FOLLOW_UPS_PER_YEAR = 4;

const MANAGED = MANAGED_CONDITIONS.map((c) => `'${c}'`).join(',');

/**
 * One source of rollup figures: a query yielding `region_code` and some of the columns, already
 * grouped per region. Columns it does not name count as 0.
 */
interface Source {
  columns: Partial<Record<StatisticsColumn, string>>;
  from: string;
  groupBy?: string;
}

const sources = (): Source[] => [
  {
    from: 'village_clinics',
    groupBy: 'village_code',
    columns: { clinic_count: 'count(*)', standardized_clinic_count: 'sum(standardized)', clinic_area_square_meters: 'sum(area_square_meters)' },
  },
  {
    from: 'village_doctors',
    groupBy: 'village_code',
    columns: { village_doctor_count: 'count(*)', licensed_doctor_count: "sum(qualification IN ('ASSISTANT_PHYSICIAN','PHYSICIAN'))" },
  },
  // Teams are township facts: their rows sit at the township's code, inside the county's range.
  { from: 'family_doctor_teams', groupBy: 'township_code', columns: { family_doctor_team_count: 'count(*)' } },
  { from: 'health_records', groupBy: 'village_code', columns: { health_record_count: 'count(*)' } },
  {
    from: 'chronic_conditions',
    groupBy: 'village_code',
    columns: { hypertension_patient_count: "sum(condition = 'HYPERTENSION')", diabetes_patient_count: "sum(condition = 'TYPE2_DIABETES')" },
  },
  {
    // Per managed patient: visits in the year per condition; compliant when every condition has enough.
    from: `(SELECT resident_id, village_code, min(visits) AS min_visits, sum(visits) AS visits FROM (
             SELECT c.resident_id, c.village_code,
                    (SELECT count(*) FROM chronic_follow_ups f
                      WHERE f.resident_id = c.resident_id AND f.condition = c.condition
                        AND f.visited_on BETWEEN @yearStart AND @yearEnd) AS visits
             FROM chronic_conditions c WHERE c.condition IN (${MANAGED}))
           GROUP BY resident_id)`,
    groupBy: 'village_code',
    columns: {
      chronic_patient_count: 'count(*)',
      chronic_follow_up_visit_count: 'sum(visits)',
      chronic_follow_up_compliant_count: `sum(min_visits >= ${FOLLOW_UPS_PER_YEAR})`,
    },
  },
  {
    from: 'mental_health_patients',
    groupBy: 'village_code',
    columns: { severe_mental_disorder_patient_count: 'count(*)', mental_health_high_risk_count: 'sum(risk_grade >= 3)' },
  },
  {
    // Key populations (重点人群) for family-doctor signing: 65+, managed chronic and severe mental disorder patients.
    from: `(SELECT resident_id, village_code FROM elderly_care
            UNION SELECT resident_id, village_code FROM chronic_conditions WHERE condition IN (${MANAGED})
            UNION SELECT resident_id, village_code FROM mental_health_patients)`,
    groupBy: 'village_code',
    columns: { key_population_count: 'count(*)' },
  },
  {
    from: 'family_doctor_contracts',
    groupBy: 'village_code',
    columns: { family_doctor_contract_count: 'count(*)', key_population_contract_count: 'sum(key_population)' },
  },
  {
    from: 'elderly_care',
    groupBy: 'village_code',
    columns: {
      elderly_65_plus_count: 'count(*)',
      elderly_checked_in_2022_count: 'sum(last_check_on BETWEEN @yearStart AND @yearEnd)',
      fully_dependent_elderly_count: "sum(dependency_level = 'FULLY_DEPENDENT')",
      partially_dependent_elderly_count: "sum(dependency_level = 'PARTIALLY_DEPENDENT')",
    },
  },
  { from: 'public_health_committees', groupBy: 'village_code', columns: { villages_with_public_health_committee: 'count(*)' } },
];

/**
 * Fills `region_statistics` from the department's rows with one INSERT…SELECT…GROUP BY: one row
 * per village (and per township with teams). `year` is the reference year (the 2022 columns).
 */
export function buildRegionStatistics(sqlite: SqliteDatabase, year: number): void {
  const parts = sources().map(
    ({ from, groupBy, columns }) =>
      `SELECT ${groupBy} AS region_code, ${STATISTICS_COLUMNS.map((c) => `${columns[c] ?? '0'} AS ${c}`).join(', ')} FROM ${from} GROUP BY ${groupBy}`,
  );
  sqlite.prepare('DELETE FROM region_statistics').run();
  sqlite
    .prepare(
      `INSERT INTO region_statistics (region_code, ${STATISTICS_COLUMNS.join(', ')})
       SELECT region_code, ${STATISTICS_COLUMNS.map((c) => `coalesce(sum(${c}), 0)`).join(', ')}
       FROM (${parts.join('\n UNION ALL ')})
       GROUP BY region_code`,
    )
    .run({ yearStart: `${year}-01-01`, yearEnd: `${year}-12-31` });
}
