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

export async function createIdentitySigner(privateKeyPem: string) {
  const key = await importPKCS8(privateKeyPem, ALGORITHM);
  return async (identity: Identity): Promise<string> =>
    new SignJWT({
      role: identity.role,
      regions: identity.regions,
      departments: identity.departments,
      scopes: identity.scopes,
      resident: identity.residentId,
      purpose: identity.purpose,
      caseReference: identity.caseReference,
      requestId: identity.requestId,
    })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(identity.subject)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(key);
}

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
    if (cached && cached.expires > Date.now()) return cached.identity;
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
        requestId: (payload.requestId as string) ?? requestId,
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
