import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Loaders } from './loaders.ts';
import type { Queries } from './queries.ts';

export interface HealthContext {
  /** Prepared statements (per process). Root lists use them directly: one page and one count per list. */
  queries: Queries;
  /** DataLoaders (per request) for everything resolved per parent. */
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (queries: Queries, request: IncomingRequestInfo): HealthContext => ({
  queries,
  loaders: createLoaders(queries),
  request,
});
