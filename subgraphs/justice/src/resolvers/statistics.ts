import { figure, type Figure, type JusticeStatisticsValue } from '../statistics.ts';

type Nullable = { [K in keyof JusticeStatisticsValue]: JusticeStatisticsValue[K] extends Figure<unknown> ? K : never }[keyof JusticeStatisticsValue];

const NULLABLE_FIGURES: Nullable[] = [
  'disputeCount',
  'openDisputeCount',
  'resolvedDisputeCount',
  'failedDisputeCount',
  'referredDisputeCount',
  'mediationSuccessRate',
  'landContractDisputeCount',
  'marriageFamilyDisputeCount',
  'followedUpDisputeCount',
  'followUpRate',
  'agreementAmountYuan',
  'legalAidCaseCount',
  'communityCorrectionCount',
  'activeCommunityCorrectionCount',
  'postReleasePlacementCount',
  'placedPostReleaseCount',
  'placementRate',
];

/** Each people-counting figure answers its value, or null with SUPPRESSED for small cells. */
export const JusticeStatistics = Object.fromEntries(
  NULLABLE_FIGURES.map((field) => [field, (s: JusticeStatisticsValue) => figure(s[field] as Figure<unknown>, `justiceStatistics.${field}`)]),
);

export const DisputeTypeCount = {
  count: (c: { count: Figure<number> }) => figure(c.count, 'justiceStatistics.disputesByType.count'),
};
