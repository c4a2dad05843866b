import type { MediationCommitteeRow, MediatorRow } from '../db/schema.ts';
import type { JusticeContext } from '../context.ts';

export const MediationCommittee = {
  village: (committee: MediationCommitteeRow) => ({ code: committee.villageCode }),
  mediators: (committee: MediationCommitteeRow, _: unknown, ctx: JusticeContext) => ctx.loaders.mediatorsByVillage.load(committee.villageCode),
};

export const Mediator = {
  village: (mediator: MediatorRow) => ({ code: mediator.villageCode }),
};
