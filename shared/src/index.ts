// The shared package's public surface: everything a subgraph, the gateway or a script may use.
export { Errors, maskError, isPublicErrorCode, isUnexpectedError, type ErrorCode } from './errors.ts';
export { ConfigError, envBoolean, envEnum, envInt, envKey, envOptional, envPort, envString, type Env } from './config.ts';
export { repoRoot, defaultDataDir } from './paths.ts';
export {
  REGION_LEVELS,
  PREFIX_LENGTH,
  isRegionCode,
  isRuralVillageCode,
  isInSubtree,
  parentCode,
  parseRegionCode,
  regionLevel,
  subtreeRange,
  type RegionLevel,
} from './region-code.ts';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  parsePageArgs,
  toConnection,
  type Connection,
  type PageArgs,
  type PageRequest,
} from './pagination.ts';
export { openDatabase, type SqliteDatabase, type StatementCounter, type OpenDatabaseOptions } from './sqlite.ts';
export { createLogger, type Logger } from './logger.ts';
export { createHttpServer, closeServer, listen, requestIdOf, sendJson, type IncomingRequestInfo, type RouteHandler } from './http-server.ts';
export {
  createRequestContextFactory,
  createSubgraphApollo,
  createSubgraphSchema,
  createSubgraphServer,
  defineSubgraph,
  loadTypeDefs,
  readSubgraphConfig,
  runSubgraph,
  subgraphPaths,
  subgraphPortVariable,
  subgraphRequestOf,
  subgraphUrlVariable,
  type GraphQLResolverMap,
  type SubgraphConfig,
  type SubgraphModule,
  type SubgraphRequest,
  type SubgraphServer,
} from './subgraph-runtime.ts';
export { createRandom, type Random } from './random.ts';
export type {
  AssistanceCategory,
  DepartmentSeeder,
  Ethnicity,
  HouseholdRelation,
  SeedRegion,
  SeedWorld,
  Sex,
  WorldGrid,
  WorldHousehold,
  WorldResident,
  WorldVillage,
} from './seed-world.ts';
export { inJsonList, escapeLike, byKey, groupByKey } from './sql.ts';
export { createSubtreeList, type SubtreeListSpec } from './subtree-list.ts';
export { stopOnSignals, exitOnStartupFailure } from './process.ts';
export { createSubtreeRollup, type SubtreeRollupSpec } from './subtree-rollup.ts';
// Observability.
export { requestLogger, type RequestLogFields } from './logger.ts';
export { isDraining, type CloseOutcome, type CloseServerOptions } from './http-server.ts';
export { childTraceparent, parseTraceparent, type TraceParent } from './trace-context.ts';
export {
  ANONYMOUS_OPERATION,
  INVALID_OPERATION,
  LATENCY_BUCKETS,
  createGraphQLMetricsPlugin,
  createLabelLimiter,
  createMetricsRegistry,
  metricsRoute,
  publicCodeOf,
  type MetricsRegistryOptions,
} from './metrics.ts';
export { createRequestLoggingPlugin, logUnexpectedError } from './request-logging.ts';
export { createResolverTimingPlugin, describeStatement, instrumentDatabase } from './subgraph-metrics.ts';
export {
  DEPARTMENTS,
  PUBLIC_IDENTITY,
  PURPOSES,
  ROLES,
  identityFromClaims,
  purposeFromHeaders,
  type Department,
  type Identity,
  type Purpose,
  type Role,
} from './auth/claims.ts';
// Who may see what.
export { IDENTITY_HEADER, createIdentitySigner, createIdentityVerifier, generateIdentityKeyPair, type IdentityKeyPair } from './auth/gateway-identity.ts';
export {
  ACCESS_LOG_APPEND_ONLY_SQL,
  accessLog,
  createAccessLog,
  toAccessLogEntry,
  type AccessEntry,
  type AccessLog,
  type AccessLogEntry,
  type StoredAccessEntry,
} from './audit/access-log.ts';
export { authorizationRulesOf, enforceSchemaAuthorization, refusalFor, scopesOf, type AuthorizationRule } from './auth/subgraph-authorization.ts';
export { SMALL_CELL_THRESHOLD, createSmallCellGuard, mustSuppressFor, suppressInGroup, suppressedError } from './statistics/small-cells.ts';
export { createAccessRecorder, type AccessRecorder } from './audit/recorder.ts';
export { canListWithin, canSeeRow, rowScopeOf, type RowScope } from './auth/row-scope.ts';
export {
  appOperationsDir,
  buildTrustedDocumentManifest,
  documentIdOf,
  operationFiles,
  readTrustedDocumentManifest,
  serializeTrustedDocumentManifest,
  trustedDocumentsPath,
  type TrustedDocument,
  type TrustedDocumentManifest,
} from './trusted-documents.ts';
