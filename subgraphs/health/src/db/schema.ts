import { sqliteTable, sqliteView, text, integer, real, index, check, primaryKey, foreignKey } from 'drizzle-orm/sqlite-core';
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/*
 * Health (卫健) keeps its own facts about residents keyed by civil affairs' opaque ids. It stores a
 * resident's village code and household id (keys, to answer "within this region" and "this
 * household") but never a name, birth date or ID number: those belong to civil affairs.
 */

export const BLOOD_TYPES = ['A', 'B', 'AB', 'O', 'UNKNOWN'] as const;
export const CHRONIC_CONDITIONS = ['HYPERTENSION', 'TYPE2_DIABETES', 'CORONARY_HEART_DISEASE', 'STROKE', 'COPD'] as const;
/** Conditions under the basic public-health service's follow-up management (≥ 4 visits a year). */
export const MANAGED_CONDITIONS = ['HYPERTENSION', 'TYPE2_DIABETES'] as const;
export const DOCTOR_QUALIFICATIONS = ['RURAL_DOCTOR_CERTIFICATE', 'ASSISTANT_PHYSICIAN', 'PHYSICIAN'] as const;
export const DOCTOR_SEXES = ['MALE', 'FEMALE'] as const;
export const FOLLOW_UP_METHODS = ['CLINIC', 'HOME'] as const;
export const SEVERE_MENTAL_DISORDERS = [
  'SCHIZOPHRENIA',
  'BIPOLAR',
  'SCHIZOAFFECTIVE',
  'PARANOID_PSYCHOSIS',
  'EPILEPTIC_PSYCHOSIS',
  'INTELLECTUAL_DISABILITY_PSYCHOSIS',
] as const;
export const DEPENDENCY_LEVELS = ['INDEPENDENT', 'PARTIALLY_DEPENDENT', 'FULLY_DEPENDENT'] as const;

export type ChronicCondition = (typeof CHRONIC_CONDITIONS)[number];
export type ManagedCondition = (typeof MANAGED_CONDITIONS)[number];

const oneOf = (column: AnyColumn, values: readonly string[]): SQL => sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(','))})`;
const isVillageCode = (column: AnyColumn): SQL => sql`length(${column}) = 12 AND ${column} NOT GLOB '*[^0-9]*'`;
/** A real calendar date written YYYY-MM-DD (SQLite's date() normalises anything else away). */
const isIsoDate = (column: AnyColumn): SQL => sql`date(${column}) IS ${column}`;

/** Village clinics (村卫生室), one per village at most. */
export const villageClinics = sqliteTable(
  'village_clinics',
  {
    villageCode: text('village_code').primaryKey(),
    name: text('name').notNull(),
    standardized: integer('standardized', { mode: 'boolean' }).notNull(),
    areaSquareMeters: real('area_square_meters').notNull(),
    /** Equals the number of `village_doctors` rows of the clinic (kept for the dashboard and old readers). */
    doctorCount: integer('doctor_count').notNull(),
  },
  (t) => [
    check('village_clinics_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('village_clinics_area_positive', sql`${t.areaSquareMeters} > 0`),
    check('village_clinics_doctor_count', sql`${t.doctorCount} >= 0`),
  ],
);

/** Village doctors (乡村医生) registered at a village clinic. */
export const villageDoctors = sqliteTable(
  'village_doctors',
  {
    /** `<village code>-D<2-digit serial>`: sorts by village. */
    id: text('id').primaryKey(),
    villageCode: text('village_code')
      .notNull()
      .references(() => villageClinics.villageCode),
    name: text('name').notNull(),
    sex: text('sex', { enum: DOCTOR_SEXES }).notNull(),
    age: integer('age').notNull(),
    qualification: text('qualification', { enum: DOCTOR_QUALIFICATIONS }).notNull(),
  },
  (t) => [
    index('village_doctors_village_code_idx').on(t.villageCode, t.id),
    check('village_doctors_code_is_12_digits', isVillageCode(t.villageCode)),
    check('village_doctors_sex_valid', oneOf(t.sex, DOCTOR_SEXES)),
    check('village_doctors_age_range', sql`${t.age} BETWEEN 18 AND 85`),
    check('village_doctors_qualification_valid', oneOf(t.qualification, DOCTOR_QUALIFICATIONS)),
  ],
);

/** Family-doctor teams (家庭医生团队), based at a township health centre (乡镇卫生院). */
export const familyDoctorTeams = sqliteTable(
  'family_doctor_teams',
  {
    /** `<township code>-T<2-digit serial>`. */
    id: text('id').primaryKey(),
    townshipCode: text('township_code').notNull(),
    name: text('name').notNull(),
    memberCount: integer('member_count').notNull(),
  },
  (t) => [
    index('family_doctor_teams_township_code_idx').on(t.townshipCode, t.id),
    check('family_doctor_teams_township_code', sql`${isVillageCode(t.townshipCode)} AND ${t.townshipCode} GLOB '*000'`),
    check('family_doctor_teams_members', sql`${t.memberCount} BETWEEN 2 AND 12`),
  ],
);

/** Public-health committees (公共卫生委员会), one per village. */
export const publicHealthCommittees = sqliteTable(
  'public_health_committees',
  {
    villageCode: text('village_code').primaryKey(),
    establishedOn: text('established_on').notNull(),
    memberCount: integer('member_count').notNull(),
    villageDoctorIsMember: integer('village_doctor_is_member', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    check('public_health_committees_code_is_12_digits', isVillageCode(t.villageCode)),
    check('public_health_committees_established_on', isIsoDate(t.establishedOn)),
    check('public_health_committees_members', sql`${t.memberCount} BETWEEN 3 AND 9`),
  ],
);

/** Resident health records (居民健康档案), one per resident at most. */
export const healthRecords = sqliteTable(
  'health_records',
  {
    residentId: text('resident_id').primaryKey(),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    establishedOn: text('established_on').notNull(),
    bloodType: text('blood_type', { enum: BLOOD_TYPES }).notNull(),
    /** JSON array of allergen names (药物/食物过敏史). */
    allergies: text('allergies').notNull().default('[]'),
  },
  (t) => [
    index('health_records_village_code_idx').on(t.villageCode, t.residentId),
    index('health_records_household_id_idx').on(t.householdId),
    check('health_records_code_is_12_digits', isVillageCode(t.villageCode)),
    check('health_records_established_on', isIsoDate(t.establishedOn)),
    check('health_records_blood_type_valid', oneOf(t.bloodType, BLOOD_TYPES)),
    check('health_records_allergies_array', sql`json_valid(${t.allergies}) AND json_type(${t.allergies}) = 'array'`),
  ],
);

/** Chronic conditions on a health record; one row per resident and condition. */
export const chronicConditions = sqliteTable(
  'chronic_conditions',
  {
    residentId: text('resident_id')
      .notNull()
      .references(() => healthRecords.residentId),
    condition: text('condition', { enum: CHRONIC_CONDITIONS }).notNull(),
    /** The resident's village (copied from the record so region lists scan one index). */
    villageCode: text('village_code').notNull(),
    diagnosedYear: integer('diagnosed_year').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.residentId, t.condition] }),
    // Region lists walk this in (village, resident) order; with the condition it also covers counts.
    index('chronic_conditions_village_code_idx').on(t.villageCode, t.residentId, t.condition),
    check('chronic_conditions_code_is_12_digits', isVillageCode(t.villageCode)),
    check('chronic_conditions_condition_valid', oneOf(t.condition, CHRONIC_CONDITIONS)),
    check('chronic_conditions_diagnosed_year', sql`${t.diagnosedYear} BETWEEN 1950 AND 2100`),
  ],
);

/** Chronic-disease follow-up visits (慢病随访) for hypertension and type-2 diabetes patients. */
export const chronicFollowUps = sqliteTable(
  'chronic_follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: text('resident_id').notNull(),
    condition: text('condition', { enum: MANAGED_CONDITIONS }).notNull(),
    visitedOn: text('visited_on').notNull(),
    method: text('method', { enum: FOLLOW_UP_METHODS }).notNull(),
    doctorId: text('doctor_id').references(() => villageDoctors.id),
    systolicPressure: integer('systolic_pressure'),
    diastolicPressure: integer('diastolic_pressure'),
    /** Fasting blood glucose, mmol/L. */
    fastingGlucose: real('fasting_glucose'),
  },
  (t) => [
    // A follow-up is always for a condition the resident's record has.
    foreignKey({ columns: [t.residentId, t.condition], foreignColumns: [chronicConditions.residentId, chronicConditions.condition] }),
    index('chronic_follow_ups_resident_idx').on(t.residentId, t.condition, t.visitedOn),
    index('chronic_follow_ups_doctor_id_idx').on(t.doctorId),
    check('chronic_follow_ups_condition_valid', oneOf(t.condition, MANAGED_CONDITIONS)),
    check('chronic_follow_ups_visited_on', isIsoDate(t.visitedOn)),
    check('chronic_follow_ups_method_valid', oneOf(t.method, FOLLOW_UP_METHODS)),
    check(
      'chronic_follow_ups_blood_pressure',
      sql`(${t.systolicPressure} IS NULL AND ${t.diastolicPressure} IS NULL) OR (${t.systolicPressure} BETWEEN 60 AND 260 AND ${t.diastolicPressure} BETWEEN 30 AND 160 AND ${t.diastolicPressure} < ${t.systolicPressure})`,
    ),
    check('chronic_follow_ups_glucose', sql`${t.fastingGlucose} IS NULL OR ${t.fastingGlucose} BETWEEN 1 AND 35`),
    check('chronic_follow_ups_hypertension_measured', sql`${t.condition} <> 'HYPERTENSION' OR ${t.systolicPressure} IS NOT NULL`),
    check('chronic_follow_ups_diabetes_measured', sql`${t.condition} <> 'TYPE2_DIABETES' OR ${t.fastingGlucose} IS NOT NULL`),
  ],
);

/** Severe mental disorder management (严重精神障碍患者管理), one row per registered patient. */
export const mentalHealthPatients = sqliteTable(
  'mental_health_patients',
  {
    residentId: text('resident_id')
      .primaryKey()
      .references(() => healthRecords.residentId),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    diagnosis: text('diagnosis', { enum: SEVERE_MENTAL_DISORDERS }).notNull(),
    riskGrade: integer('risk_grade').notNull(),
    registeredOn: text('registered_on').notNull(),
    lastVisitOn: text('last_visit_on'),
    nextVisitDue: text('next_visit_due').notNull(),
  },
  (t) => [
    index('mental_health_patients_village_code_idx').on(t.villageCode, t.residentId),
    check('mental_health_patients_code_is_12_digits', isVillageCode(t.villageCode)),
    check('mental_health_patients_diagnosis_valid', oneOf(t.diagnosis, SEVERE_MENTAL_DISORDERS)),
    check('mental_health_patients_risk_grade', sql`${t.riskGrade} BETWEEN 0 AND 5`),
    check('mental_health_patients_registered_on', isIsoDate(t.registeredOn)),
    check('mental_health_patients_last_visit_on', sql`${t.lastVisitOn} IS NULL OR (${isIsoDate(t.lastVisitOn)} AND ${t.lastVisitOn} >= ${t.registeredOn})`),
    check('mental_health_patients_next_visit_due', sql`${isIsoDate(t.nextVisitDue)} AND ${t.nextVisitDue} > coalesce(${t.lastVisitOn}, ${t.registeredOn})`),
  ],
);

/** Family-doctor contracts (家庭医生签约), one current contract per resident at most. */
export const familyDoctorContracts = sqliteTable(
  'family_doctor_contracts',
  {
    residentId: text('resident_id')
      .primaryKey()
      .references(() => healthRecords.residentId),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    teamId: text('team_id')
      .notNull()
      .references(() => familyDoctorTeams.id),
    doctorId: text('doctor_id').references(() => villageDoctors.id),
    signedOn: text('signed_on').notNull(),
    /** Signed as a key population (重点人群: 65+, chronic or severe mental disorder patient). */
    keyPopulation: integer('key_population', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    // Covers the signing-date and key-population filters for region counts.
    index('family_doctor_contracts_village_code_idx').on(t.villageCode, t.residentId, t.signedOn, t.keyPopulation),
    index('family_doctor_contracts_household_id_idx').on(t.householdId),
    index('family_doctor_contracts_team_id_idx').on(t.teamId),
    index('family_doctor_contracts_doctor_id_idx').on(t.doctorId),
    check('family_doctor_contracts_code_is_12_digits', isVillageCode(t.villageCode)),
    check('family_doctor_contracts_signed_on', isIsoDate(t.signedOn)),
  ],
);

/** Elderly (65+) health management (老年人健康管理): annual check and dependency level. */
export const elderlyCare = sqliteTable(
  'elderly_care',
  {
    residentId: text('resident_id')
      .primaryKey()
      .references(() => healthRecords.residentId),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    dependencyLevel: text('dependency_level', { enum: DEPENDENCY_LEVELS }).notNull(),
    /** Date of the last annual health check; null if never checked. */
    lastCheckOn: text('last_check_on'),
  },
  (t) => [
    // Covers the overdue-check filters, so a province-wide count never touches the table.
    index('elderly_care_village_code_idx').on(t.villageCode, t.residentId, t.lastCheckOn, t.dependencyLevel),
    check('elderly_care_code_is_12_digits', isVillageCode(t.villageCode)),
    check('elderly_care_dependency_level_valid', oneOf(t.dependencyLevel, DEPENDENCY_LEVELS)),
    check('elderly_care_last_check_on', sql`${t.lastCheckOn} IS NULL OR ${isIsoDate(t.lastCheckOn)}`),
  ],
);

/**
 * Summable health figures per village (and per township for township-level facts), filled at the
 * end of the seed from the rows above; `Region.healthStatistics` sums a region's code range.
 */
export const regionStatistics = sqliteTable(
  'region_statistics',
  {
    regionCode: text('region_code').primaryKey(),
    clinicCount: integer('clinic_count').notNull().default(0),
    standardizedClinicCount: integer('standardized_clinic_count').notNull().default(0),
    clinicAreaSquareMeters: real('clinic_area_square_meters').notNull().default(0),
    villageDoctorCount: integer('village_doctor_count').notNull().default(0),
    licensedDoctorCount: integer('licensed_doctor_count').notNull().default(0),
    familyDoctorTeamCount: integer('family_doctor_team_count').notNull().default(0),
    healthRecordCount: integer('health_record_count').notNull().default(0),
    hypertensionPatientCount: integer('hypertension_patient_count').notNull().default(0),
    diabetesPatientCount: integer('diabetes_patient_count').notNull().default(0),
    chronicPatientCount: integer('chronic_patient_count').notNull().default(0),
    chronicFollowUpVisitCount: integer('chronic_follow_up_visit_count').notNull().default(0),
    chronicFollowUpCompliantCount: integer('chronic_follow_up_compliant_count').notNull().default(0),
    severeMentalDisorderPatientCount: integer('severe_mental_disorder_patient_count').notNull().default(0),
    mentalHealthHighRiskCount: integer('mental_health_high_risk_count').notNull().default(0),
    keyPopulationCount: integer('key_population_count').notNull().default(0),
    familyDoctorContractCount: integer('family_doctor_contract_count').notNull().default(0),
    keyPopulationContractCount: integer('key_population_contract_count').notNull().default(0),
    elderly65PlusCount: integer('elderly_65_plus_count').notNull().default(0),
    elderlyCheckedIn2022Count: integer('elderly_checked_in_2022_count').notNull().default(0),
    fullyDependentElderlyCount: integer('fully_dependent_elderly_count').notNull().default(0),
    partiallyDependentElderlyCount: integer('partially_dependent_elderly_count').notNull().default(0),
    villagesWithPublicHealthCommittee: integer('villages_with_public_health_committee').notNull().default(0),
  },
  (t) => [check('region_statistics_code_is_12_digits', isVillageCode(t.regionCode))],
);

/**
 * The cells small-cell suppression looks at (see `src/statistics.ts`): every count of people in
 * `region_statistics`, plus the counts of people that can be derived from two or three of them by
 * subtraction within one region (e.g. the elderly NOT checked = 65+ minus checked), so that a
 * figure is withheld when it would reveal 1–4 people that way too.
 */
export const regionDisclosureCells = sqliteView('region_disclosure_cells', {
  regionCode: text('region_code').notNull(),
  healthRecordCount: integer('health_record_count').notNull(),
  hypertensionPatientCount: integer('hypertension_patient_count').notNull(),
  diabetesPatientCount: integer('diabetes_patient_count').notNull(),
  chronicPatientCount: integer('chronic_patient_count').notNull(),
  chronicFollowUpVisitCount: integer('chronic_follow_up_visit_count').notNull(),
  chronicFollowUpCompliantCount: integer('chronic_follow_up_compliant_count').notNull(),
  severeMentalDisorderPatientCount: integer('severe_mental_disorder_patient_count').notNull(),
  mentalHealthHighRiskCount: integer('mental_health_high_risk_count').notNull(),
  keyPopulationCount: integer('key_population_count').notNull(),
  familyDoctorContractCount: integer('family_doctor_contract_count').notNull(),
  keyPopulationContractCount: integer('key_population_contract_count').notNull(),
  elderly65PlusCount: integer('elderly_65_plus_count').notNull(),
  elderlyCheckedIn2022Count: integer('elderly_checked_in_2022_count').notNull(),
  fullyDependentElderlyCount: integer('fully_dependent_elderly_count').notNull(),
  partiallyDependentElderlyCount: integer('partially_dependent_elderly_count').notNull(),
  bothConditionsPatientCount: integer('both_conditions_patient_count').notNull(),
  chronicNonCompliantCount: integer('chronic_non_compliant_count').notNull(),
  mentalHealthLowerRiskCount: integer('mental_health_lower_risk_count').notNull(),
  keyPopulationUncontractedCount: integer('key_population_uncontracted_count').notNull(),
  otherContractCount: integer('other_contract_count').notNull(),
  elderlyUncheckedCount: integer('elderly_unchecked_count').notNull(),
  independentElderlyCount: integer('independent_elderly_count').notNull(),
}).as(sql`SELECT region_code,
  health_record_count, hypertension_patient_count, diabetes_patient_count, chronic_patient_count,
  chronic_follow_up_visit_count, chronic_follow_up_compliant_count, severe_mental_disorder_patient_count,
  mental_health_high_risk_count, key_population_count, family_doctor_contract_count, key_population_contract_count,
  elderly_65_plus_count, elderly_checked_in_2022_count, fully_dependent_elderly_count, partially_dependent_elderly_count,
  hypertension_patient_count + diabetes_patient_count - chronic_patient_count AS both_conditions_patient_count,
  chronic_patient_count - chronic_follow_up_compliant_count AS chronic_non_compliant_count,
  severe_mental_disorder_patient_count - mental_health_high_risk_count AS mental_health_lower_risk_count,
  key_population_count - key_population_contract_count AS key_population_uncontracted_count,
  family_doctor_contract_count - key_population_contract_count AS other_contract_count,
  elderly_65_plus_count - elderly_checked_in_2022_count AS elderly_unchecked_count,
  elderly_65_plus_count - fully_dependent_elderly_count - partially_dependent_elderly_count AS independent_elderly_count
FROM region_statistics`);

export type VillageClinicRow = typeof villageClinics.$inferSelect;
export type VillageDoctorRow = typeof villageDoctors.$inferSelect;
export type FamilyDoctorTeamRow = typeof familyDoctorTeams.$inferSelect;
export type PublicHealthCommitteeRow = typeof publicHealthCommittees.$inferSelect;
export type HealthRecordRow = typeof healthRecords.$inferSelect;
export type ChronicConditionRow = typeof chronicConditions.$inferSelect;
export type ChronicFollowUpRow = typeof chronicFollowUps.$inferSelect;
export type MentalHealthPatientRow = typeof mentalHealthPatients.$inferSelect;
export type FamilyDoctorContractRow = typeof familyDoctorContracts.$inferSelect;
export type ElderlyCareRow = typeof elderlyCare.$inferSelect;
export type RegionStatisticsRow = typeof regionStatistics.$inferSelect;

/** The department's hash-chained, append-only log of reads of sensitive personal fields (shared definition). */
export { accessLog } from '@village-graph/shared';
