import { SignJWT, jwtVerify, importPKCS8, importSPKI, exportPKCS8, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { PUBLIC_IDENTITY, type Identity } from './claims.ts';

/**
 * How a verified identity travels from the gateway to the departments: the gateway signs it as a
 * short-lived ES256 token in `x-village-identity`; each subgraph verifies it with the gateway's
 * public key and serves only public data without it. A subgraph called directly with no token or a
 * forged one is therefore a public caller — the data owner checks, not just the front door.
 */
export const IDENTITY_HEADER = 'x-village-identity';
const ISSUER = 'village-graph-gateway';
const AUDIENCE = 'village-graph-departments';
const ALGORITHM = 'ES256';
/** Long enough for one request's fetches, short enough that a leaked token is soon useless. */
const LIFETIME_SECONDS = 60;

export interface IdentityKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function generateIdentityKeyPair(): Promise<IdentityKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

/**
 * Signs identities for the departments. The token says who is asking and why (everything a
 * department decides on), not which request: the request id travels in `x-request-id`. So one
 * caller's token is the same for many requests and is re-signed only when half its lifetime is
 * gone — the gateway signs, and each department verifies, once per caller and half-minute instead
 * of once per request.
 */
export async function createIdentitySigner(privateKeyPem: string) {
  const key = await importPKCS8(privateKeyPem, ALGORITHM);
  const recent = new Map<string, { token: Promise<string>; renewAt: number }>();
  const sign = (identity: Identity): Promise<string> =>
    new SignJWT({
      role: identity.role,
      regions: identity.regions,
      departments: identity.departments,
      scopes: identity.scopes,
      resident: identity.residentId,
      purpose: identity.purpose,
      caseReference: identity.caseReference,
    })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(identity.subject)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(key);
  return (identity: Identity): Promise<string> => {
    const { requestId: _, ...decisive } = identity;
    const key = JSON.stringify(decisive);
    const now = Date.now();
    const known = recent.get(key);
    if (known && known.renewAt > now) return known.token;
    if (recent.size >= SIGNED_TOKENS_KEPT) recent.clear();
    const token = sign(identity);
    recent.set(key, { token, renewAt: now + (LIFETIME_SECONDS * 1000) / 2 });
    token.catch(() => recent.delete(key));
    return token;
  };
}

/** Callers whose signed token is remembered at once (cleared beyond it). */
const SIGNED_TOKENS_KEPT = 10_000;

/**
 * Returns the identity a request carries. No token, or one the gateway did not sign (forged,
 * expired, wrong key), gives the public identity: the department then serves only public data.
 * `onRejected` lets the caller log the attempt.
 */
export async function createIdentityVerifier(publicKeyPem: string, onRejected: (reason: string) => void = () => {}) {
  const key: CryptoKey = await importSPKI(publicKeyPem, ALGORITHM);
  // One request's fetches carry the same token: remember recent verifications.
  const recent = new Map<string, { identity: Identity; expires: number }>();
  return async (token: string | undefined, requestId: string): Promise<Identity> => {
    if (!token) return { ...PUBLIC_IDENTITY, requestId };
    const cached = recent.get(token);
    // The token is the caller's; the request id is this request's (x-request-id).
    if (cached && cached.expires > Date.now()) return { ...cached.identity, requestId };
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
      const identity: Identity = {
        subject: String(payload.sub),
        role: payload.role as Identity['role'],
        regions: (payload.regions as string[]) ?? [],
        departments: (payload.departments as Identity['departments']) ?? [],
        scopes: (payload.scopes as string[]) ?? [],
        residentId: (payload.resident as string | null) ?? null,
        purpose: (payload.purpose as Identity['purpose']) ?? null,
        caseReference: (payload.caseReference as string | null) ?? null,
        requestId,
      };
      if (recent.size > 1000) recent.clear();
      recent.set(token, { identity, expires: (payload.exp ?? 0) * 1000 });
      return identity;
    } catch (error) {
      onRejected(error instanceof Error ? error.message : 'invalid identity token');
      return { ...PUBLIC_IDENTITY, requestId };
    }
  };
}
