import { Errors, canListWithin, canSeeRow, rowScopeOf, type AccessRecorder, type Identity, type RowScope } from '@village-graph/shared';
import type { Loaders } from './loaders.ts';

/*
 * Who may see which rows (the data owner checks, whatever the gateway did). The schema's
 * @authenticated/@requiresScopes/@policy decide WHICH FIELDS a caller may read (the runtime
 * enforces them before any resolver here runs); this decides WHICH ROWS:
 *
 * - ADMINISTRATOR: every row.
 * - DEPARTMENT_STAFF, VILLAGE_CADRE: rows whose village is in their region subtrees.
 * - GRID_WORKER: rows in their grids' villages (health records the village of a person, not the grid).
 * - RESIDENT: rows about themselves, and their own household's yes/no answers.
 * - PUBLIC, ANALYST: no personal rows at all (statistics only, small cells suppressed).
 *
 * Refusals are FORBIDDEN; their messages never echo the caller's input.
 */

const outsideArea = (what: string, extensions: Record<string, unknown> = {}) => Errors.FORBIDDEN.error(`${what} is outside your area.`, extensions);

export interface Access {
  identity: Identity;
  scope: RowScope;
  /** Throws unless the caller may see personal rows at all. */
  requirePersonalRows(extensions?: Record<string, unknown>): void;
  /** A region list `within` a region: the whole subtree must be inside the caller's area. */
  listWithin(regionCode: string): void;
  /** Throws unless the caller may see health's rows about this resident. */
  resident(residentId: string): Promise<void>;
  /** Throws unless the caller may see health's answers about this household. */
  household(householdId: string): Promise<void>;
  /** Throws unless a loaded row is inside the caller's area (defence in depth for rows reached through lists). */
  row(row: { villageCode: string; residentId: string }): void;
  /**
   * Checks the caller may read the access log about this resident (a resident: their own; others
   * hold audit:read — enforced by the schema — and see residents in their area). False when health
   * cannot place the resident (no rows about them, so no reads of them either): answer empty.
   */
  accessLogOf(residentId: string, householdId: string | null): Promise<boolean>;
  /** Notes that sensitive `fields` about `subjectId` are being returned (the access log). */
  read(subjectId: string, fields: readonly string[]): void;
}

export function createAccess(identity: Identity, audit: AccessRecorder, loaders: Loaders): Access {
  const scope = rowScopeOf(identity);
  const seesPersonalRows = scope.all || scope.residentId !== null || scope.villageRanges.length > 0;

  const requirePersonalRows = (extensions: Record<string, unknown> = {}) => {
    if (!seesPersonalRows) {
      throw Errors.FORBIDDEN.error('Personal health data is not shown to the public or to analysts; ask for statistics instead.', extensions);
    }
  };

  const ownHousehold = async (): Promise<string | null> =>
    scope.residentId === null ? null : ((await loaders.healthRecord.load(scope.residentId))?.householdId ?? null);

  const canSeeResident = async (residentId: string): Promise<boolean> => {
    if (scope.all) return true;
    if (scope.residentId !== null) return residentId === scope.residentId;
    const record = await loaders.healthRecord.load(residentId);
    // Without a health record, health holds nothing about the resident: there is nothing to refuse.
    return record === null || canSeeRow(scope, { villageCode: record.villageCode, residentId });
  };

  return {
    identity,
    scope,
    requirePersonalRows,

    listWithin(regionCode) {
      requirePersonalRows({ argument: 'within' });
      if (!canListWithin(scope, regionCode)) {
        if (scope.residentId !== null) throw Errors.FORBIDDEN.error('A resident sees only their own records, not lists of residents.', { argument: 'within' });
        throw outsideArea('The region `within`', { argument: 'within' });
      }
    },

    async resident(residentId) {
      requirePersonalRows();
      if (!(await canSeeResident(residentId))) throw outsideArea('This resident');
    },

    async household(householdId) {
      requirePersonalRows();
      if (scope.all) return;
      if (scope.residentId !== null) {
        if ((await ownHousehold()) !== householdId) throw outsideArea('This household');
        return;
      }
      const villageCode = await loaders.householdVillage.load(householdId);
      if (villageCode !== null && !canSeeRow(scope, { villageCode })) throw outsideArea('This household');
    },

    row(row) {
      if (!canSeeRow(scope, row)) throw outsideArea('This record');
    },

    async accessLogOf(residentId, householdId) {
      requirePersonalRows();
      if (scope.all) return true;
      if (scope.residentId !== null) {
        if (residentId !== scope.residentId) throw Errors.FORBIDDEN.error("A resident may read only their own data's access log.");
        return true;
      }
      const record = await loaders.healthRecord.load(residentId);
      const villageCode = record?.villageCode ?? (householdId ? await loaders.householdVillage.load(householdId) : null);
      if (villageCode === null) return false;
      if (!canSeeRow(scope, { villageCode, residentId })) throw outsideArea('This resident');
      return true;
    },

    read: (subjectId, fields) => audit.read(subjectId, fields),
  };
}
