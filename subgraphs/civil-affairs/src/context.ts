import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders, type Queries } from './loaders.ts';

export interface CivilAffairsContext {
  db: Db;
  queries: Queries;
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (db: Db, queries: Queries, request: IncomingRequestInfo): CivilAffairsContext => ({
  db,
  queries,
  loaders: createLoaders(db, queries),
  request,
});
