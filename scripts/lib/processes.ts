import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { repoRoot } from '@village-graph/shared';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** tsx's loader, resolved from the workspace so children run TypeScript without a build step. */
const tsxLoader = require.resolve('tsx');

/** Entry points of the processes that make up the graph. */
export const entryPoints = {
  gateway: path.join(repoRoot, 'gateway', 'src', 'index.ts'),
  subgraph: (name: string) => path.join(repoRoot, 'subgraphs', name, 'src', 'index.ts'),
};

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** With `captureOutput`: the process's stdout and stderr lines so far (the last 5000). */
  output?: string[];
}

export interface StartProcessOptions {
  /** Discard stdout (stderr is piped and dropped). */
  quiet?: boolean;
  /** Keep stdout and stderr lines in `output` instead (tests read the JSON logs). */
  captureOutput?: boolean;
}

const MAX_CAPTURED_LINES = 5000;

/** Starts `node --import tsx <entry>` with extra environment; output goes to ours unless `quiet` or `captureOutput`. */
export function startProcess(name: string, entry: string, env: Record<string, string>, { quiet = false, captureOutput = false }: StartProcessOptions = {}): ManagedProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: captureOutput ? ['ignore', 'pipe', 'pipe'] : quiet ? ['ignore', 'ignore', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (!captureOutput) return { name, child, exited };
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      output.push(...lines);
      if (output.length > MAX_CAPTURED_LINES) output.splice(0, output.length - MAX_CAPTURED_LINES);
    });
  }
  return { name, child, exited, output };
}

/** Polls `url` until it answers 200, the process exits, or `timeoutMs` passes. */
export async function waitUntilHealthy(url: string, processOf: ManagedProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void processOf.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${processOf.name} exited before it became healthy`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${processOf.name} did not become healthy at ${url} within ${timeoutMs} ms`);
}

/** SIGTERM to each, then SIGKILL to any still running after `graceMs`. */
export async function stopAll(processes: ManagedProcess[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}
