import type { SqliteDatabase } from '@village-graph/shared';
import type { ListCursor } from './lists.ts';

/**
 * Root lists of residents and households: one region range (and/or grid), filters, a page and a
 * count — a constant number of statements per request. Each combination of filters has its own
 * prepared statement, and the driving table is chosen explicitly (CROSS JOIN fixes the join order):
 * with a care category the care table's (category, village, resident) index drives and keeps the
 * order; otherwise residents' (village, id).
 */
export interface SearchRequest {
  low: string;
  high: string;
  grid: string | null;
  assistance: string | null;
  limit: number;
  after: ListCursor | null;
}

const AFTER = (v: string, id: string) => `(@afterRegion IS NULL OR ${v} > @afterRegion OR (${v} = @afterRegion AND ${id} > @afterKey))`;
const bindings = (r: SearchRequest, extra: Record<string, unknown> = {}) => ({
  low: r.low,
  high: r.high,
  grid: r.grid,
  assistance: r.assistance,
  afterRegion: r.after?.region ?? null,
  afterKey: r.after?.key ?? null,
  limit: r.limit,
  ...extra,
});

function cached(sqlite: SqliteDatabase) {
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  return (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
    return statement;
  };
}

/** Which table drives a resident search: its index gives the range scan (and the order). */
type Driver = 'residents' | 'care' | 'households';

const IN_ASSISTED_HOUSEHOLD = 'r.household_id IN (SELECT h.id FROM households h WHERE h.assistance = @assistance AND h.village_code BETWEEN @low AND @high)';
const HAS_CARE_CATEGORY = 'EXISTS (SELECT 1 FROM resident_care_categories c WHERE c.resident_id = r.id AND c.category = @careCategory)';

function residentPlan(driver: Driver, r: SearchRequest, careCategory: string | null) {
  const conditions = (...list: (string | false | null)[]) => list.filter((c): c is string => Boolean(c));
  switch (driver) {
    case 'residents':
      return { from: 'residents r', v: 'r.village_code', id: 'r.id', where: conditions(r.grid && 'r.grid_code = @grid', r.assistance && IN_ASSISTED_HOUSEHOLD) };
    case 'care':
      return {
        from: 'resident_care_categories c CROSS JOIN residents r ON r.id = c.resident_id',
        v: 'c.village_code',
        id: 'c.resident_id',
        where: conditions('c.category = @careCategory', r.grid && 'r.grid_code = @grid', r.assistance && IN_ASSISTED_HOUSEHOLD),
      };
    case 'households':
      return {
        from: 'households h CROSS JOIN residents r ON r.household_id = h.id',
        v: 'h.village_code',
        id: 'r.id',
        where: conditions('h.assistance = @assistance', r.grid && 'h.grid_code = @grid', careCategory !== null && HAS_CARE_CATEGORY),
      };
  }
}

export function createResidentSearch(sqlite: SqliteDatabase) {
  const prepare = cached(sqlite);
  const careRows = sqlite.prepare('SELECT count(*) AS n FROM resident_care_categories WHERE category = @careCategory AND village_code BETWEEN @low AND @high');
  const assistedHouseholds = sqlite.prepare('SELECT count(*) AS n FROM households WHERE assistance = @assistance AND village_code BETWEEN @low AND @high');

  /**
   * A care category and an assistance category together: drive from whichever is smaller in the
   * range (left-behind children are few, left-behind elderly many) — two index-only counts.
   */
  const driverFor = (r: SearchRequest, careCategory: string | null): Driver => {
    if (careCategory === null) return 'residents';
    if (r.assistance === null) return 'care';
    const care = (careRows.get({ careCategory, low: r.low, high: r.high }) as { n: number }).n;
    const households = (assistedHouseholds.get({ assistance: r.assistance, low: r.low, high: r.high }) as { n: number }).n;
    return care <= households * 2.4 ? 'care' : 'households';
  };

  return {
    /** A page and the total count of residents matching the request (two to four statements). */
    search(r: SearchRequest, careCategory: string | null): { rows: Record<string, unknown>[]; totalCount: number } {
      const driver = driverFor(r, careCategory);
      const { from, v, id, where } = residentPlan(driver, r, careCategory);
      const filters = where.map((w) => ` AND ${w}`).join('');
      const page = `SELECT r.* FROM ${from}
        WHERE ${v} BETWEEN max(@low, coalesce(@afterRegion, '')) AND @high AND ${AFTER(v, id)}${filters}
        ORDER BY ${v}, ${id} LIMIT @limit`;
      // Counting needs no resident row when the care index alone answers, and assistance alone is
      // counted from the assisted households rather than by probing every resident.
      const countPlan =
        driver === 'care' && !r.grid && !r.assistance
          ? { from: 'resident_care_categories c', v: 'c.village_code', where: ['c.category = @careCategory'] }
          : driver === 'residents' && r.assistance
            ? residentPlan('households', r, null)
            : { from, v, where };
      const count = `SELECT count(*) AS n FROM ${countPlan.from} WHERE ${countPlan.v} BETWEEN @low AND @high${countPlan.where.map((w) => ` AND ${w}`).join('')}`;
      const params = bindings(r, careCategory === null ? {} : { careCategory });
      return { rows: prepare(page).all(params) as Record<string, unknown>[], totalCount: (prepare(count).get(params) as { n: number }).n };
    },
  };
}

export function createHouseholdSearch(sqlite: SqliteDatabase) {
  const prepare = cached(sqlite);
  const where = (r: SearchRequest) =>
    [r.grid ? 'h.grid_code = @grid' : null, r.assistance ? 'h.assistance = @assistance' : null].filter(Boolean).map((w) => ` AND ${w}`).join('');
  return {
    page(r: SearchRequest): Record<string, unknown>[] {
      const text = `SELECT h.* FROM households h
        WHERE h.village_code BETWEEN max(@low, coalesce(@afterRegion, '')) AND @high AND ${AFTER('h.village_code', 'h.id')}${where(r)}
        ORDER BY h.village_code, h.id LIMIT @limit`;
      return prepare(text).all(bindings(r)) as Record<string, unknown>[];
    },
    count(r: SearchRequest): number {
      const text = `SELECT count(*) AS n FROM households h WHERE h.village_code BETWEEN @low AND @high${where(r)}`;
      return (prepare(text).get(bindings(r)) as { n: number }).n;
    },
  };
}
