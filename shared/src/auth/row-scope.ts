import type { Identity } from './claims.ts';
import { subtreeRange } from '../region-code.ts';

/**
 * Which personal rows a caller may see, as code ranges every department can apply to its own
 * village-code (or grid-code) columns. Aggregates are not rows: statistics follow their own rule
 * (small-cell suppression), and the public and analysts see no personal rows at all.
 *
 * - ADMINISTRATOR: everything.
 * - DEPARTMENT_STAFF, VILLAGE_CADRE: the subtrees of their region codes.
 * - GRID_WORKER: their grids. A department that records only the village of a row (not its grid)
 *   applies the grid's village; civil affairs, which owns grids, applies the grid itself.
 * - RESIDENT: only rows about themselves (`residentId`).
 * - ANALYST, PUBLIC: no personal rows.
 */
export interface RowScope {
  /** True when every row is visible. */
  all: boolean;
  /** Inclusive ranges of 12-digit village codes the caller may see (empty with `all` = nothing by region). */
  villageRanges: readonly { low: string; high: string }[];
  /** Grid codes (15 digits) for grid workers; empty otherwise. */
  grids: readonly string[];
  /** The caller's own resident id (RESIDENT role). */
  residentId: string | null;
}

export function rowScopeOf(identity: Identity): RowScope {
  switch (identity.role) {
    case 'ADMINISTRATOR':
      return { all: true, villageRanges: [], grids: [], residentId: null };
    case 'DEPARTMENT_STAFF':
    case 'VILLAGE_CADRE':
      return { all: false, villageRanges: identity.regions.filter((r) => r.length === 12).map(subtreeRange), grids: [], residentId: null };
    case 'GRID_WORKER': {
      const grids = identity.regions.filter((r) => r.length === 15);
      return { all: false, villageRanges: grids.map((g) => ({ low: g.slice(0, 12), high: g.slice(0, 12) })), grids, residentId: null };
    }
    case 'RESIDENT':
      return { all: false, villageRanges: [], grids: [], residentId: identity.residentId };
    default:
      return { all: false, villageRanges: [], grids: [], residentId: null };
  }
}

/** Whether a row in `villageCode` (and, where the department knows it, `gridCode`) is visible. */
export function canSeeRow(scope: RowScope, row: { villageCode: string; gridCode?: string | null; residentId?: string | null }): boolean {
  if (scope.all) return true;
  if (scope.residentId !== null) return row.residentId === scope.residentId;
  if (scope.grids.length > 0 && row.gridCode) return scope.grids.includes(row.gridCode);
  return scope.villageRanges.some((r) => row.villageCode >= r.low && row.villageCode <= r.high);
}

/** Whether a list `within` a region may be served at all (its whole subtree must be inside the scope). */
export function canListWithin(scope: RowScope, regionCode: string): boolean {
  if (scope.all) return true;
  const { low, high } = subtreeRange(regionCode);
  return scope.villageRanges.some((r) => low >= r.low && high <= r.high);
}
