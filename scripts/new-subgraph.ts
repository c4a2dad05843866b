/**
 * `pnpm new-subgraph <name> [--port N] [--dir <path>]` — scaffolds a new department subgraph with
 * the shape of the five (contract, drizzle schema and migrations, loaders, resolvers, seed, tests,
 * README) around a small example domain, on the next free port (or `--port`).
 *
 * Into `subgraphs/<name>` (the default) it is registered at once: departments are the packages
 * under `subgraphs/` (scripts/lib/departments.ts), so compose, `pnpm start`, seeding and the
 * end-to-end harness pick it up. The command then links it (`pnpm install`) and composes it into
 * `gateway/supergraph.graphql`. With `--dir` elsewhere it only writes the package (tests, trying
 * it out); nothing in the repository changes.
 *
 * Exit codes: 0 done; 1 a bad request (name, port, folder — the message says which) or a failed
 * step after writing (the message says what is left to do).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@village-graph/shared';
import { composeSupergraph, supergraphPath } from './lib/compose-supergraph.ts';
import { departments, loadDepartment, subgraphsDir } from './lib/departments.ts';
import { ScaffoldError, plan, writeDepartment } from './lib/scaffold/scaffold.ts';

const USAGE = 'usage: pnpm new-subgraph <name> [--port N] [--dir <path>]   (name in kebab-case, e.g. water-resources)';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { port: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed!;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(`${positionals.length === 0 ? 'Name the new department.' : `One name only, got ${positionals.join(' ')}.`}\n${USAGE}`);
const name = positionals[0]!;
if (values.port !== undefined && !/^\d+$/.test(values.port)) fail(`--port must be a whole number, got "${values.port}".`);

let scaffolded;
try {
  const planned = plan({ name, port: values.port === undefined ? undefined : Number(values.port), dir: values.dir, departments });
  const inSubgraphs = path.dirname(planned.dir) === subgraphsDir;
  if (inSubgraphs && path.basename(planned.dir) !== name) {
    throw new ScaffoldError(`A department under subgraphs/ lives in the folder of its name: subgraphs/${name}, not ${path.relative(repoRoot, planned.dir)}.`);
  }
  scaffolded = writeDepartment(planned, departments);
} catch (error) {
  if (error instanceof ScaffoldError) fail(error.message);
  throw error;
}

const { names, port, dir, files } = scaffolded!;
const shown = path.relative(process.cwd(), dir) || '.';
console.log(`Wrote ${names.title} (${name}) in ${shown}, default port ${port}: ${files.length} files.`);

const registered = path.dirname(dir) === subgraphsDir;
if (!registered) {
  console.log(`
${shown} is outside subgraphs/, so it is not part of the graph: nothing in the repository changed.
It needs its dependencies to run (a node_modules with those of subgraphs/civil-affairs); to add it
to the graph, scaffold it without --dir.`);
  process.exit(0);
}

// Link the new workspace package (its dependencies are the ones the departments already use).
const pnpm = (() => {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath))) return { command: process.execPath, args: [execPath] };
  const { packageManager } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string };
  return { command: 'npx', args: ['-y', packageManager] };
})();
console.log('\nLinking it into the workspace (pnpm install)…');
const install = spawnSync(pnpm.command, [...pnpm.args, 'install', '--prefer-offline'], { cwd: repoRoot, stdio: 'inherit' });
if (install.status !== 0) {
  fail(`pnpm install failed (exit ${install.status}). ${shown} is written and registered but cannot load until \`pnpm install\` succeeds; then run \`pnpm compose\`.`);
}

// Compose it in, so that `pnpm start` serves it through the gateway.
const module = await loadDepartment(dir);
const outcome = composeSupergraph({ departments: [...departments, module] });
for (const error of outcome.errors) console.error(`composition error: ${error}`);
for (const hint of outcome.unacceptedHints) console.error(`composition hint: ${hint}`);
if (!outcome.supergraphSdl || outcome.unacceptedHints.length > 0) fail(`${name} does not compose with the others (above); fix ${shown}/schema.graphql, then \`pnpm compose\`.`);
fs.writeFileSync(supergraphPath, outcome.supergraphSdl);
console.log(`Composed it into ${path.relative(repoRoot, supergraphPath)}.`);

console.log(`
Next steps for ${name} (also in ${shown}/README.md):
  1. Make the example yours: ${shown}/schema.graphql, src/db/schema.ts, src/resolvers/, src/seed.ts, test/.
  2. After changing tables: pnpm --filter @village-graph/${name} db:generate   (commit the new migration)
  3. Test: npx vitest run --project unit ${path.relative(repoRoot, dir)}   and   pnpm typecheck
  4. pnpm compose        (commit gateway/supergraph.graphql)
  5. pnpm schema:check   (what your change means for the clients)
  6. pnpm start          (the whole graph; ${name} on http://127.0.0.1:${port}/graphql, ${names.envKey}_PORT to move it)
  7. Deploy: pnpm --filter @village-graph/${name} start, with the gateway's SUBGRAPH_URL_${names.envKey} pointing at it.
Commit ${path.relative(repoRoot, dir)}/, pnpm-lock.yaml and gateway/supergraph.graphql together.`);
