import { Errors } from '../errors.ts';
import type { Identity } from '../auth/claims.ts';
import { PREFIX_LENGTH, REGION_LEVELS, regionLevel, subtreeRange, parentCode } from '../region-code.ts';
import type { SqliteDatabase } from '../sqlite.ts';

/**
 * Statistics without re-identification. For the public and analyst roles, a count of people or
 * households between 1 and 4 is suppressed (primary suppression). Because a suppressed cell could
 * be recovered by subtraction — the parent's figure minus its other children's — cells are also
 * suppressed in the same sibling group until the hidden cells are at least two and add up to at
 * least 5 (complementary suppression); if the group cannot hide them, the parent is suppressed.
 * The decision depends only on the data, never on what a query happens to ask, so asking for a
 * village alone or with its siblings gives the same answer.
 *
 * Zero is shown: "nobody here" identifies nobody. Counts of facilities (clinics, grids) are not
 * personal data and are never suppressed.
 */
export const SMALL_CELL_THRESHOLD = 5;

export const mustSuppressFor = (identity: Pick<Identity, 'role'>): boolean => identity.role === 'PUBLIC' || identity.role === 'ANALYST';

/** Codes to suppress in one group: a parent's value and its children's values. */
export function suppressInGroup(parent: { code: string; value: number }, children: readonly { code: string; value: number }[]): Set<string> {
  const suppressed = new Set<string>();
  for (const child of children) if (child.value > 0 && child.value < SMALL_CELL_THRESHOLD) suppressed.add(child.code);
  if (parent.value > 0 && parent.value < SMALL_CELL_THRESHOLD) suppressed.add(parent.code);
  const hiddenChildren = () => children.filter((c) => suppressed.has(c.code));
  const safe = () => {
    const hidden = hiddenChildren();
    return hidden.length === 0 || (hidden.length >= 2 && hidden.reduce((s, c) => s + c.value, 0) >= SMALL_CELL_THRESHOLD);
  };
  while (!safe() && !suppressed.has(parent.code)) {
    const next = children.filter((c) => !suppressed.has(c.code) && c.value > 0).sort((a, b) => a.value - b.value || a.code.localeCompare(b.code))[0];
    if (next) suppressed.add(next.code);
    else suppressed.add(parent.code);
  }
  return suppressed;
}

export const suppressedError = (field: string) =>
  Errors.SUPPRESSED.error(`${field} is suppressed: it counts fewer than ${SMALL_CELL_THRESHOLD} people here, or would reveal such a count by subtraction.`, {
    reason: 'SMALL_CELL',
    threshold: SMALL_CELL_THRESHOLD,
  });

/**
 * For a department's rollup table, decides which (region, column) cells to suppress for a batch
 * of regions, by looking at each region's sibling group and at its own children's group (a region
 * with one child, say, would reveal that child). One statement per batch.
 */
export function createSmallCellGuard<Column extends string>(sqlite: SqliteDatabase, spec: { table: string; regionColumn: string; columns: readonly Column[] }) {
  const { table, regionColumn, columns } = spec;
  const sums = columns.map((c) => `coalesce(sum(t.${c}), 0) AS ${c}`).join(', ');
  // Children of each requested parent: group the parent's rows by the child's code prefix.
  const statement = sqlite.prepare(`
    WITH groups(parent, low, high, child_length) AS (
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(@groups))
    SELECT groups.parent AS _parent, substr(t.${regionColumn}, 1, groups.child_length) AS _child, ${sums}
    FROM groups JOIN ${table} t ON t.${regionColumn} BETWEEN groups.low AND groups.high
    GROUP BY groups.parent, _child`);

  const childLength = (code: string) => {
    const index = REGION_LEVELS.indexOf(regionLevel(code));
    return index + 1 < REGION_LEVELS.length ? PREFIX_LENGTH[REGION_LEVELS[index + 1]!] : null;
  };

  return {
    /** Suppressed columns per requested region code. */
    suppressed(regionCodes: readonly string[]): Map<string, Set<Column>> {
      const parents = new Set<string>();
      for (const code of regionCodes) {
        const up = parentCode(code);
        if (up) parents.add(up);
        if (childLength(code) !== null) parents.add(code);
      }
      const groups = [...parents].map((p) => {
        const { low, high } = subtreeRange(p);
        return [p, low, high, childLength(p)];
      });
      const rows = statement.all({ groups: JSON.stringify(groups) }) as (Record<Column, number> & { _parent: string; _child: string })[];
      const byParent = new Map<string, { code: string; values: Record<Column, number> }[]>();
      for (const { _parent, _child, ...values } of rows) {
        const list = byParent.get(_parent) ?? [];
        list.push({ code: _child.padEnd(12, '0'), values: values as unknown as Record<Column, number> });
        byParent.set(_parent, list);
      }
      const hidden = new Map<string, Set<Column>>(regionCodes.map((c) => [c, new Set<Column>()]));
      for (const [parent, children] of byParent) {
        for (const column of columns) {
          const total = children.reduce((s, c) => s + c.values[column], 0);
          const out = suppressInGroup({ code: parent, value: total }, children.map((c) => ({ code: c.code, value: c.values[column] })));
          for (const code of out) hidden.get(code)?.add(column);
        }
      }
      return hidden;
    },
  };
}
