import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { isUnexpectedError } from './errors.ts';
import { requestLogger, type Logger } from './logger.ts';
import { ANONYMOUS_OPERATION, INVALID_OPERATION, publicCodeOf } from './metrics.ts';
import { parseTraceparent } from './trace-context.ts';

const logged = new WeakSet<object>();

/**
 * Logs an unexpected error with its stack, once: the request-logging plugin does it with the
 * request's logger; `formatError` calls it too, as a fallback for errors no plugin hook saw (a
 * context factory that throws), with whatever logger it has.
 */
export function logUnexpectedError(logger: Logger, error: unknown, path?: readonly (string | number)[]): void {
  if (typeof error === 'object' && error !== null) {
    if (logged.has(error)) return;
    logged.add(error);
  }
  logger.error({ err: unwrapResolverError(error), ...(path ? { path } : {}) }, 'unexpected error');
}

/**
 * Apollo plugin: one `info` line per GraphQL request (`graphql request`, with `operationName`,
 * `durationMs` and the `errorCodes` the client saw) and an `error` line with the stack for every
 * unexpected error, all carrying the request's `requestId` (and `traceId`). The id is the
 * `x-request-id` header the HTTP front has set, which the gateway forwards to every department,
 * so one request can be followed through every process's log.
 */
export function createRequestLoggingPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      const headers = request.http?.headers;
      const log = requestLogger(logger, {
        requestId: headers?.get('x-request-id'),
        traceId: parseTraceparent(headers?.get('traceparent'))?.traceId,
      });
      let operationName = INVALID_OPERATION;
      return {
        async didResolveOperation(context) {
          operationName = context.operationName ?? ANONYMOUS_OPERATION;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isUnexpectedError(error)) logUnexpectedError(log, error, error.path);
          }
        },
        async willSendResponse({ response }) {
          const errorCodes = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []).map(publicCodeOf) : [];
          log.info(
            { operationName, durationMs: Math.round((performance.now() - started) * 10) / 10, ...(errorCodes.length ? { errorCodes } : {}) },
            'graphql request',
          );
        },
      };
    },
  };
}
