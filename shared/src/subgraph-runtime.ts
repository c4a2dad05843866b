import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
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
import { ConfigError, envInt, envKey, envOptional, envPort, envString, type Env } from './config.ts';
import { PUBLIC_IDENTITY, type Identity } from './auth/claims.ts';
import { IDENTITY_HEADER, createIdentityVerifier } from './auth/gateway-identity.ts';
import { enforceSchemaAuthorization } from './auth/subgraph-authorization.ts';
import { createAccessLog, type AccessLog } from './audit/access-log.ts';
import { createAccessRecorder, type AccessRecorder } from './audit/recorder.ts';
import { exitOnStartupFailure, stopOnSignals } from './process.ts';
import { defaultDataDir } from './paths.ts';

export type { GraphQLResolverMap };

/**
 * What a department's context factory learns about a request: the HTTP facts, the caller's
 * identity as the gateway vouched for it (the public identity when there is none or it is forged),
 * and the recorder for reads of sensitive personal fields.
 */
export interface SubgraphRequest extends IncomingRequestInfo {
  identity: Identity;
  audit: AccessRecorder;
}

/** Where the runtime keeps the request on each department's context, for its own plugins. */
const REQUEST = Symbol('village-graph.request');
const requestOf = (context: object): SubgraphRequest => (context as { [REQUEST]: SubgraphRequest })[REQUEST];

/**
 * The request the runtime keeps on a context made by `createRequestContextFactory`: its verified
 * identity and access recorder. For hosts that run a department's schema themselves and must
 * flush its access log when their request ends (the benchmark's single-process contender).
 */
export const subgraphRequestOf = (context: object): SubgraphRequest | undefined => requestOf(context);

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
  createContextFactory(sqlite: SqliteDatabase): (request: SubgraphRequest) => TContext;
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
  /**
   * GATEWAY_IDENTITY_PUBLIC_KEY_PATH: the gateway's identity-signing public key (PEM). Without it
   * every caller is served as public (only public data).
   */
  identityPublicKeyPath: string | null;
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
    identityPublicKeyPath: existingFile(env, 'GATEWAY_IDENTITY_PUBLIC_KEY_PATH'),
  });
}

function existingFile(env: Env, name: string): string | null {
  const value = envOptional(env, name);
  if (value === undefined) return null;
  if (!fs.existsSync(value)) throw new ConfigError(`${name} names a file that does not exist: ${path.resolve(value)}`);
  return path.resolve(value);
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
  /** The gateway's identity-signing public key (PEM); without it every caller is public. */
  identityPublicKeyPem?: string | null;
}

export interface SubgraphApolloOptions {
  /** When given, request metrics and resolver timings are recorded here. */
  registry?: Registry;
}

/**
 * The executable schema a department serves: its SDL and resolvers as a federated subgraph, with
 * its own enforcement of @authenticated/@requiresScopes/@policy (the identity comes from a context
 * made by `createRequestContextFactory`). One builder, so that anything executing a department's
 * resolvers enforces exactly what the department's own process does.
 */
export function createSubgraphSchema<TContext extends object>(module: SubgraphModule<TContext>): GraphQLSchema {
  // The department enforces its schema's @authenticated/@requiresScopes/@policy itself too.
  return enforceSchemaAuthorization(
    buildSubgraphSchema({ typeDefs: loadTypeDefs(module), resolvers: module.resolvers as GraphQLResolverMap<unknown> }),
    (context: object) => requestOf(context)?.identity ?? { ...PUBLIC_IDENTITY, requestId: 'unknown' },
  );
}

/** Builds the Apollo server for a module over an open database. No listening, no side effects. */
export function createSubgraphApollo<TContext extends object>(
  module: SubgraphModule<TContext>,
  logger: Logger,
  { registry }: SubgraphApolloOptions = {},
): ApolloServer<TContext> {
  const schema = createSubgraphSchema(module);
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
      // Appends what the request read to the department's access log once it is answered.
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue }) {
              requestOf(contextValue)?.audit.flush();
            },
          };
        },
      },
      ...(registry ? [createGraphQLMetricsPlugin<TContext>(registry), createResolverTimingPlugin<TContext>(schema, registry)] : []),
    ],
    formatError: (formatted, error) => maskError(formatted, () => logUnexpectedError(logger, error, formatted.path)),
  });
}

export async function createSubgraphServer<TContext extends object>(
  module: SubgraphModule<TContext>,
  { sqlite, logger, maxBodyBytes = 1024 * 1024, shutdownDrainMs = 10_000, registry = createMetricsRegistry(module.name), identityPublicKeyPem = null }: SubgraphServerDeps,
): Promise<SubgraphServer> {
  instrumentDatabase(sqlite, registry);
  const apollo = createSubgraphApollo(module, logger, { registry });
  await apollo.start();
  const contextFor = createRequestContextFactory(module, sqlite, identityPublicKeyPem ? await createIdentityVerifier(identityPublicKeyPem, (reason) => logger.warn({ reason }, 'identity not signed by the gateway; serving public data only')) : null);
  if (!identityPublicKeyPem) logger.warn('no GATEWAY_IDENTITY_PUBLIC_KEY_PATH: every caller is served as public');
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
    context: contextFor,
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
 * Builds each request's context: verifies the forwarded identity, opens an access recorder on the
 * department's log, calls the department's factory and remembers the request on the context for
 * the runtime's own plugins (authorization, audit flush).
 */
export function createRequestContextFactory<TContext extends object>(
  module: SubgraphModule<TContext>,
  sqlite: SqliteDatabase,
  verify: ((token: string | undefined, requestId: string) => Promise<Identity>) | null,
): (request: IncomingRequestInfo & { identity?: Identity }) => Promise<TContext> {
  const departmentContext = module.createContextFactory(sqlite);
  // Prepared on first use: a department's access_log table arrives with its own migration.
  let log: AccessLog | undefined;
  const accessLog = () => (log ??= createAccessLog(sqlite));
  return async (request) => {
    const header = request.headers[IDENTITY_HEADER];
    const identity =
      request.identity ?? (verify ? await verify(Array.isArray(header) ? header[0] : header, request.requestId) : { ...PUBLIC_IDENTITY, requestId: request.requestId });
    let recorder: AccessRecorder | undefined;
    const audit: AccessRecorder = {
      read: (subject, fields) => (recorder ??= createAccessRecorder(accessLog(), identity)).read(subject, fields),
      flush: () => recorder?.flush(),
    };
    const full: SubgraphRequest = { ...request, identity, audit };
    const context = departmentContext(full);
    // Enumerable: Apollo Server shallow-copies the context for each operation of a request, and
    // only enumerable properties survive the copy.
    (context as { [REQUEST]: SubgraphRequest })[REQUEST] = full;
    return context;
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
    const server = await createSubgraphServer(module, {
      sqlite,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      shutdownDrainMs: config.shutdownDrainMs,
      identityPublicKeyPem: config.identityPublicKeyPath ? fs.readFileSync(config.identityPublicKeyPath, 'utf8') : null,
    });
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
