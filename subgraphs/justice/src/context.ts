import { rowScopeOf, type AccessRecorder, type Identity, type RowScope, type SubgraphRequest } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders, type Queries } from './loaders.ts';

export interface JusticeContext {
  db: Db;
  loaders: Loaders;
  request: SubgraphRequest;
  /** The caller, as the gateway vouched for it (public when unsigned or forged). */
  identity: Identity;
  /** Which justice rows the caller may see. */
  scope: RowScope;
  /** Where reads of sensitive fields are noted for the access log. */
  audit: AccessRecorder;
}

export const createContext = (db: Db, queries: Queries, request: SubgraphRequest): JusticeContext => {
  const scope = rowScopeOf(request.identity);
  return keepRuntimeSlots({
    db,
    loaders: createLoaders(db, queries, request.identity),
    request,
    identity: request.identity,
    scope,
    audit: request.audit,
  });
};

/**
 * The shared runtime keeps the request on each context under a private symbol, defined
 * non-enumerable, for its schema authorization and its access-log flush. Apollo Server copies the
 * context per operation with `Object.assign` (`cloneObject` in `internalExecuteOperation`, used by
 * both `executeOperation` and the HTTP path), which drops non-enumerable properties: the runtime
 * would then see every caller as public and never flush the access log. Symbol-keyed slots the
 * runtime defines on this context are made enumerable so they survive the copy. Harmless once the
 * runtime defines the slot enumerable itself (the shared fix).
 */
function keepRuntimeSlots<T extends object>(context: T): T {
  return new Proxy(context, {
    defineProperty: (target, key, descriptor) =>
      Reflect.defineProperty(target, key, typeof key === 'symbol' ? { ...descriptor, enumerable: true } : descriptor),
  });
}
