import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { closeServer, createHttpServer, envKey, listen, maskError, sendJson, type Logger } from '@village-graph/shared';
import type http from 'node:http';
import type { GatewayConfig } from './config.ts';
import { DepartmentDataSource } from './department-data-source.ts';

export interface GatewayServer {
  httpServer: http.Server;
  /** The subgraphs of the loaded supergraph with the URLs in use. */
  subgraphs: { name: string; url: string }[];
  listen(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Builds the gateway for a config: loads the supergraph from its file, routes each subgraph to
 * the URL the file names unless the environment overrides it. Does not listen.
 */
export async function createGateway(config: GatewayConfig, logger: Logger): Promise<GatewayServer> {
  // @apollo/gateway starts a telemetry exporter to Apollo's servers unless this is set before it is
  // constructed. Nothing may leave this machine, so it is set here, never left to the caller.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';

  const supergraphSdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const subgraphs: { name: string; url: string }[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrlOverrides[envKey(name)] ?? url;
      if (!target) throw new Error(`the supergraph names no URL for subgraph "${name}" and SUBGRAPH_URL_${envKey(name)} is not set`);
      subgraphs.push({ name, url: target });
      return new DepartmentDataSource(name, target, logger);
    },
  });

  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    formatError: (formatted, error) => maskError(formatted, () => logger.error({ err: error }, 'unexpected gateway error')),
  });
  await apollo.start();

  const httpServer = createHttpServer({
    apollo,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    context: async () => ({}),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', supergraph: config.supergraphPath, subgraphs: subgraphs.map((s) => s.name) }),
    },
  });

  return {
    httpServer,
    subgraphs,
    listen: () => listen(httpServer, config.port, config.host),
    close: async () => {
      await closeServer(httpServer);
      await apollo.stop();
    },
  };
}
