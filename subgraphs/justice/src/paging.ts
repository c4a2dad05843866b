import DataLoader from 'dataloader';
import { subtreeRange, toConnection, type Connection, type PageRequest, type SqliteDatabase } from '@village-graph/shared';

/**
 * Filtered, paged lists for many parents at once, each batch one SQL statement (plus one for the
 * counts). Two kinds of parent:
 *
 * - a region subtree (`createFilteredSubtreeList`): like shared `createSubtreeList`, with a fixed
 *   filter clause whose values are bound as named parameters (`@type`, `@statuses`…);
 * - any other key (`createKeyedList`): a source query yields `_key` (the parent: a resident, a
 *   household) next to each row, and rows are ranked per key with a window function.
 *
 * Both order rows by their unique `id`. They could move to shared/ once a second department needs
 * filters on subtree lists.
 */
export type Params = Record<string, string | number | null>;

export interface PagedQuery<Row> {
  /** Up to `limit` rows per key after `afterKey`, keyed by parent. */
  page(keys: readonly string[], limit: number, afterKey: string | null, params: Params): Map<string, Row[]>;
  /** Matching rows per key (ignoring the cursor). */
  count(keys: readonly string[], params: Params): Map<string, number>;
}

type RawRow = Record<string, unknown>;

/** snake_case column names → camelCase keys, so raw rows have the drizzle row shape. */
export const camelize = <Row>(raw: RawRow): Row => {
  const row: RawRow = {};
  for (const [key, value] of Object.entries(raw)) row[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return row as Row;
};

const groupRows = <Row>(keys: readonly string[], raws: RawRow[]): Map<string, Row[]> => {
  const result = new Map<string, Row[]>(keys.map((k) => [k, []]));
  for (const { _key, _rank, ...raw } of raws) result.get(_key as string)?.push(camelize<Row>(raw));
  return result;
};

const countMap = (keys: readonly string[], raws: { _key: string; n: number }[]): Map<string, number> => {
  const result = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const { _key, n } of raws) result.set(_key, n);
  return result;
};

export interface FilteredSubtreeListSpec {
  /** Table (trusted: from code). */
  table: string;
  /** Column holding the 12-digit village code. */
  regionColumn: string;
  /** SQL condition over the table's columns (alias `t`), with named parameters; trusted. */
  filter: string;
  /**
   * Every id starts with its row's village code (justice's case numbers do, by CHECK constraint),
   * so id order is (village code, id) order and a single-region page can read the village-code
   * index in order instead of sorting the whole subtree.
   */
  idsStartWithRegion?: boolean;
}

export function createFilteredSubtreeList<Row>(sqlite: SqliteDatabase, spec: FilteredSubtreeListSpec): PagedQuery<Row> {
  const { table, regionColumn, filter, idsStartWithRegion = false } = spec;
  const ranges = `WITH ranges(_key, low, high) AS (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@ranges))`;
  // One region (root lists, a single reference): a plain ordered range scan, no window needed.
  const single = sqlite.prepare(`SELECT @key AS _key, t.* FROM ${table} t
    WHERE t.${regionColumn} BETWEEN @low AND @high AND (${filter}) AND (@after IS NULL OR t.id > @after)
    ORDER BY ${idsStartWithRegion ? `t.${regionColumn}, t.id` : 't.id'} LIMIT @limit`);
  const many = sqlite.prepare(`${ranges}
    SELECT * FROM (
      SELECT ranges._key AS _key, t.*, row_number() OVER (PARTITION BY ranges._key ORDER BY t.id) AS _rank
      FROM ranges JOIN ${table} t ON t.${regionColumn} BETWEEN ranges.low AND ranges.high
      WHERE (${filter}) AND (@after IS NULL OR t.id > @after)
    ) WHERE _rank <= @limit ORDER BY _key, _rank`);
  const counts = sqlite.prepare(`${ranges}
    SELECT ranges._key AS _key, count(t.id) AS n
    FROM ranges JOIN ${table} t ON t.${regionColumn} BETWEEN ranges.low AND ranges.high AND (${filter})
    GROUP BY ranges._key`);
  const rangesJson = (codes: readonly string[]) =>
    JSON.stringify(codes.map((code) => { const { low, high } = subtreeRange(code); return [code, low, high]; }));

  return {
    page(codes, limit, afterKey, params) {
      if (codes.length === 1) {
        const key = codes[0]!;
        return groupRows<Row>(codes, single.all({ ...params, key, ...subtreeRange(key), after: afterKey, limit }) as RawRow[]);
      }
      return groupRows<Row>(codes, many.all({ ...params, ranges: rangesJson(codes), after: afterKey, limit }) as RawRow[]);
    },
    count(codes, params) {
      return countMap(codes, counts.all({ ...params, ranges: rangesJson(codes) }) as { _key: string; n: number }[]);
    },
  };
}

export interface KeyedListSpec {
  /**
   * SQL yielding `_key` and the row's columns (with a unique `id`) for the parents bound as the
   * JSON array `@keys`; trusted.
   */
  source: string;
  /** SQL condition over the source's columns, with named parameters; trusted. */
  filter: string;
}

export function createKeyedList<Row>(sqlite: SqliteDatabase, spec: KeyedListSpec): PagedQuery<Row> {
  const { source, filter } = spec;
  const page = sqlite.prepare(`WITH src AS (${source})
    SELECT * FROM (
      SELECT src.*, row_number() OVER (PARTITION BY _key ORDER BY id) AS _rank
      FROM src WHERE (${filter}) AND (@after IS NULL OR id > @after)
    ) WHERE _rank <= @limit ORDER BY _key, _rank`);
  const counts = sqlite.prepare(`WITH src AS (${source}) SELECT _key, count(*) AS n FROM src WHERE (${filter}) GROUP BY _key`);
  return {
    page(keys, limit, afterKey, params) {
      return groupRows<Row>(keys, page.all({ ...params, keys: JSON.stringify(keys), after: afterKey, limit }) as RawRow[]);
    },
    count(keys, params) {
      return countMap(keys, counts.all({ ...params, keys: JSON.stringify(keys) }) as { _key: string; n: number }[]);
    },
  };
}

/** One parent's page request, as a DataLoader key. */
export interface PageKey {
  key: string;
  limit: number;
  afterKey: string | null;
  params: Params;
}

const paramsKey = (params: Params) => JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Per-request loaders over a paged query. Keys in one batch that share page size, cursor and
 * filters (normally all of them: every parent asks for its first page the same way) go to the
 * database together, so a batch costs one statement per distinct request shape, not per parent.
 */
export function createPagedLoaders<Row>(query: PagedQuery<Row>) {
  const pageCacheKey = (k: PageKey) => `${k.key}|${k.limit}|${k.afterKey ?? ''}|${paramsKey(k.params)}`;
  const countCacheKey = (k: Omit<PageKey, 'limit' | 'afterKey'>) => `${k.key}|${paramsKey(k.params)}`;
  const page = new DataLoader<PageKey, Row[], string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const shape = `${k.limit}|${k.afterKey ?? ''}|${paramsKey(k.params)}`;
        groups.set(shape, [...(groups.get(shape) ?? []), k]);
      }
      const results = new Map<string, Row[]>();
      for (const group of groups.values()) {
        const { limit, afterKey, params } = group[0]!;
        const parents = [...new Set(group.map((k) => k.key))];
        const rows = query.page(parents, limit, afterKey, params);
        for (const k of group) results.set(pageCacheKey(k), rows.get(k.key) ?? []);
      }
      return keys.map((k) => results.get(pageCacheKey(k)) ?? []);
    },
    { cacheKeyFn: pageCacheKey },
  );
  const count = new DataLoader<Omit<PageKey, 'limit' | 'afterKey'>, number, string>(
    async (keys) => {
      const groups = new Map<string, Omit<PageKey, 'limit' | 'afterKey'>[]>();
      for (const k of keys) groups.set(paramsKey(k.params), [...(groups.get(paramsKey(k.params)) ?? []), k]);
      const results = new Map<string, number>();
      for (const group of groups.values()) {
        const counts = query.count([...new Set(group.map((k) => k.key))], group[0]!.params);
        for (const k of group) results.set(countCacheKey(k), counts.get(k.key) ?? 0);
      }
      return keys.map((k) => results.get(countCacheKey(k)) ?? 0);
    },
    { cacheKeyFn: countCacheKey },
  );
  return { page, count };
}

export type PagedLoaders<Row> = ReturnType<typeof createPagedLoaders<Row>>;

/** A connection for one parent: its page (one row more than asked, to know if more follow) and count. */
export async function loadConnection<Row extends { id: string }>(
  loaders: PagedLoaders<Row>,
  key: string,
  page: PageRequest,
  params: Params,
): Promise<Connection<Row>> {
  const [rows, total] = await Promise.all([
    loaders.page.load({ key, limit: page.limit + 1, afterKey: page.afterKey, params }),
    loaders.count.load({ key, params }),
  ]);
  return toConnection(rows, page, total, (r) => r.id);
}
