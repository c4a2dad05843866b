import { describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, exportJWK, exportSPKI } from 'jose';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAuthenticator } from '../src/auth/authenticate.ts';

const SECRET = 'a-development-secret-of-at-least-32-bytes!';
const config = { algorithm: 'HS256' as const, secret: SECRET, issuer: 'village-graph-dev', audience: 'village-graph' };
const claims = { role: 'GRID_WORKER', regions: ['220112001201001'], departments: [], scopes: [] };
const sign = (overrides: { alg?: string; key?: Uint8Array; iss?: string; aud?: string; exp?: number | string; nbf?: number } = {}) => {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: overrides.alg ?? 'HS256' })
    .setSubject('worker-1')
    .setIssuer(overrides.iss ?? config.issuer)
    .setAudience(overrides.aud ?? config.audience)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? '5m');
  if (overrides.nbf !== undefined) jwt.setNotBefore(overrides.nbf);
  return jwt.sign(overrides.key ?? new TextEncoder().encode(SECRET));
};

describe('caller authentication', async () => {
  const authenticate = await createAuthenticator(config);
  const refusal = async (authorization: string) => {
    try {
      await authenticate(authorization, 'r');
    } catch (error) {
      return error as { message: string; extensions: { code: string } };
    }
    throw new Error('expected a refusal');
  };

  it('gives the public role without a token and the claims with a valid one', async () => {
    expect((await authenticate(undefined, 'r')).role).toBe('PUBLIC');
    const identity = await authenticate(`Bearer ${await sign()}`, 'r');
    expect(identity).toMatchObject({ subject: 'worker-1', role: 'GRID_WORKER', regions: ['220112001201001'] });
  });

  it('remembers a verified token, with each request\'s own id, until it expires', async () => {
    const token = await sign({ exp: Math.floor(Date.now() / 1000) + 2 });
    expect((await authenticate(`Bearer ${token}`, 'req-1')).requestId).toBe('req-1');
    expect(await authenticate(`Bearer ${token}`, 'req-2')).toMatchObject({ subject: 'worker-1', requestId: 'req-2' });
    // A forged token with the same claims is not the remembered one.
    const forged = await sign({ exp: Math.floor(Date.now() / 1000) + 2, key: new TextEncoder().encode('another-secret-of-at-least-32-bytes!!') });
    expect((await refusal(`Bearer ${forged}`)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a forged signature', async () => sign({ key: new TextEncoder().encode('another-secret-of-at-least-32-bytes!!') }), /could not be verified/],
    ['an expired token', async () => sign({ exp: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
    ['a token not yet valid', async () => sign({ nbf: Math.floor(Date.now() / 1000) + 3600 }), /nbf/],
    ['the wrong audience', async () => sign({ aud: 'someone-else' }), /aud/],
    ['the wrong issuer', async () => sign({ iss: 'someone-else' }), /iss/],
    ['a malformed header', async () => 'not-a-jwt', /Bearer/],
  ])('refuses %s with UNAUTHENTICATED', async (_name, token, message) => {
    const raw = await token();
    const error = await refusal(raw.includes('.') ? `Bearer ${raw}` : raw);
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
  });

  it('refuses alg none and a token in another algorithm', async () => {
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...claims, sub: 'x', iss: config.issuer, aud: config.audience, exp: Math.floor(Date.now() / 1000) + 60 }),
    ).toString('base64url')}.`;
    expect((await refusal(`Bearer ${none}`)).extensions.code).toBe('UNAUTHENTICATED');
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const es = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('x').setIssuer(config.issuer)
      .setAudience(config.audience).setExpirationTime('5m').sign(privateKey);
    expect((await refusal(`Bearer ${es}`)).message).toMatch(/HS256/);

    // And a gateway configured for ES256 accepts exactly that token.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-auth-'));
    fs.writeFileSync(path.join(dir, 'issuer.pem'), await exportSPKI(publicKey));
    const production = await createAuthenticator({ ...config, algorithm: 'ES256', secret: undefined, publicKeyPath: path.join(dir, 'issuer.pem') });
    expect((await production(`Bearer ${es}`, 'r')).subject).toBe('x');
    await expect(production(`Bearer ${await sign()}`, 'r')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

    // An identity provider's JWKS file: the key is picked by `kid`.
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'idp-2026', alg: 'RS256', use: 'sig' };
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk] }));
    const fromJwks = await createAuthenticator({ ...config, algorithm: 'RS256', secret: undefined, jwksPath: path.join(dir, 'jwks.json') });
    const rs = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-2026' }).setSubject('y').setIssuer(config.issuer)
      .setAudience(config.audience).setExpirationTime('5m').sign(rsa.privateKey);
    expect((await fromJwks(`Bearer ${rs}`, 'r')).subject).toBe('y');
    await expect(fromJwks(`Bearer ${es}`, 'r')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses claims outside the vocabulary', async () => {
    const bad = await new SignJWT({ role: 'SUPERUSER' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(config.issuer)
      .setAudience(config.audience).setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    expect((await refusal(`Bearer ${bad}`)).message).toMatch(/role/);
  });
});
