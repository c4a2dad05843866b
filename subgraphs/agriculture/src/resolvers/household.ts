import type { AgricultureContext } from '../context.ts';
import type { HouseholdIncomeRow, ToiletRenovationRow } from '../db/schema.ts';

type HouseholdRef = { id: string };

/** Fields of the survey year; the 2021 figure is the year before. */
const SURVEY_YEAR = 2022;

export const Household = {
  /** Civil affairs owns the household; agriculture's fields load lazily and in batches. */
  __resolveReference: (ref: HouseholdRef) => ({ id: ref.id }),

  landContract: (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => ctx.loaders.landContractByHousehold.load(household.id),

  isPovertyMonitored: (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => ctx.loaders.isPovertyMonitored.load(household.id),

  povertyMonitoring: (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => ctx.loaders.monitoringByHousehold.load(household.id),

  income: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => {
    const row = await ctx.loaders.incomeByHousehold.load(household.id);
    return row ? toHouseholdIncome(row) : null;
  },

  toiletRenovation: (household: HouseholdRef, _args: unknown, ctx: AgricultureContext): Promise<ToiletRenovationRow | null> =>
    ctx.loaders.toiletByHousehold.load(household.id),

  cooperativeMemberships: (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => ctx.loaders.membershipsByHousehold.load(household.id),
};

const toHouseholdIncome = (row: HouseholdIncomeRow) => ({
  surveyYear: SURVEY_YEAR,
  personCount: row.personCount,
  perCapitaDisposableIncome: row.perCapitaIncome2022,
  previousYearPerCapitaDisposableIncome: row.perCapitaIncome2021,
  growthRate: row.perCapitaIncome2021 > 0 ? row.perCapitaIncome2022 / row.perCapitaIncome2021 - 1 : null,
});
