import { OPEN_DISPUTE_STATUSES, type DisputePartyRow, type DisputeRow } from '../db/schema.ts';
import { canSeeDispute, outsideAreaError, requireRows } from '../access.ts';
import type { JusticeContext } from '../context.ts';

const OPEN = new Set<string>(OPEN_DISPUTE_STATUSES);

/** The dispute if the caller may see it; null if there is none; FORBIDDEN outside their area. */
export async function visibleDispute(ctx: JusticeContext, dispute: DisputeRow | null): Promise<DisputeRow | null> {
  if (!dispute) return null;
  // Only a resident's check needs the parties (are they one of them?).
  const parties = ctx.scope.residentId !== null ? (await ctx.loaders.partiesByDispute.load(dispute.id)).map((p) => p.residentId) : [];
  if (!canSeeDispute(ctx.scope, dispute, parties)) throw outsideAreaError(`Dispute ${dispute.id}`);
  return dispute;
}

/**
 * A dispute's parties and details (justice staff and, for their own disputes, the parties; the
 * schema requires the scope and a declared purpose). Whoever reads them, each party gets an
 * access-log entry naming the field.
 */
const detail =
  <T>(field: string, valueOf: (dispute: DisputeRow, parties: DisputePartyRow[]) => T | null) =>
  async (dispute: DisputeRow, _: unknown, ctx: JusticeContext): Promise<T | null> => {
    const parties = await ctx.loaders.partiesByDispute.load(dispute.id);
    if (ctx.scope.residentId !== null && !parties.some((p) => p.residentId === ctx.scope.residentId)) {
      throw outsideAreaError(`Dispute ${dispute.id}`);
    }
    const value = valueOf(dispute, parties);
    if (value !== null) for (const party of parties) ctx.audit.read(party.residentId, [`Dispute.${field}`]);
    return value;
  };

export const Dispute = {
  /** Any string is looked up; an unknown case number is null; one outside the caller's area FORBIDDEN. */
  __resolveReference: async (ref: { id: string }, ctx: JusticeContext) => {
    requireRows(ctx.scope, ctx.identity);
    return visibleDispute(ctx, await ctx.loaders.disputeById.load(String(ref.id)));
  },

  isOpen: (dispute: DisputeRow) => OPEN.has(dispute.status),
  village: (dispute: DisputeRow) => ({ code: dispute.villageCode }),
  grid: (dispute: DisputeRow) => ({ code: dispute.gridCode }),
  mediator: (dispute: DisputeRow, _: unknown, ctx: JusticeContext) => (dispute.mediatorId ? ctx.loaders.mediatorById.load(dispute.mediatorId) : null),

  parties: detail('parties', (_, parties) => parties),
  summary: detail('summary', (dispute) => dispute.summary),
  agreement: detail('agreement', (dispute) =>
    dispute.agreementText && dispute.closedOn ? { text: dispute.agreementText, amountYuan: dispute.agreementAmountYuan, signedOn: dispute.closedOn } : null,
  ),
  referredTo: detail('referredTo', (dispute) => dispute.referredTo),
  followUp: detail('followUp', (dispute) =>
    dispute.followedUpOn && dispute.followUpOutcome ? { visitedOn: dispute.followedUpOn, outcome: dispute.followUpOutcome } : null,
  ),
};

/** Parties are residents and households by key: civil affairs resolves who they are. */
export const DisputeParty = {
  resident: (party: DisputePartyRow) => ({ id: party.residentId }),
  household: (party: DisputePartyRow) => ({ id: party.householdId }),
};
