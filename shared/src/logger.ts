import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stdout, one line per event: `time` (ISO 8601), `level` (label: info, warn…),
 * `service` (the process: gateway or a department), `msg`, and for anything said while serving a
 * request `requestId` (and `traceId` when the caller sent a W3C traceparent). `destination` is
 * for tests.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Labels rather than pino's numbers: an operator greps for "level":"error", not 50.
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The fields that tie a log line to one request in every process it passes through. */
export interface RequestLogFields {
  requestId?: string | undefined;
  traceId?: string | undefined;
}

/** A child logger whose every line carries the request's id (and trace id, when there is one). */
export function requestLogger(logger: Logger, { requestId, traceId }: RequestLogFields): Logger {
  return logger.child({ ...(requestId ? { requestId } : {}), ...(traceId ? { traceId } : {}) });
}
