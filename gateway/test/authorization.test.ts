import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { PUBLIC_IDENTITY, type Identity } from '@village-graph/shared';
import { prepareSupergraph } from '../src/auth/supergraph-security.ts';
import { createAuthorizationPlugin } from '../src/auth/authorization-plugin.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

const civil = {
  typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])
    type Query { residents: [Resident!]! }
    type Resident @key(fields: "id") {
      id: ID!
      name: String!
      idNumber: String @requiresScopes(scopes: [["id-number:full"], ["department:civil-affairs"]])
      household: Household @authenticated
    }
    type Household @key(fields: "id") { id: ID! assistance: String @policy(policies: [["declared-purpose"]]) }`),
  resolvers: {
    Query: { residents: () => [{ id: 'R1', name: '王伟', idNumber: '220112198001011234', household: { id: 'H1', assistance: 'SUBSISTENCE_ALLOWANCE' } }, { id: 'R2', name: '李娜', idNumber: '220112199002022345', household: null }] },
  },
};
const health = {
  typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requiresScopes"])
    type Resident @key(fields: "id") { id: ID! diagnosis: String @requiresScopes(scopes: [["department:health"]]) bloodType: String }`),
  resolvers: { Resident: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, diagnosis: 'SCHIZOPHRENIA', bloodType: 'A' }) } },
};

const calls: string[] = [];
let server: ApolloServer<{ identity: Identity }>;
beforeAll(async () => {
  const composed = composeServices([
    { name: 'civil', typeDefs: civil.typeDefs, url: 'http://civil' },
    { name: 'health', typeDefs: health.typeDefs, url: 'http://health' },
  ]);
  expect(composed.errors).toBeUndefined();
  const executableSdl = prepareSupergraph(composed.supergraphSdl!);
  const gateway = new ApolloGateway({
    supergraphSdl: executableSdl,
    buildService: ({ name }) => {
      const source = new LocalGraphQLDataSource(buildSubgraphSchema(name === 'civil' ? civil : health));
      const process = source.process.bind(source);
      source.process = (options) => {
        calls.push(`${name}: ${options.request.query}`);
        return process(options);
      };
      return source;
    },
  });
  server = new ApolloServer({ gateway, plugins: [createAuthorizationPlugin((c: { identity: Identity }) => c.identity)] });
  await server.start();
});
afterAll(() => server?.stop());

const identity = (overrides: Partial<Identity>): Identity => ({ ...PUBLIC_IDENTITY, requestId: 't', ...overrides });
const run = async (query: string, who: Identity) => {
  calls.length = 0;
  const response = await server.executeOperation({ query }, { contextValue: { identity: who } });
  if (response.body.kind !== 'single') throw new Error('single expected');
  return response.body.singleResult;
};

describe('schema-declared authorization at the gateway', () => {
  it('nulls what the caller may not see, with FORBIDDEN on its path, and answers the rest', async () => {
    const result = await run('{ residents { name idNumber diagnosis bloodType } }', identity({ role: 'GRID_WORKER', subject: 'w' }));
    expect(result.data).toEqual({
      residents: [
        { name: '王伟', idNumber: null, diagnosis: null, bloodType: 'A' },
        { name: '李娜', idNumber: null, diagnosis: null, bloodType: 'A' },
      ],
    });
    const codes = result.errors!.map((e) => [e.path?.join('.'), e.extensions?.code]);
    expect(codes).toEqual(expect.arrayContaining([['residents.idNumber', 'FORBIDDEN'], ['residents.diagnosis', 'FORBIDDEN']]));
    expect(JSON.stringify(result)).not.toContain('SCHIZOPHRENIA');
    expect(JSON.stringify(result)).not.toContain('220112198001011234');
  });

  it('never asks a department for a field the caller may not see', async () => {
    await run('{ residents { name diagnosis } }', identity({ role: 'GRID_WORKER', subject: 'w' }));
    expect(calls.some((c) => c.startsWith('health'))).toBe(false);
    await run('{ residents { name diagnosis } }', identity({ role: 'DEPARTMENT_STAFF', subject: 'd', departments: ['health'] }));
    expect(calls.some((c) => c.startsWith('health') && c.includes('diagnosis'))).toBe(true);
  });

  it('lets the right department and scope through', async () => {
    const result = await run('{ residents { idNumber diagnosis } }', identity({ role: 'DEPARTMENT_STAFF', subject: 'd', departments: ['health'], scopes: ['id-number:full'] }));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ residents: [{ idNumber: '220112198001011234', diagnosis: 'SCHIZOPHRENIA' }, { idNumber: '220112199002022345', diagnosis: 'SCHIZOPHRENIA' }] });
  });

  it('requires a declared purpose for purpose-bound fields, and sign-in for @authenticated', async () => {
    const staff = identity({ role: 'DEPARTMENT_STAFF', subject: 'd', departments: ['civil-affairs'] });
    const without = await run('{ residents { household { assistance } } }', staff);
    expect(without.errors![0]!.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'Household.assistance' });
    expect(JSON.stringify(without.data)).not.toContain('SUBSISTENCE');
    const withPurpose = await run('{ residents { household { assistance } } }', { ...staff, purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-1' });
    expect(withPurpose.errors).toBeUndefined();
    const anonymous = await run('{ residents { name household { id } } }', identity({}));
    expect(anonymous.data).toEqual({ residents: [{ name: '王伟', household: null }, { name: '李娜', household: null }] });
    expect(anonymous.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('decides per kind of caller: the same operation alternately by callers who may and may not see a field', async () => {
    const query = '{ residents { name diagnosis idNumber } }';
    const healthStaff = identity({ role: 'DEPARTMENT_STAFF', subject: 'h', departments: ['health'], scopes: ['id-number:full'] });
    const gridWorker = identity({ role: 'GRID_WORKER', subject: 'w' });
    for (let round = 0; round < 2; round++) {
      const allowed = await run(query, healthStaff);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data!.residents).toEqual([
        { name: '王伟', diagnosis: 'SCHIZOPHRENIA', idNumber: '220112198001011234' },
        { name: '李娜', diagnosis: 'SCHIZOPHRENIA', idNumber: '220112199002022345' },
      ]);
      const refused = await run(query, gridWorker);
      expect(JSON.stringify(refused.data)).not.toContain('SCHIZOPHRENIA');
      expect(refused.errors!.map((e) => e.path?.join('.')).sort()).toEqual(['residents.diagnosis', 'residents.idNumber']);
      // Purpose is part of the kind of caller too.
      const staff = identity({ role: 'DEPARTMENT_STAFF', subject: 'c', departments: ['civil-affairs'] });
      expect((await run('{ residents { household { assistance } } }', staff)).errors![0]!.extensions!.code).toBe('PURPOSE_REQUIRED');
      expect((await run('{ residents { household { assistance } } }', { ...staff, purpose: 'ASSISTANCE_REVIEW', caseReference: 'AR-2' })).errors).toBeUndefined();
    }
  });

  it('checks each use of a fragment at its own path and keeps emptied selections valid', async () => {
    const result = await run('{ a: residents { ...F } b: residents { name } } fragment F on Resident { idNumber }', identity({ role: 'ANALYST', subject: 'a' }));
    expect(result.data).toEqual({ a: [{ idNumber: null }, { idNumber: null }], b: [{ name: '王伟' }, { name: '李娜' }] });
    expect(result.errors!.map((e) => e.path?.join('.'))).toEqual(['a.idNumber']);
  });

  it('propagates null for a non-null protected field as GraphQL requires', async () => {
    const result = await run('{ residents { household { id } } }', identity({}));
    // household is nullable: only it becomes null (Household.id itself is not protected).
    expect(result.data).toEqual({ residents: [{ household: null }, { household: null }] });
  });
});
