/**
 * Retries to one department are paid from a budget: every call deposits `ratio` of a token (up to
 * `reserve` tokens), every retry spends one. In the long run retries are at most `ratio` of calls
 * (10 % by default); after a quiet spell up to `reserve` retries can go out at once. When a
 * department is down for good the budget runs dry and calls fail after one attempt instead of
 * multiplying the load on it.
 */
export class RetryBudget {
  // Kept in thousandths of a token, so that ten deposits of 0.1 make exactly one.
  private milliTokens: number;
  private readonly milliRatio: number;
  private readonly milliReserve: number;

  constructor(ratio: number, reserve = 10) {
    this.milliRatio = Math.round(ratio * 1000);
    this.milliReserve = reserve * 1000;
    this.milliTokens = this.milliReserve;
  }

  /** Called once per call (not per attempt). */
  deposit(): void {
    this.milliTokens = Math.min(this.milliReserve, this.milliTokens + this.milliRatio);
  }

  /** Takes one token for a retry; false when the budget is spent. */
  withdraw(): boolean {
    if (this.milliTokens < 1000) return false;
    this.milliTokens -= 1000;
    return true;
  }

  get available(): number {
    return this.milliTokens / 1000;
  }
}

export interface RetryPolicy {
  /** Extra attempts after the first (0: never retry). */
  retries: number;
  /** Base of the exponential backoff, in ms. */
  backoffMs: number;
  budget: RetryBudget;
}

/** Upper bound for one backoff wait, whatever the attempt. */
const MAX_BACKOFF_MS = 2000;

/**
 * "Full jitter" backoff: a uniformly random wait in [0, base · 2^attempt), capped, so that callers
 * that failed together do not retry together.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
