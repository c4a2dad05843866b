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
  ({
    db,
    loaders: createLoaders(db, queries),
    request,
    access: createAccess(request.identity),
  });
