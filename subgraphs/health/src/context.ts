import { mustSuppressFor, type SubgraphRequest } from '@village-graph/shared';
import { createAccess, type Access } from './access.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { Queries } from './queries.ts';

export interface HealthContext {
  /** Prepared statements (per process). Root lists use them directly: one page and one count per list. */
  queries: Queries;
  /** DataLoaders (per request) for everything resolved per parent. */
  loaders: Loaders;
  /** The caller's row scope and the access log of this request (see access.ts). */
  access: Access;
  request: SubgraphRequest;
}

export function createContext(queries: Queries, request: SubgraphRequest): HealthContext {
  const loaders = createLoaders(queries, { suppressSmallCells: mustSuppressFor(request.identity) });
  return { queries, loaders, access: createAccess(request.identity, request.audit, loaders), request };
}

