import type { Random } from '@village-graph/shared';

/**
 * A province-wide share hit (almost) exactly while villages are visited once in code order:
 * each village adds `rate × base` to the expected total and takes the difference between the
 * rounded expectation and what has been taken so far. Independent coin flips would miss a
 * province figure by several per cent at small scales; this misses it by less than one person.
 * (General enough to move to shared/.)
 */
export class Quota {
  private expected = 0;
  private taken = 0;

  constructor(readonly rate: number) {}

  /** How many more the province owes after a village with `base` eligible people (may be ≤ 0). */
  due(base: number): number {
    this.expected += this.rate * base;
    return Math.round(this.expected) - this.taken;
  }

  /** Records what was actually taken (shortfalls carry over to later villages). */
  record(count: number): void {
    this.taken += count;
  }

  /** `due` clamped to what is available, recorded. */
  take(base: number, available = base): number {
    const count = Math.max(0, Math.min(this.due(base), available));
    this.record(count);
    return count;
  }
}

/**
 * Draws `count` items without replacement, each with probability growing with its weight
 * (Efraimidis–Spirakis: the items with the largest `u^(1/w)`). Items of weight 0 are never drawn.
 */
export function sampleWeighted<T>(items: readonly T[], count: number, weight: (item: T) => number, random: Random): Set<T> {
  if (count <= 0) return new Set();
  const keyed: { item: T; key: number }[] = [];
  for (const item of items) {
    const w = weight(item);
    // Draw for every item (even weight 0) so the stream stays aligned whatever the weights.
    const u = random.next();
    if (w > 0) keyed.push({ item, key: Math.log(1 - u) / w });
  }
  keyed.sort((a, b) => b.key - a.key);
  return new Set(keyed.slice(0, count).map((k) => k.item));
}
