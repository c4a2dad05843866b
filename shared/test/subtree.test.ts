import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createSubtreeList } from '../src/subtree-list.ts';
import { createSubtreeRollup } from '../src/subtree-rollup.ts';

const sqlite = new Database(':memory:');
sqlite.exec(`
  CREATE TABLE items (id TEXT PRIMARY KEY, village_code TEXT NOT NULL);
  CREATE INDEX items_village ON items (village_code, id);
  CREATE TABLE stats (region_code TEXT PRIMARY KEY, people INTEGER, age_sum INTEGER);
  INSERT INTO items VALUES ('a', '220112001201'), ('b', '220112001201'), ('c', '220112002200'), ('d', '220212001200');
  INSERT INTO stats VALUES ('220112001201', 10, 400), ('220112002200', 5, 300), ('220112001000', 1, 50), ('220212001200', 7, 280);
`);
afterAll(() => sqlite.close());

describe('subtree lists', () => {
  const list = createSubtreeList<{ id: string }>(sqlite, { table: 'items', regionColumn: 'village_code', orderColumn: 'id' });

  it('pages and counts many regions in one call, each from its own code range', () => {
    const pages = list.page(['220112000000', '220112001201', '220000000000', '220300000000'], 2, null);
    expect(pages.get('220112000000')!.map((r) => r.id)).toEqual(['a', 'b']);
    expect(pages.get('220112001201')!.map((r) => r.id)).toEqual(['a', 'b']);
    expect(pages.get('220300000000')).toEqual([]);
    expect(Object.fromEntries(list.count(['220112000000', '220000000000', '220300000000']))).toEqual({
      '220112000000': 3,
      '220000000000': 4,
      '220300000000': 0,
    });
    expect(list.page(['220000000000'], 10, 'b').get('220000000000')!.map((r) => r.id)).toEqual(['c', 'd']);
  });
});

describe('subtree rollups', () => {
  it('sums a rollup table over each region range, zeros for an empty subtree', () => {
    const rollup = createSubtreeRollup(sqlite, { table: 'stats', regionColumn: 'region_code', columns: ['people', 'age_sum'] as const });
    const sums = rollup.sums(['220000000000', '220112001000', '220112001201', '229900000000']);
    expect(sums.get('220000000000')).toEqual({ people: 23, age_sum: 1030 });
    expect(sums.get('220112001000')).toEqual({ people: 11, age_sum: 450 });
    expect(sums.get('220112001201')).toEqual({ people: 10, age_sum: 400 });
    expect(sums.get('229900000000')).toEqual({ people: 0, age_sum: 0 });
  });
});
