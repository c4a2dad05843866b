import type { Random } from '@village-graph/shared';

/**
 * Randomised systematic sampling: turns expected counts per unit (a village, a dispute) into whole
 * counts whose running total never strays more than one from the running expectation. Independent
 * coin flips would give totals a few per cent off; this keeps province totals exact to the unit
 * while still placing them at random (the rounding offset is drawn from the unit's own stream).
 */
export interface Quota {
  /** How many to create for a unit expected to have `expected` (≥ 0). */
  draw(expected: number, random: Random): number;
  /** Hands back `count` that were drawn but could not be created; later units make them up. */
  giveBack(count: number): void;
}

export function createQuota(): Quota {
  let carry = 0;
  return {
    draw(expected, random) {
      const target = carry + expected;
      const count = Math.max(0, Math.floor(target + random.next()));
      carry = target - count;
      return count;
    },
    giveBack(count) {
      carry += count;
    },
  };
}

/**
 * Apportions a stream of draws among values in fixed shares, exactly to within one per value at
 * any point: each draw goes to the value furthest behind its share (ties broken at random).
 */
export function createApportionment<T>(shares: readonly (readonly [T, number])[]) {
  const total = shares.reduce((sum, [, share]) => sum + share, 0);
  const deficits = shares.map(() => 0);
  return {
    next(random: Random): T {
      let best = 0;
      let bestScore = -Infinity;
      shares.forEach(([, share], i) => {
        deficits[i]! += share / total;
        const score = deficits[i]! + random.next() * 1e-6;
        if (score > bestScore) [best, bestScore] = [i, score];
      });
      deficits[best]! -= 1;
      return shares[best]![0];
    },
  };
}
