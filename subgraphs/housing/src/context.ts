import type { SubgraphRequest } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders, type Queries } from './loaders.ts';
import { createAccess, type Access } from './access.ts';

export interface HousingContext {
  db: Db;
  loaders: Loaders;
  /** The request as the runtime gives it: verified identity and the access recorder (`request.audit`). */
  request: SubgraphRequest;
  /** Whose rows the caller may see, and whether statistics are suppressed for them. */
  access: Access;
}

export const createContext = (db: Db, queries: Queries, request: SubgraphRequest): HousingContext =>
  keepRuntimeMarkers({
    db,
    loaders: createLoaders(db, queries),
    request,
    access: createAccess(request.identity),
  });

/**
 * Workaround for a shared-runtime issue (reported to the lead; belongs in shared/): the runtime
 * remembers the request on the context with a non-enumerable symbol property, but Apollo Server
 * shallow-clones the context for every operation with `Object.assign`, which copies only
 * enumerable properties. The clone would lose it, and the runtime's schema authorization would
 * then treat every caller as public and never flush the access log. Symbol-keyed properties the
 * runtime defines on this context are made enumerable, so they survive the clone. Harmless once
 * the runtime defines them enumerable itself.
 */
function keepRuntimeMarkers<T extends object>(context: T): T {
  return new Proxy(context, {
    defineProperty: (target, key, descriptor) =>
      Reflect.defineProperty(target, key, typeof key === 'symbol' ? { ...descriptor, enumerable: true } : descriptor),
  });
}
