import type { CommunityCorrectionRow, PostReleasePlacementRow } from '../db/schema.ts';

/** Everything here is sensitive; people are referenced by key only. */
export const CommunityCorrection = {
  resident: (record: CommunityCorrectionRow) => ({ id: record.residentId }),
  household: (record: CommunityCorrectionRow) => ({ id: record.householdId }),
  village: (record: CommunityCorrectionRow) => ({ code: record.villageCode }),
};

export const PostReleasePlacement = {
  resident: (record: PostReleasePlacementRow) => ({ id: record.residentId }),
  household: (record: PostReleasePlacementRow) => ({ id: record.householdId }),
  village: (record: PostReleasePlacementRow) => ({ code: record.villageCode }),
};
