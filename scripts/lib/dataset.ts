import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DepartmentSeeder } from '@village-graph/shared';
import { departments } from './departments.ts';
import { buildWorld } from './world/world.ts';

/** Scale of the dataset `pnpm start` generates when none exists: small enough for a quick first start. */
export const DEFAULT_SCALE = 0.01;
export const DEFAULT_SEED = 1;

export interface DatasetOptions {
  dataDir: string;
  scale: number;
  seed: number;
}

/** Written last, after every department's database is in place; its presence means "complete". */
export interface DatasetManifest {
  scale: number;
  seed: number;
  generatedAt: string;
  seconds: number;
  rows: Record<string, Record<string, number>>;
}

export const manifestPath = (dataDir: string) => path.join(dataDir, 'dataset.json');
export const databasePath = (dataDir: string, department: string) => path.join(dataDir, `${department}.sqlite`);

export function readManifest(dataDir: string): DatasetManifest | null {
  const file = manifestPath(dataDir);
  if (!fs.existsSync(file)) return null;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetManifest;
  const complete = departments.every((d) => fs.existsSync(databasePath(dataDir, d.name)));
  return complete ? manifest : null;
}

const tableCounts = (sqlite: ReturnType<typeof openDatabase>): Record<string, number> => {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
};

/**
 * Generates every department's database. Each is written to a temporary file inside one
 * transaction and renamed into place only after all five succeeded, then the manifest is written:
 * an interrupted run leaves the previous dataset intact, never a half-written one.
 */
export async function generateDataset({ dataDir, scale, seed }: DatasetOptions, log: (line: string) => void = console.log): Promise<DatasetManifest> {
  const started = Date.now();
  fs.mkdirSync(dataDir, { recursive: true });
  const world = buildWorld(scale, seed);
  const rows: DatasetManifest['rows'] = {};
  const written: { temp: string; final: string }[] = [];
  try {
    for (const department of departments) {
      const final = databasePath(dataDir, department.name);
      const temp = `${final}.tmp-${process.pid}`;
      fs.rmSync(temp, { force: true });
      written.push({ temp, final });
      const sqlite = openDatabase({ path: temp, migrationsFolder: department.migrationsFolder });
      sqlite.pragma('journal_mode = DELETE'); // one self-contained file to rename
      const { seed: seedDepartment } = (await import(`@village-graph/${department.name}/seed`)) as { seed: DepartmentSeeder };
      sqlite.transaction(() => seedDepartment(sqlite, world))();
      rows[department.name] = tableCounts(sqlite);
      sqlite.close();
      log(`  ${department.name}: ${Object.entries(rows[department.name]!).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    }
  } catch (error) {
    for (const { temp } of written) fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.rmSync(manifestPath(dataDir), { force: true });
  for (const { temp, final } of written) {
    for (const suffix of ['-wal', '-shm']) fs.rmSync(final + suffix, { force: true });
    fs.renameSync(temp, final);
  }
  const manifest: DatasetManifest = { scale, seed, generatedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000, rows };
  fs.writeFileSync(manifestPath(dataDir), JSON.stringify(manifest, null, 2));
  return manifest;
}
