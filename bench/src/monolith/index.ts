import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, createLogger, defaultDataDir, envInt, envOptional, envPort, envString, exitOnStartupFailure, stopOnSignals, type Env } from '@village-graph/shared';
import { MONOLITH_SERVICE, createMonolith, defaultSupergraphPath } from './server.ts';

export { createMonolith, defaultSupergraphPath, MONOLITH_SERVICE, type Monolith, type MonolithOptions } from './server.ts';
export { createMonolithSchema, createMonolithContext, type MonolithContext, type MonolithSchemaOptions } from './schema.ts';

/** Port when PORT is not set: clear of the gateway (4000) and the departments (4001–4005). */
export const MONOLITH_DEFAULT_PORT = 4100;

export interface MonolithConfig {
  /** PORT, default 4100. */
  port: number;
  /** HOST, default 127.0.0.1. */
  host: string;
  /** DATA_DIR, default the repository's data/: the five departments' databases. */
  dataDir: string;
  /** SUPERGRAPH_PATH, default the committed gateway/supergraph.graphql. */
  supergraphPath: string;
  /** GATEWAY_IDENTITY_PUBLIC_KEY_PATH: without it every caller is public, as at a subgraph. */
  identityPublicKeyPath: string | null;
  /** LOG_LEVEL, default info. */
  logLevel: string;
  /** MAX_BODY_BYTES, default 1 MiB. */
  maxBodyBytes: number;
  /** SHUTDOWN_DRAIN_MS, default 10000. */
  shutdownDrainMs: number;
  /** COUNT_SQL_STATEMENTS=true: count every statement per department (as a subgraph does). */
  countStatements: boolean;
}

const existingFile = (env: Env, name: string): string | null => {
  const value = envOptional(env, name);
  if (value === undefined) return null;
  if (!fs.existsSync(value)) throw new ConfigError(`${name} names a file that does not exist: ${path.resolve(value)}`);
  return path.resolve(value);
};

export function readMonolithConfig(env: Env): Readonly<MonolithConfig> {
  return Object.freeze({
    port: envPort(env, 'PORT', MONOLITH_DEFAULT_PORT),
    host: envString(env, 'HOST', '127.0.0.1'),
    dataDir: path.resolve(envString(env, 'DATA_DIR', defaultDataDir)),
    supergraphPath: existingFile(env, 'SUPERGRAPH_PATH') ?? defaultSupergraphPath,
    identityPublicKeyPath: existingFile(env, 'GATEWAY_IDENTITY_PUBLIC_KEY_PATH'),
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024, { min: 1024 }),
    shutdownDrainMs: envInt(env, 'SHUTDOWN_DRAIN_MS', 10_000, { min: 0, max: 600_000 }),
    countStatements: env.COUNT_SQL_STATEMENTS === 'true',
  });
}

/** `node --import tsx bench/src/monolith/index.ts`: read the environment, listen, stop on SIGTERM/SIGINT. */
export async function runMonolith(env: Env = process.env): Promise<void> {
  let logger = createLogger(MONOLITH_SERVICE, 'info');
  try {
    const config = readMonolithConfig(env);
    logger = createLogger(MONOLITH_SERVICE, config.logLevel);
    const monolith = await createMonolith({
      dataDir: config.dataDir,
      supergraphSdl: fs.readFileSync(config.supergraphPath, 'utf8'),
      identityPublicKeyPem: config.identityPublicKeyPath ? fs.readFileSync(config.identityPublicKeyPath, 'utf8') : null,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      shutdownDrainMs: config.shutdownDrainMs,
      countStatements: config.countStatements,
    });
    const port = await monolith.listen(config.port, config.host);
    logger.info({ url: `http://${config.host}:${port}/graphql`, dataDir: config.dataDir }, 'monolith (five departments, one schema, one process) listening');
    stopOnSignals(logger, () => monolith.close());
  } catch (error) {
    exitOnStartupFailure(logger, error);
  }
}

// Run only as the process's entry point: the bench imports createMonolith from here too.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runMonolith();
