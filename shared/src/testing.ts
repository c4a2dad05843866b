import type { GraphQLFormattedError } from 'graphql';
import { createLogger } from './logger.ts';
import { openDatabase, type SqliteDatabase, type StatementCounter } from './sqlite.ts';
import { createRequestContextFactory, createSubgraphApollo, type SubgraphModule } from './subgraph-runtime.ts';
import { DEPARTMENTS, type Identity } from './auth/claims.ts';
import { createAccessLog, type StoredAccessEntry } from './audit/access-log.ts';

/**
 * In-process harness for subgraph unit tests: an in-memory SQLite with the subgraph's real
 * migrations, optional rows, and `execute` through the real Apollo server, schema and runtime
 * (schema authorization, row scoping in the department's resolvers, access logging).
 */

/**
 * The caller unit tests use unless they name a persona: staff of every department with every
 * scope and a declared purpose, province-wide. Tests of who-may-see-what pass their own identity.
 */
export const TEST_ALL_ACCESS: Omit<Identity, 'requestId'> = Object.freeze({
  subject: 'test-all-access',
  role: 'DEPARTMENT_STAFF',
  regions: ['220000000000'],
  departments: [...DEPARTMENTS],
  scopes: ['id-number:full', 'audit:read'],
  residentId: null,
  purpose: 'CASE_HANDLING',
  caseReference: 'TEST-1',
});

export interface TestSubgraph {
  sqlite: SqliteDatabase;
  /** SQL statements executed since the last `counter.count = 0`. */
  counter: StatementCounter;
  execute<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
    identity?: Omit<Identity, 'requestId'>,
  ): Promise<{ data?: TData | null; errors?: readonly GraphQLFormattedError[] }>;
  /** The department's access log, oldest first (empty when it has no access_log table yet). */
  accessLog(): StoredAccessEntry[];
  close(): Promise<void>;
}

export async function createTestSubgraph<TContext extends object>(
  module: SubgraphModule<TContext>,
  fill?: (sqlite: SqliteDatabase) => void,
): Promise<TestSubgraph> {
  const counter: StatementCounter = { count: 0 };
  const sqlite = openDatabase({ path: ':memory:', migrationsFolder: module.migrationsFolder, counter });
  fill?.(sqlite);
  const apollo = createSubgraphApollo(module, createLogger(module.name, 'silent'));
  await apollo.start();
  const contextFor = createRequestContextFactory(module, sqlite, null);
  let requests = 0;
  return {
    sqlite,
    counter,
    async execute(query, variables, headers = {}, identity = TEST_ALL_ACCESS) {
      const requestId = `test-${++requests}`;
      const response = await apollo.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: await contextFor({ headers, requestId, identity: { ...identity, requestId } }) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as never;
    },
    accessLog() {
      const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log'").get();
      if (!exists) return [];
      const ids = (sqlite.prepare('SELECT DISTINCT resident_id AS id FROM access_log').all() as { id: string }[]).map((r) => r.id);
      return [...createAccessLog(sqlite).entriesFor(ids).values()].flat().sort((a, b) => a.id - b.id);
    },
    async close() {
      await apollo.stop();
      sqlite.close();
    },
  };
}
