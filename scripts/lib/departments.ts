import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, type SubgraphModule } from '@village-graph/shared';

/**
 * The departments in the graph, found rather than listed: every package under `subgraphs/` is a
 * department (the workspace already says so: `subgraphs/*` in pnpm-workspace.yaml), and its
 * package's main export (`exports["."]`, i.e. `src/subgraph.ts`) is its SubgraphModule. Adding a
 * department is adding its folder (`pnpm new-subgraph <name>` does it); no script names one.
 * (A subgraph never imports another; only scripts see all.)
 */

/** Where departments live. */
export const subgraphsDir = path.join(repoRoot, 'subgraphs');

/** Gateway port; departments take the ones after it (4001, 4002, …). */
export const GATEWAY_DEFAULT_PORT = 4000;

interface DepartmentPackageJson {
  name?: string;
  exports?: Record<string, string>;
}

const readPackageJson = (dir: string): DepartmentPackageJson => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as DepartmentPackageJson;

/** The package folder of a department (its `schema.graphql` sits at the package root). */
export const packageDirOf = (department: Pick<SubgraphModule, 'schemaPath'>): string => path.dirname(department.schemaPath);

/** Absolute path of a department's seeder (`exports["./seed"]`, `src/seed.ts`). */
export function seedPathOf(department: Pick<SubgraphModule, 'name' | 'schemaPath'>): string {
  const dir = packageDirOf(department);
  const seed = readPackageJson(dir).exports?.['./seed'];
  if (!seed) throw new Error(`${path.relative(repoRoot, dir)}/package.json exports no "./seed" (the department's src/seed.ts).`);
  return path.join(dir, seed);
}

const isModule = (value: unknown): value is SubgraphModule<object> => {
  const m = value as Partial<SubgraphModule> | null;
  return (
    typeof m?.name === 'string' &&
    typeof m.title === 'string' &&
    Number.isInteger(m.defaultPort) &&
    typeof m.schemaPath === 'string' &&
    typeof m.migrationsFolder === 'string' &&
    typeof m.resolvers === 'object' &&
    typeof m.createContextFactory === 'function'
  );
};

/**
 * Loads the department in `dir`: the default export of its package's main module. Fails with a
 * message naming the folder when it is not a department's package (no main export, not a
 * SubgraphModule, a name that is not the folder's, or dependencies not installed yet).
 */
export async function loadDepartment(dir: string): Promise<SubgraphModule<object>> {
  const where = path.relative(repoRoot, dir) || dir;
  const pkg = readPackageJson(dir);
  const main = pkg.exports?.['.'];
  if (!main) throw new Error(`${where}/package.json has no exports["."] (the department's src/subgraph.ts).`);
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path.join(dir, main)).href)) as { default?: unknown };
  } catch (error) {
    throw new Error(`${where}: cannot load ${main} (${(error as Error).message.split('\n')[0]}). After adding a department, run \`pnpm install\`.`);
  }
  const module = loaded.default;
  if (!isModule(module)) throw new Error(`${where}/${main} must \`export default\` the department's SubgraphModule (defineSubgraph({...})).`);
  const folder = path.basename(dir);
  if (module.name !== folder || (pkg.name && pkg.name !== `@village-graph/${folder}`)) {
    throw new Error(`${where}: the module is named "${module.name}" and the package "${pkg.name}"; both must match the folder ("${folder}", "@village-graph/${folder}").`);
  }
  return module;
}

/**
 * Every department under `dir`, in port order. Two departments on one default port, or one on the
 * gateway's, is an error naming both: the dev runner would start them on top of each other.
 */
export async function discoverDepartments(dir: string = subgraphsDir): Promise<SubgraphModule<object>[]> {
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    // Hidden folders are not departments (`pnpm new-subgraph` stages a new one in `.<name>.new-subgraph-<pid>`).
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && fs.existsSync(path.join(dir, entry.name, 'package.json')))
    .map((entry) => path.join(dir, entry.name))
    .sort();
  const modules = await Promise.all(folders.map(loadDepartment));
  modules.sort((a, b) => a.defaultPort - b.defaultPort || a.name.localeCompare(b.name));
  for (const [i, module] of modules.entries()) {
    if (module.defaultPort === GATEWAY_DEFAULT_PORT) throw new Error(`Department ${module.name} uses port ${GATEWAY_DEFAULT_PORT}, the gateway's.`);
    const previous = modules[i - 1];
    if (previous && previous.defaultPort === module.defaultPort) {
      throw new Error(`Departments ${previous.name} and ${module.name} both use default port ${module.defaultPort}; give one another port in its src/subgraph.ts.`);
    }
  }
  return modules;
}

/**
 * The port a new department gets: one past the highest in use. A gap a retired department left is
 * not reused, so nothing still configured for the old department reaches the new one by mistake.
 */
export const nextFreePort = (existing: readonly Pick<SubgraphModule, 'defaultPort'>[]): number =>
  Math.max(GATEWAY_DEFAULT_PORT, ...existing.map((d) => d.defaultPort)) + 1;

/**
 * The departments in the graph, in port order (4001–4005 for the first five). Scripts loop over
 * this list; nothing else in scripts/ names a department.
 */
export const departments: readonly SubgraphModule<object>[] = await discoverDepartments();
