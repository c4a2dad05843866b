import { suppressedError, type SqliteDatabase } from '@village-graph/shared';

/**
 * The `region_statistics` rollup: which columns it has, how the seeder fills it from the rows, and
 * how `HousingStatistics` is computed from a region's sums (shares and averages from sums, never
 * averaged twice).
 */
export const ROLLUP_COLUMNS = [
  'rural_villages',
  'villages_with_garbage_collection',
  'garbage_bins',
  'garbage_vehicles',
  'transfer_stations',
  'villages_with_sewage_facility',
  'villages_with_sewage_treatment',
  'villages_with_appearance',
  'greening_rate_sum',
  'clean_villages_passed',
  'dwellings',
  'floor_area_sum',
  'grade_a',
  'grade_b',
  'grade_c',
  'grade_d',
  'renovation_applications',
  'renovations_applied',
  'renovations_approved',
  'renovations_in_progress',
  'renovations_completed',
  'renovations_rejected',
  'renovation_subsidy_total',
] as const;

export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];

/**
 * Columns that count households (a dwelling or an application is one household's): the small-cell
 * guard decides for each of them, per region, whether the public and analysts may see it.
 * Villages, bins, vehicles, stations and areas are not people and are never suppressed.
 */
export const SUPPRESSIBLE_COLUMNS = [
  'dwellings',
  'grade_a',
  'grade_b',
  'grade_c',
  'grade_d',
  'renovation_applications',
  'renovations_applied',
  'renovations_approved',
  'renovations_in_progress',
  'renovations_completed',
  'renovations_rejected',
] as const satisfies readonly RollupColumn[];
export type SuppressibleColumn = (typeof SUPPRESSIBLE_COLUMNS)[number];
export type RollupSums = Record<RollupColumn, number>;

/** Each source table aggregated per village (or township); columns not named are 0. */
const SOURCES: { table: string; region: string; values: Partial<Record<RollupColumn, string>> }[] = [
  {
    table: 'garbage_services',
    region: 'village_code',
    values: { rural_villages: 'count(*)', villages_with_garbage_collection: 'sum(covered)', garbage_bins: 'sum(bin_count)', garbage_vehicles: 'sum(vehicle_count)' },
  },
  { table: 'transfer_stations', region: 'township_code', values: { transfer_stations: 'count(*)' } },
  {
    table: 'sewage_facilities',
    region: 'village_code',
    values: { villages_with_sewage_facility: 'sum(has_facility)', villages_with_sewage_treatment: 'sum(has_facility AND working)' },
  },
  {
    table: 'village_appearances',
    region: 'village_code',
    values: {
      villages_with_appearance: 'count(*)',
      greening_rate_sum: 'sum(greening_rate)',
      clean_villages_passed: "sum(clean_village_status IN ('MODEL','PASSED'))",
    },
  },
  {
    table: 'dwellings',
    region: 'village_code',
    values: {
      dwellings: 'count(*)',
      floor_area_sum: 'sum(floor_area_square_meters)',
      grade_a: "sum(safety_grade = 'A')",
      grade_b: "sum(safety_grade = 'B')",
      grade_c: "sum(safety_grade = 'C')",
      grade_d: "sum(safety_grade = 'D')",
    },
  },
  {
    table: 'renovation_applications',
    region: 'village_code',
    values: {
      renovation_applications: 'count(*)',
      renovations_applied: "sum(status = 'APPLIED')",
      renovations_approved: "sum(status = 'APPROVED')",
      renovations_in_progress: "sum(status = 'IN_PROGRESS')",
      renovations_completed: "sum(status = 'COMPLETED')",
      renovations_rejected: "sum(status = 'REJECTED')",
      renovation_subsidy_total: 'coalesce(sum(subsidy_yuan), 0)',
    },
  },
];

/**
 * One INSERT…SELECT: every source aggregated per region code (through its village-code index),
 * the partial rows stacked and summed into one row per village or township.
 */
export function fillRegionStatistics(sqlite: SqliteDatabase): void {
  const parts = SOURCES.map(
    ({ table, region, values }) =>
      `SELECT ${region} AS region_code, ${ROLLUP_COLUMNS.map((c) => `${values[c] ?? '0'} AS ${c}`).join(', ')} FROM ${table} GROUP BY ${region}`,
  );
  sqlite.exec(`DELETE FROM region_statistics;
    INSERT INTO region_statistics (region_code, ${ROLLUP_COLUMNS.join(', ')})
    SELECT region_code, ${ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(', ')}
    FROM (${parts.join('\n      UNION ALL ')})
    GROUP BY region_code`);
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** `HousingStatistics` from one region's sums. */
export function toHousingStatistics(s: RollupSums): HousingStatistics {
  const dangerous = s.grade_c + s.grade_d;
  return {
    ruralVillageCount: s.rural_villages,
    villagesWithGarbageCollection: s.villages_with_garbage_collection,
    garbageCollectionCoverageRate: share(s.villages_with_garbage_collection, s.rural_villages),
    garbageBinCount: s.garbage_bins,
    garbageVehicleCount: s.garbage_vehicles,
    transferStationCount: s.transfer_stations,
    villagesWithSewageFacility: s.villages_with_sewage_facility,
    villagesWithSewageTreatment: s.villages_with_sewage_treatment,
    sewageTreatmentRate: share(s.villages_with_sewage_treatment, s.rural_villages),
    averageGreeningRate: share(s.greening_rate_sum, s.villages_with_appearance),
    cleanVillagesPassed: s.clean_villages_passed,
    dwellingCount: s.dwellings,
    averageFloorAreaSquareMeters: share(s.floor_area_sum, s.dwellings),
    gradeADwellingCount: s.grade_a,
    gradeBDwellingCount: s.grade_b,
    gradeCDwellingCount: s.grade_c,
    gradeDDwellingCount: s.grade_d,
    dangerousDwellingCount: dangerous,
    dangerousDwellingRate: share(dangerous, s.dwellings),
    renovationApplicationCount: s.renovation_applications,
    renovationsPending: s.renovations_applied,
    renovationsApproved: s.renovations_approved,
    renovationsInProgress: s.renovations_in_progress,
    renovationsCompleted: s.renovations_completed,
    renovationsRejected: s.renovations_rejected,
    renovationSubsidyTotal: s.renovation_subsidy_total,
  };
}

export interface HousingStatistics {
  ruralVillageCount: number;
  villagesWithGarbageCollection: number;
  garbageCollectionCoverageRate: number | null;
  garbageBinCount: number;
  garbageVehicleCount: number;
  transferStationCount: number;
  villagesWithSewageFacility: number;
  villagesWithSewageTreatment: number;
  sewageTreatmentRate: number | null;
  averageGreeningRate: number | null;
  cleanVillagesPassed: number;
  dwellingCount: number;
  averageFloorAreaSquareMeters: number | null;
  gradeADwellingCount: number;
  gradeBDwellingCount: number;
  gradeCDwellingCount: number;
  gradeDDwellingCount: number;
  dangerousDwellingCount: number;
  dangerousDwellingRate: number | null;
  renovationApplicationCount: number;
  renovationsPending: number;
  renovationsApproved: number;
  renovationsInProgress: number;
  renovationsCompleted: number;
  renovationsRejected: number;
  renovationSubsidyTotal: number;
}

/**
 * Fields withheld together: when the guard hides any of `columns` in a region, every one of
 * `fields` is withheld there. A breakdown (grades A–D, the five stages) goes as a whole, with its
 * total's column among the triggers, because a total minus the shown parts would reveal a hidden
 * part; averages, rates and the subsidy sum go with the counts they are computed over. Hiding
 * more than the guard asks for never reveals anything the guard protects.
 */
const WITHHELD_TOGETHER: readonly { columns: readonly SuppressibleColumn[]; fields: readonly (keyof HousingStatistics)[] }[] = [
  { columns: ['dwellings'], fields: ['dwellingCount', 'averageFloorAreaSquareMeters'] },
  {
    columns: ['dwellings', 'grade_a', 'grade_b', 'grade_c', 'grade_d'],
    fields: ['gradeADwellingCount', 'gradeBDwellingCount', 'gradeCDwellingCount', 'gradeDDwellingCount', 'dangerousDwellingCount', 'dangerousDwellingRate'],
  },
  { columns: ['renovation_applications'], fields: ['renovationApplicationCount'] },
  {
    columns: ['renovation_applications', 'renovations_applied', 'renovations_approved', 'renovations_in_progress', 'renovations_completed', 'renovations_rejected'],
    fields: ['renovationsPending', 'renovationsApproved', 'renovationsInProgress', 'renovationsCompleted', 'renovationsRejected', 'renovationSubsidyTotal'],
  },
];

/** Fields to withhold given the guard's hidden columns for one region. */
export function withheldFields(hidden: ReadonlySet<SuppressibleColumn>): Set<keyof HousingStatistics> {
  const fields = new Set<keyof HousingStatistics>();
  for (const group of WITHHELD_TOGETHER) if (group.columns.some((c) => hidden.has(c))) for (const f of group.fields) fields.add(f);
  return fields;
}

/** The statistics with withheld fields replaced by SUPPRESSED errors (GraphQL answers those fields null with the error). */
export function suppress(statistics: HousingStatistics, hidden: ReadonlySet<SuppressibleColumn>): Record<keyof HousingStatistics, number | null | Error> {
  const out: Record<string, number | null | Error> = { ...statistics };
  for (const field of withheldFields(hidden)) out[field] = suppressedError(field);
  return out as Record<keyof HousingStatistics, number | null | Error>;
}
