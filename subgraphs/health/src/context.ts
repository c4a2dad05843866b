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
  return keepRuntimeSlots({ queries, loaders, access: createAccess(request.identity, request.audit, loaders), request });
}

/**
 * The shared runtime remembers the request on each context under a private, non-enumerable symbol
 * (for its schema authorization and the access-log flush). Apollo Server clones the context of
 * every operation with `Object.assign` (internalExecuteOperation's cloneObject — the HTTP path and
 * executeOperation alike), which drops non-enumerable properties: the runtime would then see every
 * caller as public and never write the access log. Defining symbol-keyed slots as enumerable keeps
 * them through the copy. (The shared fix: `enumerable: true` where the runtime defines the slot;
 * this then does nothing.)
 */
function keepRuntimeSlots<T extends object>(context: T): T {
  return new Proxy(context, {
    defineProperty: (target, key, descriptor) =>
      Reflect.defineProperty(target, key, typeof key === 'symbol' ? { ...descriptor, enumerable: true } : descriptor),
  });
}
