/**
 * Deep comparison of two GraphQL `data` values, for the check every contender must pass before it
 * is timed: the same operation must give the same data everywhere, or the figures compare
 * different work.
 */

export interface Difference {
  /** Where the values part, as a GraphQL response path (`region.grids.nodes.3.code`); empty at the root. */
  path: (string | number)[];
  expected: unknown;
  actual: unknown;
}

/** A one-line, bounded rendering of a value for a diff message. */
export function preview(value: unknown, max = 120): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * The differences between `expected` and `actual` (JSON values), at most `limit` of them, in
 * document order. Lists are compared in order (GraphQL lists are ordered); objects by key, a key
 * missing on either side being a difference.
 */
export function diffData(expected: unknown, actual: unknown, limit = 10): Difference[] {
  const differences: Difference[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]): void => {
    if (differences.length >= limit) return;
    if (Object.is(a, b)) return;
    const kind = kindOf(a);
    if (kind !== kindOf(b) || (kind !== 'array' && kind !== 'object')) {
      differences.push({ path, expected: a, actual: b });
      return;
    }
    if (kind === 'array') {
      const left = a as unknown[];
      const right = b as unknown[];
      if (left.length !== right.length) {
        differences.push({ path: [...path, 'length'], expected: left.length, actual: right.length });
      }
      for (let i = 0; i < Math.min(left.length, right.length); i++) walk(left[i], right[i], [...path, i]);
      return;
    }
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    for (const key of keys) {
      if (!(key in right)) differences.push({ path: [...path, key], expected: left[key], actual: undefined });
      else if (!(key in left)) differences.push({ path: [...path, key], expected: undefined, actual: right[key] });
      else walk(left[key], right[key], [...path, key]);
      if (differences.length >= limit) return;
    }
  };
  walk(expected, actual, []);
  return differences;
}

/** The differences as lines: `  region.grids.nodes.3.code: expected "…", got "…"`. */
export function formatDifferences(differences: Difference[]): string {
  return differences
    .map((d) => `  ${d.path.length ? d.path.join('.') : '(root)'}: expected ${preview(d.expected)}, got ${preview(d.actual)}`)
    .join('\n');
}
