import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders } from './loaders.ts';

export interface JusticeContext {
  db: Db;
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (db: Db, request: IncomingRequestInfo): JusticeContext => ({ db, loaders: createLoaders(db), request });
