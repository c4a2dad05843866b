import { createSmallCellGuard, createSubtreeRollup, type SqliteDatabase } from '@village-graph/shared';

/** Summable columns of `region_statistics` (one row per village). */
export const ROLLUP_COLUMNS = [
  'village_count',
  'household_count',
  'person_count',
  'income_person_sum_2022',
  'income_person_sum_2021',
  'cultivated_area_mu',
  'grain_sown_area_mu',
  'rice_fish_area_mu',
  'greenhouse_area_mu',
  'land_contract_count',
  'contracted_area_mu',
  'plot_count',
  'certificate_member_count',
  'cooperative_count',
  'model_cooperative_count',
  'cooperative_member_count',
  'cooperative_member_household_count',
  'farmer_training_count',
  'poverty_monitored_household_count',
  'poverty_monitored_person_count',
  'toilet_renovations_planned_2023',
  'toilet_renovations_completed',
  'toilet_record_count',
  'collective_economy_income',
  'collective_assets_value',
  'villages_with_collective_income_over_100k',
] as const;
export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];
export type RollupSums = Record<RollupColumn, number>;

/** The year whose figures the statistics report (the dataset's reference year). */
export const STATISTICS_YEAR = 2022;

/**
 * Rebuilds `region_statistics` from the department's rows: one row per village that has any fact,
 * each column an aggregate over that village's rows (GROUP BY village code). Runs at the end of the
 * seeder; region figures at every level are then range sums over these rows.
 */
export function fillRegionStatistics(sqlite: SqliteDatabase): void {
  sqlite.exec('DELETE FROM region_statistics');
  sqlite.exec(`
    WITH codes(code) AS (
      SELECT village_code FROM village_agriculture UNION SELECT village_code FROM household_incomes
      UNION SELECT village_code FROM land_contracts UNION SELECT village_code FROM cooperatives
      UNION SELECT village_code FROM farmer_trainings UNION SELECT village_code FROM poverty_monitoring
      UNION SELECT village_code FROM toilet_renovations UNION SELECT village_code FROM cooperative_members),
    incomes AS (
      SELECT village_code, count(*) AS households, sum(person_count) AS persons,
             sum(per_capita_income_2022 * person_count) AS s2022, sum(per_capita_income_2021 * person_count) AS s2021
      FROM household_incomes GROUP BY village_code),
    contracts AS (SELECT village_code, count(*) AS n, sum(total_area_mu) AS area FROM land_contracts GROUP BY village_code),
    contract_plots AS (
      SELECT c.village_code, count(*) AS n FROM plots p JOIN land_contracts c ON c.contract_number = p.contract_number GROUP BY c.village_code),
    contract_members AS (
      SELECT c.village_code, count(*) AS n FROM land_contract_members m JOIN land_contracts c ON c.contract_number = m.contract_number
      GROUP BY c.village_code),
    coops AS (
      SELECT village_code, count(*) AS n, sum(is_model_cooperative) AS model, sum(member_count) AS members FROM cooperatives GROUP BY village_code),
    coop_households AS (SELECT village_code, count(*) AS n FROM cooperative_members GROUP BY village_code),
    trainings AS (SELECT village_code, count(*) AS n FROM farmer_trainings GROUP BY village_code),
    monitored AS (SELECT village_code, count(*) AS n, sum(person_count) AS persons FROM poverty_monitoring GROUP BY village_code),
    toilets AS (
      SELECT village_code, count(*) AS n, sum(status = 'PLANNED' AND planned_year = 2023) AS planned, sum(status = 'COMPLETED') AS completed
      FROM toilet_renovations GROUP BY village_code)
    INSERT INTO region_statistics (
      region_code, village_count, household_count, person_count, income_person_sum_2022, income_person_sum_2021,
      cultivated_area_mu, grain_sown_area_mu, rice_fish_area_mu, greenhouse_area_mu,
      land_contract_count, contracted_area_mu, plot_count, certificate_member_count,
      cooperative_count, model_cooperative_count, cooperative_member_count, cooperative_member_household_count,
      farmer_training_count, poverty_monitored_household_count, poverty_monitored_person_count,
      toilet_renovations_planned_2023, toilet_renovations_completed, toilet_record_count,
      collective_economy_income, collective_assets_value, villages_with_collective_income_over_100k)
    SELECT codes.code, (va.village_code IS NOT NULL), coalesce(incomes.households, 0), coalesce(incomes.persons, 0),
           coalesce(incomes.s2022, 0), coalesce(incomes.s2021, 0),
           coalesce(va.cultivated_area_mu, 0), coalesce(va.grain_sown_area_mu, 0), coalesce(va.rice_fish_area_mu, 0), coalesce(va.greenhouse_area_mu, 0),
           coalesce(contracts.n, 0), coalesce(contracts.area, 0), coalesce(contract_plots.n, 0), coalesce(contract_members.n, 0),
           coalesce(coops.n, 0), coalesce(coops.model, 0), coalesce(coops.members, 0), coalesce(coop_households.n, 0),
           coalesce(trainings.n, 0), coalesce(monitored.n, 0), coalesce(monitored.persons, 0),
           coalesce(toilets.planned, 0), coalesce(toilets.completed, 0), coalesce(toilets.n, 0),
           coalesce(ce.total_income, 0), coalesce(va.collective_funds + va.collective_fixed_assets, 0), coalesce(ce.total_income >= 100000, 0)
    FROM codes
    LEFT JOIN village_agriculture va ON va.village_code = codes.code
    LEFT JOIN collective_economy_incomes ce ON ce.village_code = codes.code AND ce.year = ${STATISTICS_YEAR}
    LEFT JOIN incomes ON incomes.village_code = codes.code
    LEFT JOIN contracts ON contracts.village_code = codes.code
    LEFT JOIN contract_plots ON contract_plots.village_code = codes.code
    LEFT JOIN contract_members ON contract_members.village_code = codes.code
    LEFT JOIN coops ON coops.village_code = codes.code
    LEFT JOIN coop_households ON coop_households.village_code = codes.code
    LEFT JOIN trainings ON trainings.village_code = codes.code
    LEFT JOIN monitored ON monitored.village_code = codes.code
    LEFT JOIN toilets ON toilets.village_code = codes.code
  `);
}

export const createStatisticsRollup = (sqlite: SqliteDatabase) =>
  createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: ROLLUP_COLUMNS });

/**
 * Columns that count people or households (or records of one person or household each: land
 * contracts, trainings, monitoring records, toilets), which public and analyst callers get only
 * when no cell of 1–4 could be read or derived (shared's small-cell guard, complementary cells
 * included). Facilities, villages, areas of villages and money are not suppressed.
 */
export const SUPPRESSIBLE_COLUMNS = [
  'household_count',
  'person_count',
  'land_contract_count',
  'certificate_member_count',
  'cooperative_member_count',
  'cooperative_member_household_count',
  'farmer_training_count',
  'poverty_monitored_household_count',
  'poverty_monitored_person_count',
  'toilet_renovations_planned_2023',
  'toilet_renovations_completed',
  'toilet_record_count',
] as const satisfies readonly RollupColumn[];
export type SuppressibleColumn = (typeof SUPPRESSIBLE_COLUMNS)[number];

/**
 * The columns each `AgricultureStatistics` field reveals: a field is suppressed when any of them
 * is. Means and rates go with the counts they divide by; a mean income over one to four households
 * is those households' income, and a contracted area or plot count over one to four contracts is
 * those households' holding, so they follow the household and contract counts too.
 */
export const SUPPRESSED_WITH: Readonly<Record<string, readonly SuppressibleColumn[]>> = {
  householdCount: ['household_count'],
  personCount: ['person_count'],
  meanPerCapitaDisposableIncome: ['person_count', 'household_count'],
  previousYearMeanPerCapitaDisposableIncome: ['person_count', 'household_count'],
  incomeGrowthRate: ['person_count', 'household_count'],
  landContractCount: ['land_contract_count'],
  contractedAreaMu: ['land_contract_count'],
  plotCount: ['land_contract_count'],
  certificateMemberCount: ['certificate_member_count'],
  cooperativeMemberCount: ['cooperative_member_count'],
  cooperativeMemberHouseholdCount: ['cooperative_member_household_count'],
  farmerTrainingCount: ['farmer_training_count'],
  povertyMonitoredHouseholdCount: ['poverty_monitored_household_count'],
  povertyMonitoredPersonCount: ['poverty_monitored_person_count', 'poverty_monitored_household_count'],
  toiletRenovationsPlanned2023: ['toilet_renovations_planned_2023'],
  toiletRenovationsCompleted: ['toilet_renovations_completed'],
  toiletRenovationRate: ['toilet_renovations_completed', 'toilet_record_count'],
};

export const createSuppressionGuard = (sqlite: SqliteDatabase) =>
  createSmallCellGuard(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: SUPPRESSIBLE_COLUMNS });

/** `AgricultureStatistics` from a region's column sums: averages and shares from sums, never averaged twice. */
export function toAgricultureStatistics(s: RollupSums) {
  const mean2022 = s.person_count > 0 ? s.income_person_sum_2022 / s.person_count : null;
  const mean2021 = s.person_count > 0 ? s.income_person_sum_2021 / s.person_count : null;
  return {
    villageCount: s.village_count,
    householdCount: s.household_count,
    personCount: s.person_count,
    meanPerCapitaDisposableIncome: mean2022,
    previousYearMeanPerCapitaDisposableIncome: mean2021,
    incomeGrowthRate: mean2022 !== null && mean2021 ? mean2022 / mean2021 - 1 : null,
    cultivatedAreaMu: s.cultivated_area_mu,
    grainSownAreaMu: s.grain_sown_area_mu,
    riceFishAreaMu: s.rice_fish_area_mu,
    greenhouseAreaMu: s.greenhouse_area_mu,
    landContractCount: s.land_contract_count,
    contractedAreaMu: s.contracted_area_mu,
    plotCount: s.plot_count,
    certificateMemberCount: s.certificate_member_count,
    cooperativeCount: s.cooperative_count,
    modelCooperativeCount: s.model_cooperative_count,
    cooperativeMemberCount: s.cooperative_member_count,
    cooperativeMemberHouseholdCount: s.cooperative_member_household_count,
    farmerTrainingCount: s.farmer_training_count,
    povertyMonitoredHouseholdCount: s.poverty_monitored_household_count,
    povertyMonitoredPersonCount: s.poverty_monitored_person_count,
    toiletRenovationsPlanned2023: s.toilet_renovations_planned_2023,
    toiletRenovationsCompleted: s.toilet_renovations_completed,
    toiletRenovationRate: s.toilet_record_count > 0 ? s.toilet_renovations_completed / s.toilet_record_count : null,
    collectiveEconomyIncome: s.collective_economy_income,
    collectiveAssetsValue: s.collective_assets_value,
    villagesWithCollectiveIncomeOver100k: s.villages_with_collective_income_over_100k,
  };
}
