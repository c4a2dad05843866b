import type { Random } from '@village-graph/shared';

/**
 * Exact-total sampling helpers for per-village and per-township facts. Independent coin flips miss
 * a province total by several percent; these hit it exactly and stay deterministic. They work on
 * keys and weights only (a few thousand codes), never on people. Candidates for `shared/`.
 */

/**
 * Chooses exactly `k` keys, each with probability growing with its weight (Efraimidis–Spirakis
 * weighted sampling without replacement: the `k` largest `u^(1/w)`), drawing from `random` in the
 * order given.
 */
export function chooseExactly(candidates: readonly { key: string; weight: number }[], k: number, random: Random): Set<string> {
  const count = Math.max(0, Math.min(k, candidates.length));
  const scored = candidates.map(({ key, weight }) => ({ key, score: weight > 0 ? Math.log(1 - random.next()) / weight : -Infinity }));
  scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  return new Set(scored.slice(0, count).map((s) => s.key));
}

/**
 * Splits `total` into integers proportional to `weights` that sum to exactly `total`
 * (cumulative rounding in the order given). All-zero weights split evenly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? weights : weights.map(() => 1);
  const shareSum = sum > 0 ? sum : weights.length;
  const result: number[] = [];
  let cumulative = 0;
  let allotted = 0;
  for (const weight of shares) {
    cumulative += (total * weight) / shareSum;
    const upTo = Math.round(cumulative);
    result.push(upTo - allotted);
    allotted = upTo;
  }
  return result;
}

/** Days since 1970-01-01 of an ISO date, and back. */
export const toDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const isoDays = new Map<number, string>();
export const fromDay = (day: number): string => {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    isoDays.set(day, iso);
  }
  return iso;
};

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
