import type { LegalAdviserRow, LegalAidCaseRow, LegalAidContactPointRow } from '../db/schema.ts';
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

export const LegalAidCase = {
  applicant: (legalAidCase: LegalAidCaseRow) => ({ id: legalAidCase.residentId }),
  household: (legalAidCase: LegalAidCaseRow) => ({ id: legalAidCase.householdId }),
  village: (legalAidCase: LegalAidCaseRow) => ({ code: legalAidCase.villageCode }),
  contactPoint: (legalAidCase: LegalAidCaseRow, _: unknown, ctx: JusticeContext) => ctx.loaders.contactPointByTownship.load(legalAidCase.townshipCode),
};
