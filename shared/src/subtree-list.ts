import type { SqliteDatabase } from './sqlite.ts';
import { subtreeRange } from './region-code.ts';

/**
 * Lists and counts rows under many regions at once. Departments store the village code on each
 * row; a region's subtree is a contiguous code range, so "the cooperatives of these 30 counties,
 * first 20 each" is one statement: the regions' ranges are bound as one JSON parameter, joined to
 * the rows through the village-code index, and ranked per region with a window function.
 */
export interface SubtreeListSpec {
  /** Table name (trusted: from code, never from input). */
  table: string;
  /** Column holding the 12-digit village code. */
  regionColumn: string;
  /** Unique column the list is ordered by and cursors point into. */
  orderColumn: string;
}

const rangesJson = (codes: readonly string[]) =>
  JSON.stringify(codes.map((code) => { const { low, high } = subtreeRange(code); return [code, low, high]; }));

const RANGES_CTE = `WITH ranges(region_code, low, high) AS (
  SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@ranges))`;

export function createSubtreeList<Row extends Record<string, unknown>>(sqlite: SqliteDatabase, spec: SubtreeListSpec) {
  const { table, regionColumn, orderColumn } = spec;
  const page = sqlite.prepare(`${RANGES_CTE}
    SELECT * FROM (
      SELECT ranges.region_code AS _region_code, t.*,
             row_number() OVER (PARTITION BY ranges.region_code ORDER BY t.${orderColumn}) AS _rank
      FROM ranges JOIN ${table} t ON t.${regionColumn} BETWEEN ranges.low AND ranges.high
      WHERE (@after IS NULL OR t.${orderColumn} > @after)
    ) WHERE _rank <= @limit ORDER BY _region_code, _rank`);
  const counts = sqlite.prepare(`${RANGES_CTE}
    SELECT ranges.region_code AS region_code, count(t.${orderColumn}) AS n
    FROM ranges LEFT JOIN ${table} t ON t.${regionColumn} BETWEEN ranges.low AND ranges.high
    GROUP BY ranges.region_code`);

  return {
    /** Up to `limit` rows per region after `afterKey`, keyed by region code. */
    page(regionCodes: readonly string[], limit: number, afterKey: string | null): Map<string, Row[]> {
      const result = new Map<string, Row[]>(regionCodes.map((c) => [c, []]));
      const rows = page.all({ ranges: rangesJson(regionCodes), after: afterKey, limit }) as (Row & { _region_code: string; _rank: number })[];
      for (const { _region_code, _rank, ...row } of rows) result.get(_region_code)?.push(row as unknown as Row);
      return result;
    },
    /** Row count per region subtree. */
    count(regionCodes: readonly string[]): Map<string, number> {
      const rows = counts.all({ ranges: rangesJson(regionCodes) }) as { region_code: string; n: number }[];
      return new Map(rows.map((r) => [r.region_code, r.n]));
    },
  };
}
