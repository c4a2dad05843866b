import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot } from '@village-graph/shared';
import { E2E_SCALE, E2E_SEED, e2eDataDir, ensureE2eDataset } from '../../e2e/harness.ts';
import type { BenchResults } from '../src/run.ts';

/** Runs `pnpm bench` as a user would (its entry point, in its own process) and collects its output. */
function runBench(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'src', 'bench.ts'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // Ctrl-C, which makes the benchmark stop every process it started.
    const timer = setTimeout(() => child.kill('SIGINT'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const docs = ['docs/benchmarks.md', 'docs/benchmarks/results.json', 'docs/benchmarks/throughput.svg'].map((f) => path.join(repoRoot, f));
const stateOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : null);

describe('pnpm bench --quick', () => {
  it('runs this gateway, stock @apollo/gateway and the monolith on one operation and writes their requests/s, leaving the docs alone', async () => {
    await ensureE2eDataset();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-quick-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, 'results.json');
    const docsBefore = docs.map(stateOf);

    const { code, output } = await runBench(
      ['--quick', '--contenders', 'gateway,apollo-gateway,monolith', '--ops', 'village-dashboard', '--connections', '1', '--data-dir', e2eDataDir, '--scale', String(E2E_SCALE), '--seed', String(E2E_SEED), '--no-docs', '--out', out],
      150_000,
    );
    expect(code, output).toBe(0);
    // The table on stdout, with the ratios against the stock gateway.
    expect(output).toMatch(/village-dashboard\s+village-graph gateway\s+[\d.]+\s+[\d.]+×/);

    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
    for (const contender of ['gateway', 'apollo-gateway', 'monolith']) {
      const cell = results.cells.find((c) => c.contender === contender && c.operation === 'village-dashboard' && c.connections === 1);
      expect(cell, contender).toBeDefined();
      expect(cell!.requestsPerSecond, contender).toBeGreaterThan(0);
      expect(cell!.latencyMs.p50, contender).toBeGreaterThan(0);
      expect(cell!.errors + cell!.wrong, contender).toBe(0);
      expect(cell!.cpuMsPerRequest[contender], contender).toBeGreaterThan(0);
    }
    // One request of the dashboard through a gateway asks each of the five departments once; the monolith asks none.
    const viaGateway = results.costs.find((c) => c.contender === 'gateway' && c.operation === 'village-dashboard')!;
    expect(Object.values(viaGateway.departments).map((d) => d.requests)).toEqual([1, 1, 1, 1, 1]);
    const viaMonolith = results.costs.find((c) => c.contender === 'monolith' && c.operation === 'village-dashboard')!;
    expect(Object.values(viaMonolith.departments).every((d) => d.requests === 0)).toBe(true);

    expect(docs.map(stateOf)).toEqual(docsBefore);
  }, 180_000);
});
