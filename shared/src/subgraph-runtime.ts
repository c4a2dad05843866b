import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type http from 'node:http';
import type { Registry } from 'prom-client';
import { createHttpServer, closeServer, isDraining, listen, sendJson, type IncomingRequestInfo } from './http-server.ts';
import { maskError } from './errors.ts';
import { createGraphQLMetricsPlugin, createMetricsRegistry, metricsRoute } from './metrics.ts';
import { createRequestLoggingPlugin, logUnexpectedError } from './request-logging.ts';
import { createResolverTimingPlugin, instrumentDatabase } from './subgraph-metrics.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase, type SqliteDatabase, type StatementCounter } from './sqlite.ts';
import { envInt, envKey, envPort, envString, type Env } from './config.ts';
import { exitOnStartupFailure, stopOnSignals } from './process.ts';
import { defaultDataDir } from './paths.ts';

export type { GraphQLResolverMap };

/**
 * The module contract every department's subgraph fulfils (`subgraphs/<name>/src/subgraph.ts`).
 * Compose, the dev runner, the seed script and the end-to-end tests loop over all five the same
 * way through this shape.
 */
export interface SubgraphModule<TContext extends object = object> {
  /** The subgraph's name in the supergraph, e.g. `civil-affairs`. */
  name: string;
  /** Human title, e.g. `Civil affairs (民政)`; used in error messages about this department. */
  title: string;
  /** Port used when PORT is not set (4001–4005 for the five departments). */
  defaultPort: number;
  /** Absolute path of the subgraph's `schema.graphql` (the contract). */
  schemaPath: string;
  /** Absolute path of the drizzle-kit migrations folder. */
  migrationsFolder: string;
  resolvers: GraphQLResolverMap<TContext>;
  /** Called once per process with the open database; returns the per-request context factory. */
  createContextFactory(sqlite: SqliteDatabase): (request: IncomingRequestInfo) => TContext;
}

export const defineSubgraph = <TContext extends object>(module: SubgraphModule<TContext>): SubgraphModule<TContext> => module;

/** Where a subgraph package keeps its contract and migrations, from its `src/subgraph.ts` URL. */
export const subgraphPaths = (subgraphModuleUrl: string) => ({
  schemaPath: fileURLToPath(new URL('../schema.graphql', subgraphModuleUrl)),
  migrationsFolder: fileURLToPath(new URL('../drizzle', subgraphModuleUrl)),
});

export const loadTypeDefs = (module: Pick<SubgraphModule, 'schemaPath'>): DocumentNode =>
  parse(fs.readFileSync(module.schemaPath, 'utf8'));

/** Per-process settings of a subgraph; read once from the environment. */
export interface SubgraphConfig {
  /** PORT, default the module's port (4001–4005). */
  port: number;
  /** HOST, default 127.0.0.1 (never all interfaces unless asked). */
  host: string;
  /** DATABASE_PATH, default `<DATA_DIR>/<name>.sqlite`. */
  databasePath: string;
  /** LOG_LEVEL, default info. */
  logLevel: string;
  /** MAX_BODY_BYTES, default 1 MiB. */
  maxBodyBytes: number;
  /**
   * SHUTDOWN_DRAIN_MS, default 10000: on SIGTERM, how long in-flight requests may take to finish
   * before their connections are cut; then the database is closed.
   */
  shutdownDrainMs: number;
}

export function readSubgraphConfig(module: Pick<SubgraphModule, 'name' | 'defaultPort'>, env: Env): Readonly<SubgraphConfig> {
  const dataDir = envString(env, 'DATA_DIR', defaultDataDir);
  return Object.freeze({
    port: envPort(env, 'PORT', module.defaultPort),
    host: envString(env, 'HOST', '127.0.0.1'),
    databasePath: path.resolve(envString(env, 'DATABASE_PATH', path.join(dataDir, `${module.name}.sqlite`))),
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024, { min: 1024 }),
    shutdownDrainMs: envInt(env, 'SHUTDOWN_DRAIN_MS', 10_000, { min: 0, max: 600_000 }),
  });
}

export interface SubgraphServer {
  httpServer: http.Server;
  apollo: ApolloServer<object>;
  sqlite: SqliteDatabase;
  /** This process's metrics, served on `/metrics`. */
  registry: Registry;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, drains in-flight requests (up to the drain deadline), stops Apollo, closes the database. */
  close(): Promise<void>;
}

export interface SubgraphServerDeps {
  sqlite: SqliteDatabase;
  logger: Logger;
  maxBodyBytes?: number;
  /** Drain deadline on close (default 10 s). */
  shutdownDrainMs?: number;
  /** Where metrics go (default a fresh registry with process metrics). */
  registry?: Registry;
}

export interface SubgraphApolloOptions {
  /** When given, request metrics and resolver timings are recorded here. */
  registry?: Registry;
}

/** Builds the Apollo server for a module over an open database. No listening, no side effects. */
export function createSubgraphApollo<TContext extends object>(
  module: SubgraphModule<TContext>,
  logger: Logger,
  { registry }: SubgraphApolloOptions = {},
): ApolloServer<TContext> {
  const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs(module), resolvers: module.resolvers as GraphQLResolverMap<unknown> });
  return new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // The process stops Apollo itself, after draining HTTP (see close); Apollo's own signal handler
    // would stop it while requests are still in flight.
    stopOnTerminationSignals: false,
    plugins: [
      // Inline tracing only serves Apollo's hosted studio, which nothing here reports to.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // Logs unexpected errors with their stack and the request id (formatError only as a fallback).
      createRequestLoggingPlugin<TContext>(logger),
      ...(registry ? [createGraphQLMetricsPlugin<TContext>(registry), createResolverTimingPlugin<TContext>(schema, registry)] : []),
    ],
    formatError: (formatted, error) => maskError(formatted, () => logUnexpectedError(logger, error, formatted.path)),
  });
}

export async function createSubgraphServer<TContext extends object>(
  module: SubgraphModule<TContext>,
  { sqlite, logger, maxBodyBytes = 1024 * 1024, shutdownDrainMs = 10_000, registry = createMetricsRegistry(module.name) }: SubgraphServerDeps,
): Promise<SubgraphServer> {
  instrumentDatabase(sqlite, registry);
  const apollo = createSubgraphApollo(module, logger, { registry });
  await apollo.start();
  const contextFor = module.createContextFactory(sqlite);
  const ready = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (isDraining(httpServer)) return sendJson(res, 503, { status: 'draining', subgraph: module.name });
    try {
      sqlite.prepare('SELECT 1').get();
      sendJson(res, 200, { status: 'ready', subgraph: module.name, database: 'ok' });
    } catch {
      sendJson(res, 503, { status: 'not ready', subgraph: module.name, database: 'unavailable' });
    }
  };
  const httpServer = createHttpServer<TContext>({
    apollo,
    logger,
    maxBodyBytes,
    context: async (request) => contextFor(request),
    routes: {
      '/health': ready,
      '/health/ready': ready,
      '/health/live': (_req, res) => sendJson(res, 200, { status: 'live', subgraph: module.name }),
      '/metrics': metricsRoute(registry),
    },
  });
  let closing: Promise<void> | undefined;
  return {
    httpServer,
    apollo: apollo as unknown as ApolloServer<object>,
    sqlite,
    registry,
    listen: (port, host) => listen(httpServer, port, host),
    close: () =>
      (closing ??= (async () => {
        const drained = await closeServer(httpServer, { drainMs: shutdownDrainMs });
        if (drained.forced) logger.warn({ drainMs: shutdownDrainMs }, 'drain deadline passed; open connections were cut');
        else logger.info({ durationMs: drained.durationMs }, 'drained in-flight requests');
        await apollo.stop();
        sqlite.close();
        logger.info('database closed');
      })()),
  };
}

/**
 * `main()` of every subgraph: read config, open and migrate the database, listen, and on
 * SIGTERM/SIGINT drain and close. Exits 1 with a readable message on a start-up failure.
 */
export async function runSubgraph<TContext extends object>(module: SubgraphModule<TContext>, env: Env = process.env): Promise<void> {
  let logger = createLogger(module.name, 'info');
  try {
    const config = readSubgraphConfig(module, env);
    logger = createLogger(module.name, config.logLevel);
    const counter: StatementCounter | undefined = env.COUNT_SQL_STATEMENTS === 'true' ? { count: 0 } : undefined;
    const sqlite = openDatabase({ path: config.databasePath, migrationsFolder: module.migrationsFolder, ...(counter ? { counter } : {}) });
    const server = await createSubgraphServer(module, { sqlite, logger, maxBodyBytes: config.maxBodyBytes, shutdownDrainMs: config.shutdownDrainMs });
    const port = await server.listen(config.port, config.host);
    logger.info({ url: `http://${config.host}:${port}/graphql`, database: config.databasePath }, `${module.title} subgraph listening`);
    stopOnSignals(logger, () => server.close());
  } catch (error) {
    exitOnStartupFailure(logger, error);
  }
}

/** Environment variable through which the dev runner sets a subgraph's port: `CIVIL_AFFAIRS_PORT`. */
export const subgraphPortVariable = (name: string): string => `${envKey(name)}_PORT`;
/** Environment variable the gateway reads to override a subgraph's URL: `SUBGRAPH_URL_CIVIL_AFFAIRS`. */
export const subgraphUrlVariable = (name: string): string => `SUBGRAPH_URL_${envKey(name)}`;
