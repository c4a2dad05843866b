import { sqliteTable, text, integer, real, check, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Structure of a rural dwelling (农房结构类型). */
export const DWELLING_STRUCTURES = ['BRICK_CONCRETE', 'BRICK_WOOD', 'EARTH_WOOD', 'STEEL_FRAME', 'OTHER'] as const;
/** Safety appraisal grade (房屋安全性鉴定等级): C 局部危房, D 整幢危房. */
export const SAFETY_GRADES = ['A', 'B', 'C', 'D'] as const;
/** Grades that make a dwelling dangerous (危房). */
export const DANGEROUS_GRADES = ['C', 'D'] as const;
export const RENOVATION_PRIORITY_GROUPS = [
  'SUBSISTENCE_ALLOWANCE',
  'EXTREME_POVERTY',
  'LOW_INCOME_MARGINAL',
  'POVERTY_MONITORED',
  'POOR_DISABLED',
  'OTHER',
] as const;
export const RENOVATION_METHODS = ['REPAIR', 'REBUILD'] as const;
export const RENOVATION_STATUSES = ['APPLIED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'] as const;
export const SEWAGE_FACILITY_TYPES = ['TOWN_NETWORK', 'VILLAGE_STATION', 'CONSTRUCTED_WETLAND', 'OXIDATION_POND', 'OTHER'] as const;
export const CLEAN_VILLAGE_STATUSES = ['MODEL', 'PASSED', 'IN_PROGRESS', 'FAILED'] as const;

export type DwellingStructure = (typeof DWELLING_STRUCTURES)[number];
export type SafetyGrade = (typeof SAFETY_GRADES)[number];
export type RenovationPriorityGroup = (typeof RENOVATION_PRIORITY_GROUPS)[number];
export type RenovationMethod = (typeof RENOVATION_METHODS)[number];
export type RenovationStatus = (typeof RENOVATION_STATUSES)[number];
export type SewageFacilityType = (typeof SEWAGE_FACILITY_TYPES)[number];
export type CleanVillageStatus = (typeof CLEAN_VILLAGE_STATUSES)[number];

const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL => sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(','))})`;
const isCode = (column: AnySQLiteColumn, digits: number): SQL => sql`length(${column}) = ${sql.raw(String(digits))} AND ${column} NOT GLOB '*[^0-9]*'`;
const isIsoDate = (column: AnySQLiteColumn): SQL => sql`${column} IS NULL OR date(${column}) = ${column}`;

/** Garbage collection service per rural village (生活垃圾收运). */
export const garbageServices = sqliteTable(
  'garbage_services',
  {
    villageCode: text('village_code').primaryKey(),
    covered: integer('covered', { mode: 'boolean' }).notNull(),
    binCount: integer('bin_count').notNull(),
    vehicleCount: integer('vehicle_count').notNull(),
    collectionsPerWeek: integer('collections_per_week').notNull(),
  },
  (t) => [
    check('garbage_services_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('garbage_services_counts', sql`${t.binCount} >= 0 AND ${t.vehicleCount} >= 0 AND ${t.collectionsPerWeek} BETWEEN 0 AND 14`),
    check('garbage_services_uncovered_not_collected', sql`${t.covered} = 1 OR (${t.vehicleCount} = 0 AND ${t.collectionsPerWeek} = 0)`),
  ],
);

/** Township garbage transfer stations (乡镇垃圾中转站). */
export const transferStations = sqliteTable(
  'transfer_stations',
  {
    id: text('id').primaryKey(),
    townshipCode: text('township_code').notNull(),
    name: text('name').notNull(),
    capacityTonsPerDay: real('capacity_tons_per_day').notNull(),
    commissionedYear: integer('commissioned_year').notNull(),
  },
  (t) => [
    index('transfer_stations_township_code_idx').on(t.townshipCode, t.id),
    check('transfer_stations_township_code', sql`${isCode(t.townshipCode, 12)} AND ${t.townshipCode} LIKE '%000'`),
    check('transfer_stations_id_in_township', sql`substr(${t.id}, 1, 12) = ${t.townshipCode}`),
    check('transfer_stations_capacity', sql`${t.capacityTonsPerDay} > 0`),
    check('transfer_stations_year', sql`${t.commissionedYear} BETWEEN 1990 AND 2100`),
  ],
);

/** Rural domestic sewage treatment per village (农村生活污水治理). */
export const sewageFacilities = sqliteTable(
  'sewage_facilities',
  {
    villageCode: text('village_code').primaryKey(),
    hasFacility: integer('has_facility', { mode: 'boolean' }).notNull(),
    facilityType: text('facility_type', { enum: SEWAGE_FACILITY_TYPES }),
    capacityCubicMetersPerDay: real('capacity_cubic_meters_per_day'),
    commissionedYear: integer('commissioned_year'),
    working: integer('working', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    check('sewage_facilities_code', isCode(t.villageCode, 12)),
    check('sewage_facilities_type_valid', sql`${t.facilityType} IS NULL OR ${oneOf(t.facilityType, SEWAGE_FACILITY_TYPES)}`),
    // A facility has a type, capacity and year; no facility has none and cannot be working.
    check(
      'sewage_facilities_consistent',
      sql`(${t.hasFacility} = 1 AND ${t.facilityType} IS NOT NULL AND ${t.capacityCubicMetersPerDay} > 0 AND ${t.commissionedYear} IS NOT NULL)
        OR (${t.hasFacility} = 0 AND ${t.facilityType} IS NULL AND ${t.capacityCubicMetersPerDay} IS NULL AND ${t.commissionedYear} IS NULL AND ${t.working} = 0)`,
    ),
  ],
);

/** Village appearance (村容村貌): greening and the clean-village campaign (村庄清洁行动). */
export const villageAppearances = sqliteTable(
  'village_appearances',
  {
    villageCode: text('village_code').primaryKey(),
    greeningRate: real('greening_rate').notNull(),
    cleanVillageStatus: text('clean_village_status', { enum: CLEAN_VILLAGE_STATUSES }).notNull(),
    inspectedOn: text('inspected_on').notNull(),
  },
  (t) => [
    check('village_appearances_code', isCode(t.villageCode, 12)),
    check('village_appearances_greening_rate', sql`${t.greeningRate} BETWEEN 0 AND 1`),
    check('village_appearances_status_valid', oneOf(t.cleanVillageStatus, CLEAN_VILLAGE_STATUSES)),
    check('village_appearances_inspected_on', isIsoDate(t.inspectedOn)),
  ],
);

/** Rural dwellings (农房) with their safety appraisal. */
export const dwellings = sqliteTable(
  'dwellings',
  {
    /**
     * `<village code>-D<5-digit serial>`; housing's own registration number. Starting with the
     * village code (checked) lets a subtree be an id range too, scanned in id order.
     */
    id: text('id').primaryKey(),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    isMain: integer('is_main', { mode: 'boolean' }).notNull(),
    structure: text('structure', { enum: DWELLING_STRUCTURES }).notNull(),
    buildYear: integer('build_year').notNull(),
    floorAreaSquareMeters: real('floor_area_square_meters').notNull(),
    safetyGrade: text('safety_grade', { enum: SAFETY_GRADES }).notNull(),
    assessedOn: text('assessed_on').notNull(),
  },
  (t) => [
    // One main dwelling per household and at most one secondary (一户一宅, with old houses kept).
    uniqueIndex('dwellings_household_main_idx').on(t.householdId, t.isMain),
    index('dwellings_village_code_idx').on(t.villageCode, t.id),
    index('dwellings_grade_village_idx').on(t.safetyGrade, t.villageCode),
    check('dwellings_village_code', isCode(t.villageCode, 12)),
    check('dwellings_grid_in_village', sql`length(${t.gridCode}) = 15 AND substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
    check('dwellings_id_in_village', sql`substr(${t.id}, 1, 12) = ${t.villageCode}`),
    check('dwellings_structure_valid', oneOf(t.structure, DWELLING_STRUCTURES)),
    check('dwellings_grade_valid', oneOf(t.safetyGrade, SAFETY_GRADES)),
    check('dwellings_build_year', sql`${t.buildYear} BETWEEN 1900 AND 2100`),
    check('dwellings_floor_area', sql`${t.floorAreaSquareMeters} > 0 AND ${t.floorAreaSquareMeters} < 2000`),
    check('dwellings_assessed_on', isIsoDate(t.assessedOn)),
  ],
);

/** Dangerous-house renovation (危房改造) applications; one per dwelling. */
export const renovationApplications = sqliteTable(
  'renovation_applications',
  {
    /** `<village code>-R<4-digit serial>`. */
    id: text('id').primaryKey(),
    dwellingId: text('dwelling_id')
      .notNull()
      .references(() => dwellings.id),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    priorityGroup: text('priority_group', { enum: RENOVATION_PRIORITY_GROUPS }).notNull(),
    gradeAtApplication: text('grade_at_application', { enum: SAFETY_GRADES }).notNull(),
    method: text('method', { enum: RENOVATION_METHODS }).notNull(),
    status: text('status', { enum: RENOVATION_STATUSES }).notNull(),
    subsidyYuan: real('subsidy_yuan'),
    appliedOn: text('applied_on').notNull(),
    decidedOn: text('decided_on'),
    completedOn: text('completed_on'),
  },
  (t) => [
    uniqueIndex('renovation_applications_dwelling_id_idx').on(t.dwellingId),
    index('renovation_applications_household_id_idx').on(t.householdId),
    index('renovation_applications_village_code_idx').on(t.villageCode, t.id),
    index('renovation_applications_status_village_idx').on(t.status, t.villageCode),
    index('renovation_applications_grid_code_idx').on(t.gridCode),
    index('renovation_applications_applied_on_idx').on(t.appliedOn),
    check('renovation_applications_village_code', isCode(t.villageCode, 12)),
    check('renovation_applications_id_in_village', sql`substr(${t.id}, 1, 12) = ${t.villageCode}`),
    check('renovation_applications_grid_in_village', sql`length(${t.gridCode}) = 15 AND substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
    check('renovation_applications_priority_group_valid', oneOf(t.priorityGroup, RENOVATION_PRIORITY_GROUPS)),
    check('renovation_applications_grade_dangerous', oneOf(t.gradeAtApplication, DANGEROUS_GRADES)),
    check('renovation_applications_method_valid', oneOf(t.method, RENOVATION_METHODS)),
    check('renovation_applications_status_valid', oneOf(t.status, RENOVATION_STATUSES)),
    check('renovation_applications_dates', sql`date(${t.appliedOn}) = ${t.appliedOn} AND (${isIsoDate(t.decidedOn)}) AND (${isIsoDate(t.completedOn)})
      AND (${t.decidedOn} IS NULL OR ${t.decidedOn} >= ${t.appliedOn}) AND (${t.completedOn} IS NULL OR ${t.completedOn} >= ${t.decidedOn})`),
    check('renovation_applications_subsidy', sql`${t.subsidyYuan} IS NULL OR ${t.subsidyYuan} > 0`),
    // What each stage has recorded: a decision once approved or rejected, a subsidy once approved, a completion date once completed.
    check(
      'renovation_applications_progress',
      sql`CASE ${t.status}
        WHEN 'APPLIED' THEN ${t.decidedOn} IS NULL AND ${t.completedOn} IS NULL AND ${t.subsidyYuan} IS NULL
        WHEN 'REJECTED' THEN ${t.decidedOn} IS NOT NULL AND ${t.completedOn} IS NULL AND ${t.subsidyYuan} IS NULL
        WHEN 'COMPLETED' THEN ${t.decidedOn} IS NOT NULL AND ${t.completedOn} IS NOT NULL AND ${t.subsidyYuan} IS NOT NULL
        ELSE ${t.decidedOn} IS NOT NULL AND ${t.completedOn} IS NULL AND ${t.subsidyYuan} IS NOT NULL END`,
    ),
  ],
);

/**
 * Region statistics rollup: one row per rural village (garbage, sewage, appearance, dwellings,
 * renovation) or township (transfer stations), every column summable. Filled at the end of the
 * seeder from the rows above; `createSubtreeRollup` sums a region's code range.
 */
export const regionStatistics = sqliteTable(
  'region_statistics',
  {
    regionCode: text('region_code').primaryKey(),
    ruralVillages: integer('rural_villages').notNull(),
    villagesWithGarbageCollection: integer('villages_with_garbage_collection').notNull(),
    garbageBins: integer('garbage_bins').notNull(),
    garbageVehicles: integer('garbage_vehicles').notNull(),
    transferStations: integer('transfer_stations').notNull(),
    villagesWithSewageFacility: integer('villages_with_sewage_facility').notNull(),
    villagesWithSewageTreatment: integer('villages_with_sewage_treatment').notNull(),
    villagesWithAppearance: integer('villages_with_appearance').notNull(),
    greeningRateSum: real('greening_rate_sum').notNull(),
    cleanVillagesPassed: integer('clean_villages_passed').notNull(),
    dwellings: integer('dwellings').notNull(),
    floorAreaSum: real('floor_area_sum').notNull(),
    gradeA: integer('grade_a').notNull(),
    gradeB: integer('grade_b').notNull(),
    gradeC: integer('grade_c').notNull(),
    gradeD: integer('grade_d').notNull(),
    renovationApplications: integer('renovation_applications').notNull(),
    renovationsApplied: integer('renovations_applied').notNull(),
    renovationsApproved: integer('renovations_approved').notNull(),
    renovationsInProgress: integer('renovations_in_progress').notNull(),
    renovationsCompleted: integer('renovations_completed').notNull(),
    renovationsRejected: integer('renovations_rejected').notNull(),
    renovationSubsidyTotal: real('renovation_subsidy_total').notNull(),
  },
  (t) => [check('region_statistics_code', isCode(t.regionCode, 12))],
);

export type GarbageServiceRow = typeof garbageServices.$inferSelect;
export type TransferStationRow = typeof transferStations.$inferSelect;
export type SewageFacilityRow = typeof sewageFacilities.$inferSelect;
export type VillageAppearanceRow = typeof villageAppearances.$inferSelect;
export type DwellingRow = typeof dwellings.$inferSelect;
export type RenovationApplicationRow = typeof renovationApplications.$inferSelect;

/** The shared, append-only, hash-chained log of reads of sensitive fields (renovation applications). */
export { accessLog } from '@village-graph/shared';
