import { isRegionCode, regionLevel } from '@village-graph/shared';
import type { HealthContext } from '../context.ts';
import { STATISTICS_COLUMNS, type StatisticsColumn } from '../seeding/rollup.ts';

interface RegionRef {
  code: string;
}

const isVillage = (code: string) => isRegionCode(code) && regionLevel(code) === 'VILLAGE';
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const ZEROS = Object.fromEntries(STATISTICS_COLUMNS.map((c) => [c, 0])) as Record<StatisticsColumn, number>;

/** `HealthStatistics` from the rollup sums of a region's subtree; shares from the sums. */
export function healthStatistics(s: Record<StatisticsColumn, number>) {
  return {
    clinicCount: s.clinic_count,
    standardizedClinicCount: s.standardized_clinic_count,
    standardizedClinicShare: ratio(s.standardized_clinic_count, s.clinic_count),
    meanClinicAreaSquareMeters: ratio(s.clinic_area_square_meters, s.clinic_count),
    villageDoctorCount: s.village_doctor_count,
    licensedDoctorCount: s.licensed_doctor_count,
    familyDoctorTeamCount: s.family_doctor_team_count,
    healthRecordCount: s.health_record_count,
    hypertensionPatientCount: s.hypertension_patient_count,
    diabetesPatientCount: s.diabetes_patient_count,
    chronicPatientCount: s.chronic_patient_count,
    chronicFollowUpVisitCount: s.chronic_follow_up_visit_count,
    chronicFollowUpCompliantCount: s.chronic_follow_up_compliant_count,
    chronicFollowUpComplianceRate: ratio(s.chronic_follow_up_compliant_count, s.chronic_patient_count),
    severeMentalDisorderPatientCount: s.severe_mental_disorder_patient_count,
    mentalHealthHighRiskCount: s.mental_health_high_risk_count,
    keyPopulationCount: s.key_population_count,
    familyDoctorContractCount: s.family_doctor_contract_count,
    keyPopulationContractCount: s.key_population_contract_count,
    keyPopulationContractRate: ratio(s.key_population_contract_count, s.key_population_count),
    elderly65PlusCount: s.elderly_65_plus_count,
    elderlyCheckedIn2022Count: s.elderly_checked_in_2022_count,
    elderlyCheckRate: ratio(s.elderly_checked_in_2022_count, s.elderly_65_plus_count),
    fullyDependentElderlyCount: s.fully_dependent_elderly_count,
    partiallyDependentElderlyCount: s.partially_dependent_elderly_count,
    villagesWithPublicHealthCommittee: s.villages_with_public_health_committee,
  };
}

export const Region = {
  /** Health keeps no row per region to load up front: each field is batched on its own. */
  __resolveReference: (ref: RegionRef): RegionRef => ({ code: ref.code }),

  clinic: (region: RegionRef, _: unknown, ctx: HealthContext) => (isVillage(region.code) ? ctx.loaders.clinic.load(region.code) : null),

  publicHealthCommittee: (region: RegionRef, _: unknown, ctx: HealthContext) =>
    isVillage(region.code) ? ctx.loaders.committee.load(region.code) : null,

  healthStatistics: async (region: RegionRef, _: unknown, ctx: HealthContext) =>
    healthStatistics((isRegionCode(region.code) ? await ctx.loaders.statistics.load(region.code) : null) ?? ZEROS),
};
