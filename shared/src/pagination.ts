import { Errors } from './errors.ts';

/** Page size when a client gives no `first`. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first` any list accepts; larger is BAD_USER_INPUT rather than silently clamped. */
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: how many rows to return and the sort key to start after. */
export interface PageRequest {
  limit: number;
  afterKey: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const CURSOR_PREFIX = 'vg1:';

/** Cursors are opaque to clients: base64url of a versioned sort key. */
export const encodeCursor = (key: string): string => Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string, argument = 'after'): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith(CURSOR_PREFIX)) {
    throw Errors.BAD_USER_INPUT.error(`${argument} is not a cursor this service issued.`, { argument });
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

export function parsePageArgs(args: PageArgs, { maxPageSize = MAX_PAGE_SIZE, defaultPageSize = DEFAULT_PAGE_SIZE } = {}): PageRequest {
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw Errors.BAD_USER_INPUT.error(`first must be between 0 and ${maxPageSize}, got ${first}.`, { argument: 'first' });
  }
  return { limit: first, afterKey: args.after == null ? null : decodeCursor(args.after) };
}

/**
 * Builds a connection from rows fetched with `LIMIT limit + 1` past the cursor: the extra row only
 * tells whether another page exists.
 */
export function toConnection<T>(rows: T[], page: PageRequest, totalCount: number, keyOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
