import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SignJWT, generateKeyPair, exportSPKI } from 'jose';
import { createAccessLog, ACCESS_LOG_APPEND_ONLY_SQL, type AccessEntry } from '../src/audit/access-log.ts';
import { createIdentitySigner, createIdentityVerifier, generateIdentityKeyPair } from '../src/auth/gateway-identity.ts';
import { identityFromClaims, purposeFromHeaders } from '../src/auth/claims.ts';

const ACCESS_LOG_TABLE_SQL = `CREATE TABLE access_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, request_id TEXT NOT NULL, actor TEXT NOT NULL,
  role TEXT NOT NULL, purpose TEXT, case_reference TEXT, resident_id TEXT NOT NULL, fields TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE);`;
const sqlite = new Database(':memory:');
sqlite.exec(ACCESS_LOG_TABLE_SQL);
for (const statement of ACCESS_LOG_APPEND_ONLY_SQL.split('--> statement-breakpoint')) sqlite.exec(statement);
afterAll(() => sqlite.close());

const entry = (residentId: string, fields: string[], at = '2026-11-22T10:00:00.000Z'): AccessEntry => ({
  at, requestId: 'req-1', actor: 'staff-7', role: 'DEPARTMENT_STAFF', purpose: 'FOLLOW_UP_VISIT', caseReference: 'FU-2022-001', residentId, fields,
});

describe('the hash-chained access log', () => {
  const log = createAccessLog(sqlite);

  it('appends entries chained to each other and finds them per resident', () => {
    log.append([entry('R0000000000000001', ['diagnosis', 'riskGrade']), entry('R0000000000000002', ['diagnosis'])]);
    log.append([entry('R0000000000000001', ['bloodType'])]);
    const found = log.entriesFor(['R0000000000000001', 'R0000000000000003']);
    expect(found.get('R0000000000000001')!.map((e) => e.fields)).toEqual([['diagnosis', 'riskGrade'], ['bloodType']]);
    expect(found.get('R0000000000000003')).toEqual([]);
    expect(log.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('keeps one unbroken chain when several processes append at the same time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-log-'));
    const file = path.join(dir, 'log.sqlite');
    const shared = new Database(file);
    shared.pragma('journal_mode = WAL');
    shared.exec(ACCESS_LOG_TABLE_SQL);
    const writers = ['a', 'b', 'c', 'd'].map(
      (writer) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'append-access-log.ts'), file, writer, '1000'], { stdio: 'inherit' });
          child.once('exit', resolve);
        }),
    );
    expect(await Promise.all(writers)).toEqual([0, 0, 0, 0]);
    expect(createAccessLog(shared).verify()).toEqual({ ok: true, entries: 4000 });
    shared.close();
  }, 60_000);

  it('refuses updates and deletes', () => {
    expect(() => sqlite.prepare("UPDATE access_log SET actor = 'someone else' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM access_log WHERE id = 2').run()).toThrow(/append-only/);
  });

  it('detects tampering done behind the triggers\' back', () => {
    sqlite.exec('DROP TRIGGER access_log_no_update');
    sqlite.prepare("UPDATE access_log SET fields = 'bloodType' WHERE id = 1").run();
    expect(log.verify()).toMatchObject({ ok: false, brokenAtId: 1, reason: 'content does not match its hash' });
  });
});

describe('identity between gateway and departments', () => {
  it('signs one token per caller (not per request) and verifies it with each request\'s own id', async () => {
    const keys = await generateIdentityKeyPair();
    const sign = await createIdentitySigner(keys.privateKeyPem);
    const verify = await createIdentityVerifier(keys.publicKeyPem);
    const nurse = { ...identityFromClaims({ sub: 'nurse-1', role: 'DEPARTMENT_STAFF', regions: ['220112000000'], departments: ['health'], scopes: [] }, 'req-a'), purpose: 'FOLLOW_UP_VISIT' as const, caseReference: 'FU-1' };
    const first = await sign(nurse);
    expect(await sign({ ...nurse, requestId: 'req-b' })).toBe(first);
    // Anything the department decides on makes another token.
    expect(await sign({ ...nurse, caseReference: 'FU-2' })).not.toBe(first);
    expect(await sign({ ...nurse, subject: 'nurse-2' })).not.toBe(first);
    expect((await verify(first, 'req-a')).requestId).toBe('req-a');
    expect(await verify(first, 'req-b')).toEqual({ ...nurse, requestId: 'req-b' });
  });

  it('round-trips a signed identity and treats forged or missing ones as public', async () => {
    const keys = await generateIdentityKeyPair();
    const sign = await createIdentitySigner(keys.privateKeyPem);
    const rejected: string[] = [];
    const verify = await createIdentityVerifier(keys.publicKeyPem, (reason) => rejected.push(reason));
    const identity = { ...identityFromClaims({ sub: 'doc-1', role: 'DEPARTMENT_STAFF', regions: ['220112000000'], departments: ['health'], scopes: [] }, 'r1'), purpose: 'FOLLOW_UP_VISIT' as const, caseReference: 'FU-1' };
    const token = await sign(identity);
    expect(await verify(token, 'r1')).toEqual(identity);
    expect((await verify(undefined, 'r2')).role).toBe('PUBLIC');

    const other = await generateKeyPair('ES256', { extractable: true });
    const forged = await new SignJWT({ role: 'ADMINISTRATOR' }).setProtectedHeader({ alg: 'ES256' }).setSubject('x')
      .setIssuer('village-graph-gateway').setAudience('village-graph-departments').setExpirationTime('1m').sign(other.privateKey);
    expect((await verify(forged, 'r3')).role).toBe('PUBLIC');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"ADMINISTRATOR"}').toString('base64url')}.`;
    expect((await verify(unsigned, 'r4')).role).toBe('PUBLIC');
    expect(rejected).toHaveLength(2);
    expect(await exportSPKI(other.publicKey)).not.toBe(keys.publicKeyPem);
  });

  it('refuses malformed claims and purposes with clear errors', () => {
    expect(() => identityFromClaims({ sub: 'a', role: 'KING' }, 'r')).toThrow(/role/);
    expect(() => identityFromClaims({ sub: 'a', role: 'RESIDENT' }, 'r')).toThrow(/resident/);
    expect(() => identityFromClaims({ sub: 'a', role: 'GRID_WORKER', regions: ["22' OR 1=1"] }, 'r')).toThrow(/regions/);
    expect(purposeFromHeaders({ 'x-purpose': 'STATISTICS', 'x-case-reference': 'T-1' })).toEqual({ purpose: 'STATISTICS', caseReference: 'T-1' });
    expect(() => purposeFromHeaders({ 'x-purpose': 'CURIOSITY' })).toThrow(/x-purpose must be one of/);
  });
});
