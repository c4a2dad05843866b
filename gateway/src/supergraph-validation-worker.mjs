// Worker thread (plain JavaScript, so it needs no TypeScript loader): builds a throwaway
// ApolloGateway over a candidate supergraph — schema, API schema, query planner — and reports
// whether that worked. Runs off the main thread so that validating a new supergraph does not stall
// the requests the gateway is serving. Started by supergraph-validation.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

try {
  const gateway = new ApolloGateway({
    supergraphSdl: workerData.supergraphSdl,
    validateSupergraph: true,
    logger: quiet,
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url: url || 'http://invalid' }),
  });
  await gateway.load();
  await gateway.stop();
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
