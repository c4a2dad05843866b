import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders } from './loaders.ts';

export interface CivilAffairsContext {
  db: Db;
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (db: Db, request: IncomingRequestInfo): CivilAffairsContext => ({
  db,
  loaders: createLoaders(db),
  request,
});
