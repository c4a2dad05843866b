import { describe, expect, it } from 'vitest';
import { graphql, parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { enforceSchemaAuthorization } from '../src/auth/subgraph-authorization.ts';
import { PUBLIC_IDENTITY, type Identity } from '../src/auth/claims.ts';

const schema = enforceSchemaAuthorization(
  buildSubgraphSchema({
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requiresScopes", "@policy", "@authenticated"])
      type Query { patient: Patient }
      type Patient @key(fields: "id") { id: ID! diagnosis: String @requiresScopes(scopes: [["department:health"]]) visit: String @policy(policies: [["declared-purpose"]]) village: String @authenticated }`),
    resolvers: {
      Query: { patient: () => ({ id: 'R1', diagnosis: 'SCHIZOPHRENIA', visit: '2022-11-01', village: '220112001201' }) },
      Patient: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, diagnosis: 'SCHIZOPHRENIA', visit: '2022-11-01', village: '220112001201' }) },
    } as never,
  }),
  (context: { identity: Identity }) => context.identity,
);

const run = (query: string, identity: Partial<Identity>) =>
  graphql({ schema, source: query, contextValue: { identity: { ...PUBLIC_IDENTITY, requestId: 't', ...identity } } });

describe('the owning department enforces the schema rules itself', () => {
  it('refuses a direct caller without the scope, including through _entities', async () => {
    const direct = await run('{ patient { id diagnosis } }', {});
    expect(direct.data).toEqual({ patient: { id: 'R1', diagnosis: null } });
    expect(direct.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const entities = await run('{ _entities(representations: [{ __typename: "Patient", id: "R1" }]) { ... on Patient { diagnosis } } }', { role: 'DEPARTMENT_STAFF', departments: ['justice'] });
    expect(JSON.stringify(entities.data)).not.toContain('SCHIZOPHRENIA');
    expect(entities.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('serves the department\'s own staff, with a purpose where one is required', async () => {
    const staff = { role: 'DEPARTMENT_STAFF' as const, subject: 'd', departments: ['health' as const] };
    expect((await run('{ patient { diagnosis village } }', staff)).data).toEqual({ patient: { diagnosis: 'SCHIZOPHRENIA', village: '220112001201' } });
    const noPurpose = await run('{ patient { visit } }', staff);
    expect(noPurpose.errors![0]!.extensions.code).toBe('PURPOSE_REQUIRED');
    expect((await run('{ patient { visit } }', { ...staff, purpose: 'FOLLOW_UP_VISIT', caseReference: 'FU-1' })).data).toEqual({ patient: { visit: '2022-11-01' } });
  });
});

describe('the runtime over HTTP-like execution', () => {
  it('keeps the caller on the context through Apollo\'s per-operation copy', async () => {
    const { createSubgraphApollo, createRequestContextFactory, defineSubgraph } = await import('../src/subgraph-runtime.ts');
    const { createLogger } = await import('../src/logger.ts');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-runtime-'));
    fs.writeFileSync(path.join(dir, 'schema.graphql'), `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@requiresScopes"])
      type Query { secret: String @requiresScopes(scopes: [["department:health"]]) }`);
    const module = defineSubgraph({
      name: 't', title: 'T', defaultPort: 0, schemaPath: path.join(dir, 'schema.graphql'), migrationsFolder: dir,
      resolvers: { Query: { secret: () => 'S' } } as never,
      createContextFactory: () => () => ({}),
    });
    const apollo = createSubgraphApollo(module, createLogger('t', 'silent'));
    await apollo.start();
    const contextFor = createRequestContextFactory(module, {} as never, null);
    const staff = { ...PUBLIC_IDENTITY, role: 'DEPARTMENT_STAFF' as const, subject: 'd', departments: ['health' as const], requestId: 'r' };
    const { HeaderMap } = await import('@apollo/server');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: '{ secret }' } },
      context: () => contextFor({ headers: {}, requestId: 'r', identity: staff }),
    });
    expect(response.body.kind === 'complete' && JSON.parse(response.body.string)).toEqual({ data: { secret: 'S' } });
    await apollo.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
