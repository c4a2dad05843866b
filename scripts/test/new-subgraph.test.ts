import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, repoRoot, type DepartmentSeeder, type SeedWorld, type SubgraphModule } from '@village-graph/shared';
import { composeSupergraph, supergraphPath, type CompositionOutcome } from '../lib/compose-supergraph.ts';
import { departments, loadDepartment, nextFreePort, packageDirOf, seedPathOf, subgraphsDir } from '../lib/departments.ts';
import { ensureDevKeys, keyEnvironment } from '../lib/dev-keys.ts';
import { entryPoints, startProcess, stopAll, waitUntilHealthy, type ManagedProcess } from '../lib/processes.ts';
import { ScaffoldError, plan } from '../lib/scaffold/scaffold.ts';
import { freePort, postGraphQL } from '../../e2e/harness.ts';

/**
 * `pnpm new-subgraph` end to end, without touching the repository: the command scaffolds a
 * department into a temporary folder (`--dir`), whose node_modules is an existing department's (the
 * same dependencies); then its own tests run, its migration is checked against its tables, it
 * composes with the five, and a gateway on that supergraph answers a query joining civil affairs'
 * regions with the new department's field, over HTTP, with civil affairs and the new department
 * running as real processes over the new department's own small test world (the other departments
 * stay down).
 */

const NAME = 'water-resources';
const COUNTY = '220112000000'; // 双阳区
const run = promisify(execFile);
const newSubgraphScript = path.join(repoRoot, 'scripts', 'new-subgraph.ts');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to the end; a non-zero exit is an outcome to assert on, not an exception. */
async function runNode(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { ...options, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
  }
}

/** `pnpm new-subgraph …` as a user runs it. */
const newSubgraph = (...args: string[]) => runNode(['--import', 'tsx', newSubgraphScript, ...args], { cwd: repoRoot });

let tmp: string;
let dir: string;
let scaffold: Ran;
let module: SubgraphModule<object>;
let world: SeedWorld;
let dataDir: string;
let gatewayUrl: string;
let ports: Record<string, number>;
let composed: CompositionOutcome;
const running: ManagedProcess[] = [];
/** Started in beforeAll, awaited by their tests: the slow checks run side by side. */
let ownTests: Promise<Ran>;
let migrationCheck: Promise<Ran>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'village-graph-new-subgraph-'));
  dir = path.join(tmp, 'subgraphs', NAME);
  // Above the package, the root's node_modules (vitest, drizzle-kit, tsx) as in the repository —
  // entry by entry, so that the nested vitest keeps its caches (.vite) here rather than in ours.
  fs.mkdirSync(path.join(tmp, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(repoRoot, 'node_modules')).filter((e) => !e.startsWith('.vite'))) {
    fs.symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(tmp, 'node_modules', entry));
  }
  scaffold = await newSubgraph(NAME, '--dir', dir);
  if (scaffold.code !== 0) throw new Error(`new-subgraph failed: ${scaffold.stderr}`);

  // Its dependencies: the node_modules of a department that has every one of them.
  const wanted = Object.keys((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  const donor = departments.map(packageDirOf).find((d) => wanted.every((dep) => fs.existsSync(path.join(d, 'node_modules', dep))));
  if (!donor) throw new Error(`no department has all of ${wanted.join(', ')} installed`);
  fs.symlinkSync(fs.realpathSync(path.join(donor, 'node_modules')), path.join(dir, 'node_modules'));

  // Nested vitest must not think it is one of our workers.
  const childEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'FORCE_COLOR')),
    NO_COLOR: '1',
  };
  // The repository's own test configuration, rooted at the temporary tree (its globs find the new tests).
  ownTests = runNode([path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(repoRoot, 'vitest.config.ts'), '--root', tmp, '--project', 'unit'], {
    cwd: tmp,
    env: childEnv,
  });
  migrationCheck = runNode([path.join(repoRoot, 'node_modules', 'drizzle-kit', 'bin.cjs'), 'generate'], { cwd: dir, env: childEnv });

  module = await loadDepartment(dir);
  // The new department's own test world (a county of 双阳区, no people: civil affairs writes its regions).
  const { createFakeWorld } = (await import(pathToFileURL(path.join(dir, 'test', 'fake-world.ts')).href)) as { createFakeWorld: () => SeedWorld };
  world = createFakeWorld();
  const civilAffairs = departments.find((d) => d.name === 'civil-affairs')!;
  dataDir = path.join(tmp, 'data');
  for (const department of [civilAffairs, module]) {
    const sqlite = openDatabase({ path: path.join(dataDir, `${department.name}.sqlite`), migrationsFolder: department.migrationsFolder });
    const { seed } = (await import(pathToFileURL(seedPathOf(department)).href)) as { seed: DepartmentSeeder };
    sqlite.transaction(() => seed(sqlite, world))();
    sqlite.close();
  }

  const [civilPort, departmentPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  ports = { 'civil-affairs': civilPort, [NAME]: departmentPort };
  composed = composeSupergraph({
    departments: [...departments, module],
    // The departments not started get a port nothing listens on: the gateway answers without them.
    urlOf: (name) => `http://127.0.0.1:${ports[name] ?? 9}/graphql`,
  });
  if (!composed.supergraphSdl) throw new Error(`composition failed: ${composed.errors.join('; ')}`);
  fs.writeFileSync(path.join(tmp, 'supergraph.graphql'), composed.supergraphSdl);

  const keys = keyEnvironment(await ensureDevKeys(dataDir));
  const start = (name: string, entry: string, port: number) => {
    const child = startProcess(name, entry, { PORT: String(port), DATABASE_PATH: path.join(dataDir, `${name}.sqlite`), LOG_LEVEL: 'silent', ...keys.subgraph }, { quiet: true });
    running.push(child);
    return waitUntilHealthy(`http://127.0.0.1:${port}/health/ready`, child, 45_000);
  };
  await Promise.all([start('civil-affairs', entryPoints.subgraph('civil-affairs'), civilPort), start(NAME, path.join(dir, 'src', 'index.ts'), departmentPort)]);
  const gateway = startProcess(
    'gateway',
    entryPoints.gateway,
    { SUPERGRAPH_PATH: path.join(tmp, 'supergraph.graphql'), SUPERGRAPH_WATCH: 'false', PORT: String(gatewayPort), LOG_LEVEL: 'silent', ...keys.gateway },
    { quiet: true },
  );
  running.push(gateway);
  await waitUntilHealthy(`http://127.0.0.1:${gatewayPort}/health`, gateway, 45_000);
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
}, 90_000);

afterAll(async () => {
  await stopAll(running);
  await Promise.allSettled([ownTests, migrationCheck]);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('pnpm new-subgraph', () => {
  it('refuses a name that is not kebab-case (exit code 1) or taken, with a message', async () => {
    const badName = await newSubgraph('Water_Resources', '--dir', path.join(tmp, 'bad'));
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/"Water_Resources" is not a department name: use kebab-case/);
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
    expect(() => plan({ name: 'housing', departments, dir: path.join(tmp, 'taken') })).toThrow(new ScaffoldError('Department "housing" already exists (subgraphs/housing).'));
  });

  it('refuses workspace package names, used ports and clashing GraphQL names before writing anything', () => {
    const attempt = (name: string, port?: number) => () => plan({ name, port, dir: path.join(tmp, 'never', name), departments });
    expect(attempt('shared')).toThrow(new ScaffoldError('"shared" is taken: the workspace already has a package @village-graph/shared.'));
    expect(attempt('gateway')).toThrow(ScaffoldError);
    expect(attempt('forestry', 4003)).toThrow(`--port 4003 is housing's; the next free one is ${nextFreePort(departments)}.`);
    expect(attempt('forestry', 4000)).toThrow(/the gateway's/);
    expect(attempt('-forestry')).toThrow(/kebab-case/);
    expect(attempt('forestry--office')).toThrow(/kebab-case/);
    expect(() => plan({ name: 'forestry', departments, dir: path.join(subgraphsDir, 'housing', 'forestry') })).toThrow(/inside housing's folder/);
    expect(plan({ name: 'forestry', departments, dir: path.join(tmp, 'never', 'forestry') }).port).toBe(nextFreePort(departments));
    // A contract that already declares the new department's names (here: a fake department).
    const squatter = { ...departments[0]!, name: 'squatter', schemaPath: path.join(tmp, 'squatter', 'schema.graphql') };
    fs.mkdirSync(path.dirname(squatter.schemaPath));
    fs.writeFileSync(squatter.schemaPath, 'type Query { forestryServicePoints: Int }');
    expect(() => plan({ name: 'forestry', departments: [...departments, squatter], dir: path.join(tmp, 'never', 'forestry') })).toThrow(
      /would declare Query.forestryServicePoints, which squatter already declares/,
    );
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  });

  it('writes a department with the shape of the five on the next free port, and leaves the repository alone', () => {
    expect(scaffold.stdout).toContain(`default port ${nextFreePort(departments)}`);
    for (const file of ['package.json', 'README.md', 'schema.graphql', 'drizzle.config.ts', 'drizzle/meta/_journal.json', 'src/index.ts', 'src/subgraph.ts', 'src/db/schema.ts', 'src/loaders.ts', 'src/context.ts', 'src/seed.ts', 'test/subgraph.test.ts']) {
      expect(fs.existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(module).toMatchObject({ name: NAME, title: 'Water resources', defaultPort: nextFreePort(departments) });
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const step of ['db:generate', 'pnpm compose', 'pnpm schema:check', 'pnpm start', 'Deploy']) expect(readme).toContain(step);
    // Nothing in the repository: no folder (nor a staged one) under subgraphs/, not in the supergraph.
    expect(fs.readdirSync(subgraphsDir).filter((f) => f.includes(NAME))).toEqual([]);
    expect(fs.readFileSync(supergraphPath, 'utf8')).not.toContain(NAME);
  });

  it("passes its own unit tests (createTestSubgraph over its real migrations)", async () => {
    const { code, stdout, stderr } = await ownTests;
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/Test Files\s+\d+ passed/);
    expect(stdout).toContain(`subgraphs/${NAME}/test/subgraph.test.ts`);
    expect(stdout).toContain(`subgraphs/${NAME}/test/seed.test.ts`);
  });

  it('has a committed migration that matches its drizzle tables', async () => {
    const { code, stdout, stderr } = await migrationCheck;
    expect(code, stderr).toBe(0);
    // Otherwise template/drizzle/ was generated from other tables than template/src/db/schema.ts.tmpl (see scaffold.ts).
    expect(stdout).toContain('No schema changes');
  });

  it('composes with the five without errors or unaccepted hints', () => {
    expect(composed.errors).toEqual([]);
    expect(composed.unacceptedHints).toEqual([]);
    for (const name of [...departments.map((d) => d.name), NAME]) expect(composed.supergraphSdl).toContain(`name: "${name}", url: "http://127.0.0.1:`);
    expect(composed.supergraphSdl).toContain(`name: "${NAME}", url: "http://127.0.0.1:${ports[NAME]}/graphql"`);
  });

  it("answers through the gateway: civil affairs' regions joined with the new department's facts", async () => {
    const villages = world.ruralVillages.filter((v) => v.code.startsWith(COUNTY.slice(0, 6)));
    expect(villages.length).toBeGreaterThan(5);
    const response = await postGraphQL<{
      region: { name: string; waterResourcesStatistics: { ruralVillageCount: number; servicePointCount: number } };
      waterResourcesServicePoints: { totalCount: number; nodes: { id: string; village: { code: string; name: string } }[] };
    }>(
      gatewayUrl,
      `query($county: ID!) {
        region(code: $county) { name waterResourcesStatistics { ruralVillageCount servicePointCount } }
        waterResourcesServicePoints(within: $county, first: 5) { totalCount nodes { id village { code name } } }
      }`,
      { county: COUNTY },
    );
    expect(response.errors).toBeUndefined();
    const { region, waterResourcesServicePoints: points } = response.data!;
    expect(region.name).toBe(world.regions.find((r) => r.code === COUNTY)!.name);
    expect(region.waterResourcesStatistics.ruralVillageCount).toBe(villages.length);
    expect(region.waterResourcesStatistics.servicePointCount).toBe(points.totalCount);
    expect(points.totalCount).toBeGreaterThan(villages.length / 2);
    expect(points.nodes).toHaveLength(5);
    // Each service point's village is named by civil affairs, from the code the new department keeps.
    for (const { id, village } of points.nodes) {
      expect(id.startsWith(`${village.code}-P`)).toBe(true);
      expect(village.name).toBe(villages.find((v) => v.code === village.code)!.name);
    }
  });
});
