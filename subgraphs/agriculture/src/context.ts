import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Loaders, type Queries } from './loaders.ts';

export interface AgricultureContext {
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (queries: Queries, request: IncomingRequestInfo): AgricultureContext => ({
  loaders: createLoaders(queries),
  request,
});
