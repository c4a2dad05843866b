// The shared package's public surface: everything a subgraph, the gateway or a script may use.
export { Errors, maskError, isPublicErrorCode, type ErrorCode } from './errors.ts';
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
  createSubgraphApollo,
  createSubgraphServer,
  defineSubgraph,
  loadTypeDefs,
  readSubgraphConfig,
  runSubgraph,
  subgraphPaths,
  subgraphPortVariable,
  subgraphUrlVariable,
  type GraphQLResolverMap,
  type SubgraphConfig,
  type SubgraphModule,
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
