import fs from 'node:fs';
import { createLocalJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { Errors, identityFromClaims, PUBLIC_IDENTITY, type Identity } from '@village-graph/shared';

/**
 * Caller authentication at the gateway: a bearer JWT verified with jose. The algorithm is pinned
 * (a token in any other algorithm, `alg: none` included, is refused), and `exp`, `nbf`, `iss` and
 * `aud` are checked. No token means the public role; a bad token is UNAUTHENTICATED, never public.
 */
/** Verified tokens remembered (least recently first verified are dropped beyond it). */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface AuthenticationConfig {
  /** HS256 for development (shared secret); RS256 or ES256 in production (public key or JWKS). */
  algorithm: 'HS256' | 'RS256' | 'ES256';
  /** HS256 secret (at least 32 bytes). */
  secret?: string;
  /** PEM file with the issuer's public key (RS256/ES256). */
  publicKeyPath?: string;
  /** JWKS file with the issuer's keys (RS256/ES256), selected by `kid`. */
  jwksPath?: string;
  issuer: string;
  audience: string;
}

export type Authenticate = (authorization: string | undefined, requestId: string) => Promise<Identity>;

/** Clock skew tolerated between the issuer and this machine. */
const CLOCK_TOLERANCE_SECONDS = 30;

export async function createAuthenticator(config: AuthenticationConfig): Promise<Authenticate> {
  let key: Uint8Array | CryptoKey | JWTVerifyGetKey;
  if (config.algorithm === 'HS256') {
    if (!config.secret || Buffer.byteLength(config.secret) < 32) throw new Error('HS256 needs a secret of at least 32 bytes');
    key = new TextEncoder().encode(config.secret);
  } else if (config.jwksPath) {
    key = createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksPath, 'utf8')));
  } else if (config.publicKeyPath) {
    key = await importSPKI(fs.readFileSync(config.publicKeyPath, 'utf8'), config.algorithm);
  } else {
    throw new Error(`${config.algorithm} needs a public key file or a JWKS file`);
  }

  // An app sends the same token with every request until it expires: verify each token once
  // (a signature check is most of the gateway's own CPU per request) and remember the outcome
  // until the token's `exp`. Only successes are kept; a token's `nbf` is checked when first seen.
  const verified = new Map<string, { claims: Record<string, unknown>; expiresAt: number }>();
  return async (authorization, requestId) => {
    if (authorization === undefined || authorization.trim() === '') return { ...PUBLIC_IDENTITY, requestId };
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw Errors.UNAUTHENTICATED.error('The Authorization header must be "Bearer <JWT>".');
    const known = verified.get(match[1]!);
    if (known && known.expiresAt > Date.now()) return identityFromClaims(known.claims, requestId);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(match[1]!, key as Uint8Array, {
        algorithms: [config.algorithm],
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const reason =
        code === 'ERR_JWT_EXPIRED' ? 'The token has expired.'
        : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `The token's ${(error as { claim?: string }).claim ?? ''} claim is not accepted here.`
        : code === 'ERR_JOSE_ALG_NOT_ALLOWED' ? `Tokens must be signed with ${config.algorithm}.`
        : 'The token could not be verified.';
      throw Errors.UNAUTHENTICATED.error(reason);
    }
    const identity = identityFromClaims(payload, requestId);
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
    verified.set(match[1]!, { claims: payload, expiresAt: (payload.exp as number) * 1000 + CLOCK_TOLERANCE_SECONDS * 1000 });
    return identity;
  };
}
