import { Errors, canSeeRow, parsePageArgs, type PageArgs, toAccessLogEntry } from '@village-graph/shared';
import { disputeParams, listParams, OPEN_DISPUTES_PARAMS } from '../filters.ts';
import { loadConnection } from '../paging.ts';
import { canSeeRecord, outsideAreaError, requireRows, scopeParams } from '../access.ts';
import type { JusticeContext } from '../context.ts';

interface EntityRef {
  id: string;
}

/** A resident as justice sees it: the key, and the household id the gateway fetched for `@requires`. */
interface ResidentRef extends EntityRef {
  household?: { id: string } | null;
}

/** A resident may read only their own records. */
function requireSelfIfResident(ctx: JusticeContext, residentId: string): void {
  if (ctx.scope.residentId !== null && ctx.scope.residentId !== residentId) {
    throw Errors.FORBIDDEN.error('Residents may see only their own records.');
  }
}

const DISPUTE_SCOPE = { hasGrid: true };
const RECORD_SCOPE = { hasGrid: false };

/** Civil affairs' residents, with the justice records that name them. */
export const Resident = {
  __resolveReference: (ref: ResidentRef): ResidentRef => ({ id: String(ref.id), ...(ref.household !== undefined ? { household: ref.household } : {}) }),

  /** Only the disputes the caller may see (their area, their grids; a resident their own). */
  disputes: (resident: EntityRef, args: PageArgs & { status?: string[] | null; type?: string | null }, ctx: JusticeContext) => {
    const page = parsePageArgs(args);
    requireRows(ctx.scope, ctx.identity);
    requireSelfIfResident(ctx, resident.id);
    const params = { ...disputeParams({ type: args.type, statuses: args.status }), ...scopeParams(ctx.scope, DISPUTE_SCOPE) };
    return loadConnection(ctx.loaders.disputesOfResident, resident.id, page, params);
  },

  /** Justice staff only (schema); the record must be in their area. Fields are logged as read (correction.ts). */
  communityCorrection: async (resident: EntityRef, _: unknown, ctx: JusticeContext) => {
    requireRows(ctx.scope, ctx.identity);
    const record = await ctx.loaders.communityCorrectionByResident.load(resident.id);
    if (record && !canSeeRecord(ctx.scope, record)) throw outsideAreaError(`The community-correction record of resident ${resident.id}`);
    return record;
  },

  postReleasePlacement: async (resident: EntityRef, _: unknown, ctx: JusticeContext) => {
    requireRows(ctx.scope, ctx.identity);
    const record = await ctx.loaders.postReleasePlacementByResident.load(resident.id);
    if (record && !canSeeRecord(ctx.scope, record)) throw outsideAreaError(`The post-release placement record of resident ${resident.id}`);
    return record;
  },

  /** Justice staff (cases in their area) or the resident themselves (schema adds purpose). */
  legalAidCases: (resident: EntityRef, args: PageArgs & { status?: string[] | null }, ctx: JusticeContext) => {
    const page = parsePageArgs(args);
    requireRows(ctx.scope, ctx.identity);
    requireSelfIfResident(ctx, resident.id);
    const params = { ...listParams({ statuses: args.status }), ...scopeParams(ctx.scope, RECORD_SCOPE) };
    return loadConnection(ctx.loaders.legalAidCasesOfResident, resident.id, page, params);
  },

  /**
   * Justice's access-log entries about the resident and their household, oldest first. The
   * resident themselves; otherwise `audit:read` (schema) within the caller's area, judged by where
   * the resident's justice records are (a resident without any has no entries to show).
   */
  justiceAccessLog: async (resident: ResidentRef, _: unknown, ctx: JusticeContext) => {
    const { identity, scope } = ctx;
    if (identity.role === 'RESIDENT') {
      if (identity.residentId !== resident.id) throw Errors.FORBIDDEN.error('Residents may see only their own access log.');
    } else if (!scope.all) {
      requireRows(scope, identity);
      const places = await ctx.loaders.placesOfResident.load(resident.id);
      if (places.length > 0 && !places.some((p) => canSeeRow(scope, p))) throw outsideAreaError(`Resident ${resident.id}`);
    }
    const subjects = [resident.id, ...(resident.household?.id ? [String(resident.household.id)] : [])];
    const entries = (await ctx.loaders.accessLogBySubject.loadMany(subjects)).flatMap((list) => (list instanceof Error ? [] : list));
    return entries.sort((a, b) => a.id - b.id).map((e) => toAccessLogEntry('justice', e));
  },
};


/** Civil affairs' households, with the disputes their members are party to. */
export const Household = {
  __resolveReference: (ref: EntityRef): EntityRef => ({ id: String(ref.id) }),

  /** A yes/no-style figure for rosters: open disputes the caller may see (their area, grids, own). */
  openDisputeCount: (household: EntityRef, _: unknown, ctx: JusticeContext) => {
    requireRows(ctx.scope, ctx.identity);
    return ctx.loaders.disputesOfHousehold.count.load({ key: household.id, params: { ...OPEN_DISPUTES_PARAMS, ...scopeParams(ctx.scope, DISPUTE_SCOPE) } });
  },

  disputes: (household: EntityRef, args: PageArgs & { status?: string[] | null }, ctx: JusticeContext) => {
    const page = parsePageArgs(args);
    requireRows(ctx.scope, ctx.identity);
    const params = { ...disputeParams({ statuses: args.status }), ...scopeParams(ctx.scope, DISPUTE_SCOPE) };
    return loadConnection(ctx.loaders.disputesOfHousehold, household.id, page, params);
  },
};
