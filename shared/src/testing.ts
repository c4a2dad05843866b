import type { GraphQLFormattedError } from 'graphql';
import { createLogger } from './logger.ts';
import { openDatabase, type SqliteDatabase, type StatementCounter } from './sqlite.ts';
import { createSubgraphApollo, type SubgraphModule } from './subgraph-runtime.ts';

/**
 * In-process harness for subgraph unit tests: an in-memory SQLite with the subgraph's real
 * migrations, optional rows, and `execute` through the real Apollo server and schema.
 */
export interface TestSubgraph {
  sqlite: SqliteDatabase;
  /** SQL statements executed since the last `counter.count = 0`. */
  counter: StatementCounter;
  execute<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: TData | null; errors?: readonly GraphQLFormattedError[] }>;
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
  const contextFor = module.createContextFactory(sqlite);
  return {
    sqlite,
    counter,
    async execute(query, variables, headers = {}) {
      const response = await apollo.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: contextFor({ headers, requestId: 'test' }) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as never;
    },
    async close() {
      await apollo.stop();
      sqlite.close();
    },
  };
}
