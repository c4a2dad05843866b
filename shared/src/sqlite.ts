import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';

export type SqliteDatabase = Database.Database;

/** Counts every SQL statement a connection executes; tests use it to prove there is no N+1. */
export interface StatementCounter {
  count: number;
}

export interface OpenDatabaseOptions {
  /** File path, or `:memory:` for tests. */
  path: string;
  /** The subgraph's drizzle-kit migrations folder; applied on open. */
  migrationsFolder: string;
  /** Count statements (adds a callback per statement; on in tests and benchmarks). */
  counter?: StatementCounter;
}

/** Opens a department's database, applies its committed migrations, and sets the pragmas we rely on. */
export function openDatabase({ path: file, migrationsFolder, counter }: OpenDatabaseOptions): SqliteDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, counter ? { verbose: () => void counter.count++ } : {});
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  migrate(drizzle(sqlite), { migrationsFolder });
  return sqlite;
}
