import DataLoader from 'dataloader';
import { byKey, groupByKey, type StoredAccessEntry } from '@village-graph/shared';
import { CHRONIC_CONDITIONS, type ChronicCondition } from './db/schema.ts';
import type { DateRange } from './dates.ts';
import type { Queries, FollowUpRow, FollowUpStatRow } from './queries.ts';
import type { StatisticsColumn } from './seeding/rollup.ts';
import type { DisclosureCell } from './statistics.ts';

/** A page of one resident's follow-ups. */
export interface FollowUpPageKey {
  residentId: string;
  range: DateRange;
  limit: number;
  after: { visitedOn: string; id: number } | null;
}
/** One resident's follow-up records in a date range. */
export interface FollowUpStatsKey {
  residentId: string;
  range: DateRange;
}

const rangeKey = (range: DateRange) => `${range.from ?? ''}..${range.to ?? ''}`;
const pageGroupKey = (k: FollowUpPageKey) => `${rangeKey(k.range)}|${k.limit}|${k.after ? `${k.after.visitedOn}:${k.after.id}` : ''}`;
const conditionOrder = (c: ChronicCondition) => CHRONIC_CONDITIONS.indexOf(c);

/**
 * Splits a batch by what its keys share (a date range, a page size and cursor), so each distinct
 * group is one statement. In practice a batch is one group: every parent asks the same thing.
 */
async function byGroup<K, V>(keys: readonly K[], groupOf: (k: K) => string, load: (group: K[]) => Map<K, V>): Promise<V[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
  const answers = new Map<K, V>();
  for (const group of groups.values()) for (const [key, value] of load(group)) answers.set(key, value);
  return keys.map((k) => answers.get(k)!);
}

export interface RegionFigures {
  sums: Record<StatisticsColumn, number>;
  /** Disclosure cells to withhold for this caller (empty for callers who see every figure). */
  hidden: ReadonlySet<DisclosureCell>;
}

const NOTHING_HIDDEN: ReadonlySet<DisclosureCell> = new Set();

/**
 * Per-request loaders: each batch is one SQL statement whatever its size (statistics for callers
 * with small cells suppressed: two — the sums and the suppression decision).
 */
export const createLoaders = (queries: Queries, { suppressSmallCells }: { suppressSmallCells: boolean }) => ({
  clinic: new DataLoader(async (codes: readonly string[]) => byKey(codes, queries.clinics(codes), (r) => r.villageCode)),
  doctorsOfVillage: new DataLoader(async (codes: readonly string[]) => groupByKey(codes, queries.doctorsByVillage(codes), (r) => r.villageCode)),
  doctor: new DataLoader(async (ids: readonly string[]) => byKey(ids, queries.doctorsById(ids), (r) => r.id)),
  team: new DataLoader(async (ids: readonly string[]) => byKey(ids, queries.teams(ids), (r) => r.id)),
  committee: new DataLoader(async (codes: readonly string[]) => byKey(codes, queries.committees(codes), (r) => r.villageCode)),
  healthRecord: new DataLoader(async (ids: readonly string[]) => byKey(ids, queries.records(ids), (r) => r.residentId)),
  conditions: new DataLoader(async (ids: readonly string[]) =>
    groupByKey(ids, queries.conditions(ids), (r) => r.residentId).map((rows) =>
      rows.map((r) => r.condition).sort((a, b) => conditionOrder(a) - conditionOrder(b)),
    ),
  ),
  mentalHealth: new DataLoader(async (ids: readonly string[]) => byKey(ids, queries.mental(ids), (r) => r.residentId)),
  elderlyCare: new DataLoader(async (ids: readonly string[]) => byKey(ids, queries.elderly(ids), (r) => r.residentId)),
  contract: new DataLoader(async (ids: readonly string[]) => byKey(ids, queries.contracts(ids), (r) => r.residentId)),
  householdHasContract: new DataLoader(async (ids: readonly string[]) => {
    const signed = new Set(queries.householdsWithContract(ids));
    return ids.map((id) => signed.has(id));
  }),
  householdVillage: new DataLoader(async (ids: readonly string[]) =>
    byKey(ids, queries.householdVillages(ids), (r) => r.householdId).map((r) => r?.villageCode ?? null),
  ),
  /** Access-log entries per subject (resident or household id), oldest first. */
  accessLog: new DataLoader(async (ids: readonly string[]): Promise<StoredAccessEntry[][]> => {
    const entries = queries.accessLogEntries(ids);
    return ids.map((id) => entries.get(id) ?? []);
  }),
  statistics: new DataLoader(async (codes: readonly string[]): Promise<(RegionFigures | null)[]> => {
    const sums = queries.statistics(codes);
    const hidden = suppressSmallCells ? queries.suppressedCells(codes) : null;
    return codes.map((c) => {
      const s = sums.get(c);
      return s ? { sums: s, hidden: hidden?.get(c) ?? NOTHING_HIDDEN } : null;
    });
  }),

  /** Follow-up records per condition for one resident in a date range (counts and latest date). */
  followUpStats: new DataLoader<FollowUpStatsKey, FollowUpStatRow[], string>(
    (keys) =>
      byGroup(
        keys,
        (k) => rangeKey(k.range),
        (group) => {
          const { from, to } = group[0]!.range;
          const ids = group.map((k) => k.residentId);
          const rows = groupByKey(ids, queries.followUpStats(ids, from, to), (r) => r.residentId);
          return new Map(group.map((k, i) => [k, rows[i]!]));
        },
      ),
    { cacheKeyFn: (k) => `${k.residentId}|${rangeKey(k.range)}` },
  ),

  /** One page of follow-ups per resident; fetches `limit + 1` to tell whether more follow. */
  followUpPage: new DataLoader<FollowUpPageKey, FollowUpRow[], string>(
    (keys) =>
      byGroup(keys, pageGroupKey, (group) => {
        const { range, limit, after } = group[0]!;
        const ids = group.map((k) => k.residentId);
        const rows = groupByKey(ids, queries.followUpPages(ids, range, limit + 1, after), (r) => r.residentId);
        return new Map(group.map((k, i) => [k, rows[i]!.map(({ _rank, ...row }) => row)]));
      }),
    { cacheKeyFn: (k) => `${k.residentId}|${pageGroupKey(k)}` },
  ),
});

export type Loaders = ReturnType<typeof createLoaders>;
