import { OPEN_DISPUTE_STATUSES, type DisputePartyRow, type DisputeRow } from '../db/schema.ts';
import type { JusticeContext } from '../context.ts';

const OPEN = new Set<string>(OPEN_DISPUTE_STATUSES);

export const Dispute = {
  /** Any string is looked up; an unknown case number is null. */
  __resolveReference: (ref: { id: string }, ctx: JusticeContext) => ctx.loaders.disputeById.load(ref.id),

  isOpen: (dispute: DisputeRow) => OPEN.has(dispute.status),
  village: (dispute: DisputeRow) => ({ code: dispute.villageCode }),
  grid: (dispute: DisputeRow) => ({ code: dispute.gridCode }),
  parties: (dispute: DisputeRow, _: unknown, ctx: JusticeContext) => ctx.loaders.partiesByDispute.load(dispute.id),
  mediator: (dispute: DisputeRow, _: unknown, ctx: JusticeContext) => (dispute.mediatorId ? ctx.loaders.mediatorById.load(dispute.mediatorId) : null),
  agreement: (dispute: DisputeRow) =>
    dispute.agreementText && dispute.closedOn
      ? { text: dispute.agreementText, amountYuan: dispute.agreementAmountYuan, signedOn: dispute.closedOn }
      : null,
  followUp: (dispute: DisputeRow) =>
    dispute.followedUpOn && dispute.followUpOutcome ? { visitedOn: dispute.followedUpOn, outcome: dispute.followUpOutcome } : null,
};

/** Parties are residents and households by key: civil affairs resolves who they are. */
export const DisputeParty = {
  resident: (party: DisputePartyRow) => ({ id: party.residentId }),
  household: (party: DisputePartyRow) => ({ id: party.householdId }),
};
