import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { generateIdentityKeyPair } from '@village-graph/shared';

/**
 * Development keys, generated on first start into `<data dir>/keys/` (git-ignored, never shared):
 * the HS256 secret callers' development tokens are signed with (`pnpm token`), and the ES256 key
 * pair the gateway signs forwarded identities with (subgraphs get only the public half).
 * Production sets AUTH_JWT_ALGORITHM=RS256|ES256 with the identity provider's public key instead.
 */
export interface DevKeys {
  jwtSecret: string;
  identityPrivateKeyPath: string;
  identityPublicKeyPath: string;
}

/** Issuer and audience of development tokens; the gateway's defaults. */
export const DEV_ISSUER = 'village-graph-dev';
export const DEV_AUDIENCE = 'village-graph';

export async function ensureDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = path.join(dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secretPath = path.join(dir, 'dev-jwt-secret');
  const identityPrivateKeyPath = path.join(dir, 'identity-private.pem');
  const identityPublicKeyPath = path.join(dir, 'identity-public.pem');
  if (!fs.existsSync(secretPath)) fs.writeFileSync(secretPath, randomBytes(48).toString('base64url'), { mode: 0o600 });
  if (!fs.existsSync(identityPrivateKeyPath) || !fs.existsSync(identityPublicKeyPath)) {
    const pair = await generateIdentityKeyPair();
    fs.writeFileSync(identityPrivateKeyPath, pair.privateKeyPem, { mode: 0o600 });
    fs.writeFileSync(identityPublicKeyPath, pair.publicKeyPem);
  }
  return { jwtSecret: fs.readFileSync(secretPath, 'utf8').trim(), identityPrivateKeyPath, identityPublicKeyPath };
}

/** The environment that wires the keys into the processes of the graph. */
export const keyEnvironment = (keys: DevKeys) => ({
  gateway: { AUTH_JWT_SECRET: keys.jwtSecret, GATEWAY_IDENTITY_PRIVATE_KEY_PATH: keys.identityPrivateKeyPath },
  subgraph: { GATEWAY_IDENTITY_PUBLIC_KEY_PATH: keys.identityPublicKeyPath },
});

/** Claims of a development token (see `identityFromClaims` for their meaning). */
export interface DevTokenClaims {
  subject: string;
  role: string;
  regions?: string[];
  departments?: string[];
  scopes?: string[];
  resident?: string;
}

/** Signs a development token as `pnpm token` does. */
export function signDevToken(secret: string, { subject, role, regions = [], departments = [], scopes = [], resident }: DevTokenClaims, expires = '8h'): Promise<string> {
  return new SignJWT({ role, regions, departments, scopes, ...(resident ? { resident } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));
}
