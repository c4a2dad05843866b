import type { Identity, SubgraphRequest } from '@village-graph/shared';
import { createLoaders, type Loaders, type Queries } from './loaders.ts';
import { createAccess, type Access } from './access.ts';

export interface AgricultureContext {
  loaders: Loaders;
  request: SubgraphRequest;
  /** The caller as the gateway vouched for it (public when absent or forged). */
  identity: Identity;
  /** Row scope of the caller over agriculture's personal rows. */
  access: Access;
  /** Notes a read of sensitive fields of a resident or household for the access log. */
  audit(subjectId: string, fields: readonly string[]): void;
}

export const createContext = (queries: Queries, request: SubgraphRequest): AgricultureContext => {
  const loaders = createLoaders(queries);
  return {
    loaders,
    request,
    identity: request.identity,
    access: createAccess(request.identity, loaders),
    audit: (subjectId, fields) => request.audit.read(subjectId, fields),
  };
};

