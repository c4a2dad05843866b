import { sqliteTable, text, integer, real, index, uniqueIndex, check, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { sql, type SQL } from 'drizzle-orm';

// Category values, shared by the CHECK constraints, the seeder and the resolvers. The GraphQL enums
// in schema.graphql carry the same values with their Chinese terms.
export const DISPUTE_TYPES = ['MARRIAGE_FAMILY', 'NEIGHBOUR', 'HOUSING_HOMESTEAD', 'LAND_CONTRACT', 'CONTRACT', 'DAMAGES', 'LABOUR', 'OTHER'] as const;
export const DISPUTE_SOURCES = ['PARTY_APPLICATION', 'PROACTIVE_SCREENING', 'REFERRED_BY_AGENCY', 'COURT_ENTRUSTED'] as const;
export const DISPUTE_STATUSES = ['RECEIVED', 'MEDIATING', 'RESOLVED', 'FAILED', 'REFERRED'] as const;
/** A dispute is open (未调结) while it is received or being mediated. */
export const OPEN_DISPUTE_STATUSES = ['RECEIVED', 'MEDIATING'] as const;
export const DISPUTE_PARTY_ROLES = ['APPLICANT', 'RESPONDENT'] as const;
export const DISPUTE_REFERRAL_TARGETS = ['PEOPLES_COURT', 'PUBLIC_SECURITY', 'GOVERNMENT_DEPARTMENT', 'ARBITRATION'] as const;
export const FOLLOW_UP_OUTCOMES = ['FULFILLED', 'PARTIALLY_FULFILLED', 'NOT_FULFILLED'] as const;
export const MEDIATOR_ROLES = ['CHAIR', 'MEMBER'] as const;
export const RULE_OF_LAW_LEVELS = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL'] as const;
export const LEGAL_AID_CASE_TYPES = [
  'WAGE_ARREARS', 'MARRIAGE_FAMILY', 'SUPPORT_PAYMENTS', 'PERSONAL_INJURY', 'TRAFFIC_ACCIDENT', 'LAND_CONTRACT', 'CRIMINAL_DEFENCE', 'OTHER',
] as const;
export const LEGAL_AID_CASE_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'CLOSED'] as const;
export const COMMUNITY_CORRECTION_TYPES = ['CONTROL', 'PROBATION', 'PAROLE', 'TEMPORARY_SERVICE_OUTSIDE_PRISON'] as const;
export const COMMUNITY_CORRECTION_STATUSES = ['ACTIVE', 'COMPLETED', 'REVOKED'] as const;
export const PLACEMENT_STATUSES = ['PLACED', 'PENDING', 'LOST_CONTACT'] as const;

export type DisputeType = (typeof DISPUTE_TYPES)[number];
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const twelveDigits = (column: AnySQLiteColumn): SQL => sql`length(${column}) = 12 AND ${column} NOT GLOB '*[^0-9]*'`;
const isoDate = (column: AnySQLiteColumn): SQL => sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`;

/** People's mediation committees (人民调解委员会), one per rural village. */
export const mediationCommittees = sqliteTable(
  'mediation_committees',
  {
    villageCode: text('village_code').primaryKey(),
    name: text('name').notNull(),
    /** Equals the number of its rows in `mediators` (the seeder writes both from one draw). */
    mediatorCount: integer('mediator_count').notNull(),
    establishedYear: integer('established_year').notNull(),
  },
  (t) => [
    check('mediation_committees_code_is_12_digits', sql`length(${t.villageCode}) = 12`),
    check('mediation_committees_size', sql`${t.mediatorCount} >= 3`),
  ],
);

/** People's mediators (人民调解员) on a village committee; exactly one chair per committee. */
export const mediators = sqliteTable(
  'mediators',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull().references(() => mediationCommittees.villageCode),
    name: text('name').notNull(),
    role: text('role', { enum: MEDIATOR_ROLES }).notNull(),
    appointedYear: integer('appointed_year').notNull(),
  },
  (t) => [
    index('mediators_village_code_idx').on(t.villageCode, t.id),
    uniqueIndex('mediators_one_chair_per_committee').on(t.villageCode).where(sql`role = 'CHAIR'`),
    check('mediators_role_valid', oneOf(t.role, MEDIATOR_ROLES)),
    check('mediators_appointed_year', sql`${t.appointedYear} BETWEEN 1980 AND 2022`),
  ],
);

/**
 * Disputes (矛盾纠纷) taken up by a village's mediation committee. The id is the case number
 * `<village code>-<year received>-<serial>`, so id order is village order, then receipt order.
 */
export const disputes = sqliteTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull(),
    /** Grid (网格) where the dispute arose: the applicant household's grid when it was registered. */
    gridCode: text('grid_code').notNull(),
    type: text('type', { enum: DISPUTE_TYPES }).notNull(),
    source: text('source', { enum: DISPUTE_SOURCES }).notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull(),
    receivedOn: text('received_on').notNull(),
    mediatorId: text('mediator_id').references(() => mediators.id),
    summary: text('summary').notNull(),
    /** Date mediation ended (resolved, failed or referred). */
    closedOn: text('closed_on'),
    agreementText: text('agreement_text'),
    /** Money agreed to change hands, yuan; null when the agreement involves none. */
    agreementAmountYuan: integer('agreement_amount_yuan'),
    referredTo: text('referred_to', { enum: DISPUTE_REFERRAL_TARGETS }),
    followedUpOn: text('followed_up_on'),
    followUpOutcome: text('follow_up_outcome', { enum: FOLLOW_UP_OUTCOMES }),
  },
  (t) => [
    index('disputes_village_code_idx').on(t.villageCode, t.id),
    // Open disputes are few and read often (village dashboards, grid rosters).
    index('disputes_open_idx').on(t.villageCode, t.id).where(sql`status IN ('RECEIVED', 'MEDIATING')`),
    index('disputes_grid_code_idx').on(t.gridCode, t.id),
    index('disputes_mediator_id_idx').on(t.mediatorId),
    check('disputes_village_code', twelveDigits(t.villageCode)),
    check('disputes_id_is_case_number', sql`${t.id} GLOB (${t.villageCode} || '-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]*')`),
    check('disputes_grid_in_village', sql`length(${t.gridCode}) = 15 AND substr(${t.gridCode}, 1, 12) = ${t.villageCode}`),
    check('disputes_type_valid', oneOf(t.type, DISPUTE_TYPES)),
    check('disputes_source_valid', oneOf(t.source, DISPUTE_SOURCES)),
    check('disputes_status_valid', oneOf(t.status, DISPUTE_STATUSES)),
    check('disputes_received_on', sql`${isoDate(t.receivedOn)} AND ${t.receivedOn} BETWEEN '2020-01-01' AND '2022-12-31'`),
    check('disputes_mediator_once_mediating', sql`${t.status} = 'RECEIVED' OR ${t.mediatorId} IS NOT NULL`),
    check('disputes_closed_iff_not_open', sql`(${t.closedOn} IS NULL) = (${t.status} IN ('RECEIVED', 'MEDIATING'))`),
    check('disputes_closed_after_received', sql`${t.closedOn} IS NULL OR (${isoDate(t.closedOn)} AND ${t.closedOn} >= ${t.receivedOn})`),
    check('disputes_agreement_iff_resolved', sql`(${t.agreementText} IS NOT NULL) = (${t.status} = 'RESOLVED')`),
    check('disputes_amount_with_agreement', sql`${t.agreementAmountYuan} IS NULL OR (${t.agreementText} IS NOT NULL AND ${t.agreementAmountYuan} >= 0)`),
    check('disputes_referral_iff_referred', sql`(${t.referredTo} IS NOT NULL) = (${t.status} = 'REFERRED')`),
    check('disputes_referral_target_valid', sql`${t.referredTo} IS NULL OR ${oneOf(t.referredTo, DISPUTE_REFERRAL_TARGETS)}`),
    check('disputes_follow_up_complete', sql`(${t.followedUpOn} IS NULL) = (${t.followUpOutcome} IS NULL)`),
    check('disputes_follow_up_after_agreement', sql`${t.followedUpOn} IS NULL OR (${t.status} = 'RESOLVED' AND ${isoDate(t.followedUpOn)} AND ${t.followedUpOn} >= ${t.closedOn})`),
    check('disputes_follow_up_outcome_valid', sql`${t.followUpOutcome} IS NULL OR ${oneOf(t.followUpOutcome, FOLLOW_UP_OUTCOMES)}`),
  ],
);

/** Parties to a dispute: residents (by civil affairs' key) with their household at the time. */
export const disputeParties = sqliteTable(
  'dispute_parties',
  {
    disputeId: text('dispute_id').notNull().references(() => disputes.id),
    residentId: text('resident_id').notNull(),
    householdId: text('household_id').notNull(),
    role: text('role', { enum: DISPUTE_PARTY_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.disputeId, t.residentId] }),
    index('dispute_parties_resident_id_idx').on(t.residentId, t.disputeId),
    index('dispute_parties_household_id_idx').on(t.householdId, t.disputeId),
    check('dispute_parties_role_valid', oneOf(t.role, DISPUTE_PARTY_ROLES)),
  ],
);

/** Lawyers serving as village legal advisers (一村一法律顾问); one lawyer serves several villages. */
export const legalAdvisers = sqliteTable(
  'legal_advisers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    lawFirm: text('law_firm').notNull(),
    /** County (县市区) where the lawyer's firm practises. */
    countyCode: text('county_code').notNull(),
  },
  (t) => [index('legal_advisers_county_code_idx').on(t.countyCode, t.id), check('legal_advisers_county_code', twelveDigits(t.countyCode))],
);

/** Which lawyer advises which village. */
export const villageLegalAdvisers = sqliteTable(
  'village_legal_advisers',
  {
    villageCode: text('village_code').primaryKey(),
    adviserId: text('adviser_id').notNull().references(() => legalAdvisers.id),
    contractedYear: integer('contracted_year').notNull(),
  },
  (t) => [
    index('village_legal_advisers_adviser_id_idx').on(t.adviserId, t.villageCode),
    check('village_legal_advisers_village_code', twelveDigits(t.villageCode)),
    check('village_legal_advisers_year', sql`${t.contractedYear} BETWEEN 2014 AND 2022`),
  ],
);

/** Legal-aid contact points (法律援助联络点), one per township, usually in its judicial office (司法所). */
export const legalAidContactPoints = sqliteTable(
  'legal_aid_contact_points',
  {
    townshipCode: text('township_code').primaryKey(),
    name: text('name').notNull(),
    establishedYear: integer('established_year').notNull(),
  },
  (t) => [
    check('legal_aid_contact_points_township_code', sql`${twelveDigits(t.townshipCode)} AND substr(${t.townshipCode}, 10, 3) = '000'`),
    check('legal_aid_contact_points_year', sql`${t.establishedYear} BETWEEN 2000 AND 2022`),
  ],
);

/** Legal-aid cases (法律援助案件) of rural residents, taken in through their township's contact point. */
export const legalAidCases = sqliteTable(
  'legal_aid_cases',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull(),
    townshipCode: text('township_code').notNull().references(() => legalAidContactPoints.townshipCode),
    residentId: text('resident_id').notNull(),
    householdId: text('household_id').notNull(),
    type: text('type', { enum: LEGAL_AID_CASE_TYPES }).notNull(),
    status: text('status', { enum: LEGAL_AID_CASE_STATUSES }).notNull(),
    acceptedOn: text('accepted_on').notNull(),
    closedOn: text('closed_on'),
  },
  (t) => [
    index('legal_aid_cases_village_code_idx').on(t.villageCode, t.id),
    index('legal_aid_cases_township_code_idx').on(t.townshipCode),
    index('legal_aid_cases_resident_id_idx').on(t.residentId, t.id),
    index('legal_aid_cases_household_id_idx').on(t.householdId),
    check('legal_aid_cases_village_code', twelveDigits(t.villageCode)),
    check('legal_aid_cases_village_in_township', sql`substr(${t.villageCode}, 1, 9) = substr(${t.townshipCode}, 1, 9)`),
    check('legal_aid_cases_id_prefix', sql`substr(${t.id}, 1, 12) = ${t.villageCode}`),
    check('legal_aid_cases_type_valid', oneOf(t.type, LEGAL_AID_CASE_TYPES)),
    check('legal_aid_cases_status_valid', oneOf(t.status, LEGAL_AID_CASE_STATUSES)),
    check('legal_aid_cases_accepted_on', sql`${isoDate(t.acceptedOn)} AND ${t.acceptedOn} BETWEEN '2020-01-01' AND '2022-12-31'`),
    check('legal_aid_cases_closed_iff_closed', sql`(${t.closedOn} IS NOT NULL) = (${t.status} = 'CLOSED')`),
    check('legal_aid_cases_closed_after_accepted', sql`${t.closedOn} IS NULL OR (${isoDate(t.closedOn)} AND ${t.closedOn} >= ${t.acceptedOn})`),
  ],
);

/** Community correction (社区矫正) of residents; at most one record per resident. */
export const communityCorrections = sqliteTable(
  'community_corrections',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull(),
    residentId: text('resident_id').notNull(),
    householdId: text('household_id').notNull(),
    type: text('type', { enum: COMMUNITY_CORRECTION_TYPES }).notNull(),
    status: text('status', { enum: COMMUNITY_CORRECTION_STATUSES }).notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
  },
  (t) => [
    index('community_corrections_village_code_idx').on(t.villageCode, t.id),
    uniqueIndex('community_corrections_resident_id_unique').on(t.residentId),
    index('community_corrections_household_id_idx').on(t.householdId),
    check('community_corrections_village_code', twelveDigits(t.villageCode)),
    check('community_corrections_id_prefix', sql`substr(${t.id}, 1, 12) = ${t.villageCode}`),
    check('community_corrections_type_valid', oneOf(t.type, COMMUNITY_CORRECTION_TYPES)),
    check('community_corrections_status_valid', oneOf(t.status, COMMUNITY_CORRECTION_STATUSES)),
    check('community_corrections_dates', sql`${isoDate(t.startsOn)} AND ${isoDate(t.endsOn)} AND ${t.endsOn} > ${t.startsOn}`),
  ],
);

/** Post-release placement and assistance (安置帮教) of people released from prison; one per resident. */
export const postReleasePlacements = sqliteTable(
  'post_release_placements',
  {
    id: text('id').primaryKey(),
    villageCode: text('village_code').notNull(),
    residentId: text('resident_id').notNull(),
    householdId: text('household_id').notNull(),
    releasedOn: text('released_on').notNull(),
    /** End of the five-year assistance period (帮教期). */
    assistanceEndsOn: text('assistance_ends_on').notNull(),
    placementStatus: text('placement_status', { enum: PLACEMENT_STATUSES }).notNull(),
  },
  (t) => [
    index('post_release_placements_village_code_idx').on(t.villageCode, t.id),
    uniqueIndex('post_release_placements_resident_id_unique').on(t.residentId),
    index('post_release_placements_household_id_idx').on(t.householdId),
    check('post_release_placements_village_code', twelveDigits(t.villageCode)),
    check('post_release_placements_id_prefix', sql`substr(${t.id}, 1, 12) = ${t.villageCode}`),
    check('post_release_placements_status_valid', oneOf(t.placementStatus, PLACEMENT_STATUSES)),
    check('post_release_placements_dates', sql`${isoDate(t.releasedOn)} AND ${isoDate(t.assistanceEndsOn)} AND ${t.assistanceEndsOn} > ${t.releasedOn}`),
  ],
);

/** Democracy & rule-of-law model villages (民主法治示范村), at the highest level a village was named. */
export const ruleOfLawModelVillages = sqliteTable(
  'rule_of_law_model_villages',
  {
    villageCode: text('village_code').primaryKey(),
    level: text('level', { enum: RULE_OF_LAW_LEVELS }).notNull(),
    year: integer('year').notNull(),
  },
  (t) => [
    check('rule_of_law_model_villages_village_code', twelveDigits(t.villageCode)),
    check('rule_of_law_model_villages_level_valid', oneOf(t.level, RULE_OF_LAW_LEVELS)),
    check('rule_of_law_model_villages_year', sql`${t.year} BETWEEN 2003 AND 2022`),
  ],
);

/**
 * Pre-aggregated justice figures: one row per village (its committee, disputes, cases…) and per
 * township (its legal-aid contact point). A region's statistics are the sums over its code range.
 * Filled by the seeder from the rows above (`fillRegionStatistics`).
 */
export const regionStatistics = sqliteTable(
  'region_statistics',
  {
    regionCode: text('region_code').primaryKey(),
    villagesWithMediationCommittee: integer('villages_with_mediation_committee').notNull(),
    mediatorCount: integer('mediator_count').notNull(),
    disputeCount: integer('dispute_count').notNull(),
    openDisputeCount: integer('open_dispute_count').notNull(),
    resolvedDisputeCount: integer('resolved_dispute_count').notNull(),
    failedDisputeCount: integer('failed_dispute_count').notNull(),
    referredDisputeCount: integer('referred_dispute_count').notNull(),
    marriageFamilyDisputeCount: integer('marriage_family_dispute_count').notNull(),
    neighbourDisputeCount: integer('neighbour_dispute_count').notNull(),
    housingHomesteadDisputeCount: integer('housing_homestead_dispute_count').notNull(),
    landContractDisputeCount: integer('land_contract_dispute_count').notNull(),
    contractDisputeCount: integer('contract_dispute_count').notNull(),
    damagesDisputeCount: integer('damages_dispute_count').notNull(),
    labourDisputeCount: integer('labour_dispute_count').notNull(),
    otherDisputeCount: integer('other_dispute_count').notNull(),
    followedUpDisputeCount: integer('followed_up_dispute_count').notNull(),
    agreementAmountYuan: real('agreement_amount_yuan').notNull(),
    villagesWithLegalAdviser: integer('villages_with_legal_adviser').notNull(),
    legalAidContactPointCount: integer('legal_aid_contact_point_count').notNull(),
    legalAidCaseCount: integer('legal_aid_case_count').notNull(),
    communityCorrectionCount: integer('community_correction_count').notNull(),
    activeCommunityCorrectionCount: integer('active_community_correction_count').notNull(),
    postReleasePlacementCount: integer('post_release_placement_count').notNull(),
    placedPostReleaseCount: integer('placed_post_release_count').notNull(),
    ruleOfLawModelVillageCount: integer('rule_of_law_model_village_count').notNull(),
    nationalRuleOfLawModelVillageCount: integer('national_rule_of_law_model_village_count').notNull(),
    provincialRuleOfLawModelVillageCount: integer('provincial_rule_of_law_model_village_count').notNull(),
    municipalRuleOfLawModelVillageCount: integer('municipal_rule_of_law_model_village_count').notNull(),
  },
  (t) => [check('region_statistics_region_code', twelveDigits(t.regionCode))],
);

export type MediationCommitteeRow = typeof mediationCommittees.$inferSelect;
export type MediatorRow = typeof mediators.$inferSelect;
export type DisputeRow = typeof disputes.$inferSelect;
export type DisputePartyRow = typeof disputeParties.$inferSelect;
export type LegalAdviserRow = typeof legalAdvisers.$inferSelect;
export type LegalAidContactPointRow = typeof legalAidContactPoints.$inferSelect;
export type LegalAidCaseRow = typeof legalAidCases.$inferSelect;
export type CommunityCorrectionRow = typeof communityCorrections.$inferSelect;
export type PostReleasePlacementRow = typeof postReleasePlacements.$inferSelect;
export type RuleOfLawModelVillageRow = typeof ruleOfLawModelVillages.$inferSelect;
export type RegionStatisticsRow = typeof regionStatistics.$inferSelect;

/** The access log of reads of sensitive personal fields (shared definition; append-only by migration). */
export { accessLog } from '@village-graph/shared';
