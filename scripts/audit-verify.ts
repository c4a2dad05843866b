/**
 * `pnpm audit:verify [-- --data-dir DIR]` — walks every department's access log hash chain and
 * reports, per department, the number of entries and the first entry that was altered, removed
 * or reordered. Exits 1 if any chain is broken.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { createAccessLog, defaultDataDir } from '@village-graph/shared';
import { departments } from './lib/departments.ts';
import { databasePath } from './lib/dataset.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { 'data-dir': { type: 'string', default: process.env.DATA_DIR ?? defaultDataDir } },
});
const dataDir = path.resolve(values['data-dir']);
let broken = false;
for (const department of departments) {
  const file = databasePath(dataDir, department.name);
  if (!fs.existsSync(file)) {
    console.log(`${department.name.padEnd(14)} no database at ${file}`);
    continue;
  }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = createAccessLog(sqlite).verify();
    if (result.ok) console.log(`${department.name.padEnd(14)} ok (${result.entries} entries)`);
    else {
      broken = true;
      console.log(`${department.name.padEnd(14)} BROKEN at entry ${result.brokenAtId}: ${result.reason} (${result.entries} entries read)`);
    }
  } finally {
    sqlite.close();
  }
}
process.exit(broken ? 1 : 0);
