import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createSmallCellGuard, suppressInGroup } from '../src/statistics/small-cells.ts';

describe('small-cell suppression', () => {
  it('hides 1–4 and shows zero and five or more', () => {
    const hidden = suppressInGroup({ code: 'P', value: 120 }, [
      { code: 'A', value: 0 }, { code: 'B', value: 3 }, { code: 'C', value: 2 }, { code: 'D', value: 40 }, { code: 'E', value: 75 },
    ]);
    expect([...hidden].sort()).toEqual(['B', 'C']);
  });

  it('hides a second cell when one alone could be recovered by subtraction', () => {
    const hidden = suppressInGroup({ code: 'P', value: 60 }, [{ code: 'A', value: 2 }, { code: 'B', value: 30 }, { code: 'C', value: 28 }]);
    // P − B − C would reveal A: the smallest other cell goes too.
    expect([...hidden].sort()).toEqual(['A', 'C']);
  });

  it('keeps hiding until the hidden cells add up to at least five', () => {
    const hidden = suppressInGroup({ code: 'P', value: 20 }, [{ code: 'A', value: 1 }, { code: 'B', value: 1 }, { code: 'C', value: 6 }, { code: 'D', value: 12 }]);
    expect([...hidden].sort()).toEqual(['A', 'B', 'C']);
  });

  it('hides the parent when its only child is hidden', () => {
    expect([...suppressInGroup({ code: 'P', value: 3 }, [{ code: 'A', value: 3 }])].sort()).toEqual(['A', 'P']);
    expect([...suppressInGroup({ code: 'P', value: 7 }, [{ code: 'A', value: 7 }])]).toEqual([]);
  });

  it('decides from a rollup table the same way whichever region is asked', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec(`CREATE TABLE stats (region_code TEXT PRIMARY KEY, patients INTEGER);
      INSERT INTO stats VALUES ('220112001201', 2), ('220112001202', 30), ('220112001203', 28), ('220112002201', 9);`);
    const guard = createSmallCellGuard(sqlite, { table: 'stats', regionColumn: 'region_code', columns: ['patients'] as const });
    const alone = guard.suppressed(['220112001201']);
    const sibling = guard.suppressed(['220112001203']);
    const township = guard.suppressed(['220112001000', '220112002000']);
    expect([...alone.get('220112001201')!]).toEqual(['patients']);
    expect([...sibling.get('220112001203')!]).toEqual(['patients']);
    expect(guard.suppressed(['220112001202']).get('220112001202')!.size).toBe(0);
    expect(township.get('220112001000')!.size).toBe(0);
    sqlite.close();
  });
});
