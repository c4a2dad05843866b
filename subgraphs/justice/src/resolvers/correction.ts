import type { CommunityCorrectionRow, PostReleasePlacementRow } from '../db/schema.ts';
import { auditedFields } from '../audited.ts';

/** Everything here is sensitive and logged field by field; people are referenced by key only. */
export const CommunityCorrection = auditedFields<CommunityCorrectionRow>(
  'CommunityCorrection',
  (record) => record.residentId,
  ['id', 'type', 'status', 'startsOn', 'endsOn'],
  {
    resident: (record) => ({ id: record.residentId }),
    household: (record) => ({ id: record.householdId }),
    village: (record) => ({ code: record.villageCode }),
  },
);

export const PostReleasePlacement = auditedFields<PostReleasePlacementRow>(
  'PostReleasePlacement',
  (record) => record.residentId,
  ['id', 'releasedOn', 'assistanceEndsOn', 'placementStatus'],
  {
    resident: (record) => ({ id: record.residentId }),
    household: (record) => ({ id: record.householdId }),
    village: (record) => ({ code: record.villageCode }),
  },
);
