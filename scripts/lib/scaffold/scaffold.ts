import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { ACCESS_LOG_APPEND_ONLY_SQL, envKey, repoRoot, type SubgraphModule } from '@village-graph/shared';
import { GATEWAY_DEFAULT_PORT, nextFreePort, packageDirOf, subgraphsDir } from '../departments.ts';

/**
 * `pnpm new-subgraph` as a library: checks a new department's name and port against the graph as
 * it is, then writes its package from `template/` (every file there ends in `.tmpl`, so neither the
 * typecheck, the tests nor drizzle-kit see the templates themselves). The files are written into a
 * hidden sibling folder and renamed into place at the end: a failed run leaves nothing behind that
 * department discovery would pick up.
 *
 * `template/drizzle/` is drizzle-kit's output for `template/src/db/schema.ts.tmpl` (table names do
 * not depend on the department), with the snapshot ids and journal times as tokens, so a new
 * department needs no tool run to have its committed migration. After changing the template's
 * tables, regenerate it: scaffold with `--dir` into a temporary folder, delete its `drizzle/`, run
 * `drizzle-kit generate --name init` and `drizzle-kit generate --custom --name access-log-append-only`
 * there, and copy the result back, replacing the ids and `when`s with the tokens below and the custom
 * file's body with `{{accessLogAppendOnlySql}}`. scripts/test/new-subgraph.test.ts fails until then.
 */

export const templateDir = fileURLToPath(new URL('./template/', import.meta.url));

/** A mistake in what was asked for (name, port, folder): the CLI prints it and exits 1. */
export class ScaffoldError extends Error {}

/** The spellings of a department's name in the files: folder/package, types, fields, environment. */
export interface DepartmentNames {
  /** kebab-case: folder, package `@village-graph/<name>`, subgraph name. */
  name: string;
  /** PascalCase prefix of its GraphQL types, e.g. `WaterResources`. */
  Name: string;
  /** camelCase prefix of its fields on shared types, e.g. `waterResources`. */
  camel: string;
  /** Human title until the department writes its own, e.g. `Water resources`. */
  title: string;
  /** Environment key, e.g. `WATER_RESOURCES` (`WATER_RESOURCES_PORT`, `SUBGRAPH_URL_WATER_RESOURCES`). */
  envKey: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;

export function namesOf(name: string): DepartmentNames {
  const words = name.split('-');
  const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);
  return {
    name,
    Name: words.map(capital).join(''),
    camel: words[0]! + words.slice(1).map(capital).join(''),
    title: capital(words.join(' ')),
    envKey: envKey(name),
  };
}

/** The GraphQL names the template declares: types, and fields it adds to shared root/entity types. */
export const declaredNames = ({ Name, camel }: DepartmentNames) => ({
  types: [`${Name}ServicePoint`, `${Name}ServicePointKind`, `${Name}Statistics`, `${Name}ServicePointConnection`, `${Name}ServicePointEdge`],
  fields: [`Query.${camel}ServicePoints`, `Region.${camel}Statistics`],
});

/** Names of the workspace's packages (`@village-graph/<x>` → x): a department may not take one. */
function workspacePackageNames(): Set<string> {
  const names = new Set<string>();
  const scan = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name, 'package.json');
      if (!entry.isDirectory() || entry.name === 'node_modules' || !fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name?.startsWith('@village-graph/')) names.add(pkg.name.slice('@village-graph/'.length));
    }
  };
  scan(repoRoot);
  scan(subgraphsDir);
  return names;
}

/** Every type and every `Type.field` the departments' contracts declare now. */
function namesInContracts(departments: readonly Pick<SubgraphModule, 'name' | 'schemaPath'>[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const department of departments) {
    for (const definition of parse(fs.readFileSync(department.schemaPath, 'utf8')).definitions) {
      if (!('name' in definition) || !definition.name) continue;
      const type = definition.name.value;
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) {
        owners.set(type, department.name);
        continue;
      }
      // Object types shared by key (Region, Query…) are declared by many; only their fields clash.
      if (type !== 'Query' && type !== 'Region') owners.set(type, department.name);
      for (const field of definition.fields ?? []) owners.set(`${type}.${field.name.value}`, department.name);
    }
  }
  return owners;
}

export interface CheckOptions {
  name: string;
  port?: number | undefined;
  /** Where the package goes; default `subgraphs/<name>`. */
  dir?: string | undefined;
  /** The departments the new one joins (default: the registered ones). */
  departments: readonly SubgraphModule<object>[];
}

export interface Plan {
  names: DepartmentNames;
  port: number;
  dir: string;
}

/** Checks the request against the graph; a ScaffoldError says what is wrong and what to do instead. */
export function plan({ name, port, dir, departments }: CheckOptions): Plan {
  if (!KEBAB.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new ScaffoldError(
      `"${name}" is not a department name: use kebab-case — lowercase letters and digits, words joined by single hyphens, starting with a letter, at most ${MAX_NAME_LENGTH} characters (e.g. water-resources).`,
    );
  }
  const names = namesOf(name);
  if (departments.some((d) => d.name === name)) throw new ScaffoldError(`Department "${name}" already exists (subgraphs/${name}).`);
  if (workspacePackageNames().has(name)) throw new ScaffoldError(`"${name}" is taken: the workspace already has a package @village-graph/${name}.`);
  const clash = departments.find((d) => envKey(d.name) === names.envKey);
  if (clash || names.envKey === 'GATEWAY') {
    throw new ScaffoldError(`"${name}" would share the environment variables ${names.envKey}_PORT and SUBGRAPH_URL_${names.envKey} with ${clash ? `department ${clash.name}` : 'the gateway'}.`);
  }
  const owners = namesInContracts(departments);
  const declared = declaredNames(names);
  for (const taken of [...declared.types, ...declared.fields].filter((n) => owners.has(n))) {
    throw new ScaffoldError(`"${name}" would declare ${taken}, which ${owners.get(taken)} already declares; choose another name.`);
  }

  let chosenPort = nextFreePort(departments);
  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new ScaffoldError(`--port must be a whole number from 1024 to 65535, got ${port}.`);
    if (port === GATEWAY_DEFAULT_PORT) throw new ScaffoldError(`--port ${port} is the gateway's.`);
    const user = departments.find((d) => d.defaultPort === port);
    if (user) throw new ScaffoldError(`--port ${port} is ${user.name}'s; the next free one is ${chosenPort}.`);
    chosenPort = port;
  }

  const target = path.resolve(dir ?? path.join(subgraphsDir, name));
  const inside = departments.find((d) => target.startsWith(packageDirOf(d) + path.sep));
  if (inside) throw new ScaffoldError(`${target} is inside ${inside.name}'s folder; a department never writes into another's.`);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new ScaffoldError(`${target} already exists and is not empty.`);
  return { names, port: chosenPort, dir: target };
}

/** Dependency versions the departments already use, so the new package adds nothing to install. */
function dependencyVersions(departments: readonly SubgraphModule<object>[], wanted: readonly string[]): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const department of departments) {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDirOf(department), 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of wanted) versions[name] ??= pkg.dependencies?.[name] as string;
  }
  const missing = wanted.filter((name) => !versions[name]);
  if (missing.length > 0) throw new Error(`No department depends on ${missing.join(', ')}; the template needs them.`);
  return Object.fromEntries(wanted.map((name) => [name, versions[name]!]));
}

/** What the template's packages import (or, for the Apollo ones, what every department lists). */
const TEMPLATE_DEPENDENCIES = ['@apollo/server', '@apollo/subgraph', '@village-graph/shared', 'better-sqlite3', 'dataloader', 'drizzle-orm', 'graphql'];

function templateFiles(dir = templateDir, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) return templateFiles(path.join(dir, entry.name), relative);
    return entry.name.endsWith('.tmpl') ? [relative] : [];
  });
}

/** Replaces every `{{token}}`; a token without a value is a bug in the template, not in the input. */
function render(text: string, values: Record<string, string>, file: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, token: string) => {
    const value = values[token];
    if (value === undefined) throw new Error(`template ${file}: unknown token {{${token}}}`);
    return value;
  });
}

export interface Scaffolded extends Plan {
  /** Files written, relative to `dir`. */
  files: string[];
}

/** Writes the planned package. `now` fixes the migrations' timestamps (drizzle-kit's journal). */
export function writeDepartment({ names, port, dir }: Plan, departments: readonly SubgraphModule<object>[], now = Date.now()): Scaffolded {
  const values: Record<string, string> = {
    ...names,
    port: String(port),
    dependencies: JSON.stringify(dependencyVersions(departments, TEMPLATE_DEPENDENCIES), null, 4).replace(/\n}$/, '\n  }'),
    accessLogAppendOnlySql: ACCESS_LOG_APPEND_ONLY_SQL,
    // drizzle-kit's snapshot ids chain the migrations (each names the one before); fresh per package, as drizzle-kit makes them.
    migrationId0: randomUUID(),
    migrationId1: randomUUID(),
    migrationWhen0: String(now),
    migrationWhen1: String(now + 1),
  };
  const staging = path.join(path.dirname(dir), `.${path.basename(dir)}.new-subgraph-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const files = templateFiles().map((file) => file.slice(0, -'.tmpl'.length)).sort();
  try {
    for (const file of files) {
      const target = path.join(staging, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, render(fs.readFileSync(path.join(templateDir, `${file}.tmpl`), 'utf8'), values, file));
    }
    if (fs.existsSync(dir)) fs.rmdirSync(dir); // empty (checked by plan)
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { names, port, dir, files };
}
