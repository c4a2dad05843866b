/**
 * The stock contender: @apollo/gateway + @apollo/server's standalone server with their defaults,
 * plus only what it needs to return the same data as this project's gateway — the supergraph with
 * the SECURITY links unmarked (prepared by the benchmark with `prepareSupergraph`; stock refuses
 * them otherwise) and a data source that passes the caller's gateway-signed identity and purpose
 * headers on to the departments. No authentication, limits, metrics, audit or resilience of ours.
 *
 * Environment: PORT, HOST (127.0.0.1), SUPERGRAPH_PATH.
 */
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

interface Context {
  headers: IncomingHttpHeaders;
}

/** What the departments read from a request: the signed identity (which carries the purpose) and the purpose headers. */
const FORWARDED_HEADERS = ['x-village-identity', 'x-purpose', 'x-case-reference'];

class ForwardingDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
    const headers = 'headers' in context ? (context as Context).headers : undefined;
    for (const name of FORWARDED_HEADERS) {
      const value = headers?.[name];
      if (typeof value === 'string') request.http?.headers.set(name, value);
    }
  }
}

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');

// @apollo/gateway starts a telemetry exporter to Apollo's servers unless this is set before it is
// constructed; nothing may leave this machine.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const gateway = new ApolloGateway({
  supergraphSdl: fs.readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) => new ForwardingDataSource({ url }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port, host }, context: async ({ req }) => ({ headers: req.headers }) });
console.log(`stock @apollo/gateway listening on ${url}`);
