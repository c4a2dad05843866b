import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../src/resilience/circuit-breaker.ts';
import { RetryBudget, backoffDelay } from '../src/resilience/retry.ts';

const clock = () => {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const failOnce = (breaker: CircuitBreaker) => breaker.record(breaker.acquire()!, false);

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures; a success in between starts the count again', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000 });
    failOnce(breaker);
    failOnce(breaker);
    breaker.record(breaker.acquire()!, true);
    failOnce(breaker);
    failOnce(breaker);
    expect(breaker.state).toBe('closed');
    failOnce(breaker);
    expect(breaker.state).toBe('open');
    expect(breaker.acquire()).toBeUndefined();
  });

  it('after the open period lets exactly one trial through; its success closes the breaker', () => {
    const time = clock();
    const changes: BreakerState[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, now: time.now, onStateChange: (s) => changes.push(s) });
    failOnce(breaker);
    time.advance(999);
    expect(breaker.acquire()).toBeUndefined();
    expect(breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 1, retryInMs: 1 });
    time.advance(1);
    const trial = breaker.acquire();
    expect(trial?.trial).toBe(true);
    expect(breaker.acquire()).toBeUndefined();
    breaker.record(trial!, true);
    expect(breaker.state).toBe('closed');
    expect(breaker.acquire()?.trial).toBe(false);
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed trial opens it for another period', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, now: time.now });
    failOnce(breaker);
    time.advance(1000);
    breaker.record(breaker.acquire()!, false);
    expect(breaker.state).toBe('open');
    time.advance(500);
    expect(breaker.acquire()).toBeUndefined();
  });

  it('ignores calls that started before the state changed', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, now: time.now });
    const slow = breaker.acquire()!;
    failOnce(breaker);
    time.advance(1000);
    const trial = breaker.acquire()!;
    // The slow call from before the breaker opened succeeds late: it proves nothing about now.
    breaker.record(slow, true);
    expect(breaker.state).toBe('half-open');
    breaker.record(trial, true);
    expect(breaker.state).toBe('closed');
  });
});

describe('retry budget and backoff', () => {
  it('allows a reserve of retries, then one per ten calls', () => {
    const budget = new RetryBudget(0.1, 10);
    for (let i = 0; i < 10; i++) expect(budget.withdraw()).toBe(true);
    expect(budget.withdraw()).toBe(false);
    for (let i = 0; i < 10; i++) budget.deposit();
    expect(budget.withdraw()).toBe(true);
    expect(budget.withdraw()).toBe(false);
  });

  it('waits a random time below base × 2^attempt, capped', () => {
    expect(backoffDelay(0, 50, () => 0.999)).toBe(49);
    expect(backoffDelay(2, 50, () => 0.5)).toBe(100);
    expect(backoffDelay(0, 50, () => 0)).toBe(0);
    expect(backoffDelay(20, 50, () => 0.999)).toBeLessThan(2000);
  });
});
