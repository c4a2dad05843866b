import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import {
  IDENTITY_HEADER,
  PUBLIC_IDENTITY,
  closeServer,
  createGraphQLMetricsPlugin,
  createHttpServer,
  createIdentityVerifier,
  createLogger,
  createMetricsRegistry,
  createRequestContextFactory,
  createRequestLoggingPlugin,
  repoRoot,
  instrumentDatabase,
  isDraining,
  listen,
  logUnexpectedError,
  maskError,
  metricsRoute,
  openDatabase,
  purposeFromHeaders,
  sendJson,
  subgraphRequestOf,
  type Identity,
  type IncomingRequestInfo,
  type Logger,
  type SqliteDatabase,
  type StatementCounter,
  type SubgraphModule,
} from '@village-graph/shared';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '@village-graph/scripts/dataset';
import { departments as allDepartments } from '@village-graph/scripts/departments';
import { createMonolithContext, createMonolithSchema, type MonolithContext } from './schema.ts';

/** The name the monolith's logs and metrics carry. */
export const MONOLITH_SERVICE = 'monolith';

/** The committed supergraph, as the gateway serves it by default. */
export const defaultSupergraphPath = path.join(repoRoot, 'gateway', 'supergraph.graphql');

type Registry = ReturnType<typeof createMetricsRegistry>;

export interface MonolithOptions {
  /** The composed supergraph SDL whose API schema the monolith serves (default the committed one). */
  supergraphSdl?: string;
  /** The departments, in the order used to choose among several owners (default all five, in port order). */
  departments?: readonly SubgraphModule<object>[];
  /** Where the departments' databases are: `<dataDir>/<department>.sqlite`, as the subgraphs open them. */
  dataDir: string;
  /** The gateway's identity-signing public key (PEM); without it every caller is public, as at a subgraph. */
  identityPublicKeyPem: string | null;
  logger?: Logger;
  /** Requests with larger bodies are refused with 413 (default 1 MiB, as the subgraphs). */
  maxBodyBytes?: number;
  /** Drain deadline on close (default 10 s). */
  shutdownDrainMs?: number;
  /** Count every statement on each department's connection (better-sqlite3's verbose hook), as COUNT_SQL_STATEMENTS does for a subgraph. */
  countStatements?: boolean;
}

export interface Monolith {
  httpServer: http.Server;
  /** Request metrics on `/metrics`; each department's SQL histogram on `/metrics/<department>`. */
  registry: Registry;
  departmentRegistries: Readonly<Record<string, Registry>>;
  /** Statements run per department since start, when `countStatements` was set. */
  statementCounts(): Record<string, number>;
  /** Starts listening; resolves with the bound port (0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, drains in-flight requests, stops Apollo, closes every database. */
  close(): Promise<void>;
}

/** The monolith's context, plus a refusal kept for the request (bad purpose headers). */
type RequestContext = MonolithContext & { refusal: GraphQLError | null };

/**
 * The five departments' resolvers behind one schema in one process, served through the same HTTP
 * front as every process here (`createHttpServer`). Each department's database is opened as its
 * subgraph opens it (`openDatabase` with its migrations) and instrumented the same way; each
 * request gets each department's own context from the same factory a subgraph uses, for the
 * identity in `x-village-identity`, and each department's access log is flushed as its subgraph
 * flushes it when the answer is sent.
 */
export async function createMonolith(options: MonolithOptions): Promise<Monolith> {
  const { departments = allDepartments, dataDir, identityPublicKeyPem, maxBodyBytes = 1024 * 1024, shutdownDrainMs = 10_000, countStatements = false } = options;
  const logger = options.logger ?? createLogger(MONOLITH_SERVICE, 'info');
  const supergraphSdl = options.supergraphSdl ?? fs.readFileSync(defaultSupergraphPath, 'utf8');
  const schema = createMonolithSchema({ supergraphSdl, departments });

  const counters: StatementCounter[] = departments.map(() => ({ count: 0 }));
  const databases: SqliteDatabase[] = [];
  try {
    for (const [i, department] of departments.entries()) {
      databases.push(openDatabase({ path: databasePath(dataDir, department.name), migrationsFolder: department.migrationsFolder, ...(countStatements ? { counter: counters[i]! } : {}) }));
    }
  } catch (error) {
    for (const sqlite of databases) sqlite.close();
    throw error;
  }
  const registry = createMetricsRegistry(MONOLITH_SERVICE);
  // Each department's SQL timings in a registry of its own: the subgraphs' metric, under the same
  // name and labels, which one registry could hold only once.
  const departmentRegistries = Object.fromEntries(
    departments.map((department, i) => {
      const departmentRegistry = createMetricsRegistry(department.name, { processMetrics: false });
      instrumentDatabase(databases[i]!, departmentRegistry);
      return [department.name, departmentRegistry];
    }),
  );

  const verify = identityPublicKeyPem
    ? await createIdentityVerifier(identityPublicKeyPem, (reason) => logger.warn({ reason }, 'identity not signed by the gateway; serving public data only'))
    : null;
  if (!verify) logger.warn('no gateway identity public key: every caller is served as public');
  // Prepared once per process, as each subgraph prepares its own.
  const contextFactories = departments.map((department, i) => createRequestContextFactory(department, databases[i]!, null));

  const context = async (request: IncomingRequestInfo): Promise<RequestContext> => {
    const header = request.headers[IDENTITY_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    // The request id is this process's own (the monolith is the front door); a token signed once
    // and reused would otherwise stamp every access-log entry with the same id.
    let identity: Identity = verify ? { ...(await verify(token, request.requestId)), requestId: request.requestId } : { ...PUBLIC_IDENTITY, requestId: request.requestId };
    let refusal: GraphQLError | null = null;
    // The gateway signs the caller's declared purpose into the identity. A signed identity without
    // one may declare it in x-purpose / x-case-reference, read as the gateway reads them; the
    // public caller gets no signed identity through the gateway, so no purpose either.
    if (identity.role !== 'PUBLIC' && identity.purpose === null) {
      try {
        identity = { ...identity, ...purposeFromHeaders(request.headers) };
      } catch (error) {
        const refused = error as GraphQLError;
        refusal = new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 400 } } });
      }
    }
    const departmentContexts = await Promise.all(contextFactories.map((factory) => factory({ ...request, identity })));
    return { ...createMonolithContext(identity, departmentContexts), refusal };
  };

  const requestPlugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          // Bad purpose headers refuse the whole request with their own code, as at the gateway.
          if (contextValue.refusal) throw contextValue.refusal;
        },
        async willSendResponse({ contextValue, response }) {
          for (const departmentContext of contextValue.departments ?? []) subgraphRequestOf(departmentContext)?.audit.flush();
          if (contextValue.sideErrors?.length && response.body.kind === 'single') {
            const result = response.body.singleResult;
            const formatted = contextValue.sideErrors.map((error) => maskError(error.toJSON(), () => logUnexpectedError(logger, error, error.path)));
            result.errors = [...(result.errors ?? []), ...formatted];
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // The process stops Apollo itself, after draining HTTP (see close).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // First, so that the errors it adds are the ones logging and metrics see.
      requestPlugin,
      createRequestLoggingPlugin<RequestContext>(logger),
      createGraphQLMetricsPlugin<RequestContext>(registry),
    ],
    formatError: (formatted, error) => maskError(formatted, () => logUnexpectedError(logger, error, formatted.path)),
  });
  await apollo.start();

  const ready = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (isDraining(httpServer)) return sendJson(res, 503, { status: 'draining', service: MONOLITH_SERVICE });
    const status = Object.fromEntries(
      departments.map((department, i) => {
        try {
          databases[i]!.prepare('SELECT 1').get();
          return [department.name, 'ok'];
        } catch {
          return [department.name, 'unavailable'];
        }
      }),
    );
    const ok = Object.values(status).every((s) => s === 'ok');
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', service: MONOLITH_SERVICE, databases: status });
  };
  const httpServer = createHttpServer<RequestContext>({
    apollo,
    logger,
    maxBodyBytes,
    context,
    routes: {
      '/health': ready,
      '/health/ready': ready,
      '/health/live': (_req, res) => sendJson(res, 200, { status: 'live', service: MONOLITH_SERVICE }),
      '/metrics': metricsRoute(registry),
      ...Object.fromEntries(Object.entries(departmentRegistries).map(([name, r]) => [`/metrics/${name}`, metricsRoute(r)])),
    },
  });

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    registry,
    departmentRegistries,
    statementCounts: () => Object.fromEntries(departments.map((d, i) => [d.name, counters[i]!.count])),
    listen: (port, host) => listen(httpServer, port, host),
    close: () =>
      (closing ??= (async () => {
        const drained = await closeServer(httpServer, { drainMs: shutdownDrainMs });
        if (drained.forced) logger.warn({ drainMs: shutdownDrainMs }, 'drain deadline passed; open connections were cut');
        await apollo.stop();
        for (const sqlite of databases) sqlite.close();
        logger.info('databases closed');
      })()),
  };
}
