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
}

/** Starts `node --import tsx <entry>` with extra environment; output goes to ours unless `quiet`. */
export function startProcess(name: string, entry: string, env: Record<string, string>, { quiet = false } = {}): ManagedProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: quiet ? ['ignore', 'ignore', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
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
