import { parseRegionCode, type PageArgs } from '@village-graph/shared';
import { annualCheckCutoff, parseAsOf, parseDateRange } from '../dates.ts';
import { lazyConnection, parseDoctorPage, parseIntInRange, parseResidentPage, residentCursorKey } from '../args.ts';
import type { HealthContext } from '../context.ts';

interface WithinArgs extends PageArgs {
  within: string;
}

export const Query = {
  mentalHealthPatientsDue: (_: unknown, args: WithinArgs & { asOf?: string | null; minRiskGrade?: number | null }, ctx: HealthContext) => {
    const within = parseRegionCode(args.within, 'within');
    const asOf = parseAsOf(args.asOf);
    const minRiskGrade = parseIntInRange(args.minRiskGrade, 'minRiskGrade', 0, 5);
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.mentalDue(within, { asOf, minRiskGrade }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey);
  },

  elderlyCheckOverdue: (_: unknown, args: WithinArgs & { asOf?: string | null; dependencyLevel?: string | null }, ctx: HealthContext) => {
    const within = parseRegionCode(args.within, 'within');
    const cutoff = annualCheckCutoff(parseAsOf(args.asOf));
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.elderlyOverdue(within, { cutoff, dependencyLevel: args.dependencyLevel ?? null }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey);
  },

  chronicPatients: (_: unknown, args: WithinArgs & { condition?: string | null }, ctx: HealthContext) => {
    const within = parseRegionCode(args.within, 'within');
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.chronicPatients(within, { condition: args.condition ?? null }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey);
  },

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
    const within = parseRegionCode(args.within, 'within');
    const range = parseDateRange(args);
    const { page, after } = parseResidentPage(args);
    const { rows, total } = ctx.queries.contractList(within, { ...range, keyPopulation: args.keyPopulation ?? null }, after, page.limit + 1);
    return lazyConnection(rows, page, total, residentCursorKey);
  },
};
