import DataLoader from 'dataloader';
import { Errors, subtreeRange, type SqliteDatabase } from '@village-graph/shared';

/**
 * Paged lists for many parents in one statement. A general helper (could move to shared/): like
 * shared's `createSubtreeList`, but with a filter, and each parent's page is a correlated
 * `rowid IN (… ORDER BY … LIMIT n)` subquery that seeks the index, so a page costs O(page size)
 * however many rows the region holds (a window function ranks every row of every range).
 */

/** Where a page starts: after this row's (region code, order key). */
export interface ListCursor {
  region: string;
  key: string;
}

/** Cursors of region lists encode `<12-digit village code>|<order key>`. */
export const listCursorKey = (region: string, key: string): string => `${region}|${key}`;

/** The decoded `after` key of a region list (see `parsePageArgs`) as a cursor; malformed is BAD_USER_INPUT. */
export function toListCursor(afterKey: string | null): ListCursor | null {
  if (afterKey === null) return null;
  const match = /^(\d{12})\|(.+)$/.exec(afterKey);
  if (!match) throw Errors.BAD_USER_INPUT.error('after is not a cursor this list issued.', { argument: 'after' });
  return { region: match[1]!, key: match[2]! };
}

const BOOLEAN_COLUMNS = new Set(['working_away', 'disabled', 'registered_volunteer', 'filed_with_township', 'concurrently_committee_member']);

/** Raw better-sqlite3 rows (snake_case, 0/1 flags) in the drizzle shape (camelCase, booleans). */
export function toCamelRow<Row>(raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(raw)) {
    if (column.startsWith('_')) continue;
    const key = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    row[key] = BOOLEAN_COLUMNS.has(column) ? value === 1 : value;
  }
  return row as Row;
}

const RANGES_CTE = `WITH ranges(region_code, low, high) AS (
  SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@ranges))`;

const rangesJson = (codes: readonly string[]) =>
  JSON.stringify(codes.map((code) => { const { low, high } = subtreeRange(code); return [code, low, high]; }));

export interface RangeListSpec {
  /** Table name (trusted: from code, never from input). */
  table: string;
  /** Column holding the 12-digit region code of each row. */
  regionColumn: string;
  /** Column unique within a region; rows are ordered by (region column, order column). */
  orderColumn: string;
  /** Extra condition over alias `s`, with named parameters (trusted SQL; values bound per call). */
  filter?: string;
  /** The named parameters `filter` uses; each call must give them all (null = no filter). */
  params?: readonly string[];
}

type Params = Record<string, string | number | null>;

/** Rows of many regions' subtrees, one page each, in one statement; counts in another. */
export function createRangeList(sqlite: SqliteDatabase, spec: RangeListSpec) {
  const { table, regionColumn: rc, orderColumn: oc, filter = '1', params: paramNames = [] } = spec;
  const page = sqlite.prepare(`${RANGES_CTE}
    SELECT ranges.region_code AS _region_code, t.*
    FROM ranges JOIN ${table} t ON t.rowid IN (
      SELECT s.rowid FROM ${table} s
      WHERE s.${rc} BETWEEN max(ranges.low, coalesce(@afterRegion, '')) AND ranges.high
        AND (@afterRegion IS NULL OR s.${rc} > @afterRegion OR (s.${rc} = @afterRegion AND s.${oc} > @afterKey))
        AND (${filter})
      ORDER BY s.${rc}, s.${oc} LIMIT @limit)
    ORDER BY _region_code, t.${rc}, t.${oc}`);
  const counts = sqlite.prepare(`${RANGES_CTE}
    SELECT ranges.region_code AS region_code,
           (SELECT count(*) FROM ${table} s WHERE s.${rc} BETWEEN ranges.low AND ranges.high AND (${filter})) AS n
    FROM ranges`);
  const bind = (values: Params) => Object.fromEntries(paramNames.map((name) => [name, values[name] ?? null]));

  return {
    /** Up to `limit` raw rows per region after `after`, keyed by region code. */
    page(regionCodes: readonly string[], limit: number, after: ListCursor | null, values: Params = {}): Map<string, Record<string, unknown>[]> {
      const result = new Map<string, Record<string, unknown>[]>(regionCodes.map((c) => [c, []]));
      const rows = page.all({
        ...bind(values),
        ranges: rangesJson(regionCodes),
        afterRegion: after?.region ?? null,
        afterKey: after?.key ?? null,
        limit,
      }) as Record<string, unknown>[];
      for (const row of rows) result.get(row._region_code as string)?.push(row);
      return result;
    },
    /** Matching rows per region subtree. */
    count(regionCodes: readonly string[], values: Params = {}): Map<string, number> {
      const rows = counts.all({ ...bind(values), ranges: rangesJson(regionCodes) }) as { region_code: string; n: number }[];
      return new Map(rows.map((r) => [r.region_code, r.n]));
    },
  };
}
export type RangeList = ReturnType<typeof createRangeList>;

/** A page request of one region's list with its filter values. */
export interface RangePageKey {
  region: string;
  limit: number;
  after: ListCursor | null;
  params: Params;
}

const paramsKey = (params: Params) => JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
const groupKey = (k: RangePageKey) => `${k.limit}|${k.after ? listCursorKey(k.after.region, k.after.key) : ''}|${paramsKey(k.params)}`;

/**
 * Per-request DataLoaders over a range list: pages (one statement per distinct limit/cursor/filter
 * in a batch — normally one) and counts (one statement per distinct filter).
 */
export function createRangeListLoaders<Row>(list: RangeList) {
  return {
    page: new DataLoader<RangePageKey, Row[], string>(
      async (keys) => {
        const groups = new Map<string, RangePageKey[]>();
        for (const key of keys) groups.set(groupKey(key), [...(groups.get(groupKey(key)) ?? []), key]);
        const results = new Map<string, Row[]>();
        for (const [group, members] of groups) {
          const { limit, after, params } = members[0]!;
          const pages = list.page([...new Set(members.map((k) => k.region))], limit, after, params);
          for (const key of members) results.set(`${key.region}|${group}`, (pages.get(key.region) ?? []).map((raw) => toCamelRow<Row>(raw)));
        }
        return keys.map((k) => results.get(`${k.region}|${groupKey(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.region}|${groupKey(k)}` },
    ),
    count: new DataLoader<{ region: string; params: Params }, number, string>(
      async (keys) => {
        const groups = new Map<string, { region: string; params: Params }[]>();
        for (const key of keys) groups.set(paramsKey(key.params), [...(groups.get(paramsKey(key.params)) ?? []), key]);
        const results = new Map<string, number>();
        for (const [group, members] of groups) {
          const counts = list.count([...new Set(members.map((k) => k.region))], members[0]!.params);
          for (const key of members) results.set(`${key.region}|${group}`, counts.get(key.region) ?? 0);
        }
        return keys.map((k) => results.get(`${k.region}|${paramsKey(k.params)}`) ?? 0);
      },
      { cacheKeyFn: (k) => `${k.region}|${paramsKey(k.params)}` },
    ),
  };
}
export type RangeListLoaders<Row> = ReturnType<typeof createRangeListLoaders<Row>>;

/** Pages of many parents' children keyed by equality (e.g. a grid's households), in one statement. */
export function createKeyedList(sqlite: SqliteDatabase, spec: { table: string; parentColumn: string; orderColumn: string }) {
  const { table, parentColumn: pc, orderColumn: oc } = spec;
  const page = sqlite.prepare(`
    SELECT p.value AS _parent, t.* FROM json_each(@parents) p JOIN ${table} t ON t.rowid IN (
      SELECT s.rowid FROM ${table} s WHERE s.${pc} = p.value AND (@after IS NULL OR s.${oc} > @after) ORDER BY s.${oc} LIMIT @limit)
    ORDER BY _parent, t.${oc}`);
  const counts = sqlite.prepare(`
    SELECT s.${pc} AS parent, count(*) AS n FROM ${table} s WHERE s.${pc} IN (SELECT value FROM json_each(@parents)) GROUP BY s.${pc}`);
  return {
    page(parents: readonly string[], limit: number, after: string | null): Map<string, Record<string, unknown>[]> {
      const result = new Map<string, Record<string, unknown>[]>(parents.map((p) => [p, []]));
      for (const row of page.all({ parents: JSON.stringify(parents), after, limit }) as Record<string, unknown>[]) {
        result.get(row._parent as string)?.push(row);
      }
      return result;
    },
    count(parents: readonly string[]): Map<string, number> {
      const rows = counts.all({ parents: JSON.stringify(parents) }) as { parent: string; n: number }[];
      return new Map(rows.map((r) => [r.parent, r.n]));
    },
  };
}
export type KeyedList = ReturnType<typeof createKeyedList>;

/** A page request of one parent's children. */
export interface KeyedPageKey {
  parent: string;
  limit: number;
  after: string | null;
}

export function createKeyedListLoaders<Row>(list: KeyedList) {
  const group = (k: KeyedPageKey) => `${k.limit}|${k.after ?? ''}`;
  return {
    page: new DataLoader<KeyedPageKey, Row[], string>(
      async (keys) => {
        const groups = new Map<string, KeyedPageKey[]>();
        for (const key of keys) groups.set(group(key), [...(groups.get(group(key)) ?? []), key]);
        const results = new Map<string, Row[]>();
        for (const [g, members] of groups) {
          const { limit, after } = members[0]!;
          const pages = list.page([...new Set(members.map((k) => k.parent))], limit, after);
          for (const key of members) results.set(`${key.parent}|${g}`, (pages.get(key.parent) ?? []).map((raw) => toCamelRow<Row>(raw)));
        }
        return keys.map((k) => results.get(`${k.parent}|${group(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.parent}|${group(k)}` },
    ),
    count: new DataLoader<string, number>(async (parents) => {
      const counts = list.count(parents);
      return parents.map((p) => counts.get(p) ?? 0);
    }),
  };
}
