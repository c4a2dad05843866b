/**
 * `pnpm seed -- [--scale S] [--seed N] [--data-dir DIR] [--if-missing]` — generates every
 * department's database from the real Jilin region tree. Deterministic: the same scale and seed
 * give identical data. Per-person figures scale with S; per-village facts are always complete.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '@village-graph/shared';
import { DEFAULT_SCALE, DEFAULT_SEED, generateDataset, readManifest } from './lib/dataset.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    scale: { type: 'string', default: String(DEFAULT_SCALE) },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? defaultDataDir },
    'if-missing': { type: 'boolean', default: false },
  },
});

const scale = Number(values.scale);
const seed = Number(values.seed);
if (!(scale > 0 && scale <= 2)) {
  console.error(`--scale must be a number in (0, 2], got "${values.scale}".`);
  process.exit(2);
}
if (!Number.isInteger(seed) || seed < 0) {
  console.error(`--seed must be a non-negative integer, got "${values.seed}".`);
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir']);
const existing = readManifest(dataDir);
if (values['if-missing'] && existing) {
  console.log(`dataset present in ${dataDir} (scale ${existing.scale}, seed ${existing.seed}); not regenerating.`);
} else {
  console.log(`generating dataset in ${dataDir} (scale ${scale}, seed ${seed})…`);
  const manifest = await generateDataset({ dataDir, scale, seed });
  console.log(`done in ${manifest.seconds.toFixed(1)} s`);
}
