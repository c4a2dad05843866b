import { sqliteTable, text, integer, real, index, uniqueIndex, check, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

// Category values, shared by the tables' CHECK constraints, the seeder and the GraphQL enums.
export const COOPERATIVE_TYPES = ['PLANTING', 'LIVESTOCK', 'FISHERY', 'MACHINERY', 'TOURISM', 'PROCESSING'] as const;
export const MODEL_COOPERATIVE_LEVELS = ['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY'] as const;
export const COOPERATIVE_MEMBER_ROLES = ['CHAIR', 'BOARD_MEMBER', 'MEMBER'] as const;
export const PLOT_LAND_USES = ['DRY_LAND', 'PADDY_FIELD', 'IRRIGATED_LAND'] as const;
export const POVERTY_MONITORING_TYPES = ['UNSTABLE_LIFTED_OUT', 'MARGINAL_PRONE', 'SUDDEN_HARDSHIP'] as const;
export const POVERTY_RISKS = ['ILLNESS', 'DISABILITY', 'EDUCATION', 'ACCIDENT', 'UNEMPLOYMENT', 'NATURAL_DISASTER', 'OTHER'] as const;
export const TOILET_RENOVATION_STATUSES = ['COMPLETED', 'PLANNED', 'NOT_PLANNED'] as const;
export const TOILET_TECHNOLOGIES = ['THREE_COMPARTMENT_SEPTIC', 'DOUBLE_URN', 'SEWER_CONNECTED', 'BIOGAS'] as const;
export const FARMER_TRAINING_TYPES = ['BUSINESS_MANAGEMENT', 'PRODUCTION', 'SKILL_SERVICE', 'INDUSTRY_LEADER'] as const;

/** `column IN ('A','B',…)` for an enum CHECK (values come from the constants above, never from input). */
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL => sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(','))})`;
const isVillageCode = (column: AnySQLiteColumn): SQL => sql`length(${column}) = 12 AND ${column} NOT GLOB '*[^0-9]*'`;
const isIsoDate = (column: AnySQLiteColumn): SQL => sql`${column} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`;

/**
 * Farmers' professional cooperatives (农民专业合作社), registered in a village. `member_count` is
 * the register's member figure (成员数, at least 5 by law; a per-cooperative fact, full count);
 * `cooperative_members` holds the member households present in the (scaled) dataset.
 */
export const cooperatives = sqliteTable(
  'cooperatives',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: COOPERATIVE_TYPES }).notNull(),
    memberCount: integer('member_count').notNull(),
    /** Holds at least one model-cooperative (示范社) rating; see model_cooperative_ratings. */
    isModelCooperative: integer('is_model_cooperative', { mode: 'boolean' }).notNull(),
    /** Registration date with market regulation (ISO date). */
    registeredOn: text('registered_on'),
  },
  (t) => [
    // Subtree lists scan village-code ranges and order by id within them.
    index('cooperatives_village_code_idx').on(t.villageCode, t.id),
    check('cooperatives_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('cooperatives_type_valid', sql`${t.type} IN ('PLANTING','LIVESTOCK','FISHERY','MACHINERY','TOURISM','PROCESSING')`),
    check('cooperatives_members', sql`${t.memberCount} >= 5`),
  ],
);

/** Model-cooperative (示范社) ratings a cooperative holds, one per level. */
export const modelCooperativeRatings = sqliteTable(
  'model_cooperative_ratings',
  {
    cooperativeId: text('cooperative_id').notNull().references(() => cooperatives.id),
    level: text('level', { enum: MODEL_COOPERATIVE_LEVELS }).notNull(),
    ratedYear: integer('rated_year').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.level] }),
    check('model_cooperative_ratings_level_valid', oneOf(t.level, MODEL_COOPERATIVE_LEVELS)),
    check('model_cooperative_ratings_year', sql`${t.ratedYear} BETWEEN 2000 AND 2100`),
  ],
);

/** Member households of a cooperative (成员). */
export const cooperativeMembers = sqliteTable(
  'cooperative_members',
  {
    cooperativeId: text('cooperative_id').notNull().references(() => cooperatives.id),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    role: text('role', { enum: COOPERATIVE_MEMBER_ROLES }).notNull(),
    joinedOn: text('joined_on').notNull(),
    /** Capital contribution (出资额), yuan. */
    capitalContribution: integer('capital_contribution').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.householdId] }),
    index('cooperative_members_household_idx').on(t.householdId),
    index('cooperative_members_village_code_idx').on(t.villageCode),
    check('cooperative_members_role_valid', oneOf(t.role, COOPERATIVE_MEMBER_ROLES)),
    check('cooperative_members_joined_on_date', isIsoDate(t.joinedOn)),
    check('cooperative_members_contribution', sql`${t.capitalContribution} >= 0`),
  ],
);

/** Household contracts for collective farmland (农村土地承包合同, 家庭承包). One per household. */
export const landContracts = sqliteTable(
  'land_contracts',
  {
    /** `<village code 12><group 2><household serial 4>J` (承包合同编号). */
    contractNumber: text('contract_number').primaryKey(),
    villageCode: text('village_code').notNull(),
    householdId: text('household_id').notNull(),
    /**
     * The household's grid (网格, civil affairs' key), so a grid worker sees only the contracts of
     * their own grid. Nullable only because it was added after the table (SQLite adds columns
     * without a rebuild only when they may be null); the seeder always fills it.
     */
    gridCode: text('grid_code'),
    /** The issuing party (发包方): the village's farmers' collective. */
    issuer: text('issuer').notNull(),
    /** Villagers' group (村民小组) the household belongs to. */
    groupNumber: integer('group_number').notNull(),
    termStart: text('term_start').notNull(),
    termEnd: text('term_end').notNull(),
    totalAreaMu: real('total_area_mu').notNull(),
  },
  (t) => [
    uniqueIndex('land_contracts_household_idx').on(t.householdId),
    index('land_contracts_village_code_idx').on(t.villageCode, t.contractNumber),
    index('land_contracts_grid_code_idx').on(t.gridCode),
    check('land_contracts_code_is_12_digits', isVillageCode(t.villageCode)),
    check('land_contracts_number_in_village', sql`substr(${t.contractNumber}, 1, 12) = ${t.villageCode} AND ${t.contractNumber} GLOB '*J'`),
    check('land_contracts_term', sql`${t.termStart} < ${t.termEnd}`),
    check('land_contracts_term_dates', sql`${isIsoDate(t.termStart)} AND ${isIsoDate(t.termEnd)}`),
    check('land_contracts_area', sql`${t.totalAreaMu} > 0`),
    check('land_contracts_group', sql`${t.groupNumber} BETWEEN 1 AND 99`),
  ],
);

/**
 * Contracted plots (承包地块) of a land contract. The 19-digit plot code (地块编码) is the contract's
 * village and villagers' group (its first 14 digits) followed by the 5-digit `plot_serial`, unique
 * within the village; it is derived rather than stored because plots are the largest table
 * (~12 million rows at scale 1).
 */
export const plots = sqliteTable(
  'plots',
  {
    contractNumber: text('contract_number').notNull().references(() => landContracts.contractNumber),
    plotSerial: integer('plot_serial').notNull(),
    name: text('name').notNull(),
    areaMu: real('area_mu').notNull(),
    landUse: text('land_use', { enum: PLOT_LAND_USES }).notNull(),
    isBasicFarmland: integer('is_basic_farmland', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    uniqueIndex('plots_contract_serial_idx').on(t.contractNumber, t.plotSerial),
    check('plots_area', sql`${t.areaMu} > 0`),
    check('plots_land_use_valid', oneOf(t.landUse, PLOT_LAND_USES)),
    check('plots_serial', sql`${t.plotSerial} BETWEEN 1 AND 99999`),
  ],
);

/** Family members named on the contract's certificate (承包经营权证 共有人). */
export const landContractMembers = sqliteTable(
  'land_contract_members',
  {
    contractNumber: text('contract_number').notNull().references(() => landContracts.contractNumber),
    residentId: text('resident_id').notNull(),
    /** Order on the certificate, head of household first (1-based). */
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractNumber, t.residentId] }),
    index('land_contract_members_resident_idx').on(t.residentId),
    check('land_contract_members_position', sql`${t.position} >= 1`),
  ],
);

/** Rural household income survey (人均可支配收入): 2022 and the 2021 value. */
export const householdIncomes = sqliteTable(
  'household_incomes',
  {
    householdId: text('household_id').primaryKey(),
    villageCode: text('village_code').notNull(),
    /** Persons the per-capita figure covers (household size). */
    personCount: integer('person_count').notNull(),
    perCapitaIncome2022: real('per_capita_income_2022').notNull(),
    perCapitaIncome2021: real('per_capita_income_2021').notNull(),
  },
  (t) => [
    index('household_incomes_village_code_idx').on(t.villageCode),
    check('household_incomes_code_is_12_digits', isVillageCode(t.villageCode)),
    check('household_incomes_persons', sql`${t.personCount} >= 1`),
    check('household_incomes_non_negative', sql`${t.perCapitaIncome2022} >= 0 AND ${t.perCapitaIncome2021} >= 0`),
  ],
);

/** Households monitored against falling (back) into poverty (防止返贫监测对象). */
export const povertyMonitoring = sqliteTable(
  'poverty_monitoring',
  {
    /** `<village code>-M<serial>`. */
    id: text('id').primaryKey(),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    type: text('type', { enum: POVERTY_MONITORING_TYPES }).notNull(),
    mainRisk: text('main_risk', { enum: POVERTY_RISKS }).notNull(),
    since: text('since').notNull(),
    personCount: integer('person_count').notNull(),
  },
  (t) => [
    uniqueIndex('poverty_monitoring_household_idx').on(t.householdId),
    index('poverty_monitoring_village_code_idx').on(t.villageCode, t.id),
    index('poverty_monitoring_grid_code_idx').on(t.gridCode),
    check('poverty_monitoring_code_is_12_digits', isVillageCode(t.villageCode)),
    check('poverty_monitoring_grid_in_village', sql`length(${t.gridCode}) = 15 AND substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
    check('poverty_monitoring_type_valid', oneOf(t.type, POVERTY_MONITORING_TYPES)),
    check('poverty_monitoring_risk_valid', oneOf(t.mainRisk, POVERTY_RISKS)),
    check('poverty_monitoring_since_date', isIsoDate(t.since)),
    check('poverty_monitoring_persons', sql`${t.personCount} >= 1`),
  ],
);

/** Rural toilet renovation (厕所革命), one row per household. */
export const toiletRenovations = sqliteTable(
  'toilet_renovations',
  {
    householdId: text('household_id').primaryKey(),
    villageCode: text('village_code').notNull(),
    status: text('status', { enum: TOILET_RENOVATION_STATUSES }).notNull(),
    technology: text('technology', { enum: TOILET_TECHNOLOGIES }),
    completedYear: integer('completed_year'),
    plannedYear: integer('planned_year'),
  },
  (t) => [
    index('toilet_renovations_village_code_idx').on(t.villageCode, t.status),
    check('toilet_renovations_code_is_12_digits', isVillageCode(t.villageCode)),
    check('toilet_renovations_status_valid', oneOf(t.status, TOILET_RENOVATION_STATUSES)),
    check('toilet_renovations_technology_valid', sql`${t.technology} IS NULL OR ${oneOf(t.technology, TOILET_TECHNOLOGIES)}`),
    check(
      'toilet_renovations_consistent',
      sql`(${t.status} = 'COMPLETED' AND ${t.completedYear} IS NOT NULL AND ${t.plannedYear} IS NULL AND ${t.technology} IS NOT NULL)
       OR (${t.status} = 'PLANNED' AND ${t.completedYear} IS NULL AND ${t.plannedYear} IS NOT NULL AND ${t.technology} IS NOT NULL)
       OR (${t.status} = 'NOT_PLANNED' AND ${t.completedYear} IS NULL AND ${t.plannedYear} IS NULL AND ${t.technology} IS NULL)`,
    ),
  ],
);

/** High-quality farmer trainings (高素质农民培训): one row per trainee and course. */
export const farmerTrainings = sqliteTable(
  'farmer_trainings',
  {
    /** `<village code>-T<serial>`. */
    id: text('id').primaryKey(),
    residentId: text('resident_id').notNull(),
    villageCode: text('village_code').notNull(),
    /** The trainee's grid (civil affairs' key), for grid workers' row scope; always filled by the seeder. */
    gridCode: text('grid_code'),
    type: text('type', { enum: FARMER_TRAINING_TYPES }).notNull(),
    course: text('course').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    hours: integer('hours').notNull(),
    certified: integer('certified', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    index('farmer_trainings_village_code_idx').on(t.villageCode, t.id),
    index('farmer_trainings_resident_idx').on(t.residentId),
    index('farmer_trainings_grid_code_idx').on(t.gridCode),
    index('farmer_trainings_start_date_idx').on(t.startDate),
    check('farmer_trainings_code_is_12_digits', isVillageCode(t.villageCode)),
    check('farmer_trainings_type_valid', oneOf(t.type, FARMER_TRAINING_TYPES)),
    check('farmer_trainings_dates', sql`${isIsoDate(t.startDate)} AND ${isIsoDate(t.endDate)} AND ${t.startDate} <= ${t.endDate}`),
    check('farmer_trainings_hours', sql`${t.hours} > 0`),
  ],
);

/**
 * Per-village agriculture facts (full count): land areas in mu (亩) and the village collective's
 * assets (三资: funds 资金, fixed assets 资产, resources 资源).
 */
export const villageAgriculture = sqliteTable(
  'village_agriculture',
  {
    villageCode: text('village_code').primaryKey(),
    cultivatedAreaMu: real('cultivated_area_mu').notNull(),
    grainSownAreaMu: real('grain_sown_area_mu').notNull(),
    riceFishAreaMu: real('rice_fish_area_mu').notNull(),
    greenhouseAreaMu: real('greenhouse_area_mu').notNull(),
    collectiveFunds: real('collective_funds').notNull(),
    collectiveFixedAssets: real('collective_fixed_assets').notNull(),
    collectiveResourceAreaMu: real('collective_resource_area_mu').notNull(),
  },
  (t) => [
    check('village_agriculture_code_is_12_digits', isVillageCode(t.villageCode)),
    check(
      'village_agriculture_areas',
      sql`${t.cultivatedAreaMu} >= 0 AND ${t.grainSownAreaMu} >= 0 AND ${t.riceFishAreaMu} >= 0 AND ${t.greenhouseAreaMu} >= 0
       AND ${t.riceFishAreaMu} <= ${t.cultivatedAreaMu}`,
    ),
    check('village_agriculture_assets', sql`${t.collectiveFunds} >= 0 AND ${t.collectiveFixedAssets} >= 0 AND ${t.collectiveResourceAreaMu} >= 0`),
  ],
);

/** Village collective economy income (村集体经济收入), per village and year, yuan. */
export const collectiveEconomyIncomes = sqliteTable(
  'collective_economy_incomes',
  {
    villageCode: text('village_code').notNull().references(() => villageAgriculture.villageCode),
    year: integer('year').notNull(),
    totalIncome: real('total_income').notNull(),
    /** Of which operating income (经营收入). */
    operatingIncome: real('operating_income').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.villageCode, t.year] }),
    index('collective_economy_incomes_year_idx').on(t.year, t.villageCode),
    check('collective_economy_incomes_amounts', sql`${t.totalIncome} >= 0 AND ${t.operatingIncome} >= 0 AND ${t.operatingIncome} <= ${t.totalIncome}`),
    check('collective_economy_incomes_year', sql`${t.year} BETWEEN 2000 AND 2100`),
  ],
);

/**
 * Rollup for `Region.agricultureStatistics`: one row per village with summable columns, filled at
 * the end of the seeder from the tables above (INSERT … SELECT … GROUP BY). Any region's figures
 * are the sums over its code range.
 */
export const regionStatistics = sqliteTable(
  'region_statistics',
  {
    regionCode: text('region_code').primaryKey(),
    villageCount: integer('village_count').notNull(),
    householdCount: integer('household_count').notNull(),
    personCount: integer('person_count').notNull(),
    /** Σ per-capita income × persons, 2022 and 2021 (person-weighted means divide by person_count). */
    incomePersonSum2022: real('income_person_sum_2022').notNull(),
    incomePersonSum2021: real('income_person_sum_2021').notNull(),
    cultivatedAreaMu: real('cultivated_area_mu').notNull(),
    grainSownAreaMu: real('grain_sown_area_mu').notNull(),
    riceFishAreaMu: real('rice_fish_area_mu').notNull(),
    greenhouseAreaMu: real('greenhouse_area_mu').notNull(),
    landContractCount: integer('land_contract_count').notNull(),
    contractedAreaMu: real('contracted_area_mu').notNull(),
    plotCount: integer('plot_count').notNull(),
    certificateMemberCount: integer('certificate_member_count').notNull(),
    cooperativeCount: integer('cooperative_count').notNull(),
    modelCooperativeCount: integer('model_cooperative_count').notNull(),
    /** Σ registered members (成员数) of the cooperatives. */
    cooperativeMemberCount: integer('cooperative_member_count').notNull(),
    /** Member households recorded in cooperative_members (scaled with the dataset). */
    cooperativeMemberHouseholdCount: integer('cooperative_member_household_count').notNull(),
    farmerTrainingCount: integer('farmer_training_count').notNull(),
    povertyMonitoredHouseholdCount: integer('poverty_monitored_household_count').notNull(),
    povertyMonitoredPersonCount: integer('poverty_monitored_person_count').notNull(),
    toiletRenovationsPlanned2023: integer('toilet_renovations_planned_2023').notNull(),
    toiletRenovationsCompleted: integer('toilet_renovations_completed').notNull(),
    toiletRecordCount: integer('toilet_record_count').notNull(),
    collectiveEconomyIncome: real('collective_economy_income').notNull(),
    collectiveAssetsValue: real('collective_assets_value').notNull(),
    villagesWithCollectiveIncomeOver100k: integer('villages_with_collective_income_over_100k').notNull(),
  },
  (t) => [check('region_statistics_code_is_12_digits', isVillageCode(t.regionCode))],
);

export type CooperativeRow = typeof cooperatives.$inferSelect;
export type ModelCooperativeRatingRow = typeof modelCooperativeRatings.$inferSelect;
export type CooperativeMemberRow = typeof cooperativeMembers.$inferSelect;
export type LandContractRow = typeof landContracts.$inferSelect;
export type PlotRow = typeof plots.$inferSelect;
export type LandContractMemberRow = typeof landContractMembers.$inferSelect;
export type HouseholdIncomeRow = typeof householdIncomes.$inferSelect;
export type PovertyMonitoringRow = typeof povertyMonitoring.$inferSelect;
export type ToiletRenovationRow = typeof toiletRenovations.$inferSelect;
export type FarmerTrainingRow = typeof farmerTrainings.$inferSelect;
export type VillageAgricultureRow = typeof villageAgriculture.$inferSelect;
export type CollectiveEconomyIncomeRow = typeof collectiveEconomyIncomes.$inferSelect;
export type RegionStatisticsRow = typeof regionStatistics.$inferSelect;

/**
 * The department's hash-chained, append-only log of reads of sensitive personal fields (shared
 * definition; its custom migration adds the triggers that refuse UPDATE and DELETE).
 */
export { accessLog } from '@village-graph/shared';
