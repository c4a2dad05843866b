import type { CommitteeRow } from '../queries.ts';
import { regionRef } from './refs.ts';

export const PublicHealthCommittee = {
  village: (committee: CommitteeRow) => regionRef(committee.villageCode),
};
