import { performance } from 'node:perf_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind } from 'graphql';
import { Errors, type Logger } from '@village-graph/shared';
import type { CircuitBreaker } from './resilience/circuit-breaker.ts';
import { backoffDelay, sleep, type RetryPolicy } from './resilience/retry.ts';
import { fetcherWithTimeout, isTimeoutError } from './resilience/timeout.ts';
import { forwardRequestIdentity, type GatewayContext } from './plugins/request-id.ts';

/** Marks an HTTP failure whose body we have already read. */
class SubgraphHttpError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`HTTP ${status}`);
  }
}

/** A 2xx answer that is not a usable GraphQL response. */
class MalformedResponseError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isGraphQLBody = (body: unknown): body is { errors: unknown[]; data?: unknown } =>
  isObject(body) && Array.isArray(body.errors) && body.errors.every((e) => isObject(e) && typeof e.message === 'string');

/** Statuses worth another attempt: the proxy or the service says "not now", not "no". */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** What the data source reports about each call (metrics). */
export interface FetchObserver {
  /** A call ended: `outcome` is `ok` or the error code the client sees. */
  finished(subgraph: string, outcome: string, seconds: number): void;
  retried(subgraph: string): void;
  /** A call was answered by an identical one already in flight. */
  deduplicated?(subgraph: string): void;
}

export interface DepartmentDataSourceOptions {
  name: string;
  url: string;
  logger: Logger;
  timeoutMs: number;
  breaker: CircuitBreaker;
  retry: RetryPolicy;
  observer?: FetchObserver;
  /** Share identical in-flight queries (see `process`). Default true. */
  deduplicate?: boolean;
}

type Outcome =
  | { kind: 'answer'; response: Awaited<ReturnType<RemoteGraphQLDataSource['process']>>; healthy: boolean }
  | { kind: 'failure'; error: GraphQLError; retryable: boolean; cause: unknown };

/**
 * How the gateway talks to one department. On top of Apollo's remote data source:
 * - every call has a timeout (SUBGRAPH_TIMEOUT) and goes through the department's circuit breaker
 *   (SUBGRAPH_CIRCUIT_OPEN while it is open);
 * - a query is retried after a connection failure or 502/503/504, with jittered backoff, within a
 *   retry budget; nothing is ever retried when the client's operation is a mutation;
 * - every failure becomes a registry error naming the department (SUBGRAPH_UNAVAILABLE,
 *   SUBGRAPH_TIMEOUT, SUBGRAPH_CIRCUIT_OPEN, SUBGRAPH_ERROR) with no URL, body or stack; the
 *   gateway then answers with every other department's data and nulls where this one's were;
 * - the request id (and trace context) is passed on, so the department logs under the same id.
 */
export class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraphName: string;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly breaker: CircuitBreaker;
  private readonly retry: RetryPolicy;
  private readonly observer: FetchObserver | undefined;
  private readonly deduplicate: boolean;
  /** Queries in flight by their de-duplication key, and how many other requests wait on each. */
  private readonly inFlight = new Map<string, { answer: ReturnType<RemoteGraphQLDataSource['process']>; followers: number }>();

  constructor(options: DepartmentDataSourceOptions) {
    super({ url: options.url });
    this.subgraphName = options.name;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs;
    this.breaker = options.breaker;
    this.retry = options.retry;
    this.observer = options.observer;
    this.deduplicate = options.deduplicate ?? true;
    this.fetcher = fetcherWithTimeout(options.timeoutMs);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (options.request.http) await forwardRequestIdentity(options.request.http.headers, options.context as Partial<GatewayContext>);
  }

  /**
   * De-duplication of identical in-flight queries: while a query is on its way to this department,
   * the same query with the same variables for the same caller (subject, role, regions, scopes,
   * purpose and case — everything the department decides on except the request id) waits for that
   * answer instead of being sent again. Under load, many callers of a dashboard ask the very same
   * thing at once. Each request gets its own copy of the answer (the gateway merges into it), and
   * the department logs the shared read once, under the first request's id. Never for mutations.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    const key = this.deduplicate && isQuery(options) ? deduplicationKey(options) : undefined;
    if (key === undefined) return this.send(options);
    const pending = this.inFlight.get(key);
    if (pending) {
      pending.followers++;
      this.observer?.deduplicated?.(this.subgraphName);
      return pending.answer.then((response) => structuredClone(response), (error: unknown) => {
        throw error instanceof GraphQLError ? new GraphQLError(error.message, { extensions: error.extensions }) : error;
      });
    }
    const entry = { answer: this.send(options).finally(() => this.inFlight.delete(key)), followers: 0 };
    this.inFlight.set(key, entry);
    // The first request keeps the original only if nobody shares it: followers clone it later.
    return entry.answer.then((response) => (entry.followers > 0 ? structuredClone(response) : response));
  }

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    const subgraph = this.subgraphName;
    const log = (options.context as Partial<GatewayContext>).logger ?? this.logger;
    const started = performance.now();
    const finish = (outcome: string) => this.observer?.finished(subgraph, outcome, (performance.now() - started) / 1000);
    const mayRetry = isQuery(options) && this.retry.retries > 0;
    this.retry.budget.deposit();

    let previous: Extract<Outcome, { kind: 'failure' }> | undefined;
    for (let attempt = 0; ; attempt++) {
      const permit = this.breaker.acquire();
      if (!permit && previous) {
        // This call's own failures opened the breaker: report what actually went wrong.
        finish(previous.error.extensions.code as string);
        log.warn({ subgraph, code: previous.error.extensions.code, attempts: attempt, err: previous.cause }, 'subgraph call failed');
        throw previous.error;
      }
      if (!permit) {
        finish(Errors.SUBGRAPH_CIRCUIT_OPEN.name);
        log.debug({ subgraph }, 'circuit open; not calling the subgraph');
        throw Errors.SUBGRAPH_CIRCUIT_OPEN.error(
          `The ${subgraph} service is failing and is not being called for now; its fields are missing from this response.`,
          { subgraph },
        );
      }
      const outcome = await this.attempt(options);
      this.breaker.record(permit, outcome.kind === 'answer' && outcome.healthy);
      if (outcome.kind === 'answer') {
        finish('ok');
        return outcome.response;
      }
      if (mayRetry && outcome.retryable && attempt < this.retry.retries && this.retry.budget.withdraw()) {
        this.observer?.retried(subgraph);
        previous = outcome;
        log.debug({ subgraph, attempt: attempt + 1, err: outcome.cause }, 'retrying subgraph call');
        await sleep(backoffDelay(attempt, this.retry.backoffMs));
        continue;
      }
      const code = outcome.error.extensions.code as string;
      finish(code);
      log.warn({ subgraph, code, attempts: attempt + 1, err: outcome.cause }, 'subgraph call failed');
      throw outcome.error;
    }
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => null);
    return new SubgraphHttpError(response.status, body) as unknown as GraphQLError;
  }

  /** One HTTP call, its answer checked, every failure classified. */
  private async attempt(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Outcome> {
    const subgraph = this.subgraphName;
    try {
      const response = await super.process(options);
      checkResponseShape(response, options.request.variables);
      return { kind: 'answer', response, healthy: true };
    } catch (error) {
      if (error instanceof SubgraphHttpError) {
        // A subgraph that refused the request with a GraphQL body (e.g. 400 on bad variables) has
        // already said what is wrong in its own, masked, words: pass those errors on.
        if (isGraphQLBody(error.body)) {
          const response = { errors: error.body.errors as GraphQLError[], data: (error.body.data ?? null) as Record<string, unknown> | null };
          return { kind: 'answer', response, healthy: error.status < 500 };
        }
        return {
          kind: 'failure',
          error: Errors.SUBGRAPH_ERROR.error(`The ${subgraph} service answered with HTTP ${error.status}; its fields are missing from this response.`, { subgraph }),
          retryable: RETRYABLE_STATUSES.has(error.status),
          cause: { status: error.status },
        };
      }
      if (isTimeoutError(error)) {
        return {
          kind: 'failure',
          error: Errors.SUBGRAPH_TIMEOUT.error(`The ${subgraph} service did not answer within ${this.timeoutMs} ms; its fields are missing from this response.`, { subgraph }),
          // The time is spent: another attempt would make every caller wait twice as long for a
          // department that is hanging. The breaker deals with it instead.
          retryable: false,
          cause: error,
        };
      }
      if (isMalformedAnswer(error)) {
        return {
          kind: 'failure',
          error: Errors.SUBGRAPH_ERROR.error(`The ${subgraph} service answered with something that is not a GraphQL response; its fields are missing from this response.`, { subgraph }),
          retryable: false,
          cause: error,
        };
      }
      return {
        kind: 'failure',
        error: Errors.SUBGRAPH_UNAVAILABLE.error(`The ${subgraph} service is unavailable; its fields are missing from this response.`, { subgraph }),
        retryable: true,
        cause: error,
      };
    }
  }
}

/** What makes two queries to one department the same: text, variables, and the caller as the department sees it. */
function deduplicationKey(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | undefined {
  const caller = (options.context as Partial<GatewayContext>).caller;
  if (!caller || caller.refusal) return undefined;
  const { requestId: _, ...decisive } = caller.identity;
  return JSON.stringify([options.request.query, options.request.variables ?? null, decisive]);
}

/** Retry only what cannot change anything: a query, inside a client operation that is a query. */
function isQuery(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  // GraphQLDataSourceRequestKind is not exported by @apollo/gateway; its values are strings.
  if ((options.kind as string) !== 'incoming operation') return false;
  const incoming = options as Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;
  if (incoming.incomingRequestContext.operation?.operation !== 'query') return false;
  const definition = incoming.document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (definition && definition.kind === Kind.OPERATION_DEFINITION) return definition.operation === 'query';
  return /^\s*(query\b|\{)/.test(options.request.query ?? '');
}

/** Non-JSON bodies, broken JSON, and JSON that is not shaped like a GraphQL response. */
function isMalformedAnswer(error: unknown): boolean {
  return (
    error instanceof MalformedResponseError ||
    error instanceof SyntaxError ||
    (error instanceof Error && error.message.startsWith('Expected JSON response body'))
  );
}

/**
 * Refuses a 2xx answer the query plan cannot use: no `data` and no `errors`, `data` that is not an
 * object, `errors` that are not GraphQL errors, or an entity fetch whose `_entities` does not
 * match the representations sent (the plan would otherwise fail on it with an internal error).
 */
function checkResponseShape(response: unknown, variables: Record<string, unknown> | undefined): void {
  if (!isObject(response)) throw new MalformedResponseError('not an object');
  const { data, errors } = response;
  if (errors !== undefined && !isGraphQLBody({ errors })) throw new MalformedResponseError('malformed errors');
  if (data !== undefined && data !== null && !isObject(data)) throw new MalformedResponseError('data is not an object');
  if (data === undefined && errors === undefined) throw new MalformedResponseError('neither data nor errors');
  const representations = variables?.representations;
  if (Array.isArray(representations) && isObject(data)) {
    const entities = data._entities;
    if (!Array.isArray(entities) || entities.length !== representations.length) throw new MalformedResponseError('_entities does not match');
  }
}
