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
  return {
    db,
    loaders: createLoaders(db, queries, request.identity),
    request,
    identity: request.identity,
    scope,
    audit: request.audit,
  };
};

