import { createSmallCellGuard, createSubtreeRollup, suppressedError, type SqliteDatabase } from '@village-graph/shared';
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

/**
 * Columns that count people's cases (disputes, legal-aid cases, correction and placement records):
 * small cells of these are suppressed for the public and analysts. Committees, mediators (public
 * officials whose names are published), advisers, contact points and model villages are not.
 */
export const PEOPLE_COLUMNS = [
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
  'legal_aid_case_count',
  'community_correction_count',
  'active_community_correction_count',
  'post_release_placement_count',
  'placed_post_release_count',
] as const satisfies readonly StatisticsColumn[];

export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/**
 * Sums within one region's figures (a total and parts of it). A figure hidden on its own in such a
 * sum could be worked out from the others ("disputes − resolved − failed − referred = open"), so
 * `protectSums` hides more of it. The part left over when parts do not add up to the total (e.g.
 * correction records no longer active) is never published, so it counts as hidden.
 */
const SUMS_WITHIN_REGION: { total: PeopleColumn; parts: PeopleColumn[] }[] = [
  { total: 'dispute_count', parts: ['open_dispute_count', 'resolved_dispute_count', 'failed_dispute_count', 'referred_dispute_count'] },
  { total: 'dispute_count', parts: DISPUTE_TYPES.map(typeColumn) as PeopleColumn[] },
  { total: 'resolved_dispute_count', parts: ['followed_up_dispute_count'] },
  { total: 'community_correction_count', parts: ['active_community_correction_count'] },
  { total: 'post_release_placement_count', parts: ['placed_post_release_count'] },
];

const SMALL = 5;

/**
 * Widens one region's hidden figures until no hidden figure can be derived from that region's
 * other figures: in each sum, hidden cells (the unpublished remainder included) are none, or at
 * least two adding up to 5 or more; a hidden total needs a hidden part. Adds only, to a fixed point.
 */
export function protectSums(values: Record<PeopleColumn, number>, hidden: Set<PeopleColumn>): Set<PeopleColumn> {
  const hideSmallestShown = (parts: PeopleColumn[]): boolean => {
    const next = parts.filter((p) => !hidden.has(p) && values[p] > 0).sort((a, b) => values[a] - values[b] || a.localeCompare(b))[0];
    if (next) hidden.add(next);
    return next !== undefined;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of SUMS_WITHIN_REGION) {
      const rest = values[total] - parts.reduce((sum, p) => sum + values[p], 0);
      const hiddenParts = parts.filter((p) => hidden.has(p));
      if (hidden.has(total)) {
        // A hidden total is the sum of its parts unless one of them is hidden too.
        if (hiddenParts.length === 0 && rest === 0 && values[total] > 0 && hideSmallestShown(parts)) changed = true;
        continue;
      }
      // Hidden cells of the sum: hidden parts and the unpublished remainder.
      const unsafe = () => {
        const hiddenNow = parts.filter((p) => hidden.has(p));
        const cells = [...hiddenNow.map((p) => values[p]), ...(rest > 0 ? [rest] : [])];
        if (cells.length === 0) return false;
        if (cells.length === 1) return hiddenNow.length === 1 || cells[0]! < SMALL;
        return cells.reduce((a, b) => a + b, 0) < SMALL;
      };
      while (unsafe()) {
        changed = true;
        if (!hideSmallestShown(parts)) {
          hidden.add(total);
          break;
        }
      }
    }
  }
  return hidden;
}

/**
 * Small-cell suppression over `region_statistics` for a batch of regions (one statement): the
 * shared guard (small cells and complementary cells among siblings and children, per figure),
 * then `protectSums` within each region.
 */
export function createStatisticsGuard(sqlite: SqliteDatabase) {
  const guard = createSmallCellGuard(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: PEOPLE_COLUMNS });
  return {
    suppressed(sums: ReadonlyMap<string, StatisticsSums>): Map<string, Set<PeopleColumn>> {
      const codes = [...sums.keys()];
      const hidden = codes.length > 0 ? guard.suppressed(codes) : new Map<string, Set<PeopleColumn>>();
      return new Map(codes.map((code) => [code, protectSums(sums.get(code)!, new Set(hidden.get(code) ?? []))]));
    },
  };
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** A figure, or the marker that it is suppressed (the resolver answers SUPPRESSED). */
export type Figure<T> = { value: T } | { suppressed: true };
const NO_HIDDEN: ReadonlySet<PeopleColumn> = new Set();

/**
 * The GraphQL `JusticeStatistics` object from a subtree's sums (rates from sums, never averaged
 * twice). Figures that are hidden, or computed from hidden figures, are marked suppressed.
 */
export function toJusticeStatistics(s: StatisticsSums, hidden: ReadonlySet<PeopleColumn> = NO_HIDDEN) {
  const closed = s.resolved_dispute_count + s.failed_dispute_count + s.referred_dispute_count;
  const fig = <T>(value: T, ...from: PeopleColumn[]): Figure<T> => (from.some((c) => hidden.has(c)) ? { suppressed: true } : { value });
  return {
    villagesWithMediationCommittee: s.villages_with_mediation_committee,
    mediatorCount: s.mediator_count,
    disputeCount: fig(s.dispute_count, 'dispute_count'),
    openDisputeCount: fig(s.open_dispute_count, 'open_dispute_count'),
    resolvedDisputeCount: fig(s.resolved_dispute_count, 'resolved_dispute_count'),
    failedDisputeCount: fig(s.failed_dispute_count, 'failed_dispute_count'),
    referredDisputeCount: fig(s.referred_dispute_count, 'referred_dispute_count'),
    mediationSuccessRate: fig(share(s.resolved_dispute_count, closed), 'resolved_dispute_count', 'failed_dispute_count', 'referred_dispute_count'),
    landContractDisputeCount: fig(s.land_contract_dispute_count, 'land_contract_dispute_count'),
    marriageFamilyDisputeCount: fig(s.marriage_family_dispute_count, 'marriage_family_dispute_count'),
    disputesByType: DISPUTE_TYPES.map((type) => ({ type, count: fig(s[typeColumn(type)], typeColumn(type) as PeopleColumn) })),
    followedUpDisputeCount: fig(s.followed_up_dispute_count, 'followed_up_dispute_count'),
    followUpRate: fig(share(s.followed_up_dispute_count, s.resolved_dispute_count), 'followed_up_dispute_count', 'resolved_dispute_count'),
    // The money of the agreements is the resolved disputes' own figure: hidden with their count.
    agreementAmountYuan: fig(s.agreement_amount_yuan, 'resolved_dispute_count'),
    villagesWithLegalAdviser: s.villages_with_legal_adviser,
    legalAidContactPointCount: s.legal_aid_contact_point_count,
    legalAidCaseCount: fig(s.legal_aid_case_count, 'legal_aid_case_count'),
    communityCorrectionCount: fig(s.community_correction_count, 'community_correction_count'),
    activeCommunityCorrectionCount: fig(s.active_community_correction_count, 'active_community_correction_count'),
    postReleasePlacementCount: fig(s.post_release_placement_count, 'post_release_placement_count'),
    placedPostReleaseCount: fig(s.placed_post_release_count, 'placed_post_release_count'),
    placementRate: fig(share(s.placed_post_release_count, s.post_release_placement_count), 'placed_post_release_count', 'post_release_placement_count'),
    ruleOfLawModelVillageCount: s.rule_of_law_model_village_count,
    nationalRuleOfLawModelVillageCount: s.national_rule_of_law_model_village_count,
    provincialRuleOfLawModelVillageCount: s.provincial_rule_of_law_model_village_count,
    municipalRuleOfLawModelVillageCount: s.municipal_rule_of_law_model_village_count,
  };
}

export type JusticeStatisticsValue = ReturnType<typeof toJusticeStatistics>;

/** Resolves a figure: its value, or SUPPRESSED naming the field. */
export const figure = <T>(f: Figure<T>, field: string): T => {
  if ('suppressed' in f) throw suppressedError(field);
  return f.value;
};

export const ZERO_SUMS: StatisticsSums = Object.fromEntries(STATISTICS_COLUMNS.map((c) => [c, 0])) as StatisticsSums;
