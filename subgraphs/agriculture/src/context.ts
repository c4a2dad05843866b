import type { Identity, SubgraphRequest } from '@village-graph/shared';
import { createLoaders, type Loaders, type Queries } from './loaders.ts';
import { createAccess, type Access } from './access.ts';

export interface AgricultureContext {
  loaders: Loaders;
  request: SubgraphRequest;
  /** The caller as the gateway vouched for it (public when absent or forged). */
  identity: Identity;
  /** Row scope of the caller over agriculture's personal rows. */
  access: Access;
  /** Notes a read of sensitive fields of a resident or household for the access log. */
  audit(subjectId: string, fields: readonly string[]): void;
}

export const createContext = (queries: Queries, request: SubgraphRequest): AgricultureContext => {
  const loaders = createLoaders(queries);
  return keepRuntimeSlots({
    loaders,
    request,
    identity: request.identity,
    access: createAccess(request.identity, loaders),
    audit: (subjectId, fields) => request.audit.read(subjectId, fields),
  });
};

/**
 * The shared runtime remembers the request on each context under a private, non-enumerable symbol
 * (for schema authorization and the access-log flush). Apollo's `executeOperation` — the path of
 * the in-process test harness — shallow-copies the context with `Object.assign`, which drops
 * non-enumerable properties, so those tests would see every caller as public and never flush the
 * access log. Making symbol-keyed slots enumerable keeps them through the copy; the HTTP path does
 * not copy and is unaffected. (Shared fix: `enumerable: true` where the runtime defines the slot.)
 */
function keepRuntimeSlots<T extends object>(context: T): T {
  return new Proxy(context, {
    defineProperty: (target, key, descriptor) =>
      Reflect.defineProperty(target, key, typeof key === 'symbol' ? { ...descriptor, enumerable: true } : descriptor),
  });
}
