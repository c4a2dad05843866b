import { and, asc, between, count, eq, exists, gt, gte, inArray, lt, notExists, sql, type SQL } from 'drizzle-orm';
import { Errors, inJsonList, parsePageArgs, parseRegionCode, subtreeRange, toConnection, type PageArgs } from '@village-graph/shared';
import {
  DANGEROUS_GRADES,
  dwellings,
  renovationApplications,
  transferStations,
  type RenovationMethod,
  type RenovationPriorityGroup,
  type RenovationStatus,
  type SafetyGrade,
} from '../db/schema.ts';
import type { HousingContext } from '../context.ts';
import { parseApplicationId, parseDateRange, parseDwellingId, parseGridCode } from '../args.ts';
import { assertMayFilterBy, listScope } from '../access.ts';
import { visibleDwelling } from './dwelling.ts';
import { visibleApplication } from './renovation-application.ts';

type Table = typeof dwellings | typeof renovationApplications;

/**
 * Rows of a region subtree. Ids start with the village code (a CHECK guarantees it), so besides
 * the village-code range the subtree is also an id range: SQLite can walk the primary key in id
 * order and stop after one page instead of sorting the whole subtree.
 */
function withinSubtree(table: Table, code: string): SQL {
  const { low, high } = subtreeRange(code);
  return and(between(table.villageCode, low, high), gte(table.id, low), lt(table.id, `${high}~`))!;
}

/** A grid lies inside its village: the village-code index narrows the search, the grid code decides. */
const inGrid = (table: Table, grid: string): SQL => and(eq(table.villageCode, grid.slice(0, 12)), eq(table.gridCode, grid))!;

/** A grid worker's rows: only their own grids (one JSON parameter whatever their number). */
const inGrids = (table: Table, grids: readonly string[] | null): SQL | undefined => (grids ? inJsonList(table.gridCode, grids) : undefined);

function parseGrades(grades: readonly SafetyGrade[] | null | undefined): SafetyGrade[] {
  const chosen = [...new Set(grades ?? DANGEROUS_GRADES)];
  if (chosen.length === 0 || chosen.some((g) => !(DANGEROUS_GRADES as readonly string[]).includes(g))) {
    throw Errors.BAD_USER_INPUT.error('grades must list dangerous grades only (C and/or D).', { argument: 'grades' });
  }
  return chosen;
}

export const Query = {
  dwelling: (_: unknown, args: { id: string }, ctx: HousingContext) => visibleDwelling(ctx, parseDwellingId(args.id, 'id')),

  renovationApplication: (_: unknown, args: { id: string }, ctx: HousingContext) => visibleApplication(ctx, parseApplicationId(args.id, 'id')),

  dangerousDwellings: (
    _: unknown,
    args: PageArgs & { within: string; grades?: SafetyGrade[] | null; grid?: string | null; hasRenovationApplication?: boolean | null },
    ctx: HousingContext,
  ) => {
    const within = parseRegionCode(args.within, 'within');
    const grades = parseGrades(args.grades);
    const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
    const page = parsePageArgs(args);
    const { grids } = listScope(ctx.access, within, grid);
    const application = ctx.db.select({ one: sql`1` }).from(renovationApplications).where(eq(renovationApplications.dwellingId, dwellings.id));
    const filter = and(
      withinSubtree(dwellings, within),
      inArray(dwellings.safetyGrade, grades),
      grid ? inGrid(dwellings, grid) : undefined,
      inGrids(dwellings, grids),
      args.hasRenovationApplication == null ? undefined : args.hasRenovationApplication ? exists(application) : notExists(application),
    );
    const rows = ctx.db
      .select()
      .from(dwellings)
      .where(and(filter, page.afterKey ? gt(dwellings.id, page.afterKey) : undefined))
      .orderBy(asc(dwellings.id))
      .limit(page.limit + 1)
      .all();
    const total = ctx.db.select({ n: count() }).from(dwellings).where(filter).get()?.n ?? 0;
    return toConnection(rows, page, total, (r) => r.id);
  },

  renovationApplications: (
    _: unknown,
    args: PageArgs & {
      within: string;
      status?: RenovationStatus | null;
      priorityGroup?: RenovationPriorityGroup | null;
      method?: RenovationMethod | null;
      grid?: string | null;
      from?: string | null;
      to?: string | null;
    },
    ctx: HousingContext,
  ) => {
    const within = parseRegionCode(args.within, 'within');
    const grid = args.grid == null ? null : parseGridCode(args.grid, 'grid');
    const { from, to } = parseDateRange(args);
    const page = parsePageArgs(args);
    const { grids } = listScope(ctx.access, within, grid);
    // Filtering by a sensitive field reads it: the field's own rule, and each row returned is logged.
    const readFields = [...(args.status ? ['status'] : []), ...(args.priorityGroup ? ['priorityGroup'] : [])];
    for (const field of readFields) assertMayFilterBy(ctx.access, field);
    const t = renovationApplications;
    const filter = and(
      withinSubtree(t, within),
      args.status ? eq(t.status, args.status) : undefined,
      args.priorityGroup ? eq(t.priorityGroup, args.priorityGroup) : undefined,
      args.method ? eq(t.method, args.method) : undefined,
      grid ? inGrid(t, grid) : undefined,
      inGrids(t, grids),
      from ? gte(t.appliedOn, from) : undefined,
      to ? sql`${t.appliedOn} <= ${to}` : undefined,
    );
    const rows = ctx.db
      .select()
      .from(t)
      .where(and(filter, page.afterKey ? gt(t.id, page.afterKey) : undefined))
      .orderBy(asc(t.id))
      .limit(page.limit + 1)
      .all();
    const total = ctx.db.select({ n: count() }).from(t).where(filter).get()?.n ?? 0;
    const connection = toConnection(rows, page, total, (r) => r.id);
    if (readFields.length > 0) for (const row of connection.nodes) ctx.request.audit.read(row.householdId, readFields);
    return connection;
  },

  transferStations: (_: unknown, args: PageArgs & { within: string }, ctx: HousingContext) => {
    const { low, high } = subtreeRange(parseRegionCode(args.within, 'within'));
    const page = parsePageArgs(args);
    const filter = between(transferStations.townshipCode, low, high);
    const rows = ctx.db
      .select()
      .from(transferStations)
      .where(and(filter, page.afterKey ? gt(transferStations.id, page.afterKey) : undefined))
      .orderBy(asc(transferStations.id))
      .limit(page.limit + 1)
      .all();
    const total = ctx.db.select({ n: count() }).from(transferStations).where(filter).get()?.n ?? 0;
    return toConnection(rows, page, total, (r) => r.id);
  },
};
