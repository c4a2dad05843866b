import type { AgricultureContext } from '../context.ts';
import type { HouseholdIncomeRow, ToiletRenovationRow } from '../db/schema.ts';

type HouseholdRef = { id: string };

/** Fields of the survey year; the 2021 figure is the year before. */
const SURVEY_YEAR = 2022;

/**
 * Every agriculture field of a household is personal: each checks the caller's row scope (the
 * check is batched with the contract lookup, so it costs no statement per household). The
 * sensitive ones (income, the monitoring record and the yes/no) are written to the access log.
 */
export const Household = {
  /** Civil affairs owns the household; a household outside the caller's area is FORBIDDEN. */
  __resolveReference: async (ref: HouseholdRef, ctx: AgricultureContext) => {
    await ctx.access.assertHousehold(ref.id);
    return { id: ref.id };
  },

  landContract: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertHousehold(household.id);
    return ctx.loaders.landContractByHousehold.load(household.id);
  },

  isPovertyMonitored: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertHousehold(household.id);
    const answer = await ctx.loaders.isPovertyMonitored.load(household.id);
    if (answer !== null) ctx.audit(household.id, ['Household.isPovertyMonitored']);
    return answer;
  },

  povertyMonitoring: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertHousehold(household.id);
    const [record, known] = await Promise.all([ctx.loaders.monitoringByHousehold.load(household.id), ctx.loaders.landContractByHousehold.load(household.id)]);
    // "Not monitored" is as sensitive an answer as the record (the record's own fields log themselves).
    if (record || known) ctx.audit(household.id, ['Household.povertyMonitoring']);
    return record;
  },

  income: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertHousehold(household.id);
    const row = await ctx.loaders.incomeByHousehold.load(household.id);
    if (!row) return null;
    ctx.audit(household.id, ['Household.income']);
    return toHouseholdIncome(row);
  },

  toiletRenovation: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext): Promise<ToiletRenovationRow | null> => {
    await ctx.access.assertHousehold(household.id);
    return ctx.loaders.toiletByHousehold.load(household.id);
  },

  cooperativeMemberships: async (household: HouseholdRef, _args: unknown, ctx: AgricultureContext) => {
    await ctx.access.assertHousehold(household.id);
    return ctx.loaders.membershipsByHousehold.load(household.id);
  },
};

export type HouseholdIncome = ReturnType<typeof toHouseholdIncome>;

const toHouseholdIncome = (row: HouseholdIncomeRow) => ({
  householdId: row.householdId,
  surveyYear: SURVEY_YEAR,
  personCount: row.personCount,
  perCapitaDisposableIncome: row.perCapitaIncome2022,
  previousYearPerCapitaDisposableIncome: row.perCapitaIncome2021,
  growthRate: row.perCapitaIncome2021 > 0 ? row.perCapitaIncome2022 / row.perCapitaIncome2021 - 1 : null,
});

/** The figures themselves: each read is logged with the field's name. */
const logged = (field: keyof HouseholdIncome) => (income: HouseholdIncome, _args: unknown, ctx: AgricultureContext) => {
  ctx.audit(income.householdId, [`HouseholdIncome.${field}`]);
  return income[field];
};

export const HouseholdIncome = {
  perCapitaDisposableIncome: logged('perCapitaDisposableIncome'),
  previousYearPerCapitaDisposableIncome: logged('previousYearPerCapitaDisposableIncome'),
  growthRate: logged('growthRate'),
};
