import { createLogger, exitOnStartupFailure, stopOnSignals } from '@village-graph/shared';
import { readGatewayConfig } from './config.ts';
import { createGateway } from './gateway.ts';

let logger = createLogger('gateway', 'info');
try {
  const config = readGatewayConfig(process.env);
  logger = createLogger('gateway', config.logLevel);
  const gateway = await createGateway(config, logger);
  const port = await gateway.listen();
  logger.info({ url: `http://${config.host}:${port}/graphql`, subgraphs: gateway.subgraphs }, 'gateway listening');
  stopOnSignals(logger, () => gateway.close());
} catch (error) {
  exitOnStartupFailure(logger, error);
}
