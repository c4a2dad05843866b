import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders, type Queries } from './loaders.ts';

export interface JusticeContext {
  db: Db;
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (db: Db, queries: Queries, request: IncomingRequestInfo): JusticeContext => ({
  db,
  loaders: createLoaders(db, queries),
  request,
});
