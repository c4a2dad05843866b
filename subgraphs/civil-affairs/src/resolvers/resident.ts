import { toAccessLogEntry, type AccessLogEntry } from '@village-graph/shared';
import { CARE_CATEGORIES, type ResidentRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { AS_OF, ageOn, isResidentId } from '../args.ts';
import { canSeeHousehold, maskIdNumber, outsideArea, refuseIfNoRows, refuseOthersToResident } from '../access.ts';

const ageOf = (resident: ResidentRow) => ageOn(resident.birthDate, AS_OF);

/** The other departments' logs, as the gateway passes them in the representation (`@requires`). */
const EXTERNAL_LOGS = ['agricultureAccessLog', 'housingAccessLog', 'justiceAccessLog', 'healthAccessLog'] as const;
type ExternalLogs = { [K in (typeof EXTERNAL_LOGS)[number]]?: AccessLogEntry[] | null };

/** A resident row, with the other departments' log entries when the gateway supplied them. */
export type ResidentSource = ResidentRow & ExternalLogs;


/**
 * A resident the caller may see: null if there is none; FORBIDDEN if the public or an analyst asks,
 * or if the resident is outside the caller's area (a resident: anyone but themselves and their
 * household's members). Shared by `_entities` and `Query.resident`.
 */
export async function visibleResident(id: string, ctx: CivilAffairsContext): Promise<ResidentRow | null> {
  refuseIfNoRows(ctx.access, 'Residents');
  const [row, own] = await Promise.all([ctx.loaders.residentById.load(id), ctx.access.ownHouseholdId()]);
  if (!row) return null;
  if (!canSeeHousehold(ctx.access, row, own)) throw outsideArea(`Resident ${id}`);
  return row;
}

export const Resident = {
  // Async: a refusal must reject this reference only, never throw out of the whole `_entities` list.
  __resolveReference: async (ref: { id: string } & ExternalLogs, ctx: CivilAffairsContext): Promise<ResidentSource | null> => {
    refuseIfNoRows(ctx.access, 'Residents');
    if (!isResidentId(ref.id)) return null;
    const row = await visibleResident(ref.id, ctx);
    if (!row) return null;
    // Keep what the gateway resolved elsewhere for `dataAccessLog` (a copy: rows are shared by the loader).
    const external: ExternalLogs = {};
    for (const key of EXTERNAL_LOGS) if (key in ref) external[key] = ref[key] ?? null;
    return { ...row, ...external };
  },

  age: ageOf,
  relationToHead: (resident: ResidentRow) => resident.relation,
  residenceStatus: (resident: ResidentRow) => (resident.workingAway ? 'WORKING_AWAY' : 'AT_HOME'),
  isRegisteredVolunteer: (resident: ResidentRow) => resident.registeredVolunteer,

  /** Masked unless `id-number:full` with a declared purpose; the full value is logged. */
  idNumber: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => {
    if (!ctx.access.fullIdNumbers) return maskIdNumber(resident.idNumber);
    ctx.access.audit.read(resident.id, ['idNumber']);
    return resident.idNumber;
  },

  hasDisabilityCertificate: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => {
    refuseOthersToResident(ctx.access, resident.id, 'Resident.hasDisabilityCertificate');
    ctx.access.audit.read(resident.id, ['hasDisabilityCertificate']);
    return resident.disabled;
  },

  household: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.householdById.load(resident.householdId),
  grid: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.gridByCode.load(resident.gridCode),
  village: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(resident.villageCode),

  careCategories: async (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => {
    refuseOthersToResident(ctx.access, resident.id, 'Resident.careCategories');
    const categories = await ctx.loaders.careByResident.load(resident.id);
    ctx.access.audit.read(resident.id, ['careCategories']);
    return [...categories].sort((a, b) => CARE_CATEGORIES.indexOf(a) - CARE_CATEGORIES.indexOf(b));
  },

  /**
   * Minors and adults with a disability certificate are under guardianship: the guardian is the
   * household's head or spouse (other than the resident) who is an adult at home without one.
   */
  guardian: async (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => {
    refuseOthersToResident(ctx.access, resident.id, 'Resident.guardian');
    ctx.access.audit.read(resident.id, ['guardian']);
    if (ageOf(resident) >= 18 && !resident.disabled) return null;
    const members = await ctx.loaders.membersByHousehold.load(resident.householdId);
    const candidates = (['HEAD', 'SPOUSE'] as const).flatMap((relation) => members.filter((m) => m.relation === relation));
    return candidates.find((m) => m.id !== resident.id && ageOf(m) >= 18 && !m.workingAway && !m.disabled) ?? null;
  },

  nearestElderlyCourtyard: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.courtyardNearVillage.load(resident.villageCode),

  /**
   * The data tracker: civil affairs' own entries about the resident and their household, merged
   * with the four other departments' (resolved by the gateway through `@requires`), by time.
   */
  dataAccessLog: async (resident: ResidentSource, _args: unknown, ctx: CivilAffairsContext): Promise<AccessLogEntry[]> => {
    refuseOthersToResident(ctx.access, resident.id, 'Resident.dataAccessLog');
    const subjects = new Set([resident.id, resident.householdId]);
    const [own, ofHousehold] = await Promise.all([ctx.loaders.accessEntries.load(resident.id), ctx.loaders.accessEntries.load(resident.householdId)]);
    const entries = [...own, ...ofHousehold].map((e) => toAccessLogEntry('civil-affairs', e));
    for (const key of EXTERNAL_LOGS) {
      for (const entry of resident[key] ?? []) if (subjects.has(entry.subjectId)) entries.push(entry);
    }
    return entries.sort((a, b) => a.at.localeCompare(b.at) || a.department.localeCompare(b.department) || a.requestId.localeCompare(b.requestId));
  },
};
