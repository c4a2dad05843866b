import { childTraceparent, parseTraceparent, type IncomingRequestInfo, type Logger, type TraceParent } from '@village-graph/shared';

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
};

export const createGatewayContext =
  (logger: Logger) =>
  async (request: IncomingRequestInfo): Promise<GatewayContext> => {
    const context: GatewayContext = { requestId: request.requestId, logger: request.logger ?? logger.child({ requestId: request.requestId }) };
    const trace = parseTraceparent(request.traceparent);
    if (trace) context.traceparent = trace;
    return context;
  };

/** Sets `x-request-id` (and `traceparent`) on a request to a department. */
export function forwardRequestIdentity(headers: { set(name: string, value: string): void }, context: Partial<GatewayContext>): void {
  if (context.requestId) headers.set('x-request-id', context.requestId);
  if (context.traceparent) headers.set('traceparent', childTraceparent(context.traceparent));
}
