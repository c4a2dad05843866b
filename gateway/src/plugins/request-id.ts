import { childTraceparent, IDENTITY_HEADER, parseTraceparent, type IncomingRequestInfo, type Logger, type TraceParent } from '@village-graph/shared';
import type { Caller } from '../auth/caller.ts';

/**
 * The request-id concern: what the gateway knows about who is asking, and what it passes on to
 * every department so one request can be followed through every process's log.
 */
export type GatewayContext = {
  /** The caller's `x-request-id`, or the one the gateway made up; sent to every department. */
  requestId: string;
  /** The caller's W3C trace context, when it sent one; passed on with a new parent id per hop. */
  traceparent?: TraceParent;
  /** The gateway logger with `requestId` (and `traceId`) on every line. */
  logger: Logger;
  /** Who is asking (verified), and the identity forwarded to the departments. */
  caller: Caller;
};

export const createGatewayContext =
  (logger: Logger, callerOf: (request: IncomingRequestInfo) => Promise<Caller>) =>
  async (request: IncomingRequestInfo): Promise<GatewayContext> => {
    const context: GatewayContext = {
      requestId: request.requestId,
      logger: request.logger ?? logger.child({ requestId: request.requestId }),
      caller: await callerOf(request),
    };
    const trace = parseTraceparent(request.traceparent);
    if (trace) context.traceparent = trace;
    return context;
  };

/** Sets `x-request-id`, `traceparent` and the signed caller identity on a request to a department. */
export async function forwardRequestIdentity(headers: { set(name: string, value: string): void }, context: Partial<GatewayContext>): Promise<void> {
  if (context.requestId) headers.set('x-request-id', context.requestId);
  if (context.traceparent) headers.set('traceparent', childTraceparent(context.traceparent));
  const token = await context.caller?.identityToken();
  if (token) headers.set(IDENTITY_HEADER, token);
}
