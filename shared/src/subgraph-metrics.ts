import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './metrics.ts';
import type { SqliteDatabase } from './sqlite.ts';

/** Buckets for single resolvers and SQL statements: mostly well under a millisecond. */
const FINE_BUCKETS = [0.0001, 0.00025, 0.0005, ...LATENCY_BUCKETS];

/**
 * `subgraph_resolver_duration_seconds{field="Type.field"}`: time until each field with a resolver
 * of its own settles (default property reads are not timed). For entities, `Query._entities`
 * covers `__resolveReference`; a DataLoader-backed field's time includes waiting for its batch.
 */
export function createResolverTimingPlugin<TContext extends BaseContext>(schema: GraphQLSchema, registry: Registry): ApolloServerPlugin<TContext> {
  const histogram = new Histogram({
    name: 'subgraph_resolver_duration_seconds',
    help: 'Time until a field resolver settles, by Type.field (fields with their own resolver only).',
    labelNames: ['field'],
    buckets: FINE_BUCKETS,
    registers: [registry],
  });
  // Apollo wraps every field's resolver when it starts, so which fields have their own resolver is
  // decided here, on the schema as built.
  const timed = new Map<string, Set<string>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const fields = Object.values(type.getFields()).filter((f) => f.resolve).map((f) => f.name);
    if (fields.length) timed.set(type.name, new Set(fields));
  }
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              if (!timed.get(info.parentType.name)?.has(info.fieldName)) return;
              const started = performance.now();
              return () => histogram.observe({ field: `${info.parentType.name}.${info.fieldName}` }, (performance.now() - started) / 1000);
            },
          };
        },
      };
    },
  };
}

const STATEMENT_TABLE = /\b(?:from|into|update|join)\s+["`[]?([A-Za-z_][A-Za-z0-9_]*)/i;

/** `select`/`insert`/`update`/`delete`/`other`, and the first table named: bounded label values. */
export function describeStatement(sql: string): { statement: string; table: string } {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? 'other';
  const statement = ['select', 'insert', 'update', 'delete', 'with'].includes(verb) ? (verb === 'with' ? 'select' : verb) : 'other';
  return { statement, table: STATEMENT_TABLE.exec(sql)?.[1]?.toLowerCase() ?? '(none)' };
}

/**
 * `subgraph_sql_duration_seconds{statement, table}`: times every `all`/`get`/`run` of statements
 * prepared on this connection from now on (drizzle and hand-written SQL alike), by patching the
 * connection's `prepare`. Iterators are not timed.
 */
export function instrumentDatabase(sqlite: SqliteDatabase, registry: Registry): void {
  const histogram = new Histogram({
    name: 'subgraph_sql_duration_seconds',
    help: 'Time to execute one SQL statement (all/get/run), by statement kind and first table.',
    labelNames: ['statement', 'table'],
    buckets: FINE_BUCKETS,
    registers: [registry],
  });
  const prepare = sqlite.prepare.bind(sqlite);
  const instrumented = ((source: string) => {
    const statement = prepare(source);
    const labels = describeStatement(source);
    for (const method of ['all', 'get', 'run'] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        const started = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          histogram.observe(labels, (performance.now() - started) / 1000);
        }
      };
    }
    return statement;
  }) as SqliteDatabase['prepare'];
  sqlite.prepare = instrumented;
}
