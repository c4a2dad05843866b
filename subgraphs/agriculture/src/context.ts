import type { IncomingRequestInfo } from '@village-graph/shared';
import { createLoaders, type Loaders } from './loaders.ts';

export interface AgricultureContext {
  loaders: Loaders;
  request: IncomingRequestInfo;
}

export const createContext = (queries: Parameters<typeof createLoaders>[0], request: IncomingRequestInfo): AgricultureContext => ({
  loaders: createLoaders(queries),
  request,
});
