import {
  Errors,
  canListWithin,
  canSeeRow,
  refusalFor,
  rowScopeOf,
  scopesOf,
  type AccessRecorder,
  type AuthorizationRule,
  type Identity,
  type RowScope,
} from '@village-graph/shared';

/**
 * Who may see which of civil affairs' personal rows and sensitive fields (the provider checks,
 * like X-Road). The schema's @authenticated/@requiresScopes/@policy are enforced by the runtime;
 * this adds what only the data can decide: the caller's area (row scope), "own only" for a
 * resident, the masked ID number, and the access-log entries.
 */
export interface Access {
  identity: Identity;
  scope: RowScope;
  audit: AccessRecorder;
  /** A purpose and a case reference were declared for this request. */
  hasPurpose: boolean;
  /** The caller may read full ID numbers (`id-number:full` and a declared purpose). */
  fullIdNumbers: boolean;
  /** The RESIDENT caller's household id (null for other roles or an unknown resident); memoised. */
  ownHouseholdId(): Promise<string | null>;
}

export function createAccess(identity: Identity, audit: AccessRecorder, loadHouseholdIdOf: (residentId: string) => Promise<string | null>): Access {
  const hasPurpose = identity.purpose !== null && identity.caseReference !== null;
  let own: Promise<string | null> | undefined;
  return {
    identity,
    scope: rowScopeOf(identity),
    audit,
    hasPurpose,
    fullIdNumbers: hasPurpose && scopesOf(identity).has('id-number:full'),
    ownHouseholdId: () => (own ??= identity.role === 'RESIDENT' && identity.residentId ? loadHouseholdIdOf(identity.residentId) : Promise.resolve(null)),
  };
}

/** The public and analysts see no personal rows at all. */
export const seesNoRows = (access: Access): boolean => access.identity.role === 'PUBLIC' || access.identity.role === 'ANALYST';

const noRows = (what: string, extensions: Record<string, unknown> = {}) =>
  Errors.FORBIDDEN.error(`${what} are personal data: the public and analysts see aggregates only.`, extensions);

/** Refuses personal rows to the public and analysts (before any SQL). */
export function refuseIfNoRows(access: Access, what: string): void {
  if (seesNoRows(access)) throw noRows(what);
}

/** Whether a household (or a resident's household) is in the caller's area. */
export function canSeeHousehold(access: Access, row: { villageCode: string; gridCode: string; householdId: string }, ownHouseholdId: string | null): boolean {
  if (access.scope.all) return true;
  if (access.identity.role === 'RESIDENT') return ownHouseholdId !== null && row.householdId === ownHouseholdId;
  // Civil affairs knows every row's grid: grid workers see their own grids only.
  return canSeeRow({ ...access.scope, residentId: null }, { villageCode: row.villageCode, gridCode: row.gridCode });
}

export const outsideArea = (what: string) => Errors.FORBIDDEN.error(`${what} is outside your area.`);

/** Authorisation of a root list's region and grid; returns the grid to apply (a grid worker's own grid when implied). */
export function authorizeList(access: Access, within: string | null, grid: string | null, what: string): string | null {
  const { scope, identity } = access;
  if (scope.all) return grid;
  if (seesNoRows(access) || identity.role === 'RESIDENT') {
    throw Errors.FORBIDDEN.error(`${what} are listed only to staff, village cadres and grid workers of the area.`, { argument: within !== null || grid === null ? 'within' : 'grid' });
  }
  if (identity.role === 'GRID_WORKER') {
    const implied = grid ?? (scope.grids.length === 1 ? scope.grids[0]! : null);
    if (implied === null) throw Errors.FORBIDDEN.error('Name one of your grids (grid): a grid worker lists their own grid only.', { argument: 'grid' });
    if (!scope.grids.includes(implied)) throw Errors.FORBIDDEN.error(`Grid ${implied} is outside your area.`, { argument: 'grid' });
    if (within !== null && !canListWithin(scope, within)) throw Errors.FORBIDDEN.error(`Region ${within} is outside your area.`, { argument: 'within' });
    return implied;
  }
  if (within !== null && !canListWithin(scope, within)) throw Errors.FORBIDDEN.error(`Region ${within} is outside your area.`, { argument: 'within' });
  if (grid !== null && !canSeeRow(scope, { villageCode: grid.slice(0, 12) })) throw Errors.FORBIDDEN.error(`Grid ${grid} is outside your area.`, { argument: 'grid' });
  return grid;
}

/** Whether the caller may see a grid's households (the roster). */
export function canSeeGridRoster(access: Access, grid: { code: string; villageCode: string }): boolean {
  if (access.scope.all) return true;
  if (seesNoRows(access) || access.identity.role === 'RESIDENT') return false;
  return canSeeRow(access.scope, { villageCode: grid.villageCode, gridCode: grid.code });
}

// ── Sensitive fields ──

/** Who may read the care and assistance categories (and filter lists by them): the SDL's scopes. */
const CATEGORY_READERS = [['department:civil-affairs'], ['role:GRID_WORKER'], ['role:VILLAGE_CADRE'], ['role:RESIDENT']];
const PURPOSE: AuthorizationRule = { kind: 'policies', anyOf: [['declared-purpose']] };

/**
 * A list filtered by a sensitive category discloses it for every row listed: the caller needs what
 * reading the field needs (the refusal names the argument).
 */
export function authorizeCategoryFilter(access: Access, argument: string, field: string): void {
  const refusal = refusalFor([{ kind: 'scopes', anyOf: CATEGORY_READERS }, PURPOSE], access.identity, field);
  if (refusal) {
    const code = refusal.extensions.code as 'FORBIDDEN' | 'PURPOSE_REQUIRED';
    throw Errors[code].error(`Filtering by ${argument} discloses ${field}: ${refusal.message}`, { argument });
  }
}

/** A resident reads their own sensitive fields only (not their household members'). */
export function refuseOthersToResident(access: Access, residentId: string, field: string): void {
  if (access.identity.role === 'RESIDENT' && residentId !== access.identity.residentId) {
    throw Errors.FORBIDDEN.error(`${field} is shown to a resident for themselves only.`);
  }
}

/** `2201**********123X`: the first and last four characters kept. */
export const maskIdNumber = (idNumber: string): string =>
  idNumber.length <= 8 ? '*'.repeat(idNumber.length) : `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
