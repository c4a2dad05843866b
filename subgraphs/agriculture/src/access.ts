import { Errors, canListWithin, canSeeRow, rowScopeOf, scopesOf, type Identity, type RowScope } from '@village-graph/shared';
import type { LandContractRow } from './db/schema.ts';
import type { Loaders } from './loaders.ts';

/**
 * Who may see which of agriculture's personal rows (the data owner checks, whatever the gateway
 * did). The schema's @authenticated/@requiresScopes/@policy decide WHICH FIELDS a caller may read;
 * this decides WHOSE rows:
 *
 * - ADMINISTRATOR: every row. DEPARTMENT_STAFF and VILLAGE_CADRE: rows of villages in their region
 *   subtrees. GRID_WORKER: rows of their grids (agriculture records the household's grid on its
 *   land contract, its poverty-monitoring record and its farmer trainings; a cooperative's member
 *   register is kept per village, so there the grid's village applies).
 * - RESIDENT: their own household (the one whose land-contract certificate names them) and rows
 *   about themselves; farmer trainings only their own.
 * - PUBLIC, ANALYST: no personal rows at all (statistics are not rows).
 *
 * A household's or resident's place is its land contract (every rural household holds exactly
 * one), loaded through the same batched loaders the fields use, so checks add no statements per
 * item. A household or resident agriculture has no record of has nothing to protect: its fields
 * answer null or empty.
 */
export interface Place {
  householdId: string;
  villageCode: string;
  gridCode: string | null;
}

const forbidden = (message: string, extensions: Record<string, unknown> = {}) => Errors.FORBIDDEN.error(message, extensions);

export function createAccess(identity: Identity, loaders: Loaders) {
  const scope: RowScope = rowScopeOf(identity);
  const seesPersonalRows = identity.role !== 'PUBLIC' && identity.role !== 'ANALYST';
  let ownHousehold: Promise<string | null> | undefined;

  /** The household whose contract certificate names the calling resident (RESIDENT only). */
  const ownHouseholdId = (): Promise<string | null> =>
    (ownHousehold ??= identity.residentId
      ? loaders.landContractsByResident.load(identity.residentId).then((contracts) => contracts[0]?.householdId ?? null)
      : Promise.resolve(null));

  const requirePersonal = (what: string) => {
    if (!seesPersonalRows) throw forbidden(`${what} is personal data; the ${identity.role === 'ANALYST' ? 'analyst' : 'public'} role sees statistics only.`);
  };

  /** Whether a row about a household (its place known) is visible. */
  async function canSeeHouseholdAt(place: Place): Promise<boolean> {
    if (!seesPersonalRows) return false;
    if (scope.all) return true;
    if (identity.role === 'RESIDENT') return place.householdId === (await ownHouseholdId());
    return canSeeRow(scope, { villageCode: place.villageCode, gridCode: place.gridCode });
  }

  return {
    identity,
    scope,
    requirePersonal,

    /** FORBIDDEN unless the caller may see rows about this household. */
    async assertHousehold(householdId: string): Promise<void> {
      requirePersonal(`Household ${householdId.slice(0, 40)}`);
      const contract = await loaders.landContractByHousehold.load(householdId);
      if (contract && !(await canSeeHouseholdAt(contract))) throw forbidden(`Household ${householdId} is outside your area.`);
    },

    /** Whether the caller may see this land contract (the contracting household's row). */
    canSeeContract: (contract: LandContractRow): Promise<boolean> => canSeeHouseholdAt(contract),

    async assertContract(contract: LandContractRow): Promise<void> {
      requirePersonal(`Land contract ${contract.contractNumber}`);
      if (!(await canSeeHouseholdAt(contract))) throw forbidden(`Land contract ${contract.contractNumber} is outside your area.`);
    },

    /**
     * FORBIDDEN unless the caller may see rows about this resident: their household's place, or
     * for a RESIDENT themselves and the members of their own household. With `personOnly` (rows
     * about the person, not the household, such as trainings) a RESIDENT may see only themselves.
     */
    async assertResident(residentId: string, { personOnly = false } = {}): Promise<void> {
      requirePersonal(`Resident ${residentId.slice(0, 40)}`);
      if (scope.all) return;
      if (identity.role === 'RESIDENT') {
        if (residentId === identity.residentId) return;
        if (!personOnly) {
          const own = await ownHouseholdId();
          const contracts = await loaders.landContractsByResident.load(residentId);
          if (own !== null && contracts.some((c) => c.householdId === own)) return;
        }
        throw forbidden(`Resident ${residentId} is not you${personOnly ? '' : ' or a member of your household'}.`);
      }
      const contracts = await loaders.landContractsByResident.load(residentId);
      if (contracts.some((c) => !canSeeRow(scope, { villageCode: c.villageCode, gridCode: c.gridCode }))) {
        throw forbidden(`Resident ${residentId} is outside your area.`);
      }
    },

    /** A row that carries its own village and grid (trainings, monitoring records). */
    canSeeRow: (row: { villageCode: string; gridCode?: string | null; residentId?: string | null }): boolean =>
      seesPersonalRows && canSeeRow(scope, row),

    /**
     * A personal list `within` a region: the whole subtree must be inside the caller's area
     * (FORBIDDEN naming `within`). Returns the grid restriction to apply to the rows: the caller's
     * own grids for a grid worker (a `grid` argument outside them is FORBIDDEN naming `grid`).
     */
    listScope(within: string, grid: string | null, what: string): { grids: string | null } {
      requirePersonal(what);
      if (!canListWithin(scope, within)) throw forbidden(`${what} within ${within} is outside your area.`, { argument: 'within' });
      if (scope.all || scope.grids.length === 0) return { grids: null };
      if (grid !== null && !scope.grids.includes(grid)) throw forbidden(`Grid ${grid} is not one of your grids.`, { argument: 'grid' });
      return { grids: JSON.stringify(scope.grids) };
    },

    /** A region-level personal list (a cooperative's member register): its village must be in the area. */
    assertVillage(villageCode: string, what: string): void {
      requirePersonal(what);
      if (!scope.all && !canSeeRow(scope, { villageCode })) throw forbidden(`${what} is outside your area.`);
    },

    /** Scopes the caller holds (token scopes, role:<ROLE>, department:<name>). */
    hasScope: (name: string): boolean => scopesOf(identity).has(name),
  };
}

export type Access = ReturnType<typeof createAccess>;
