import { GraphQLError } from 'graphql';
import { Errors, IDENTITY_HEADER, PUBLIC_IDENTITY, purposeFromHeaders, type Identity, type IncomingRequestInfo } from '@village-graph/shared';
import type { Authenticate } from './authenticate.ts';

/** What the gateway knows about the caller of one request. */
export interface Caller {
  identity: Identity;
  /** The identity signed for the departments (once per request, on first use); null when the gateway has no signing key. */
  identityToken(): Promise<string | null>;
  /**
   * A bad token or bad purpose headers. Kept, not thrown, while the context is built, so that the
   * request is refused with this error's own code and message (see the authorization plugin).
   */
  refusal: GraphQLError | null;
}

export function createCallerResolver(authenticate: Authenticate | null, sign: ((identity: Identity) => Promise<string>) | null) {
  return async (request: IncomingRequestInfo): Promise<Caller> => {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    let identity: Identity = { ...PUBLIC_IDENTITY, requestId: request.requestId };
    let refusal: GraphQLError | null = null;
    try {
      const authorization = header('authorization');
      if (authenticate) identity = await authenticate(authorization, request.requestId);
      else if (authorization) throw Errors.UNAUTHENTICATED.error('This gateway accepts no tokens: no way to verify them is configured.');
      identity = { ...identity, ...purposeFromHeaders(request.headers) };
    } catch (error) {
      const refused = error as GraphQLError;
      // The status travels in extensions.http (Apollo applies it and strips it from the body).
      const status = refused.extensions.code === 'UNAUTHENTICATED' ? 401 : 400;
      refusal = new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status } } });
      identity = { ...PUBLIC_IDENTITY, requestId: request.requestId };
    }
    // A caller must never pass its own identity header through to the departments.
    if (header(IDENTITY_HEADER)) {
      refusal ??= Errors.BAD_USER_INPUT.error(`The ${IDENTITY_HEADER} header is set by the gateway only.`, { argument: IDENTITY_HEADER, http: { status: 400 } });
    }
    let token: Promise<string | null> | undefined;
    return { identity, refusal, identityToken: () => (token ??= sign && identity.role !== 'PUBLIC' ? sign(identity) : Promise.resolve(null)) };
  };
}
