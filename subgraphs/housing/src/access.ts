import { Errors, canListWithin, canSeeRow, mustSuppressFor, rowScopeOf, scopesOf, type Identity, type RowScope } from '@village-graph/shared';

/**
 * Who may see which of housing's personal rows (dwellings and renovation applications), applied by
 * housing itself on every entity fetch and list — the schema's directives say who may read which
 * field; this says whose rows.
 *
 * - ADMINISTRATOR: every row.
 * - DEPARTMENT_STAFF, VILLAGE_CADRE: rows in the subtrees of their region codes.
 * - GRID_WORKER: rows of their grids (housing records each dwelling's grid).
 * - RESIDENT: rows of their own household, which housing learns only from civil affairs through
 *   `Resident.homeDwelling` (`@requires(fields: "household { id }")`) in the same request.
 * - ANALYST, PUBLIC: no personal rows (statistics only).
 *
 * Candidate for shared/: `personalRowsRefusal` and the grid filter for lists are not housing-specific.
 */
export interface Access {
  identity: Identity;
  scope: RowScope;
  /** Households a resident has shown to be their own in this request (through Resident.homeDwelling). */
  ownHouseholds: Set<string>;
  /** Whether statistics must be small-cell suppressed for this caller (public, analyst). */
  suppressStatistics: boolean;
}

/** The location of a personal row, as housing records it. */
export interface RowPlace {
  villageCode: string;
  gridCode: string;
  householdId: string;
}

export const createAccess = (identity: Identity): Access => ({
  identity,
  scope: rowScopeOf(identity),
  ownHouseholds: new Set(),
  suppressStatistics: mustSuppressFor(identity),
});

/** Whether the role may see any personal row at all. */
const seesNoRows = (identity: Identity) => identity.role === 'PUBLIC' || identity.role === 'ANALYST';

export function canSee(access: Access, row: RowPlace): boolean {
  if (access.scope.all) return true;
  if (access.identity.role === 'RESIDENT') return access.ownHouseholds.has(row.householdId);
  return canSeeRow(access.scope, { villageCode: row.villageCode, gridCode: row.gridCode });
}

/** FORBIDDEN for a row the caller may not see; `what` names it ("Dwelling 220112001201-D00001"). */
export function refusal(access: Access, what: string) {
  if (seesNoRows(access.identity)) return Errors.FORBIDDEN.error(`${what}: the ${access.identity.role.toLowerCase()} role sees no personal rows.`);
  if (access.identity.role === 'RESIDENT') {
    return Errors.FORBIDDEN.error(`${what} is not your household's (a resident reaches their own dwelling through Resident.homeDwelling).`);
  }
  return Errors.FORBIDDEN.error(`${what} is outside your area.`);
}

export function assertCanSee<T extends RowPlace>(access: Access, row: T, what: string): T {
  if (!canSee(access, row)) throw refusal(access, what);
  return row;
}

/** The public and analysts are refused any personal row, whatever it is or whether it exists. */
export function assertSeesRows(access: Access, what: string): void {
  if (seesNoRows(access.identity)) throw refusal(access, what);
}

/**
 * Before looking a row up by id: ids start with the village code, so callers who can see nothing
 * there are refused without learning whether the row exists.
 */
export function assertMaySeeVillage(access: Access, villageCode: string, what: string): void {
  if (access.scope.all) return;
  if (seesNoRows(access.identity)) throw refusal(access, what);
  if (access.identity.role === 'RESIDENT') return; // decided on the row's household
  if (!access.scope.villageRanges.some((r) => villageCode >= r.low && villageCode <= r.high)) throw refusal(access, what);
}

/**
 * A personal list `within` a region: the whole subtree must be inside the caller's scope. Returns
 * the grids the rows must lie in (a grid worker's own), or null for no grid restriction. An
 * explicit `grid` argument outside a grid worker's grids is FORBIDDEN naming `grid`.
 */
export function listScope(access: Access, within: string, grid: string | null): { grids: readonly string[] | null } {
  const { identity, scope } = access;
  if (seesNoRows(identity) || identity.role === 'RESIDENT') {
    throw Errors.FORBIDDEN.error(`The ${identity.role.toLowerCase()} role cannot list personal rows by region.`, { argument: 'within' });
  }
  if (!canListWithin(scope, within)) throw Errors.FORBIDDEN.error(`Region ${within} is outside your area.`, { argument: 'within' });
  if (scope.grids.length === 0) return { grids: null };
  if (grid !== null && !scope.grids.includes(grid)) throw Errors.FORBIDDEN.error(`Grid ${grid} is not yours.`, { argument: 'grid' });
  return { grids: scope.grids };
}

/**
 * Filtering a list by a sensitive field reads it: the same rule as the field itself (housing staff
 * with a declared purpose), checked before anything is looked up.
 */
export function assertMayFilterBy(access: Access, argument: string): void {
  const { identity } = access;
  if (!scopesOf(identity).has('department:housing')) {
    throw Errors.FORBIDDEN.error(`Filtering by ${argument} reads a sensitive field: housing staff only.`, { argument });
  }
  if (identity.purpose === null || identity.caseReference === null) {
    throw Errors.PURPOSE_REQUIRED.error(`Filtering by ${argument} requires a declared purpose (x-purpose) and a case reference (x-case-reference).`, { argument });
  }
}
