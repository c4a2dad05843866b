import { Errors, toAccessLogEntry } from '@village-graph/shared';
import type { HousingContext } from '../context.ts';
import { assertCanSee, canSee } from '../access.ts';

/** A resident reference; civil affairs supplies `household { id }` for the fields that @require it. */
interface ResidentRef {
  id: string;
  household?: { id: string } | null;
}

const notYou = (id: string) => Errors.FORBIDDEN.error(`Resident ${id} is not you: a resident sees only their own records.`);


export const Resident = {
  __resolveReference: (ref: ResidentRef): ResidentRef => ref,

  /**
   * The household's main dwelling. For a resident asking about themself this is where housing
   * learns (from civil affairs, through the planner) which household is theirs: it is remembered
   * for the rest of the request, so the dwelling's renovation application is theirs to see too.
   */
  homeDwelling: async (resident: ResidentRef, _args: unknown, ctx: HousingContext) => {
    const householdId = resident.household?.id;
    if (ctx.access.identity.role === 'RESIDENT') {
      if (resident.id !== ctx.access.identity.residentId) throw notYou(resident.id);
      if (householdId) ctx.access.ownHouseholds.add(householdId);
    }
    if (!householdId) return null;
    const main = (await ctx.loaders.dwellingsByHousehold.load(householdId)).find((d) => d.isMain);
    return main ? assertCanSee(ctx.access, main, `Dwelling ${main.id}`) : null;
  },

  /**
   * Housing's log entries about the resident and their household, oldest first. A resident: their
   * own only. Others (holding audit:read, checked by the schema): a household whose dwelling lies in
   * their area. Housing logs reads of renovation applications, which exist only for households with
   * a dwelling on record: a household without one has nothing in this log.
   */
  housingAccessLog: async (resident: ResidentRef, _args: unknown, ctx: HousingContext) => {
    const { identity, scope } = ctx.access;
    const householdId = resident.household?.id ?? null;
    if (identity.role === 'RESIDENT') {
      if (resident.id !== identity.residentId) throw notYou(resident.id);
    } else if (!scope.all) {
      if (householdId === null) throw Errors.FORBIDDEN.error(`Resident ${resident.id}'s household is unknown here, so housing cannot tell whether it is in your area.`);
      const dwellings = await ctx.loaders.dwellingsByHousehold.load(householdId);
      if (dwellings.length === 0) return [];
      if (!dwellings.some((d) => canSee(ctx.access, d))) throw Errors.FORBIDDEN.error(`Resident ${resident.id} lives outside your area.`);
    }
    const [own, household] = await Promise.all([
      ctx.loaders.accessLogBySubject.load(resident.id),
      householdId ? ctx.loaders.accessLogBySubject.load(householdId) : [],
    ]);
    return [...own, ...household].sort((a, b) => a.id - b.id).map((e) => toAccessLogEntry('housing', e));
  },
};
