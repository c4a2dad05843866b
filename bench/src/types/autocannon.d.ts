/** The part of autocannon 8's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      pipelining?: number;
      sampleInt?: number;
      verifyBody?: (body: string) => boolean;
      skipAggregateResult?: boolean;
      title?: string;
    }

    /** One run's figures before aggregation (`skipAggregateResult: true`). */
    interface RawResult {
      latencies: unknown;
      requests: unknown;
      throughput: unknown;
      totalCompletedRequests: number;
      totalRequests: number;
      totalBytes: number;
      samples: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      statusCodeStats: Record<string, { count: number }>;
      /** Seconds. */
      duration: number;
      start: Date;
      finish: Date;
    }

    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.RawResult) => void): autocannon.Instance;

  export = autocannon;
}
