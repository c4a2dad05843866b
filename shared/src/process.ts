import { ConfigError } from './config.ts';
import type { Logger } from './logger.ts';

/** On SIGTERM or SIGINT: stop once (drain, close), then exit 0 — or 1 if closing failed. */
export function stopOnSignals(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** A start-up failure ends the process with status 1 and a message a person can act on. */
export function exitOnStartupFailure(logger: Logger, error: unknown): never {
  if (error instanceof ConfigError) logger.fatal(`configuration error: ${error.message}`);
  else logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
}
