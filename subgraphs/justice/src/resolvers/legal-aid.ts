import type { LegalAdviserRow, LegalAidCaseRow, LegalAidContactPointRow } from '../db/schema.ts';
import { auditedFields } from '../audited.ts';
import type { JusticeContext } from '../context.ts';

export const LegalAdviser = {
  county: (adviser: LegalAdviserRow) => ({ code: adviser.countyCode }),
  engagements: (adviser: LegalAdviserRow, _: unknown, ctx: JusticeContext) => ctx.loaders.engagementsByAdviser.load(adviser.id),
};

export const LegalAdviserEngagement = {
  village: (engagement: { villageCode: string }) => ({ code: engagement.villageCode }),
};

export const LegalAidContactPoint = {
  township: (point: LegalAidContactPointRow) => ({ code: point.townshipCode }),
};

/** A resident's legal-aid case: every field is about the applicant and logged when read. */
export const LegalAidCase = auditedFields<LegalAidCaseRow>(
  'LegalAidCase',
  (legalAidCase) => legalAidCase.residentId,
  ['id', 'type', 'status', 'acceptedOn', 'closedOn'],
  {
    applicant: (legalAidCase) => ({ id: legalAidCase.residentId }),
    household: (legalAidCase) => ({ id: legalAidCase.householdId }),
    village: (legalAidCase) => ({ code: legalAidCase.villageCode }),
    contactPoint: (legalAidCase, _, ctx) => ctx.loaders.contactPointByTownship.load(legalAidCase.townshipCode),
  },
);
