import { createHash } from 'node:crypto';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import type { SqliteDatabase } from '../sqlite.ts';

/**
 * The access log every department keeps of reads of sensitive personal fields (PIPL: logs kept
 * ≥ 3 years). Append-only — each department's migration adds triggers that refuse UPDATE and
 * DELETE — and hash-chained: each entry's hash covers the previous entry's hash and its own
 * content, so any edit, deletion or reordering breaks the chain from that point on
 * (`pnpm audit:verify` finds where).
 *
 * Each department re-exports this table from its `src/db/schema.ts` so drizzle-kit creates it.
 */
export const accessLog = sqliteTable(
  'access_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    requestId: text('request_id').notNull(),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    purpose: text('purpose'),
    caseReference: text('case_reference'),
    residentId: text('resident_id').notNull(),
    /** Comma-separated field names, sorted. */
    fields: text('fields').notNull(),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('access_log_resident_idx').on(t.residentId, t.id)],
);

/** SQL for the department's custom migration that makes the log append-only. */
export const ACCESS_LOG_APPEND_ONLY_SQL = `CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;`;

export interface AccessEntry {
  at: string;
  requestId: string;
  actor: string;
  role: string;
  purpose: string | null;
  caseReference: string | null;
  residentId: string;
  fields: readonly string[];
}

export interface StoredAccessEntry extends AccessEntry {
  id: number;
  previousHash: string;
  hash: string;
}

/** An entry as the data tracker shows it: the GraphQL `AccessLogEntry` every department defines. */
export interface AccessLogEntry {
  department: string;
  at: string;
  actor: string;
  role: string;
  purpose: string | null;
  caseReference: string | null;
  subjectId: string;
  fields: string[];
  requestId: string;
}

/** A stored entry of `department`'s log, shaped for `Resident.<department>AccessLog` / `dataAccessLog`. */
export const toAccessLogEntry = (department: string, e: StoredAccessEntry): AccessLogEntry => ({
  department,
  at: e.at,
  actor: e.actor,
  role: e.role,
  purpose: e.purpose,
  caseReference: e.caseReference,
  subjectId: e.residentId,
  fields: [...e.fields],
  requestId: e.requestId,
});

const GENESIS = '0'.repeat(64);

const entryHash = (previousHash: string, e: AccessEntry): string =>
  createHash('sha256')
    .update(previousHash)
    .update(JSON.stringify([e.at, e.requestId, e.actor, e.role, e.purpose, e.caseReference, e.residentId, [...e.fields].sort().join(',')]))
    .digest('hex');

interface Row {
  id: number;
  at: string;
  request_id: string;
  actor: string;
  role: string;
  purpose: string | null;
  case_reference: string | null;
  resident_id: string;
  fields: string;
  previous_hash: string;
  hash: string;
}

const toEntry = (r: Row): StoredAccessEntry => ({
  id: r.id,
  at: r.at,
  requestId: r.request_id,
  actor: r.actor,
  role: r.role,
  purpose: r.purpose,
  caseReference: r.case_reference,
  residentId: r.resident_id,
  fields: r.fields.split(','),
  previousHash: r.previous_hash,
  hash: r.hash,
});

export function createAccessLog(sqlite: SqliteDatabase) {
  const last = sqlite.prepare('SELECT hash FROM access_log ORDER BY id DESC LIMIT 1');
  // One statement per batch of entries, whatever its size (rows bound as one JSON parameter).
  const insert = sqlite.prepare(`INSERT INTO access_log (at, request_id, actor, role, purpose, case_reference, resident_id, fields, previous_hash, hash)
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
           json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'),
           json_extract(value, '$[8]'), json_extract(value, '$[9]')
    FROM json_each(?) ORDER BY key`);
  const byResidents = sqlite.prepare(`SELECT * FROM access_log WHERE resident_id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const all = sqlite.prepare('SELECT * FROM access_log ORDER BY id');

  const append = sqlite.transaction((entries: readonly AccessEntry[]) => {
    let previous = (last.get() as { hash: string } | undefined)?.hash ?? GENESIS;
    const rows = entries.map((e) => {
      const hash = entryHash(previous, e);
      const row = [e.at, e.requestId, e.actor, e.role, e.purpose, e.caseReference, e.residentId, [...e.fields].sort().join(','), previous, hash];
      previous = hash;
      return row;
    });
    insert.run(JSON.stringify(rows));
  });

  return {
    /** Appends entries in order, chaining each to the last; atomic. */
    append(entries: readonly AccessEntry[]): void {
      // IMMEDIATE: take the write lock before reading the chain's last hash. A deferred transaction
      // would read first, and if another process (a second replica, a tool) appended meanwhile, its
      // write would fail with SQLITE_BUSY_SNAPSHOT; this one waits its turn (busy_timeout) instead.
      if (entries.length > 0) append.immediate(entries);
    },
    /** Entries about these residents, oldest first, per resident. */
    entriesFor(residentIds: readonly string[]): Map<string, StoredAccessEntry[]> {
      const result = new Map<string, StoredAccessEntry[]>(residentIds.map((id) => [id, []]));
      for (const row of byResidents.all(JSON.stringify(residentIds)) as Row[]) result.get(row.resident_id)?.push(toEntry(row));
      return result;
    },
    /** Walks the chain; reports the first entry whose link or content does not match. */
    verify(): { ok: true; entries: number } | { ok: false; entries: number; brokenAtId: number; reason: string } {
      let previous = GENESIS;
      let count = 0;
      for (const row of all.iterate() as Iterable<Row>) {
        count++;
        const entry = toEntry(row);
        if (entry.previousHash !== previous) return { ok: false, entries: count, brokenAtId: entry.id, reason: 'link to the previous entry does not match' };
        if (entryHash(previous, entry) !== entry.hash) return { ok: false, entries: count, brokenAtId: entry.id, reason: 'content does not match its hash' };
        previous = entry.hash;
      }
      return { ok: true, entries: count };
    },
  };
}

export type AccessLog = ReturnType<typeof createAccessLog>;
