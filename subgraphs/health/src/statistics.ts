import { suppressedError } from '@village-graph/shared';
import { STATISTICS_COLUMNS, type StatisticsColumn } from './seeding/rollup.ts';

/*
 * `HealthStatistics` from the rollup sums of a region's subtree, with small-cell suppression for
 * the public and analysts. Shares and rates are computed from the sums, never by averaging twice.
 */

/**
 * The cells the small-cell guard checks (columns of the `region_disclosure_cells` view): every
 * count of people, and the counts of people that other figures of the same region reveal by
 * subtraction (e.g. 65+ minus checked = not checked).
 */
export const DISCLOSURE_CELLS = [
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
  'both_conditions_patient_count',
  'chronic_non_compliant_count',
  'mental_health_lower_risk_count',
  'key_population_uncontracted_count',
  'other_contract_count',
  'elderly_unchecked_count',
  'independent_elderly_count',
] as const;
export type DisclosureCell = (typeof DISCLOSURE_CELLS)[number];

type Sums = Record<StatisticsColumn, number>;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Each field of HealthStatistics: its value from the sums and, for counts of people and what is
 * derived from them, the cells that must all be shown for the field to be shown. Fields without
 * cells (clinics, doctors, teams, villages, areas) are never suppressed.
 */
const FIELDS: Record<string, { value: (s: Sums) => number | null; cells?: readonly DisclosureCell[] }> = {
  clinicCount: { value: (s) => s.clinic_count },
  standardizedClinicCount: { value: (s) => s.standardized_clinic_count },
  standardizedClinicShare: { value: (s) => ratio(s.standardized_clinic_count, s.clinic_count) },
  meanClinicAreaSquareMeters: { value: (s) => ratio(s.clinic_area_square_meters, s.clinic_count) },
  villageDoctorCount: { value: (s) => s.village_doctor_count },
  licensedDoctorCount: { value: (s) => s.licensed_doctor_count },
  familyDoctorTeamCount: { value: (s) => s.family_doctor_team_count },
  healthRecordCount: { value: (s) => s.health_record_count, cells: ['health_record_count'] },
  // Hypertension + diabetes − chronic patients = patients with both.
  hypertensionPatientCount: { value: (s) => s.hypertension_patient_count, cells: ['hypertension_patient_count', 'both_conditions_patient_count'] },
  diabetesPatientCount: { value: (s) => s.diabetes_patient_count, cells: ['diabetes_patient_count', 'both_conditions_patient_count'] },
  chronicPatientCount: { value: (s) => s.chronic_patient_count, cells: ['chronic_patient_count'] },
  chronicFollowUpVisitCount: { value: (s) => s.chronic_follow_up_visit_count, cells: ['chronic_follow_up_visit_count', 'chronic_patient_count'] },
  chronicFollowUpCompliantCount: {
    value: (s) => s.chronic_follow_up_compliant_count,
    cells: ['chronic_follow_up_compliant_count', 'chronic_non_compliant_count'],
  },
  chronicFollowUpComplianceRate: {
    value: (s) => ratio(s.chronic_follow_up_compliant_count, s.chronic_patient_count),
    cells: ['chronic_follow_up_compliant_count', 'chronic_non_compliant_count', 'chronic_patient_count'],
  },
  severeMentalDisorderPatientCount: { value: (s) => s.severe_mental_disorder_patient_count, cells: ['severe_mental_disorder_patient_count'] },
  mentalHealthHighRiskCount: { value: (s) => s.mental_health_high_risk_count, cells: ['mental_health_high_risk_count', 'mental_health_lower_risk_count'] },
  keyPopulationCount: { value: (s) => s.key_population_count, cells: ['key_population_count'] },
  familyDoctorContractCount: { value: (s) => s.family_doctor_contract_count, cells: ['family_doctor_contract_count'] },
  keyPopulationContractCount: {
    value: (s) => s.key_population_contract_count,
    cells: ['key_population_contract_count', 'key_population_uncontracted_count', 'other_contract_count'],
  },
  keyPopulationContractRate: {
    value: (s) => ratio(s.key_population_contract_count, s.key_population_count),
    cells: ['key_population_contract_count', 'key_population_uncontracted_count', 'other_contract_count', 'key_population_count'],
  },
  elderly65PlusCount: { value: (s) => s.elderly_65_plus_count, cells: ['elderly_65_plus_count'] },
  elderlyCheckedIn2022Count: { value: (s) => s.elderly_checked_in_2022_count, cells: ['elderly_checked_in_2022_count', 'elderly_unchecked_count'] },
  elderlyCheckRate: {
    value: (s) => ratio(s.elderly_checked_in_2022_count, s.elderly_65_plus_count),
    cells: ['elderly_checked_in_2022_count', 'elderly_unchecked_count', 'elderly_65_plus_count'],
  },
  fullyDependentElderlyCount: { value: (s) => s.fully_dependent_elderly_count, cells: ['fully_dependent_elderly_count', 'independent_elderly_count'] },
  partiallyDependentElderlyCount: {
    value: (s) => s.partially_dependent_elderly_count,
    cells: ['partially_dependent_elderly_count', 'independent_elderly_count'],
  },
  villagesWithPublicHealthCommittee: { value: (s) => s.villages_with_public_health_committee },
};

/** HealthStatistics fields that count people (or derive from such counts): the ones that may be suppressed. */
export const SUPPRESSIBLE_FIELDS = Object.entries(FIELDS).flatMap(([name, f]) => (f.cells ? [name] : []));

export const ZERO_SUMS = Object.fromEntries(STATISTICS_COLUMNS.map((c) => [c, 0])) as Sums;

/**
 * The `HealthStatistics` object: a withheld field's value is its SUPPRESSED error (GraphQL answers
 * it as null with that error on its path; the other fields stand).
 */
export function healthStatistics(sums: Sums, hidden: ReadonlySet<DisclosureCell> = new Set()): Record<string, number | null | Error> {
  const result: Record<string, number | null | Error> = {};
  for (const [name, field] of Object.entries(FIELDS)) {
    result[name] = field.cells?.some((c) => hidden.has(c)) ? suppressedError(`HealthStatistics.${name}`) : field.value(sums);
  }
  return result;
}
