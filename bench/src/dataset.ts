import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, repoRoot } from '@village-graph/shared';
import { databasePath, generateDataset, generatorFingerprint, manifestPath, type DatasetManifest } from '@village-graph/scripts/dataset';
import { departments } from '@village-graph/scripts/departments';
import { DENSE_HOUSEHOLDS_PER_GRID, DENSE_VILLAGE } from '../../e2e/harness.ts';

/** Where `pnpm bench` keeps a dataset of a given scale and seed unless `--data-dir` says otherwise (git-ignored). */
export const defaultBenchDataDir = (scale: number, seed: number) => path.join(repoRoot, 'data', 'bench', `scale-${scale}-seed-${seed}`);

/**
 * A dataset of `scale` and `seed` in `dataDir`, with the end-to-end tests' dense village (~220
 * households per grid, so the grid roster returns 200). An existing complete one of the same scale
 * and seed is reused even when the generator has changed since (a benchmark compares contenders on
 * the same data; regenerating a large scale takes long) — with a warning, since tables the current
 * code fills may then be empty. Anything else is generated afresh.
 */
export async function ensureBenchDataset(dataDir: string, scale: number, seed: number, log: (line: string) => void): Promise<DatasetManifest> {
  const file = manifestPath(dataDir);
  if (fs.existsSync(file) && departments.every((d) => fs.existsSync(databasePath(dataDir, d.name)))) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetManifest;
    if (manifest.scale === scale && manifest.seed === seed) {
      if (manifest.generator !== generatorFingerprint()) {
        log(`warning: the dataset in ${dataDir} was made by an older generator (${manifest.generator}); reusing it anyway (delete it to regenerate)`);
      }
      return manifest;
    }
    log(`the dataset in ${dataDir} has scale ${manifest.scale}, seed ${manifest.seed}; generating scale ${scale}, seed ${seed} in its place`);
  }
  log(`generating a dataset (scale ${scale}, seed ${seed}, dense village ${DENSE_VILLAGE}) in ${dataDir}…`);
  return generateDataset(
    { dataDir, scale, seed, world: { denseVillages: { [DENSE_VILLAGE]: { householdsPerGrid: DENSE_HOUSEHOLDS_PER_GRID } } } },
    (line) => log(line),
  );
}

/**
 * Copies the departments' databases into `targetDir` (SQLite's online backup: a consistent copy even
 * while another process writes) for one run to serve and write to. The load appends access-log
 * entries by the hundred thousand; on a copy they never pile up in the dataset, so every run starts
 * from the same data and runs compare.
 */
export async function copyDatabases(dataDir: string, targetDir: string): Promise<void> {
  fs.mkdirSync(targetDir, { recursive: true });
  for (const department of departments) {
    const source = openDatabase({ path: databasePath(dataDir, department.name), migrationsFolder: department.migrationsFolder });
    try {
      await source.backup(databasePath(targetDir, department.name));
    } finally {
      source.close();
    }
  }
}
