import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Registry } from 'prom-client';
import {
  closeServer,
  createHttpServer,
  createMetricsRegistry,
  createRequestLoggingPlugin,
  envKey,
  listen,
  logUnexpectedError,
  maskError,
  metricsRoute,
  readTrustedDocumentManifest,
  type Logger,
} from '@village-graph/shared';
import fs from 'node:fs';
import { createIdentitySigner } from '@village-graph/shared';
import type { GatewayConfig } from './config.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createAuthorizationPlugin } from './auth/authorization-plugin.ts';
import { createCallerResolver } from './auth/caller.ts';
import { prepareSupergraph } from './auth/supergraph-security.ts';
import { MAX_PARSER_TOKENS, createOperationLimitsPlugin } from './plugins/operation-limits.ts';
import { createExplorerPlugin } from './plugins/explorer.ts';
import { DepartmentDataSource } from './department-data-source.ts';
import { createHealthRoutes } from './plugins/health.ts';
import { createGatewayMetrics } from './plugins/metrics.ts';
import { createGatewayContext, type GatewayContext } from './plugins/request-id.ts';
import { createQueryPlanCache } from './query-plan-cache.ts';
import { CircuitBreaker } from './resilience/circuit-breaker.ts';
import { RetryBudget } from './resilience/retry.ts';
import { createSupergraphFileSource } from './supergraph-source.ts';
import { validateSupergraph } from './supergraph-validation.ts';
import { createTrustedDocumentsPlugin, warmQueryPlans } from './trusted-documents.ts';

export interface GatewayServer {
  httpServer: http.Server;
  /** The subgraphs of the supergraph in service, with the URLs in use. */
  readonly subgraphs: { name: string; url: string }[];
  /** This gateway's metrics, served on `/metrics`. */
  registry: Registry;
  listen(): Promise<number>;
  /** Drains in-flight requests (up to SHUTDOWN_DRAIN_MS), then stops the gateway. */
  close(): Promise<void>;
}

export interface CreateGatewayOptions {
  /** Where metrics go (default a fresh registry with process metrics). */
  registry?: Registry;
}

/**
 * Builds the gateway for a config: serves the supergraph from its file (and swaps in valid new
 * versions of it), routes each subgraph to the URL the file names unless the environment overrides
 * it, and wraps every department in a timeout, a retry policy and a circuit breaker. Does not listen.
 */
export async function createGateway(config: GatewayConfig, logger: Logger, options: CreateGatewayOptions = {}): Promise<GatewayServer> {
  // @apollo/gateway starts a telemetry exporter to Apollo's servers unless this is set before it is
  // constructed. Nothing may leave this machine, so it is set here, never left to the caller.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const registry = options.registry ?? createMetricsRegistry('gateway');
  const authenticate = config.authentication ? await createAuthenticator(config.authentication) : null;
  const sign = config.identityPrivateKeyPath ? await createIdentitySigner(fs.readFileSync(config.identityPrivateKeyPath, 'utf8')) : null;
  if (!authenticate) logger.warn('no caller authentication configured (AUTH_JWT_*): every caller is public');
  if (!sign) logger.warn('no GATEWAY_IDENTITY_PRIVATE_KEY_PATH: departments will see every caller as public');

  const urlOf = (name: string, url: string | undefined): string => {
    const target = config.subgraphUrlOverrides[envKey(name)] ?? url;
    if (!target) throw new Error(`the supergraph names no URL for subgraph "${name}" and SUBGRAPH_URL_${envKey(name)} is not set`);
    return target;
  };

  // One breaker and one retry budget per department, kept across supergraph reloads (a new URL
  // for a department starts afresh).
  const departments = new Map<string, { url: string; breaker: CircuitBreaker; budget: RetryBudget }>();
  // The breaker gauge reports the departments of the supergraph in service (read at scrape time).
  const metrics = createGatewayMetrics(registry, () => inService().map(({ name, url }) => [name, departmentFor(name, url).breaker]));
  const departmentFor = (name: string, url: string) => {
    const known = departments.get(name);
    if (known && known.url === url) return known;
    const department = {
      url,
      breaker: new CircuitBreaker({
        failureThreshold: config.breakerFailureThreshold,
        openMs: config.breakerOpenMs,
        onStateChange: (state, previous) => {
          metrics.breakerChanged(name, state);
          const log = state === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger);
          log({ subgraph: name, state, previous }, `circuit breaker ${state}`);
        },
      }),
      budget: new RetryBudget(config.subgraphRetryBudgetPercent / 100),
    };
    departments.set(name, department);
    return department;
  };

  const supergraph = createSupergraphFileSource({
    path: config.supergraphPath,
    watch: config.supergraphWatch,
    debounceMs: config.supergraphWatchDebounceMs,
    logger,
    // Marks the authorization features this gateway enforces itself (see auth/supergraph-security.ts).
    prepare: prepareSupergraph,
    validate: (supergraphSdl) => validateSupergraph(supergraphSdl, urlOf),
    onReload: (reload) => metrics.supergraphReload(reload.result),
  });

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.manager,
    logger,
    queryPlannerConfig: {
      cache: createQueryPlanCache({ maxEntries: config.queryPlanCacheSize, onHit: metrics.planCacheHit, onMiss: metrics.planCacheMiss }),
    },
    buildService: ({ name, url }) => {
      const target = urlOf(name, url);
      const department = departmentFor(name, target);
      return new DepartmentDataSource({
        name,
        url: target,
        logger,
        timeoutMs: config.subgraphTimeoutOverrides[envKey(name)] ?? config.subgraphTimeoutMs,
        breaker: department.breaker,
        retry: { retries: config.subgraphRetries, backoffMs: config.subgraphRetryBackoffMs, budget: department.budget },
        observer: metrics.fetchObserver,
        deduplicate: config.subgraphDeduplication,
      });
    },
  });

  const trustedDocuments = readTrustedDocumentManifest(config.trustedDocumentsPath);
  const trustedIds = new Set(trustedDocuments.documents.map((d) => d.id));
  warmQueryPlans(gateway, trustedDocuments.documents, logger);

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // close() stops Apollo after draining HTTP; Apollo's own signal handler would stop it while
    // requests are still in flight.
    stopOnTerminationSignals: false,
    // Anonymous introspection is decided per role by the operation-limits plugin.
    introspection: true,
    // The parser stops at the largest token budget of any role; the caller's own budget is checked next.
    parseOptions: { maxTokens: MAX_PARSER_TOKENS },
    plugins: [
      createExplorerPlugin<GatewayContext>({
        developmentSigning:
          config.mode === 'development' && config.authentication?.algorithm === 'HS256' && config.authentication.secret
            ? { secret: config.authentication.secret, issuer: config.authentication.issuer, audience: config.authentication.audience }
            : null,
        // The picker's resident persona is found through the gateway itself, once it listens.
        server: () => httpServer,
      }),
      createRequestLoggingPlugin<GatewayContext>(logger),
      createTrustedDocumentsPlugin<GatewayContext>({
        manifest: trustedDocuments,
        enforce: config.enforceTrustedDocuments,
        adHocRoles: config.adHocRoles,
        identityOf: (c) => c.caller.identity,
      }),
      metrics.plugin,
      createOperationLimitsPlugin<GatewayContext>((c) => c.caller.identity, {
        introspectionForPublic: config.mode === 'development',
        isTrusted: (queryHash) => trustedIds.has(queryHash),
      }),
      createAuthorizationPlugin<GatewayContext>((c) => c.caller.identity, (c) => c.caller.refusal),
    ],
    // Unexpected errors are logged, with the request id, by the request-logging plugin; this only
    // catches what no plugin hook saw.
    formatError: (formatted, error) => maskError(formatted, () => logUnexpectedError(logger, error, formatted.path)),
  });
  await apollo.start();

  const inService = () => supergraph.status().subgraphs.map(({ name, url }) => ({ name, url: urlOf(name, url) }));
  const httpServer: http.Server = createHttpServer<GatewayContext>({
    apollo,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    context: createGatewayContext(logger, createCallerResolver(authenticate, sign)),
    routes: {
      ...createHealthRoutes({
        server: () => httpServer,
        supergraph: supergraph.status,
        subgraphs: () => inService().map((s) => ({ ...s, breaker: departmentFor(s.name, s.url).breaker.snapshot() })),
        probeTimeoutMs: config.subgraphProbeTimeoutMs,
      }),
      '/metrics': metricsRoute(registry),
    },
  });

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    get subgraphs() {
      return inService();
    },
    registry,
    listen: () => listen(httpServer, config.port, config.host),
    close: () =>
      (closing ??= (async () => {
        const drained = await closeServer(httpServer, { drainMs: config.shutdownDrainMs });
        if (drained.forced) logger.warn({ drainMs: config.shutdownDrainMs }, 'drain deadline passed; open connections were cut');
        else logger.info({ durationMs: drained.durationMs }, 'drained in-flight requests');
        await apollo.stop();
      })()),
  };
}
