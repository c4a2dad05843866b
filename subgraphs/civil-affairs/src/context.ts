import type { SubgraphRequest } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders, type Queries } from './loaders.ts';
import { createAccess, type Access } from './access.ts';

export interface CivilAffairsContext {
  db: Db;
  queries: Queries;
  loaders: Loaders;
  request: SubgraphRequest;
  /** The caller's identity, area and access recorder (who may see what). */
  access: Access;
}

export const createContext = (db: Db, queries: Queries, request: SubgraphRequest): CivilAffairsContext => {
  const loaders = createLoaders(db, queries);
  const access = createAccess(request.identity, request.audit, async (residentId) => (await loaders.residentById.load(residentId))?.householdId ?? null);
  return { db, queries, loaders, request, access };
};
