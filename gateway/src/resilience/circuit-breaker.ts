/**
 * One department's circuit breaker. Closed: calls go out and consecutive failures are counted;
 * `failureThreshold` of them in a row open it. Open: calls fail fast (no network) for `openMs`.
 * Then half-open: exactly one trial call at a time goes out; its success closes the breaker, its
 * failure opens it for another `openMs`. Results of calls that started in an earlier state (a slow
 * call finishing after the breaker opened) do not move it.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openMs: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Called on every state change. */
  onStateChange?: (state: BreakerState, previous: BreakerState) => void;
}

/** Permission for one call; hand it back through `record`. */
export interface BreakerPermit {
  readonly trial: boolean;
  readonly generation: number;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** While open: milliseconds until a trial call is let through. */
  retryInMs?: number;
}

/** The breaker state as a number for the `gateway_circuit_breaker_state` gauge. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  /** Bumped on every state change; permits from an older generation are ignored. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.current;
  }

  /** A permit to call, or undefined to fail fast. */
  acquire(): BreakerPermit | undefined {
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.options.openMs) return undefined;
      this.transition('half-open');
    }
    if (this.current === 'half-open') {
      if (this.trialInFlight) return undefined;
      this.trialInFlight = true;
      return { trial: true, generation: this.generation };
    }
    return { trial: false, generation: this.generation };
  }

  /** The outcome of a permitted call: `ok` when the department answered like a working service. */
  record(permit: BreakerPermit, ok: boolean): void {
    if (permit.generation !== this.generation) return;
    if (permit.trial) {
      this.trialInFlight = false;
      if (ok) {
        this.failures = 0;
        this.transition('closed');
      } else {
        this.open();
      }
      return;
    }
    if (this.current !== 'closed') return;
    if (ok) {
      this.failures = 0;
      return;
    }
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  snapshot(): BreakerSnapshot {
    const snapshot: BreakerSnapshot = { state: this.current, consecutiveFailures: this.failures };
    if (this.current === 'open') snapshot.retryInMs = Math.max(0, this.openedAt + this.options.openMs - this.now());
    return snapshot;
  }

  private open(): void {
    this.openedAt = this.now();
    this.transition('open');
  }

  private transition(state: BreakerState): void {
    const previous = this.current;
    this.current = state;
    this.generation += 1;
    this.trialInFlight = false;
    if (state !== previous) this.options.onStateChange?.(state, previous);
  }
}
