import fs from 'node:fs';
import path from 'node:path';
import { createIdentitySigner, generateIdentityKeyPair } from '@village-graph/shared';
import { ensureDevKeys, keyEnvironment } from '@village-graph/scripts/dev-keys';
import { identityOf, purposeHeaders, type BenchOperation } from './operations.ts';

/**
 * Who the benchmark's clients are. This project's gateway is run as in production: callers
 * present an ES256 token from an identity provider whose public key the gateway holds
 * (AUTH_JWT_ALGORITHM=ES256, AUTH_JWT_PUBLIC_KEY_PATH), and the gateway signs the identity it
 * forwards with the development identity key. The benchmark plays the identity provider with a
 * key pair of its own, made per run.
 *
 * The peers (stock @apollo/gateway, Hive Gateway) authenticate no one, and the monolith reads the
 * identity like a department: their clients send the `x-village-identity` token our gateway would
 * have forwarded for the same persona and purpose, signed with the same key, which they pass on.
 *
 * Both tokens are made with shared's identity signer, which issues 60-second tokens; the subgraphs'
 * verifier accepts any lifetime, but the tokens are simply signed afresh before every load window
 * (`headersFor`), which is why a window (the ramp to a steady load, then the measured time) must fit
 * in HEADERS_VALID_SECONDS and its measured time in MAX_WINDOW_SECONDS.
 */
export const MAX_WINDOW_SECONDS = 45;
/** How long the headers of one window stay valid: the tokens' 60 s, less a margin. */
export const HEADERS_VALID_SECONDS = 55;

export type CredentialKind = 'bearer' | 'identity';

export interface Credentials {
  /** Environment of this project's gateway: caller verification and the identity signing key. */
  gatewayEnv: Record<string, string>;
  /** Environment of every department (and the monolith): the identity verification key. */
  subgraphEnv: Record<string, string>;
  identityPublicKeyPath: string;
  /** Fresh headers for one operation's persona: a bearer token, or the forwarded identity. */
  headersFor(kind: CredentialKind, operation: BenchOperation): Promise<Record<string, string>>;
}

const claimsOf = (token: string): { iss: string; aud: string } => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

export async function createCredentials(dataDir: string, runDir: string): Promise<Credentials> {
  const devKeys = await ensureDevKeys(dataDir);
  const keys = keyEnvironment(devKeys);
  const provider = await generateIdentityKeyPair();
  const providerPublicKeyPath = path.join(runDir, 'identity-provider-public.pem');
  fs.writeFileSync(providerPublicKeyPath, provider.publicKeyPem);
  const signCaller = await createIdentitySigner(provider.privateKeyPem);
  const signIdentity = await createIdentitySigner(fs.readFileSync(devKeys.identityPrivateKeyPath, 'utf8'));

  // The gateway must accept the provider's issuer and audience: read them off a token it signs.
  const sample = claimsOf(await signCaller(identityOf({ subject: 'probe', role: 'ANALYST', regions: [], departments: [], purpose: null }, 'probe')));
  return {
    gatewayEnv: {
      AUTH_JWT_ALGORITHM: 'ES256',
      AUTH_JWT_PUBLIC_KEY_PATH: providerPublicKeyPath,
      AUTH_JWT_ISSUER: sample.iss,
      AUTH_JWT_AUDIENCE: sample.aud,
      GATEWAY_IDENTITY_PRIVATE_KEY_PATH: keys.gateway.GATEWAY_IDENTITY_PRIVATE_KEY_PATH,
    },
    subgraphEnv: keys.subgraph,
    identityPublicKeyPath: devKeys.identityPublicKeyPath,
    headersFor: async (kind, operation) => {
      const identity = identityOf(operation.persona, `bench-${operation.id}`);
      return kind === 'bearer'
        ? { authorization: `Bearer ${await signCaller(identity)}`, ...purposeHeaders(operation.persona) }
        : { 'x-village-identity': await signIdentity(identity), ...purposeHeaders(operation.persona) };
    },
  };
}
