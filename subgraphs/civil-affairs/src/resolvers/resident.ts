import { CARE_CATEGORIES, type ResidentRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { AS_OF, ageOn, isResidentId } from '../args.ts';

const ageOf = (resident: ResidentRow) => ageOn(resident.birthDate, AS_OF);

export const Resident = {
  __resolveReference: (ref: { id: string }, ctx: CivilAffairsContext) => (isResidentId(ref.id) ? ctx.loaders.residentById.load(ref.id) : null),

  age: ageOf,
  relationToHead: (resident: ResidentRow) => resident.relation,
  residenceStatus: (resident: ResidentRow) => (resident.workingAway ? 'WORKING_AWAY' : 'AT_HOME'),
  hasDisabilityCertificate: (resident: ResidentRow) => resident.disabled,
  isRegisteredVolunteer: (resident: ResidentRow) => resident.registeredVolunteer,

  household: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.householdById.load(resident.householdId),
  grid: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.gridByCode.load(resident.gridCode),
  village: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.regionByCode.load(resident.villageCode),

  careCategories: async (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => {
    const categories = await ctx.loaders.careByResident.load(resident.id);
    return [...categories].sort((a, b) => CARE_CATEGORIES.indexOf(a) - CARE_CATEGORIES.indexOf(b));
  },

  /**
   * Minors and adults with a disability certificate are under guardianship: the guardian is the
   * household's head or spouse (other than the resident) who is an adult at home without one.
   */
  guardian: async (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => {
    if (ageOf(resident) >= 18 && !resident.disabled) return null;
    const members = await ctx.loaders.membersByHousehold.load(resident.householdId);
    const candidates = (['HEAD', 'SPOUSE'] as const).flatMap((relation) => members.filter((m) => m.relation === relation));
    return candidates.find((m) => m.id !== resident.id && ageOf(m) >= 18 && !m.workingAway && !m.disabled) ?? null;
  },

  nearestElderlyCourtyard: (resident: ResidentRow, _args: unknown, ctx: CivilAffairsContext) => ctx.loaders.courtyardNearVillage.load(resident.villageCode),
};
