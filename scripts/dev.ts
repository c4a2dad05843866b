/**
 * `pnpm start` — the whole graph on this machine: generates the default dataset if there is none,
 * starts the five department subgraphs (each runs its own migrations) and the gateway, prints the
 * URLs, and on Ctrl-C / SIGTERM stops them all cleanly.
 *
 * Environment (all optional): HOST (127.0.0.1), GATEWAY_PORT (4000), CIVIL_AFFAIRS_PORT (4001),
 * AGRICULTURE_PORT (4002), HOUSING_PORT (4003), JUSTICE_PORT (4004), HEALTH_PORT (4005),
 * DATA_DIR (./data), SEED_SCALE (0.01), SEED (1), LOG_LEVEL (info).
 */
import path from 'node:path';
import { defaultDataDir, envPort, envString, subgraphPortVariable, subgraphUrlVariable } from '@village-graph/shared';
import { departments } from './lib/departments.ts';
import { DEFAULT_SCALE, DEFAULT_SEED, databasePath, generateDataset, readManifest } from './lib/dataset.ts';
import { entryPoints, startProcess, stopAll, waitUntilHealthy, type ManagedProcess } from './lib/processes.ts';
import { ensureDevKeys, keyEnvironment } from './lib/dev-keys.ts';

const env = process.env;
const host = envString(env, 'HOST', '127.0.0.1');
const dataDir = path.resolve(envString(env, 'DATA_DIR', defaultDataDir));
const gatewayPort = envPort(env, 'GATEWAY_PORT', 4000);

if (!readManifest(dataDir)) {
  // None yet, or one made by an older generator (whose tables the current code would find empty).
  const scale = Number(envString(env, 'SEED_SCALE', String(DEFAULT_SCALE)));
  const seed = Number(envString(env, 'SEED', String(DEFAULT_SEED)));
  console.log(`No current dataset in ${dataDir}; generating the default one (scale ${scale}, seed ${seed})…`);
  await generateDataset({ dataDir, scale, seed });
}

const keys = keyEnvironment(await ensureDevKeys(dataDir));
const running: ManagedProcess[] = [];
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the graph…');
  await stopAll(running);
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const subgraphUrls: Record<string, string> = {};
  await Promise.all(
    departments.map(async (department) => {
      const port = envPort(env, subgraphPortVariable(department.name), department.defaultPort);
      const child = startProcess(department.name, entryPoints.subgraph(department.name), {
        PORT: String(port),
        HOST: host,
        DATABASE_PATH: databasePath(dataDir, department.name),
        ...keys.subgraph,
      });
      running.push(child);
      void child.exited.then((code) => {
        if (!stopping) console.error(`${department.name} exited (code ${code}); the gateway answers without it.`);
      });
      await waitUntilHealthy(`http://${host}:${port}/health/ready`, child);
      subgraphUrls[subgraphUrlVariable(department.name)] = `http://${host}:${port}/graphql`;
    }),
  );
  const gateway = startProcess('gateway', entryPoints.gateway, { ...subgraphUrls, ...keys.gateway, PORT: String(gatewayPort), HOST: host });
  running.push(gateway);
  void gateway.exited.then((code) => {
    if (!stopping) {
      console.error(`gateway exited (code ${code}); stopping.`);
      void shutdown(1);
    }
  });
  await waitUntilHealthy(`http://${host}:${gatewayPort}/health`, gateway);

  console.log('\nvillage-graph is running:');
  console.log(`  gateway        http://${host}:${gatewayPort}/graphql   (explorer: http://${host}:${gatewayPort}/ · health: /health/ready · metrics: /metrics)`);
  for (const department of departments) {
    console.log(`  ${department.name.padEnd(Math.max(...departments.map((d) => d.name.length)) + 1)} ${subgraphUrls[subgraphUrlVariable(department.name)]}`);
  }
  console.log(`\nSign in as any persona: pnpm token -- --role GRID_WORKER --region 220112001201001  (then Authorization: Bearer <token>)`);
  console.log('Press Ctrl-C to stop.\n');
} catch (error) {
  console.error(`Could not start the graph: ${(error as Error).message}`);
  await shutdown(1);
}
