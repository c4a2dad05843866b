import { Errors, parsePageArgs, toConnection, type PageArgs, type PageRequest } from '@village-graph/shared';
import type { ResidentCursor } from './queries.ts';

/*
 * Argument parsing shared by the resolvers: anything malformed is BAD_USER_INPUT with
 * `extensions.argument` naming the argument, before any SQL runs.
 */

const badAfter = () => Errors.BAD_USER_INPUT.error('after is not a cursor this list issued.', { argument: 'after' });

/** Cursor key of a resident-keyed region list: `<village code>:<resident id>`. */
export const residentCursorKey = (row: { villageCode: string; residentId: string }) => `${row.villageCode}:${row.residentId}`;

export function parseResidentPage(args: PageArgs): { page: PageRequest; after: ResidentCursor | null } {
  const page = parsePageArgs(args);
  if (page.afterKey == null) return { page, after: null };
  const match = /^(\d{12}):([A-Za-z0-9_-]{1,64})$/.exec(page.afterKey);
  if (!match) throw badAfter();
  return { page, after: { villageCode: match[1]!, residentId: match[2]! } };
}

/** Cursor key of a follow-up list: `<visit date>:<id>`. */
export const followUpCursorKey = (row: { visitedOn: string; id: number }) => `${row.visitedOn}:${row.id}`;

export function parseFollowUpPage(args: PageArgs): { page: PageRequest; after: { visitedOn: string; id: number } | null } {
  const page = parsePageArgs(args);
  if (page.afterKey == null) return { page, after: null };
  const match = /^(\d{4}-\d{2}-\d{2}):(\d{1,15})$/.exec(page.afterKey);
  if (!match) throw badAfter();
  return { page, after: { visitedOn: match[1]!, id: Number(match[2]) } };
}

/** Doctor lists are keyed by registration id, `<village code>-D<serial>`. */
export function parseDoctorPage(args: PageArgs): PageRequest {
  const page = parsePageArgs(args);
  if (page.afterKey != null && !/^\d{12}-D\d{2,3}$/.test(page.afterKey)) throw badAfter();
  return page;
}

export function parseIntInRange(value: number | null | undefined, argument: string, min: number, max: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw Errors.BAD_USER_INPUT.error(`${argument} must be between ${min} and ${max}, got ${value}.`, { argument });
  }
  return value;
}

/**
 * A connection whose `totalCount` is counted only if the client asks for it (the default resolver
 * calls a function-valued property), so paging through a region costs one statement per page.
 * `onServe` runs with the page's rows when the client asks for its edges or nodes (to log the
 * read: being on a list of patients is itself sensitive).
 */
export function lazyConnection<T>(
  rows: T[],
  page: PageRequest,
  total: () => number | Promise<number>,
  keyOf: (row: T) => string,
  onServe?: (rows: readonly T[]) => void,
) {
  const { edges, nodes, pageInfo } = toConnection(rows, page, 0, keyOf);
  let served = false;
  const serve = <V>(value: V): V => {
    if (!served && onServe) onServe(nodes);
    served = true;
    return value;
  };
  return { edges: () => serve(edges), nodes: () => serve(nodes), pageInfo, totalCount: total };
}
