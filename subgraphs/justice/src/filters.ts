import { jsonList } from './args.ts';
import { OPEN_DISPUTE_STATUSES } from './db/schema.ts';
import type { Params } from './paging.ts';

/**
 * Named parameters of the dispute list statements. Every statement of a kind takes the same set,
 * with null meaning "no filter", so one prepared statement serves every combination.
 */
export const disputeParams = (f: {
  type?: string | null;
  statuses?: readonly string[] | null;
  source?: string | null;
  grid?: string | null;
  from?: string | null;
  to?: string | null;
  /** A grid worker's own grids (JSON list, see `gridsParam`); null: no narrowing. */
  grids?: string | null;
}): Params => ({
  type: f.type ?? null,
  statuses: jsonList(f.statuses),
  source: f.source ?? null,
  grid: f.grid ?? null,
  from: f.from ?? null,
  to: f.to ?? null,
  grids: f.grids ?? null,
});

export const OPEN_DISPUTES_PARAMS = disputeParams({ statuses: OPEN_DISPUTE_STATUSES });

/** Parameters of the other subtree lists (type, statuses, date range). */
export const listParams = (f: { type?: string | null; statuses?: readonly string[] | null; from?: string | null; to?: string | null }): Params => ({
  type: f.type ?? null,
  statuses: jsonList(f.statuses),
  from: f.from ?? null,
  to: f.to ?? null,
});
