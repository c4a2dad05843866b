import { Errors, canListWithin, canSeeRow, type Identity, type RowScope } from '@village-graph/shared';
import type { Params } from './paging.ts';

/**
 * Who may see which justice rows (the data owner checks, whatever the gateway did): the shared row
 * scope (rowScopeOf) applied to disputes, legal-aid cases, correction and placement records.
 *
 * - Disputes know their grid, so a grid worker sees the disputes of their own grids only; every
 *   other table knows only the village, so the grid's village applies there.
 * - A resident sees the disputes they are a party to and the records about themselves.
 * - The public and analysts see no rows at all (FORBIDDEN, not an empty list).
 */

/** True when the caller may see some personal rows (not the public, not analysts). */
export const seesRows = (scope: RowScope): boolean =>
  scope.all || scope.residentId !== null || scope.villageRanges.length > 0 || scope.grids.length > 0;

export const noRowsError = (identity: Identity) =>
  Errors.FORBIDDEN.error(
    identity.role === 'ANALYST'
      ? 'Analysts see justice figures, not personal records.'
      : 'Justice records are visible only to signed-in callers with an area (staff, cadres, grid workers) and to residents for their own records.',
  );

export const outsideAreaError = (what: string, extensions: Record<string, unknown> = {}) =>
  Errors.FORBIDDEN.error(`${what} is outside your area.`, extensions);

/** Refuses callers who see no rows at all. */
export function requireRows(scope: RowScope, identity: Identity): void {
  if (!seesRows(scope)) throw noRowsError(identity);
}

/**
 * A region list (`within`) may be served only when the whole subtree is inside the caller's area.
 * Residents list their own records through Resident, not by region.
 */
export function requireListWithin(scope: RowScope, identity: Identity, regionCode: string, argument: string | null = 'within'): void {
  requireRows(scope, identity);
  if (scope.residentId !== null || !canListWithin(scope, regionCode)) {
    throw outsideAreaError(`Region ${regionCode}`, argument ? { argument } : {});
  }
}

/** Whether a dispute is visible: a grid worker's grids, a resident's own disputes, else the village. */
export function canSeeDispute(scope: RowScope, dispute: { villageCode: string; gridCode: string }, partyIds: readonly string[]): boolean {
  if (scope.all) return true;
  if (scope.residentId !== null) return partyIds.includes(scope.residentId);
  return canSeeRow(scope, dispute);
}

/** Whether a record about one resident (legal aid, correction, placement) is visible. */
export const canSeeRecord = (scope: RowScope, record: { villageCode: string; residentId: string }): boolean =>
  canSeeRow(scope, { villageCode: record.villageCode, residentId: record.residentId });

/**
 * The caller's scope as named SQL parameters, for per-parent lists and counts (a resident's or a
 * household's disputes): the statements add `SCOPE_CONDITION` so that only visible rows are
 * listed or counted. Part of the loaders' batch key, so callers never share a batch across scopes
 * (one request has one caller anyway).
 */
export function scopeParams(scope: RowScope, { hasGrid }: { hasGrid: boolean }): Params {
  const useGrids = hasGrid && scope.grids.length > 0;
  return {
    scopeAll: scope.all ? 1 : 0,
    scopeRanges: !scope.all && !useGrids && scope.villageRanges.length > 0 ? JSON.stringify(scope.villageRanges.map((r) => [r.low, r.high])) : null,
    scopeGrids: useGrids ? JSON.stringify([...scope.grids].sort()) : null,
    scopeResident: scope.residentId,
  };
}

/**
 * SQL condition over a row (alias given) for `scopeParams`. `residentCondition` says how a row is
 * "about" the resident bound as `@scopeResident` (a dispute: one of its parties).
 */
export const scopeCondition = (alias: string, { hasGrid, residentCondition }: { hasGrid: boolean; residentCondition: string }): string => `(
  @scopeAll = 1
  OR (@scopeRanges IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(@scopeRanges) sr
      WHERE ${alias}.village_code BETWEEN json_extract(sr.value, '$[0]') AND json_extract(sr.value, '$[1]')))
  ${hasGrid ? `OR (@scopeGrids IS NOT NULL AND ${alias}.grid_code IN (SELECT value FROM json_each(@scopeGrids)))` : ''}
  OR (@scopeResident IS NOT NULL AND ${residentCondition}))`;

/** Grids a grid worker's region lists are narrowed to (JSON), null for everyone else. */
export const gridsParam = (scope: RowScope): string | null => (!scope.all && scope.grids.length > 0 ? JSON.stringify([...scope.grids].sort()) : null);
