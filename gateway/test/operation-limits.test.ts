import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { PUBLIC_IDENTITY, type Identity, type Role } from '@village-graph/shared';
import { BUDGETS, MAX_PARSER_TOKENS, assertTokenBudget, createOperationLimitsPlugin } from '../src/plugins/operation-limits.ts';

const schema = buildSchema(`type Query { region(code: ID!): Region } type Region { code: ID! name: String parent: Region children: [Region!]! }`);
const region = { code: '220000000000', name: '吉林省', parent: null as unknown, children: [] as unknown[] };
region.parent = region;

const servers: ApolloServer<{ identity: Identity }>[] = [];
const make = async (introspectionForPublic: boolean) => {
  const server = new ApolloServer<{ identity: Identity }>({
    schema,
    rootValue: { region: () => region },
    parseOptions: { maxTokens: MAX_PARSER_TOKENS },
    plugins: [createOperationLimitsPlugin((c) => c.identity, { introspectionForPublic })],
  });
  await server.start();
  servers.push(server);
  return server;
};
let production: ApolloServer<{ identity: Identity }>;
let development: ApolloServer<{ identity: Identity }>;
beforeAll(async () => {
  production = await make(false);
  development = await make(true);
});
afterAll(() => Promise.all(servers.map((s) => s.stop())));

const as = (role: Role): Identity => ({ ...PUBLIC_IDENTITY, role, subject: role, requestId: 't' });
const run = async (server: ApolloServer<{ identity: Identity }>, query: string, role: Role = 'PUBLIC') => {
  const response = await server.executeOperation({ query }, { contextValue: { identity: as(role) } });
  if (response.body.kind !== 'single') throw new Error('single expected');
  return { status: response.http.status, ...response.body.singleResult };
};
const deep = (levels: number) => `{ region(code: "220000000000") { ${'parent { '.repeat(levels)}code${' }'.repeat(levels)} } }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: region(code: "220000000000") { code }`).join(' ')} }`;

describe('per-role operation limits', () => {
  it('answers operations within the budget', async () => {
    expect((await run(production, deep(3))).errors).toBeUndefined();
  });

  it('refuses a depth bomb for the public but lets an analyst go deeper', async () => {
    const refused = await run(production, deep(BUDGETS.PUBLIC.depth + 2));
    expect(refused.errors![0]!.extensions!.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(refused.errors![0]!.message).toMatch(/depth/i);
    expect(refused.data).toBeUndefined();
    expect((await run(production, deep(BUDGETS.PUBLIC.depth + 2), 'ANALYST')).errors).toBeUndefined();
    // Outcomes are remembered per operation and role: the public is still refused afterwards.
    expect((await run(production, deep(BUDGETS.PUBLIC.depth + 2))).errors![0]!.extensions!.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses an alias bomb, with the limit named', async () => {
    const refused = await run(production, aliases(BUDGETS.PUBLIC.aliases + 50));
    expect(refused.errors![0]!.extensions!.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(refused.errors![0]!.message).toMatch(/alias/i);
    expect((await run(production, aliases(BUDGETS.PUBLIC.aliases + 5), 'ANALYST')).errors).toBeUndefined();
  });

  it('refuses too many tokens and too many directives', async () => {
    const many = `{ region(code: "220000000000") { ${'... on Region { code } '.repeat(Math.ceil(BUDGETS.PUBLIC.tokens / 6))} } }`;
    const refused = await run(production, many);
    expect(refused.errors![0]!.message).toMatch(/tokens/);
    expect(refused.errors![0]!.extensions!.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(assertTokenBudget('{ a }', 'PUBLIC')).toBeUndefined();
    expect(() => assertTokenBudget(many, 'PUBLIC')).toThrow(/tokens/);
    expect(assertTokenBudget(many, 'ANALYST')).toBeUndefined();
    const directives = `{ region(code: "220000000000") { code ${'@include(if: true) '.repeat(BUDGETS.PUBLIC.directives + 1)} } }`;
    expect((await run(production, directives)).errors![0]!.message).toMatch(/directive/i);
  });

  it('refuses an operation over the role\'s cost budget that a larger budget allows', async () => {
    // Deep and wide: ~400 fragments of two scalars at depth 11 cost more than staff may spend.
    const wide = `{ region(code: "220000000000") { ${'parent { '.repeat(10)}${'... on Region { code name } '.repeat(400)}${'} '.repeat(10)} } }`;
    const refused = await run(production, wide, 'DEPARTMENT_STAFF');
    expect(refused.errors![0]!.extensions!.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(refused.errors![0]!.message).toMatch(/cost/i);
    expect((await run(production, wide, 'ANALYST')).errors).toBeUndefined();
  });

  it('closes introspection to anonymous callers in production only', async () => {
    const query = '{ __schema { types { name } } }';
    const refused = await run(production, query);
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused)).not.toContain('Region');
    expect((await run(production, query, 'DEPARTMENT_STAFF')).errors).toBeUndefined();
    expect((await run(development, query)).errors).toBeUndefined();
  });
});
