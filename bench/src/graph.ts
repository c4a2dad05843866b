import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { subgraphUrlVariable } from '@village-graph/shared';
import { databasePath } from '@village-graph/scripts/dataset';
import { departments } from '@village-graph/scripts/departments';
import { entryPoints, startProcess, stopAll, waitUntilHealthy, type ManagedProcess } from '@village-graph/scripts/processes';
import { freePort } from '../../e2e/harness.ts';
import type { CredentialKind, Credentials } from './credentials.ts';
import type { PeerSupergraphs } from './supergraph.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const CONTENDER_IDS = ['gateway', 'apollo-gateway', 'hive-gateway', 'hive-gateway-no-dedupe', 'monolith'] as const;
export type ContenderId = (typeof CONTENDER_IDS)[number];

export interface ContenderSpec {
  id: ContenderId;
  /** Name in tables and charts. */
  label: string;
  description: string;
  credentials: CredentialKind;
}

export const CONTENDERS: Record<ContenderId, ContenderSpec> = {
  gateway: {
    id: 'gateway',
    label: 'village-graph gateway',
    description: 'gateway/src/index.ts, GATEWAY_MODE=production: ES256 caller tokens, operation limits, schema authorization, metrics, request logs, timeouts/retries/breakers',
    credentials: 'bearer',
  },
  'apollo-gateway': {
    id: 'apollo-gateway',
    label: 'stock @apollo/gateway',
    description: '@apollo/gateway 2.14 + @apollo/server 5 standalone, defaults; forwards the identity and purpose headers (bench/src/contenders/stock-gateway.ts)',
    credentials: 'identity',
  },
  'hive-gateway': {
    id: 'hive-gateway',
    label: 'Hive Gateway',
    description: '@graphql-hive/gateway CLI, defaults (in-flight de-duplication on); forwards the identity and purpose headers',
    credentials: 'identity',
  },
  'hive-gateway-no-dedupe': {
    id: 'hive-gateway-no-dedupe',
    label: 'Hive Gateway (no dedupe)',
    description: 'the same with deduplicateInflightRequests: false',
    credentials: 'identity',
  },
  monolith: {
    id: 'monolith',
    label: 'monolith',
    description: 'the five departments\' resolvers in one process, no gateway (bench/src/monolith/index.ts)',
    credentials: 'identity',
  },
};

export const monolithEntry = path.join(here, 'monolith', 'index.ts');

export interface RunningProcess {
  name: string;
  /** The GraphQL endpoint (contenders and departments). */
  url: string;
  metricsUrl: string;
  process: ManagedProcess;
  /** The last lines it wrote to stderr, for a start-up failure's message (with `logs`, see process.output). */
  stderr: string[];
  /** Where its CPU profile goes, when profiled. */
  profilePath?: string;
}

export interface StartOptions {
  dataDir: string;
  runDir: string;
  credentials: Credentials;
  /** Names of processes to run under the CPU profiler (`gateway` or department names). */
  profile: ReadonlySet<string>;
  /** Keep each process's output (its logs) in memory, for a failure's message. */
  logs: boolean;
  readyTimeoutMs: number;
}

/**
 * Starts a process the way the graph's own scripts do (scripts/lib/processes.ts), optionally
 * through profile/profiled.ts, keeping the tail of its stderr (its stdout — request logs — is
 * discarded, as a production log shipper would take it off the process).
 */
function launch(name: string, entry: string, env: Record<string, string>, { runDir, profile, logs }: Pick<StartOptions, 'runDir' | 'profile' | 'logs'>, port: number): RunningProcess {
  const profilePath = profile.has(name) ? path.join(runDir, `${name}.cpuprofile.json`) : undefined;
  const output = logs ? { captureOutput: true } : { quiet: true };
  const child = profilePath
    ? startProcess(name, path.join(here, 'profile', 'profiled.ts'), { ...env, PROFILE_ENTRY: entry, PROFILE_OUT: profilePath }, output)
    : startProcess(name, entry, env, output);
  const stderr: string[] = [];
  if (!logs) {
    child.child.stderr?.setEncoding('utf8');
    child.child.stderr?.on('data', (chunk: string) => {
      stderr.push(...chunk.split('\n').filter(Boolean));
      if (stderr.length > 40) stderr.splice(0, stderr.length - 40);
    });
  }
  return { name, url: `http://127.0.0.1:${port}/graphql`, metricsUrl: `http://127.0.0.1:${port}/metrics`, process: child, stderr, ...(profilePath ? { profilePath } : {}) };
}

/**
 * Every process runs as it would in production: NODE_ENV=production (Apollo Server then leaves
 * stack traces out of error answers, among others), request logs at info.
 */
const common = { HOST: '127.0.0.1', APOLLO_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', LOG_LEVEL: 'info' };

/** Starts every department on a free port over the dataset and waits until each is ready. */
export async function startDepartments(options: StartOptions): Promise<RunningProcess[]> {
  const started: RunningProcess[] = [];
  try {
    await Promise.all(
      departments.map(async (department) => {
        const port = await freePort();
        const running = launch(
          department.name,
          entryPoints.subgraph(department.name),
          { ...common, PORT: String(port), DATABASE_PATH: databasePath(options.dataDir, department.name), ...options.credentials.subgraphEnv },
          options,
          port,
        );
        started.push(running);
        await waitUntilHealthy(`http://127.0.0.1:${port}/health/ready`, running.process, options.readyTimeoutMs).catch((error: Error) => {
          throw withStderr(error, running);
        });
      }),
    );
    return departments.map((d) => started.find((s) => s.name === d.name)!);
  } catch (error) {
    await stopAll(started.map((s) => s.process));
    throw error;
  }
}

/** The last lines a process wrote (stderr; all its output with `logs`). */
export const tailOf = (running: RunningProcess, lines = 15): string[] => (running.process.output ?? running.stderr).slice(-lines);

const withStderr = (error: Error, running: RunningProcess) => {
  const tail = tailOf(running);
  return new Error(`${error.message}${tail.length ? `\n  its last output:\n    ${tail.join('\n    ')}` : ''}`);
};

/** Starts one contender over the running departments and waits until it answers a GraphQL request. */
export async function startContender(id: ContenderId, departmentsRunning: RunningProcess[], supergraphs: PeerSupergraphs, options: StartOptions): Promise<RunningProcess> {
  const port = await freePort();
  const base = { ...common, PORT: String(port) };
  let running: RunningProcess;
  switch (id) {
    case 'gateway': {
      const urls = Object.fromEntries(departmentsRunning.map((d) => [subgraphUrlVariable(d.name), d.url]));
      running = launch('gateway', entryPoints.gateway, { ...base, ...urls, ...options.credentials.gatewayEnv, GATEWAY_MODE: 'production' }, options, port);
      break;
    }
    case 'apollo-gateway':
      running = launch(id, path.join(here, 'contenders', 'stock-gateway.ts'), { ...base, SUPERGRAPH_PATH: supergraphs.apollo }, options, port);
      break;
    case 'hive-gateway':
    case 'hive-gateway-no-dedupe':
      running = launch(
        id,
        path.join(here, 'contenders', 'hive-gateway.ts'),
        { ...base, SUPERGRAPH_PATH: supergraphs.hive, HIVE_DEDUPLICATE: id === 'hive-gateway' ? 'true' : 'false' },
        options,
        port,
      );
      break;
    case 'monolith':
      running = launch(id, monolithEntry, { ...base, DATA_DIR: options.dataDir, GATEWAY_IDENTITY_PUBLIC_KEY_PATH: options.credentials.identityPublicKeyPath }, options, port);
      break;
  }
  try {
    // Ours has a readiness route; in production it answers ad-hoc operations (the probe below) only to analysts.
    if (id === 'gateway') await waitUntilHealthy(`http://127.0.0.1:${port}/health/ready`, running.process, options.readyTimeoutMs);
    else await waitForGraphQL(running.url, running.process, options.readyTimeoutMs);
  } catch (error) {
    await stopAll([running.process]);
    throw withStderr(error as Error, running);
  }
  return running;
}

/**
 * Polls `{ __typename }` until the server answers it: a readiness check the peers and the monolith
 * all support (stock Apollo Server has no health route).
 */
export async function waitForGraphQL(url: string, processOf: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void processOf.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${processOf.name} exited before it answered at ${url}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok && ((await response.json()) as { data?: { __typename?: string } }).data?.__typename) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${processOf.name} did not answer GraphQL at ${url} within ${timeoutMs} ms`);
}
