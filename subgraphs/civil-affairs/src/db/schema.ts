import { sqliteTable, text, integer, index, uniqueIndex, check, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql, type SQL } from 'drizzle-orm';

/** `column IN ('A','B',…)` for a CHECK constraint over an enum's values (trusted constants only). */
const oneOf = (column: SQL | unknown, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(','))})`;
const isBoolean = (column: unknown) => sql`${column} IN (0, 1)`;
const isIsoDate = (column: unknown) => sql`${column} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`;
const isRegionCode = (column: unknown) => sql`length(${column}) = 12 AND ${column} NOT GLOB '*[^0-9]*'`;

export const SEXES = ['MALE', 'FEMALE'] as const;
export const ETHNICITIES = ['HAN', 'KOREAN', 'MANCHU', 'MONGOL', 'HUI', 'OTHER'] as const;
export const HOUSEHOLD_RELATIONS = ['HEAD', 'SPOUSE', 'CHILD', 'CHILD_IN_LAW', 'GRANDCHILD', 'PARENT', 'SIBLING', 'OTHER'] as const;
export const ASSISTANCE_CATEGORIES = ['SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY_DISPERSED', 'EXTREME_POVERTY_CENTRALIZED', 'LOW_INCOME_MARGINAL'] as const;
export const CARE_CATEGORIES = [
  'LEFT_BEHIND_CHILD', 'DISTRESSED_CHILD', 'DEFACTO_UNSUPPORTED_CHILD', 'LEFT_BEHIND_WOMAN', 'LEFT_BEHIND_ELDERLY', 'SOLITARY_ELDERLY',
] as const;
export const GRID_WORKER_ROLES = ['LEADER', 'WORKER'] as const;
export const COMMITTEE_ROLES = ['SECRETARY_AND_DIRECTOR', 'DIRECTOR', 'DEPUTY_DIRECTOR', 'MEMBER'] as const;
export const EDUCATION_LEVELS = ['PRIMARY_OR_BELOW', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'COLLEGE', 'BACHELOR_OR_ABOVE'] as const;
export const SUBCOMMITTEE_TYPES = ['MEDIATION', 'PUBLIC_HEALTH', 'SECURITY', 'WOMEN_AND_CHILDREN'] as const;
export const ELDERLY_FACILITY_TYPES = ['ELDERLY_COURTYARD', 'MUTUAL_AID_STATION', 'RURAL_WELFARE_CENTRE'] as const;
export const SOCIAL_ORGANISATION_TYPES = [
  'ELDERLY_ASSOCIATION', 'VOLUNTEER_SERVICE', 'CULTURE_AND_SPORTS', 'CHARITY', 'CUSTOMS_COUNCIL', 'MUTUAL_AID', 'OTHER',
] as const;
export const DISCLOSURE_CATEGORIES = ['FINANCE', 'COLLECTIVE_ASSETS', 'PROJECTS', 'SOCIAL_ASSISTANCE', 'POLICIES', 'DECISIONS', 'OTHER'] as const;
export const DISCLOSURE_CHANNELS = ['NOTICE_BOARD', 'ONLINE', 'VILLAGERS_MEETING'] as const;
export const DELIBERATION_TOPICS = ['INFRASTRUCTURE', 'LAND', 'COLLECTIVE_ECONOMY', 'PUBLIC_SERVICES', 'ENVIRONMENT', 'SOCIAL_ASSISTANCE', 'OTHER'] as const;
export const DELIBERATION_FORMS = ['VILLAGERS_ASSEMBLY', 'REPRESENTATIVES_MEETING', 'DELIBERATION_COUNCIL', 'HEARING'] as const;
export const DELIBERATION_OUTCOMES = ['AGREED', 'AGREED_WITH_CHANGES', 'DEFERRED', 'REJECTED'] as const;

/** The region tree (行政区划), loaded from the real statistical division codes. */
export const regions = sqliteTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [
    index('regions_parent_code_idx').on(t.parentCode, t.code),
    index('regions_level_idx').on(t.level, t.code),
    check('regions_code_is_12_digits', sql`length(${t.code}) = 12 AND ${t.code} NOT GLOB '*[^0-9]*'`),
    check('regions_level_valid', sql`${t.level} IN ('PROVINCE','CITY','COUNTY','TOWNSHIP','VILLAGE')`),
  ],
);

/** Grids (网格): `<village code><3-digit serial>`. */
export const grids = sqliteTable(
  'grids',
  {
    code: text('code').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    serial: integer('serial').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    uniqueIndex('grids_village_serial_uq').on(t.villageCode, t.serial),
    index('grids_village_code_idx').on(t.villageCode, t.code),
    check('grids_code_shape', sql`length(${t.code}) = 15 AND ${t.code} NOT GLOB '*[^0-9]*' AND substr(${t.code}, 1, 12) = ${t.villageCode}`),
    check('grids_serial_matches_code', sql`${t.serial} BETWEEN 1 AND 999 AND CAST(substr(${t.code}, 13, 3) AS INTEGER) = ${t.serial}`),
  ],
);

/** Grid leaders (网格长) and grid workers (网格员); exactly one leader per grid at most. */
export const gridWorkers = sqliteTable(
  'grid_workers',
  {
    id: text('id').primaryKey(),
    gridCode: text('grid_code').notNull().references(() => grids.code),
    villageCode: text('village_code').notNull(),
    role: text('role', { enum: GRID_WORKER_ROLES }).notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
  },
  (t) => [
    index('grid_workers_grid_code_idx').on(t.gridCode, t.role, t.id),
    index('grid_workers_village_code_idx').on(t.villageCode, t.id),
    uniqueIndex('grid_workers_one_leader_uq').on(t.gridCode).where(sql`${t.role} = 'LEADER'`),
    check('grid_workers_role_valid', oneOf(t.role, GRID_WORKER_ROLES)),
    check('grid_workers_sex_valid', oneOf(t.sex, SEXES)),
    check('grid_workers_village_matches_grid', sql`substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
  ],
);

/** Households (户) with their social-assistance status (sensitive). */
export const households = sqliteTable(
  'households',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    gridCode: text('grid_code').notNull().references(() => grids.code),
    assistance: text('assistance', { enum: ASSISTANCE_CATEGORIES }),
    memberCount: integer('member_count').notNull(),
  },
  (t) => [
    index('households_village_code_idx').on(t.villageCode, t.id),
    index('households_grid_code_idx').on(t.gridCode, t.id),
    index('households_assistance_idx').on(t.assistance, t.villageCode).where(sql`${t.assistance} IS NOT NULL`),
    check('households_assistance_valid', sql`${t.assistance} IS NULL OR ${oneOf(t.assistance, ASSISTANCE_CATEGORIES)}`),
    check('households_member_count', sql`${t.memberCount} >= 1`),
    check('households_village_matches_grid', sql`substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
  ],
);

/**
 * Residents (人). `village_code` and `grid_code` repeat the household's so that region and grid
 * lists are one index range scan; `ordinal` is the position in the household (0 = head).
 */
export const residents = sqliteTable(
  'residents',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id').notNull().references(() => households.id),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    birthDate: text('birth_date').notNull(),
    idNumber: text('id_number').notNull(),
    ethnicity: text('ethnicity', { enum: ETHNICITIES }).notNull(),
    relation: text('relation', { enum: HOUSEHOLD_RELATIONS }).notNull(),
    workingAway: integer('working_away', { mode: 'boolean' }).notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull(),
    registeredVolunteer: integer('registered_volunteer', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    uniqueIndex('residents_household_ordinal_uq').on(t.householdId, t.ordinal),
    uniqueIndex('residents_id_number_uq').on(t.idNumber),
    index('residents_village_code_idx').on(t.villageCode, t.id),
    index('residents_grid_code_idx').on(t.gridCode, t.id),
    check('residents_sex_valid', oneOf(t.sex, SEXES)),
    check('residents_ethnicity_valid', oneOf(t.ethnicity, ETHNICITIES)),
    check('residents_relation_valid', oneOf(t.relation, HOUSEHOLD_RELATIONS)),
    check('residents_birth_date_iso', isIsoDate(t.birthDate)),
    check('residents_id_number_shape', sql`length(${t.idNumber}) = 18 AND substr(${t.idNumber}, 1, 17) NOT GLOB '*[^0-9]*'`),
    check('residents_flags', sql`${isBoolean(t.workingAway)} AND ${isBoolean(t.disabled)} AND ${isBoolean(t.registeredVolunteer)}`),
    check('residents_village_matches_grid', sql`substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
  ],
);

/** Care categories (三留守, 困境儿童, 事实无人抚养儿童, 独居老人) a resident is registered under. */
export const residentCareCategories = sqliteTable(
  'resident_care_categories',
  {
    residentId: text('resident_id').notNull().references(() => residents.id),
    category: text('category', { enum: CARE_CATEGORIES }).notNull(),
    villageCode: text('village_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.residentId, t.category] }),
    index('resident_care_categories_village_code_idx').on(t.category, t.villageCode, t.residentId),
    check('resident_care_categories_valid', oneOf(t.category, CARE_CATEGORIES)),
    check('resident_care_categories_village_code', isRegionCode(t.villageCode)),
  ],
);

/** Village committee (村委会) members. At most one head (secretary-and-director or director) per village. */
export const committeeMembers = sqliteTable(
  'committee_members',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    role: text('role', { enum: COMMITTEE_ROLES }).notNull(),
    age: integer('age').notNull(),
    education: text('education', { enum: EDUCATION_LEVELS }).notNull(),
  },
  (t) => [
    uniqueIndex('committee_members_village_ordinal_uq').on(t.villageCode, t.ordinal),
    uniqueIndex('committee_members_one_head_uq').on(t.villageCode).where(sql`${t.role} IN ('SECRETARY_AND_DIRECTOR','DIRECTOR')`),
    check('committee_members_role_valid', oneOf(t.role, COMMITTEE_ROLES)),
    check('committee_members_sex_valid', oneOf(t.sex, SEXES)),
    check('committee_members_education_valid', oneOf(t.education, EDUCATION_LEVELS)),
    check('committee_members_age', sql`${t.age} BETWEEN 18 AND 80`),
  ],
);

/** The four sub-committees (下属委员会) of a village committee: one of each type per village at most. */
export const subcommittees = sqliteTable(
  'subcommittees',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    type: text('type', { enum: SUBCOMMITTEE_TYPES }).notNull(),
    chairName: text('chair_name').notNull(),
    memberCount: integer('member_count').notNull(),
  },
  (t) => [
    uniqueIndex('subcommittees_village_type_uq').on(t.villageCode, t.type),
    check('subcommittees_type_valid', oneOf(t.type, SUBCOMMITTEE_TYPES)),
    check('subcommittees_member_count', sql`${t.memberCount} >= 1`),
  ],
);

/** Village rules (村规民约). No UNIQUE on the village: the rollup checks 一村一规 rather than assuming it. */
export const villageRules = sqliteTable(
  'village_rules',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    title: text('title').notNull(),
    adoptedOn: text('adopted_on').notNull(),
    revisedOn: text('revised_on'),
    articleCount: integer('article_count').notNull(),
    filedWithTownship: integer('filed_with_township', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    index('village_rules_village_code_idx').on(t.villageCode, t.id),
    check('village_rules_dates', sql`${isIsoDate(t.adoptedOn)} AND (${t.revisedOn} IS NULL OR (${isIsoDate(t.revisedOn)} AND ${t.revisedOn} >= ${t.adoptedOn}))`),
    check('village_rules_articles', sql`${t.articleCount} >= 1`),
    check('village_rules_filed', isBoolean(t.filedWithTownship)),
  ],
);

/** Village party-and-mass service centre (村级综合服务中心): one per village. */
export const serviceCentres = sqliteTable(
  'service_centres',
  {
    villageCode: text('village_code').primaryKey().references(() => regions.code),
    areaSquareMeters: integer('area_square_meters').notNull(),
    builtYear: integer('built_year').notNull(),
  },
  (t) => [check('service_centres_area', sql`${t.areaSquareMeters} > 0`), check('service_centres_year', sql`${t.builtYear} BETWEEN 1980 AND 2022`)],
);

/** Village child directors (儿童主任): one per rural village. */
export const childDirectors = sqliteTable(
  'child_directors',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    concurrentlyCommitteeMember: integer('concurrently_committee_member', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    uniqueIndex('child_directors_village_code_uq').on(t.villageCode),
    check('child_directors_sex_valid', oneOf(t.sex, SEXES)),
    check('child_directors_flag', isBoolean(t.concurrentlyCommitteeMember)),
  ],
);

/** Township child supervisors (儿童督导员). */
export const childSupervisors = sqliteTable(
  'child_supervisors',
  {
    id: text('id').primaryKey(),
    townshipCode: text('township_code').notNull().references(() => regions.code),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
  },
  (t) => [index('child_supervisors_township_code_idx').on(t.townshipCode, t.id), check('child_supervisors_sex_valid', oneOf(t.sex, SEXES))],
);

/** Township social-work stations (乡镇社工站): at most one per township. */
export const socialWorkStations = sqliteTable(
  'social_work_stations',
  {
    id: text('id').primaryKey(),
    townshipCode: text('township_code').notNull().references(() => regions.code),
    name: text('name').notNull(),
    socialWorkerCount: integer('social_worker_count').notNull(),
    openedYear: integer('opened_year').notNull(),
  },
  (t) => [
    uniqueIndex('social_work_stations_township_code_uq').on(t.townshipCode),
    check('social_work_stations_workers', sql`${t.socialWorkerCount} >= 1`),
    check('social_work_stations_year', sql`${t.openedYear} BETWEEN 2000 AND 2022`),
  ],
);

/**
 * Elderly facilities: elderly courtyards (养老大院) and mutual-aid stations (互助站点) belong to a
 * village; rural welfare centres (农村福利中心) to a township. `region_code` is the owner;
 * `township_code` serves the nearest-courtyard lookup.
 */
export const elderlyFacilities = sqliteTable(
  'elderly_facilities',
  {
    id: text('id').primaryKey(),
    type: text('type', { enum: ELDERLY_FACILITY_TYPES }).notNull(),
    regionCode: text('region_code').notNull().references(() => regions.code),
    townshipCode: text('township_code').notNull().references(() => regions.code),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    openedYear: integer('opened_year').notNull(),
  },
  (t) => [
    index('elderly_facilities_region_code_idx').on(t.regionCode, t.id),
    index('elderly_facilities_township_code_idx').on(t.townshipCode, t.type, t.id),
    check('elderly_facilities_type_valid', oneOf(t.type, ELDERLY_FACILITY_TYPES)),
    check(
      'elderly_facilities_owner_level',
      sql`(${t.type} = 'RURAL_WELFARE_CENTRE') = (substr(${t.regionCode}, 10, 3) = '000') AND substr(${t.regionCode}, 1, 9) || '000' = ${t.townshipCode}`,
    ),
    check('elderly_facilities_capacity', sql`${t.capacity} >= 1`),
    check('elderly_facilities_year', sql`${t.openedYear} BETWEEN 1980 AND 2022`),
  ],
);

/** Community social organisations (社区社会组织) registered or filed in a village. */
export const socialOrganisations = sqliteTable(
  'social_organisations',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    name: text('name').notNull(),
    type: text('type', { enum: SOCIAL_ORGANISATION_TYPES }).notNull(),
    memberCount: integer('member_count').notNull(),
  },
  (t) => [
    index('social_organisations_village_code_idx').on(t.villageCode, t.id),
    check('social_organisations_type_valid', oneOf(t.type, SOCIAL_ORGANISATION_TYPES)),
    check('social_organisations_members', sql`${t.memberCount} >= 3`),
  ],
);

/** National pilot villages for deliberation (全国村级议事协商创新实验试点). */
export const deliberationPilotVillages = sqliteTable(
  'deliberation_pilot_villages',
  {
    villageCode: text('village_code').primaryKey().references(() => regions.code),
    designatedYear: integer('designated_year').notNull(),
  },
  (t) => [check('deliberation_pilot_villages_year', sql`${t.designatedYear} BETWEEN 2015 AND 2022`)],
);

/** Village affairs disclosures (村务公开): public notices. */
export const disclosures = sqliteTable(
  'disclosures',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    publishedOn: text('published_on').notNull(),
    category: text('category', { enum: DISCLOSURE_CATEGORIES }).notNull(),
    channel: text('channel', { enum: DISCLOSURE_CHANNELS }).notNull(),
    title: text('title').notNull(),
  },
  (t) => [
    index('disclosures_village_code_idx').on(t.villageCode, t.id),
    check('disclosures_category_valid', oneOf(t.category, DISCLOSURE_CATEGORIES)),
    check('disclosures_channel_valid', oneOf(t.channel, DISCLOSURE_CHANNELS)),
    check('disclosures_published_on_iso', isIsoDate(t.publishedOn)),
  ],
);

/** Village deliberations (议事协商): matters discussed and their outcome. */
export const deliberations = sqliteTable(
  'deliberations',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => regions.code),
    heldOn: text('held_on').notNull(),
    topic: text('topic', { enum: DELIBERATION_TOPICS }).notNull(),
    form: text('form', { enum: DELIBERATION_FORMS }).notNull(),
    subject: text('subject').notNull(),
    participantCount: integer('participant_count').notNull(),
    outcome: text('outcome', { enum: DELIBERATION_OUTCOMES }).notNull(),
  },
  (t) => [
    index('deliberations_village_code_idx').on(t.villageCode, t.id),
    check('deliberations_topic_valid', oneOf(t.topic, DELIBERATION_TOPICS)),
    check('deliberations_form_valid', oneOf(t.form, DELIBERATION_FORMS)),
    check('deliberations_outcome_valid', oneOf(t.outcome, DELIBERATION_OUTCOMES)),
    check('deliberations_held_on_iso', isIsoDate(t.heldOn)),
    check('deliberations_participants', sql`${t.participantCount} >= 3`),
  ],
);

/**
 * Region statistics rollup: one row per rural village and per township, with summable columns.
 * Filled by the seeder from the rows above; `createSubtreeRollup` sums a region's code range.
 */
export const regionStatistics = sqliteTable(
  'region_statistics',
  {
    regionCode: text('region_code').primaryKey().references(() => regions.code),
    ruralVillageCount: integer('rural_village_count').notNull(),
    townshipCount: integer('township_count').notNull(),
    householdCount: integer('household_count').notNull(),
    residentCount: integer('resident_count').notNull(),
    residentsAged60OrOver: integer('residents_aged_60_or_over').notNull(),
    childCount: integer('child_count').notNull(),
    workingAwayCount: integer('working_away_count').notNull(),
    committeeMemberCount: integer('committee_member_count').notNull(),
    committeeMembersUnder55: integer('committee_members_under_55').notNull(),
    committeeMemberAgeSum: integer('committee_member_age_sum').notNull(),
    committeeMembersWithCollegeEducation: integer('committee_members_with_college_education').notNull(),
    committeeMembersFemale: integer('committee_members_female').notNull(),
    villagesWithAllFourSubcommittees: integer('villages_with_all_four_subcommittees').notNull(),
    villagesWithExactlyOneVillageRule: integer('villages_with_exactly_one_village_rule').notNull(),
    gridCount: integer('grid_count').notNull(),
    gridWorkerCount: integer('grid_worker_count').notNull(),
    serviceCentreCount: integer('service_centre_count').notNull(),
    serviceCentreAreaSquareMeters: integer('service_centre_area_square_meters').notNull(),
    villagesWithServiceCentreOf200SquareMeters: integer('villages_with_service_centre_of_200_square_meters').notNull(),
    villagesMeetingServiceAreaNorm: integer('villages_meeting_service_area_norm').notNull(),
    townshipChildSupervisorCount: integer('township_child_supervisor_count').notNull(),
    villageChildDirectorCount: integer('village_child_director_count').notNull(),
    socialWorkStationCount: integer('social_work_station_count').notNull(),
    leftBehindChildCount: integer('left_behind_child_count').notNull(),
    distressedChildCount: integer('distressed_child_count').notNull(),
    defactoUnsupportedChildCount: integer('defacto_unsupported_child_count').notNull(),
    leftBehindWomanCount: integer('left_behind_woman_count').notNull(),
    leftBehindElderlyCount: integer('left_behind_elderly_count').notNull(),
    solitaryElderlyCount: integer('solitary_elderly_count').notNull(),
    mutualAidStationCount: integer('mutual_aid_station_count').notNull(),
    elderlyCourtyardCount: integer('elderly_courtyard_count').notNull(),
    ruralWelfareCentreCount: integer('rural_welfare_centre_count').notNull(),
    communitySocialOrganisationCount: integer('community_social_organisation_count').notNull(),
    registeredVolunteerCount: integer('registered_volunteer_count').notNull(),
    deliberationPilotVillageCount: integer('deliberation_pilot_village_count').notNull(),
    disclosureCount: integer('disclosure_count').notNull(),
    deliberationCount: integer('deliberation_count').notNull(),
    subsistenceAllowanceHouseholdCount: integer('subsistence_allowance_household_count').notNull(),
    extremePovertyHouseholdCount: integer('extreme_poverty_household_count').notNull(),
    extremePovertyPersonCount: integer('extreme_poverty_person_count').notNull(),
    lowIncomeMarginalHouseholdCount: integer('low_income_marginal_household_count').notNull(),
  },
  (t) => [check('region_statistics_code', isRegionCode(t.regionCode))],
);

export type RegionRow = typeof regions.$inferSelect;
export type GridRow = typeof grids.$inferSelect;
export type GridWorkerRow = typeof gridWorkers.$inferSelect;
export type HouseholdRow = typeof households.$inferSelect;
export type ResidentRow = typeof residents.$inferSelect;
export type CommitteeMemberRow = typeof committeeMembers.$inferSelect;
export type SubcommitteeRow = typeof subcommittees.$inferSelect;
export type VillageRuleRow = typeof villageRules.$inferSelect;
export type ServiceCentreRow = typeof serviceCentres.$inferSelect;
export type ChildDirectorRow = typeof childDirectors.$inferSelect;
export type ChildSupervisorRow = typeof childSupervisors.$inferSelect;
export type SocialWorkStationRow = typeof socialWorkStations.$inferSelect;
export type ElderlyFacilityRow = typeof elderlyFacilities.$inferSelect;
export type SocialOrganisationRow = typeof socialOrganisations.$inferSelect;
export type DisclosureRow = typeof disclosures.$inferSelect;
export type DeliberationRow = typeof deliberations.$inferSelect;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

/** The shared, hash-chained, append-only log of reads of sensitive personal fields (PIPL). */
export { accessLog } from '@village-graph/shared';
