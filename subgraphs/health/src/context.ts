import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Db, type Loaders } from './loaders.ts';

export interface HealthContext {
  db: Db;
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (db: Db, request: IncomingRequestInfo): HealthContext => ({ db, loaders: createLoaders(db), request });
