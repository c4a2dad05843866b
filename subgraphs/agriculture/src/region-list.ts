import { getTableColumns, type Table } from 'drizzle-orm';
import { Errors, isRegionCode, subtreeRange, type SqliteDatabase } from '@village-graph/shared';

/**
 * Paged, filtered lists of rows under many regions at once — one statement per batch.
 *
 * Like `createSubtreeList` in shared, each region's subtree is a code range bound with the others
 * as one JSON parameter. Two differences make it fit lists of millions of rows (land contracts):
 * rows are ordered by `(village_code, key)`, the order of the `(village_code, key)` index, and each
 * region's page is a correlated `LIMIT` subquery, so a page of the whole province reads `limit`
 * index entries instead of ranking every row of the subtree; and lists take extra filters
 * (`AND (@type IS NULL OR s.type = @type)`). (A candidate for shared/ once a second department
 * needs it.)
 */
export interface RegionListSpec {
  /** Table name (trusted: from code, never from input). Must have a `village_code` column. */
  table: string;
  /** Unique column ordering rows within a village; with village_code it forms the cursor. */
  keyColumn: string;
  /** Extra conditions on alias `s` with named parameters, e.g. `AND (@type IS NULL OR s.type = @type)`. */
  filter?: string;
}

/** Where a page starts: after this row. */
export interface ListCursor {
  villageCode: string;
  key: string;
}

export const cursorKey = (villageCode: string, key: string) => `${villageCode}|${key}`;

/** Splits a decoded cursor key; anything this service would not have issued is BAD_USER_INPUT `after`. */
export function parseListCursor(decoded: string | null): ListCursor | null {
  if (decoded === null) return null;
  const bar = decoded.indexOf('|');
  const villageCode = decoded.slice(0, bar);
  const key = decoded.slice(bar + 1);
  if (bar < 0 || !isRegionCode(villageCode) || key.length === 0) {
    throw Errors.BAD_USER_INPUT.error('after is not a cursor of this list.', { argument: 'after' });
  }
  return { villageCode, key };
}

const RANGES_CTE = `WITH ranges(region_code, low, high) AS (
  SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@ranges))`;

const rangesJson = (codes: readonly string[]) =>
  JSON.stringify(codes.map((code) => { const { low, high } = subtreeRange(code); return [code, low, high]; }));

/** Maps a raw snake_case row to the drizzle row shape (camelCase keys, booleans decoded). */
export function rowMapper<T extends Table>(table: T): (raw: Record<string, unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  };
}

export function createRegionList<Row, Filters extends Record<string, string | number | null>>(
  sqlite: SqliteDatabase,
  spec: RegionListSpec,
  mapRow: (raw: Record<string, unknown>) => Row,
) {
  const { table, keyColumn: key, filter = '' } = spec;
  const page = sqlite.prepare(`${RANGES_CTE}
    SELECT ranges.region_code AS _region_code, t.*
    FROM ranges JOIN ${table} t ON t.rowid IN (
      SELECT s.rowid FROM ${table} s
      WHERE s.village_code BETWEEN max(ranges.low, @after_village) AND ranges.high
        AND (s.village_code > @after_village OR s.${key} > @after_key)
        ${filter}
      ORDER BY s.village_code, s.${key}
      LIMIT @limit)
    ORDER BY ranges.region_code, t.village_code, t.${key}`);
  const counts = sqlite.prepare(`${RANGES_CTE}
    SELECT ranges.region_code AS region_code,
           (SELECT count(*) FROM ${table} s WHERE s.village_code BETWEEN ranges.low AND ranges.high ${filter}) AS n
    FROM ranges`);

  return {
    /** Up to `limit` rows per region subtree after `after`, keyed by region code. */
    page(regionCodes: readonly string[], limit: number, after: ListCursor | null, filters: Filters): Map<string, Row[]> {
      const result = new Map<string, Row[]>(regionCodes.map((c) => [c, []]));
      const rows = page.all({
        ...filters,
        ranges: rangesJson(regionCodes),
        limit,
        after_village: after?.villageCode ?? '',
        after_key: after?.key ?? '',
      }) as (Record<string, unknown> & { _region_code: string })[];
      for (const raw of rows) result.get(raw._region_code)?.push(mapRow(raw));
      return result;
    },
    /** Matching rows per region subtree. */
    count(regionCodes: readonly string[], filters: Filters): Map<string, number> {
      const rows = counts.all({ ...filters, ranges: rangesJson(regionCodes) }) as { region_code: string; n: number }[];
      return new Map(rows.map((r) => [r.region_code, r.n]));
    },
  };
}
