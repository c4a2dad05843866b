import { sql, type SQL, type Column } from 'drizzle-orm';

/**
 * `column IN (keys…)` with the whole key list bound as ONE JSON parameter. The statement text is
 * the same for any batch size (so SQLite's statement cache keeps it) and a DataLoader batch of
 * any size stays one statement, far below SQLite's bound-variable limit.
 */
export const inJsonList = (column: Column | SQL, keys: readonly (string | number)[]): SQL =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`;

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Answers a DataLoader batch in key order from rows, with null for keys that have no row. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows per key for one-to-many DataLoaders; keys without rows get an empty list. */
export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
