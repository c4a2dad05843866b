/**
 * Runs Hive Gateway's own CLI (`hive-gateway supergraph …`) in this process, with the arguments
 * taken from the environment, so the benchmark starts it like every other contender (one node
 * process, whose CPU and memory it reads).
 *
 * Environment: PORT, HOST (127.0.0.1), SUPERGRAPH_PATH, HIVE_DEDUPLICATE (default true).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');
const bin = createRequire(import.meta.url).resolve('@graphql-hive/gateway/package.json').replace(/package\.json$/, 'dist/bin.js');
const config = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hive-gateway.config.ts');

// One process (no cluster workers), like every other contender.
process.argv.splice(2, process.argv.length - 2, 'supergraph', supergraphPath, '--config-path', config, '--host', process.env.HOST ?? '127.0.0.1', '--port', process.env.PORT ?? '4000', '--fork', '1');
await import(pathToFileURL(bin).href);
