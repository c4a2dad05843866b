import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { diffData, formatDifferences } from './compare.ts';

/**
 * autocannon 8 appends each chunk of an answer's body to a string (`req.body += data`), decoding
 * every chunk on its own: a multi-byte UTF-8 character split between two TCP chunks turns into
 * U+FFFD, and a right answer ("通榆县") would count as a wrong one ("��榆县"). Its request queue
 * here keeps the bytes instead and decodes the body once, when the answer is complete.
 */
interface QueuedRequest {
  body: string;
  chunks?: Buffer[];
}
interface RequestQueue {
  peek(): QueuedRequest | undefined;
  terminateRequest(): QueuedRequest | undefined;
}
const Queue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as { prototype: RequestQueue & { addBody(data: Buffer): void } };
const terminateRequest = Queue.prototype.terminateRequest;
Queue.prototype.addBody = function (this: RequestQueue, data: Buffer) {
  const request = this.peek();
  // A copy: the parser's buffer is not ours to keep.
  if (request) (request.chunks ??= []).push(Buffer.from(data));
};
Queue.prototype.terminateRequest = function (this: RequestQueue) {
  const request = terminateRequest.call(this);
  if (request?.chunks) request.body = Buffer.concat(request.chunks).toString('utf8');
  return request;
};

/** What every answer under load must look like, from the check. */
export interface ExpectedAnswer {
  /** The exact body, when the contender's answer did not vary between two requests. */
  body: string | undefined;
  /** The answer's `data`, serialized, to compare answers whose errors may come in another order. */
  data: string;
  /** The same, parsed, to say where a wrong answer differs. */
  dataValue: unknown;
  /** Whether the checked answer carried (small-cell) errors. */
  withErrors: boolean;
}

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
  expected: ExpectedAnswer;
}

let running: autocannon.Instance | null = null;

/** Stops the load in progress, if any (Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

/**
 * Whether an answer is the checked one: byte for byte when the contender's answers are stable;
 * otherwise (errors listed in another order, say) the same `data` and errors only if expected.
 */
export function isExpected(expected: ExpectedAnswer, body: string): boolean {
  if (expected.body !== undefined && body === expected.body) return true;
  if (!expected.withErrors && expected.body !== undefined) return false;
  try {
    const answer = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
    return JSON.stringify(answer.data) === expected.data && (expected.withErrors || !answer.errors?.length);
  } catch {
    return false;
  }
}

/** What is wrong with an answer, in one line: where its data differs from the checked answer's, or its start. */
export function describeWrongAnswer(expected: ExpectedAnswer, body: string): string {
  try {
    const answer = JSON.parse(body) as { data?: unknown; errors?: { message?: string }[] };
    if (answer.data !== undefined) {
      const differences = diffData(expected.dataValue, answer.data, 3);
      const firstError = answer.errors?.[0]?.message;
      if (differences.length) {
        return `data differs from the checked answer: ${formatDifferences(differences).replace(/\s*\n\s*/g, '; ').trim()}${firstError ? `; first error: ${firstError.slice(0, 200)}` : ''}`;
      }
      if (answer.errors?.length && !expected.withErrors) return `errors: ${answer.errors.map((e) => e.message).join('; ').slice(0, 300)}`;
    }
  } catch {
    // not JSON: shown as it is
  }
  return (body.length > 300 ? `${body.slice(0, 299)}…` : body).replace(/\s+/g, ' ');
}

export interface WindowResult {
  /** Seconds measured (from the moment the load was steady). */
  seconds: number;
  /** Answers received in the measured time, right ones, and wrong ones (non-2xx included). */
  completed: number;
  good: number;
  wrong: number;
  non2xx: number;
  /** Connection errors and timeouts in the measured time. */
  errors: number;
  /** Latency of every 2xx answer received in the measured time, in ms. */
  latenciesMs: number[];
  /** The first wrong answer seen (cut short), to say what went wrong. */
  firstWrongAnswer: string | null;
  /** Seconds until the load was steady (the queue had turned over once); not measured. */
  rampSeconds: number;
  /** No steady state within the ramp limit: nothing was measured. */
  rampTimedOut: boolean;
}

export interface WindowOptions {
  connections: number;
  /** Seconds to measure once the load is steady. */
  durationS: number;
  /** Seconds to wait at most for the load to get steady. */
  maxRampS: number;
  /** Called as measurement starts and ends (CPU readings), synchronously. */
  onMeasureStart?: () => void;
  onMeasureEnd?: () => void;
}

/**
 * One load window: `connections` clients each sending the request back to back (HTTP/1.1
 * keep-alive, no pipelining). Nothing is counted until the queue has turned over once — every
 * connection has had an answer, or there have been as many answers as connections: with 50
 * connections on two cores a heavy operation's first answers take seconds, and a window counted
 * from the start would measure the queue filling, not the server — then answers are counted for
 * `durationS` seconds, with the CPU readings taken at the same moments. An answer counts as right
 * only if it is the checked one.
 */
export function runWindow(target: LoadTarget, options: WindowOptions): Promise<WindowResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const seen = new Set<unknown>();
    let rampAnswers = 0;
    const result: WindowResult = { seconds: 0, completed: 0, good: 0, wrong: 0, non2xx: 0, errors: 0, latenciesMs: [], firstWrongAnswer: null, rampSeconds: 0, rampTimedOut: false };
    let measuring = false;
    let measureStart = 0;
    // autocannon emits 'response', then verifies that same answer's body: the verdict is paired with it.
    let lastCounted = false;
    let lastStatus = 0;
    const timers: NodeJS.Timeout[] = [];

    const stopMeasuring = () => {
      if (!measuring) return;
      measuring = false;
      result.seconds = (performance.now() - measureStart) / 1000;
      options.onMeasureEnd?.();
      running?.stop();
    };

    const verify = (body: string): boolean => {
      const right = lastStatus >= 200 && lastStatus < 300 && isExpected(target.expected, body);
      if (lastCounted) {
        if (right) result.good++;
        else {
          result.wrong++;
          result.firstWrongAnswer ??= `HTTP ${lastStatus}: ${describeWrongAnswer(target.expected, body)}`;
        }
      }
      return right;
    };

    running = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body,
        connections: options.connections,
        // Stopped by the measurement timer; this only bounds a run that never gets steady.
        duration: options.maxRampS + options.durationS + 5,
        timeout: 30,
        // How often autocannon checks whether it was asked to stop.
        sampleInt: 100,
        skipAggregateResult: true,
        verifyBody: verify,
      },
      (error) => {
        for (const timer of timers) clearTimeout(timer);
        running = null;
        if (measuring) stopMeasuring();
        if (error) reject(error);
        else resolve(result);
      },
    );
    running.on('response', (client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      lastStatus = statusCode;
      lastCounted = measuring;
      if (measuring) {
        result.completed++;
        if (statusCode >= 200 && statusCode < 300) result.latenciesMs.push(responseTimeMs);
        else result.non2xx++;
        return;
      }
      if (result.seconds > 0) return; // after the measurement, while autocannon winds down
      seen.add(client);
      rampAnswers++;
      // Steady once the queue has turned over: every connection answered, or as many answers as
      // connections (a server that serves some connections before others gets there too).
      if (seen.size < options.connections && rampAnswers < options.connections) return;
      measuring = true;
      measureStart = performance.now();
      result.rampSeconds = (measureStart - started) / 1000;
      options.onMeasureStart?.();
      timers.push(setTimeout(stopMeasuring, options.durationS * 1000));
    });
    running.on('reqError', () => {
      if (measuring) result.errors++;
    });
    timers.push(
      setTimeout(() => {
        if (measuring || result.seconds > 0) return;
        result.rampTimedOut = true;
        result.rampSeconds = options.maxRampS;
        running?.stop();
      }, options.maxRampS * 1000),
    );
  });
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  samples: number;
}

/** Percentiles (nearest rank) of latencies pooled over several windows, in ms. */
export function latencySummary(latenciesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const mean = sorted.length ? sorted.reduce((sum, v) => sum + v, 0) / sorted.length : NaN;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), mean: round(mean), max: round(at(1)), samples: sorted.length };
}
