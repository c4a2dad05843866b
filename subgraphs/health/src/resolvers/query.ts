import { Errors, parseRegionCode, scopesOf, type PageArgs } from '@village-graph/shared';
import { annualCheckCutoff, parseAsOf, parseDateRange } from '../dates.ts';
import { lazyConnection, parseDoctorPage, parseIntInRange, parseResidentPage, residentCursorKey } from '../args.ts';
import type { HealthContext } from '../context.ts';

interface WithinArgs extends PageArgs {
  within: string;
}

/** A personal region list: `within` must lie inside the caller's area. */
const personalWithin = (args: WithinArgs, ctx: HealthContext): string => {
  const within = parseRegionCode(args.within, 'within');
  ctx.access.listWithin(within);
  return within;
};

/** Being on the list is itself sensitive (a patient, an overdue check…): each served row is logged. */
const logServed = (ctx: HealthContext, list: string) => (rows: readonly { residentId: string }[]) => {
  for (const row of rows) ctx.access.read(row.residentId, [list]);
};

export const Query = {
  mentalHealthPatientsDue: (_: unknown, args: WithinArgs & { asOf?: string | null; minRiskGrade?: number | null }, ctx: HealthContext) => {
    const within = personalWithin(args, ctx);
    const asOf = parseAsOf(args.asOf);
    const minRiskGrade = parseIntInRange(args.minRiskGrade, 'minRiskGrade', 0, 5);
    // Filtering by risk grade would reveal it: health staff only, like the grade itself.
    if (minRiskGrade !== null && !scopesOf(ctx.access.identity).has('department:health')) {
      throw Errors.FORBIDDEN.error('Only health staff may filter by risk grade.', { argument: 'minRiskGrade' });
    }
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.mentalDue(within, { asOf, minRiskGrade }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey, logServed(ctx, 'mentalHealthPatientsDue'));
  },

  elderlyCheckOverdue: (_: unknown, args: WithinArgs & { asOf?: string | null; dependencyLevel?: string | null }, ctx: HealthContext) => {
    const within = personalWithin(args, ctx);
    const cutoff = annualCheckCutoff(parseAsOf(args.asOf));
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.elderlyOverdue(within, { cutoff, dependencyLevel: args.dependencyLevel ?? null }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey, logServed(ctx, 'elderlyCheckOverdue'));
  },

  chronicPatients: (_: unknown, args: WithinArgs & { condition?: string | null }, ctx: HealthContext) => {
    const within = personalWithin(args, ctx);
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.chronicPatients(within, { condition: args.condition ?? null }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey, logServed(ctx, 'chronicPatients'));
  },

  /** Public: village doctors are named on their clinic's door. */
  villageDoctors: (_: unknown, args: WithinArgs & { qualification?: string | null }, ctx: HealthContext) => {
    const within = parseRegionCode(args.within, 'within');
    const page = parseDoctorPage(args);
    const { rows, total } = ctx.queries.doctorList(within, { qualification: args.qualification ?? null }, page.afterKey, page.limit + 1);
    return lazyConnection(rows, page, total, (r) => r.id);
  },

  familyDoctorContracts: (
    _: unknown,
    args: WithinArgs & { from?: string | null; to?: string | null; keyPopulation?: boolean | null },
    ctx: HealthContext,
  ) => {
    const within = personalWithin(args, ctx);
    const range = parseDateRange(args);
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.contractList(within, { ...range, keyPopulation: args.keyPopulation ?? null }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey, logServed(ctx, 'familyDoctorContracts'));
  },
};
