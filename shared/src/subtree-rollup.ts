import type { SqliteDatabase } from './sqlite.ts';
import { subtreeRange } from './region-code.ts';

/**
 * Region statistics at any level from one rollup table. A department keeps one row per region it
 * has facts about (a village or a township) with pre-aggregated columns (counts, sums of ages,
 * areas…); the figures for a county or the province are the sums over that region's code range —
 * at most ~13,000 indexed rows even for the whole province, whatever the number of people.
 * Many regions at once are one statement: their ranges are bound as one JSON parameter.
 *
 * Averages and shares are computed by the caller from sums and counts, never averaged twice.
 */
export interface SubtreeRollupSpec<Column extends string> {
  /** Rollup table (trusted: from code, never from input). */
  table: string;
  /** Column holding the 12-digit region code of each rollup row. */
  regionColumn: string;
  /** Numeric columns to sum. */
  columns: readonly Column[];
}

export function createSubtreeRollup<Column extends string>(sqlite: SqliteDatabase, spec: SubtreeRollupSpec<Column>) {
  const { table, regionColumn, columns } = spec;
  const sums = columns.map((c) => `coalesce(sum(t.${c}), 0) AS ${c}`).join(', ');
  const statement = sqlite.prepare(`
    WITH ranges(region_code, low, high) AS (
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@ranges))
    SELECT ranges.region_code AS _region_code, ${sums}
    FROM ranges LEFT JOIN ${table} t ON t.${regionColumn} BETWEEN ranges.low AND ranges.high
    GROUP BY ranges.region_code`);

  return {
    /** Column sums per region subtree (zeros where the subtree has no rows). */
    sums(regionCodes: readonly string[]): Map<string, Record<Column, number>> {
      const ranges = JSON.stringify(regionCodes.map((code) => { const { low, high } = subtreeRange(code); return [code, low, high]; }));
      const rows = statement.all({ ranges }) as (Record<Column, number> & { _region_code: string })[];
      return new Map(rows.map(({ _region_code, ...values }) => [_region_code, values as unknown as Record<Column, number>]));
    },
  };
}
