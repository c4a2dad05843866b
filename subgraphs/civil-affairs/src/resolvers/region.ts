import { isRegionCode, isRuralVillageCode, mustSuppressFor, parentCode, parsePageArgs, toConnection, type PageArgs, REGION_LEVELS } from '@village-graph/shared';
import type { RegionRow } from '../db/schema.ts';
import type { CivilAffairsContext } from '../context.ts';
import { parseDateRange } from '../args.ts';
import { regionListPage } from './paging.ts';
import { toStatistics } from './statistics.ts';

/** Codes of every ancestor, province first. */
function ancestorCodes(code: string): string[] {
  const codes: string[] = [];
  for (let current = parentCode(code); current; current = parentCode(current)) codes.unshift(current);
  return codes;
}

const isVillage = (region: RegionRow) => region.level === 'VILLAGE';
const isTownship = (region: RegionRow) => region.level === 'TOWNSHIP';

type DatedListArgs = PageArgs & { from?: string | null; to?: string | null };

export const Region = {
  __resolveReference: (ref: { code: string }, ctx: CivilAffairsContext) =>
    isRegionCode(ref.code) ? ctx.loaders.regionByCode.load(ref.code) : null,

  isRuralVillage: (region: RegionRow) => isRuralVillageCode(region.code),

  parent: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) =>
    region.parentCode ? ctx.loaders.regionByCode.load(region.parentCode) : null,

  ancestors: async (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => {
    const found = await ctx.loaders.regionByCode.loadMany(ancestorCodes(region.code));
    return found.filter((r): r is RegionRow => r !== null && !(r instanceof Error));
  },

  children: async (region: RegionRow, args: PageArgs, ctx: CivilAffairsContext) => {
    const page = parsePageArgs(args);
    if (region.level === REGION_LEVELS[REGION_LEVELS.length - 1]) return toConnection([], page, 0, (r: RegionRow) => r.code);
    const [rows, total] = await Promise.all([
      ctx.loaders.childrenPage.load({ parentCode: region.code, limit: page.limit, afterCode: page.afterKey }),
      ctx.loaders.childCount.load(region.code),
    ]);
    return toConnection(rows, page, total, (r) => r.code);
  },

  // Village-level facts: empty or null above the village, without touching the database.
  committee: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isVillage(region) ? ctx.loaders.committeeByVillage.load(region.code) : []),
  subcommittees: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isVillage(region) ? ctx.loaders.subcommitteesByVillage.load(region.code) : []),
  villageRules: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isVillage(region) ? ctx.loaders.rulesByVillage.load(region.code) : []),
  serviceCentre: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isVillage(region) ? ctx.loaders.serviceCentreByVillage.load(region.code) : null),
  childDirector: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isVillage(region) ? ctx.loaders.childDirectorByVillage.load(region.code) : null),
  isDeliberationPilot: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isVillage(region) ? ctx.loaders.pilotVillage.load(region.code) : null),

  // Township-level facts.
  childSupervisors: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isTownship(region) ? ctx.loaders.supervisorsByTownship.load(region.code) : []),
  socialWorkStation: (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => (isTownship(region) ? ctx.loaders.stationByTownship.load(region.code) : null),

  // Subtree lists at any level.
  grids: (region: RegionRow, args: PageArgs, ctx: CivilAffairsContext) =>
    regionListPage({ page: ctx.loaders.gridsPage, count: ctx.loaders.gridsCount }, region.code, args, {}, (g) => [g.villageCode, g.code]),

  elderlyFacilities: (region: RegionRow, args: PageArgs & { type?: string | null }, ctx: CivilAffairsContext) =>
    regionListPage({ page: ctx.loaders.facilitiesPage, count: ctx.loaders.facilitiesCount }, region.code, args, { type: args.type ?? null }, (f) => [f.regionCode, f.id]),

  socialOrganisations: (region: RegionRow, args: PageArgs & { type?: string | null }, ctx: CivilAffairsContext) =>
    regionListPage({ page: ctx.loaders.organisationsPage, count: ctx.loaders.organisationsCount }, region.code, args, { type: args.type ?? null }, (o) => [o.villageCode, o.id]),

  disclosures: (region: RegionRow, args: DatedListArgs & { category?: string | null }, ctx: CivilAffairsContext) =>
    disclosuresOf(region.code, args, ctx),

  deliberations: (region: RegionRow, args: DatedListArgs & { topic?: string | null }, ctx: CivilAffairsContext) =>
    deliberationsOf(region.code, args, ctx),

  /**
   * Aggregates are not rows: everyone may read them, but for the public and analysts small counts
   * of people and households are withheld (one more statement per batch of regions).
   */
  civilAffairsStatistics: async (region: RegionRow, _args: unknown, ctx: CivilAffairsContext) => {
    const [sums, suppressed] = await Promise.all([
      ctx.loaders.statistics.load(region.code),
      mustSuppressFor(ctx.access.identity) ? ctx.loaders.suppressedStatistics.load(region.code) : undefined,
    ]);
    return toStatistics(sums, suppressed);
  },
};

/** Disclosures in a region's subtree (shared by `Region.disclosures` and `Query.disclosures`). */
export function disclosuresOf(code: string, args: DatedListArgs & { category?: string | null }, ctx: CivilAffairsContext) {
  const { from, to } = parseDateRange(args);
  return regionListPage({ page: ctx.loaders.disclosuresPage, count: ctx.loaders.disclosuresCount }, code, args, { category: args.category ?? null, from, to }, (d) => [d.villageCode, d.id]);
}

/** Deliberations in a region's subtree (shared by `Region.deliberations` and `Query.deliberations`). */
export function deliberationsOf(code: string, args: DatedListArgs & { topic?: string | null }, ctx: CivilAffairsContext) {
  const { from, to } = parseDateRange(args);
  return regionListPage({ page: ctx.loaders.deliberationsPage, count: ctx.loaders.deliberationsCount }, code, args, { topic: args.topic ?? null, from, to }, (d) => [d.villageCode, d.id]);
}
