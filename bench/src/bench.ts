/**
 * `pnpm bench` — this project's gateway side by side with stock @apollo/gateway, Hive Gateway
 * (in-flight de-duplication on and off) and a monolith, on the same departments and data (issue 6).
 * Prints a table of ratios, writes the raw figures as JSON and, unless --no-docs, the charts and
 * the generated section of docs/benchmarks.md. `--help` lists the options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@village-graph/shared';
import { USAGE, parseOptions, type BenchOptions } from './options.ts';
import { formatProfileSummary } from './profile/summary.ts';
import { formatTable, writeDocs } from './report.ts';
import { abortRun, runBench, type BenchResults } from './run.ts';

// pnpm passes a literal `--` through to the script.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));

let options: BenchOptions | null;
try {
  options = parseOptions(args);
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (!options) {
  console.log(USAGE);
  process.exit(0);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the load and every process the benchmark started…`);
    void abortRun().finally(() => process.exit(130));
  });
}

const command = ['pnpm bench', ...(args.length ? ['--', ...args] : [])].join(' ');
const log = (line: string) => console.log(line);

if (options.render) {
  const results = JSON.parse(fs.readFileSync(options.render, 'utf8')) as BenchResults;
  console.log(formatTable(results));
  if (options.docs) {
    const written = await writeDocs(results, path.join(repoRoot, 'docs', 'benchmarks.md'));
    console.log(`docs: ${written.map((f) => path.relative(repoRoot, f)).join(', ')}`);
  }
  process.exit(0);
}

try {
  const results = await runBench(options, command, log);
  console.log(formatTable(results));
  for (const profile of results.profiles) console.log(`\n${formatProfileSummary(profile)}`);
  if (results.profileFiles.length) console.log(`\nRaw profiles (open in Chrome DevTools): ${results.profileFiles.join(', ')}`);
  for (const note of results.notes) console.log(`note: ${note}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nraw results: ${path.relative(process.cwd(), options.out) || options.out}`);
  if (options.docs) {
    const written = await writeDocs(results, path.join(repoRoot, 'docs', 'benchmarks.md'));
    console.log(`docs: ${written.map((f) => path.relative(repoRoot, f)).join(', ')}`);
  }
  process.exit(0);
} catch (error) {
  if (!interrupted) {
    console.error(`\nbench failed: ${(error as Error).message}`);
    await abortRun();
    process.exit(1);
  }
}
