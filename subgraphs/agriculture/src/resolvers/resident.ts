import { Errors, toAccessLogEntry } from '@village-graph/shared';
import type { AgricultureContext } from '../context.ts';

/** The representation may carry the household id civil affairs added for `agricultureAccessLog`. */
type ResidentRef = { id: string; household?: { id: string } | null };

export const Resident = {
  /** Civil affairs owns the resident; a resident outside the caller's area is FORBIDDEN. */
  __resolveReference: async (ref: ResidentRef, ctx: AgricultureContext) => {
    await ctx.access.assertResident(ref.id);
    return { id: ref.id, household: ref.household ?? null };
  },

  /** Trainings are about the person: a resident sees only their own. */
  farmerTrainings: async (resident: ResidentRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertResident(resident.id, { personOnly: true });
    return ctx.loaders.trainingsByResident.load(resident.id);
  },

  landContracts: async (resident: ResidentRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertResident(resident.id);
    const contracts = await ctx.loaders.landContractsByResident.load(resident.id);
    await Promise.all(contracts.map((c) => ctx.access.assertContract(c)));
    return contracts;
  },

  /**
   * The data tracker: this department's access-log entries about the resident and about their
   * household, oldest first. A resident may read their own; anyone else needs the `audit:read`
   * scope and the resident within their area.
   */
  agricultureAccessLog: async (resident: ResidentRef, _args: unknown, ctx: AgricultureContext) => {
    const { identity } = ctx;
    if (identity.role === 'RESIDENT') {
      if (resident.id !== identity.residentId) throw Errors.FORBIDDEN.error('A resident may read only their own access log.');
    } else {
      if (!ctx.access.hasScope('audit:read')) throw Errors.FORBIDDEN.error('Reading an access log requires the audit:read scope.');
      await ctx.access.assertResident(resident.id);
    }
    // The household id comes from civil affairs through the gateway; it must be one the caller may see too.
    if (resident.household) await ctx.access.assertHousehold(resident.household.id);
    const subjects = [resident.id, ...(resident.household ? [resident.household.id] : [])];
    const entries = (await Promise.all(subjects.map((id) => ctx.loaders.accessLogBySubject.load(id)))).flat();
    return entries.sort((a, b) => a.id - b.id).map((e) => toAccessLogEntry('agriculture', e));
  },
};

