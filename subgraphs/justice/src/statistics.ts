import { createSubtreeRollup, type SqliteDatabase } from '@village-graph/shared';
import { DISPUTE_TYPES, type DisputeType } from './db/schema.ts';

/** Summable columns of `region_statistics`, in table order. */
export const STATISTICS_COLUMNS = [
  'villages_with_mediation_committee',
  'mediator_count',
  'dispute_count',
  'open_dispute_count',
  'resolved_dispute_count',
  'failed_dispute_count',
  'referred_dispute_count',
  'marriage_family_dispute_count',
  'neighbour_dispute_count',
  'housing_homestead_dispute_count',
  'land_contract_dispute_count',
  'contract_dispute_count',
  'damages_dispute_count',
  'labour_dispute_count',
  'other_dispute_count',
  'followed_up_dispute_count',
  'agreement_amount_yuan',
  'villages_with_legal_adviser',
  'legal_aid_contact_point_count',
  'legal_aid_case_count',
  'community_correction_count',
  'active_community_correction_count',
  'post_release_placement_count',
  'placed_post_release_count',
  'rule_of_law_model_village_count',
  'national_rule_of_law_model_village_count',
  'provincial_rule_of_law_model_village_count',
  'municipal_rule_of_law_model_village_count',
] as const;

export type StatisticsColumn = (typeof STATISTICS_COLUMNS)[number];
export type StatisticsSums = Record<StatisticsColumn, number>;

const typeColumn = (type: DisputeType) => `${type.toLowerCase()}_dispute_count` as StatisticsColumn;

/**
 * Each source contributes some columns per region (village or township); the rest are zero. The
 * union is summed per region, so a village with a committee and disputes gets one row.
 */
const SOURCES: { columns: Partial<Record<StatisticsColumn, string>>; from: string; region: string }[] = [
  {
    region: 'village_code',
    from: 'mediation_committees',
    columns: { villages_with_mediation_committee: '1' },
  },
  {
    region: 'village_code',
    from: 'mediators GROUP BY village_code',
    columns: { mediator_count: 'count(*)' },
  },
  {
    region: 'village_code',
    from: 'disputes GROUP BY village_code',
    columns: {
      dispute_count: 'count(*)',
      open_dispute_count: "sum(status IN ('RECEIVED', 'MEDIATING'))",
      resolved_dispute_count: "sum(status = 'RESOLVED')",
      failed_dispute_count: "sum(status = 'FAILED')",
      referred_dispute_count: "sum(status = 'REFERRED')",
      ...Object.fromEntries(DISPUTE_TYPES.map((type) => [typeColumn(type), `sum(type = '${type}')`])),
      followed_up_dispute_count: 'count(followed_up_on)',
      agreement_amount_yuan: 'coalesce(sum(agreement_amount_yuan), 0)',
    },
  },
  {
    region: 'village_code',
    from: 'village_legal_advisers',
    columns: { villages_with_legal_adviser: '1' },
  },
  {
    region: 'township_code',
    from: 'legal_aid_contact_points',
    columns: { legal_aid_contact_point_count: '1' },
  },
  {
    region: 'village_code',
    from: 'legal_aid_cases GROUP BY village_code',
    columns: { legal_aid_case_count: 'count(*)' },
  },
  {
    region: 'village_code',
    from: 'community_corrections GROUP BY village_code',
    columns: { community_correction_count: 'count(*)', active_community_correction_count: "sum(status = 'ACTIVE')" },
  },
  {
    region: 'village_code',
    from: 'post_release_placements GROUP BY village_code',
    columns: { post_release_placement_count: 'count(*)', placed_post_release_count: "sum(placement_status = 'PLACED')" },
  },
  {
    region: 'village_code',
    from: 'rule_of_law_model_villages',
    columns: {
      rule_of_law_model_village_count: '1',
      national_rule_of_law_model_village_count: "level = 'NATIONAL'",
      provincial_rule_of_law_model_village_count: "level = 'PROVINCIAL'",
      municipal_rule_of_law_model_village_count: "level = 'MUNICIPAL'",
    },
  },
];

/**
 * Rebuilds `region_statistics` from justice's rows in one INSERT…SELECT…GROUP BY. The seeder runs
 * it last; tests run it over hand-made rows.
 */
export function fillRegionStatistics(sqlite: SqliteDatabase): void {
  const union = SOURCES.map(
    ({ region, from, columns }) =>
      `SELECT ${region} AS region_code, ${STATISTICS_COLUMNS.map((c) => `${columns[c] ?? '0'} AS ${c}`).join(', ')} FROM ${from}`,
  ).join('\n  UNION ALL ');
  sqlite.exec('DELETE FROM region_statistics');
  sqlite.exec(`INSERT INTO region_statistics (region_code, ${STATISTICS_COLUMNS.join(', ')})
  SELECT region_code, ${STATISTICS_COLUMNS.map((c) => `sum(${c})`).join(', ')}
  FROM (${union})
  GROUP BY region_code`);
}

/** Sums per region subtree: one statement for a whole batch of regions. */
export const createStatisticsRollup = (sqlite: SqliteDatabase) =>
  createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: STATISTICS_COLUMNS });

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The GraphQL `JusticeStatistics` object from a subtree's sums (rates from sums, never averaged twice). */
export function toJusticeStatistics(s: StatisticsSums) {
  const closed = s.resolved_dispute_count + s.failed_dispute_count + s.referred_dispute_count;
  return {
    villagesWithMediationCommittee: s.villages_with_mediation_committee,
    mediatorCount: s.mediator_count,
    disputeCount: s.dispute_count,
    openDisputeCount: s.open_dispute_count,
    resolvedDisputeCount: s.resolved_dispute_count,
    failedDisputeCount: s.failed_dispute_count,
    referredDisputeCount: s.referred_dispute_count,
    mediationSuccessRate: share(s.resolved_dispute_count, closed),
    landContractDisputeCount: s.land_contract_dispute_count,
    marriageFamilyDisputeCount: s.marriage_family_dispute_count,
    disputesByType: DISPUTE_TYPES.map((type) => ({ type, count: s[typeColumn(type)] })),
    followedUpDisputeCount: s.followed_up_dispute_count,
    followUpRate: share(s.followed_up_dispute_count, s.resolved_dispute_count),
    agreementAmountYuan: s.agreement_amount_yuan,
    villagesWithLegalAdviser: s.villages_with_legal_adviser,
    legalAidContactPointCount: s.legal_aid_contact_point_count,
    legalAidCaseCount: s.legal_aid_case_count,
    communityCorrectionCount: s.community_correction_count,
    activeCommunityCorrectionCount: s.active_community_correction_count,
    postReleasePlacementCount: s.post_release_placement_count,
    placedPostReleaseCount: s.placed_post_release_count,
    placementRate: share(s.placed_post_release_count, s.post_release_placement_count),
    ruleOfLawModelVillageCount: s.rule_of_law_model_village_count,
    nationalRuleOfLawModelVillageCount: s.national_rule_of_law_model_village_count,
    provincialRuleOfLawModelVillageCount: s.provincial_rule_of_law_model_village_count,
    municipalRuleOfLawModelVillageCount: s.municipal_rule_of_law_model_village_count,
  };
}

export const ZERO_SUMS: StatisticsSums = Object.fromEntries(STATISTICS_COLUMNS.map((c) => [c, 0])) as StatisticsSums;
