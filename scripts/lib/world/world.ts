import { createRandom, isRuralVillageCode, type SeedRegion, type SeedWorld, type Sex, type WorldGrid, type WorldHousehold, type WorldVillage } from '@village-graph/shared';
import { loadProvinceRegions } from '../jilin-regions.ts';
import { AS_OF, ORDINARY_SHAPES, generateHousehold, type HouseholdShape } from './households.ts';
import { createOpaqueIds } from './opaque-id.ts';

/**
 * Province-level targets at scale 1 (Jilin, end of 2022). Per-person figures are multiplied by the
 * scale; grids are per-village facts and always complete.
 */
export const WORLD_TARGETS = {
  /** ~9 million rural residents at ~2.4 persons per household. */
  households: 3_750_000,
  /** Grids (网格) across the province. */
  grids: 49_200,
  /** Left-behind children (留守儿童); civil affairs adds distressed children to reach 92,800 under care. */
  leftBehindChildren: 55_000,
  /** Share of left-behind families with a second child under 16. */
  secondChildShare: 0.35,
  /** Rural per-capita disposable income, person-weighted mean, yuan. */
  meanPerCapitaIncome: 18_134,
} as const;

/** Per-village counts decided up front so that province totals are exact (systematic rounding). */
interface VillagePlan {
  region: SeedRegion;
  index: number;
  households: number;
  grids: number;
  leftBehindFamilies: number;
  secondChildFamilies: number;
}

/** Splits `total` over items in order, proportionally to `weights`, carrying the remainder: sums exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let carried = 0;
  let given = 0;
  return weights.map((w) => {
    carried += (total * w) / sum;
    const target = Math.round(carried);
    const share = target - given;
    given = target;
    return share;
  });
}

/**
 * Test fixtures can make chosen villages dense (e.g. a grid of 200+ households, which the real
 * averages never produce at small scales) without moving any province total: the dense villages'
 * households are taken out of the total before the rest is apportioned.
 */
export interface WorldOptions {
  denseVillages?: Readonly<Record<string, { householdsPerGrid: number }>>;
}

function plan(villages: readonly SeedRegion[], scale: number, seed: number, { denseVillages = {} }: WorldOptions): VillagePlan[] {
  const sizes = villages.map((v) => Math.exp(createRandom(seed, `world:size:${v.code}`).normal(0, 0.35)));
  // Every village has at least one grid; the rest follow village size.
  const extraGrids = apportion(WORLD_TARGETS.grids - villages.length, sizes);
  const fixed = villages.map((v, i) => {
    const dense = denseVillages[v.code];
    return dense ? dense.householdsPerGrid * (1 + extraGrids[i]!) : null;
  });
  const fixedTotal = fixed.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const apportioned = apportion(Math.max(0, Math.round(WORLD_TARGETS.households * scale) - fixedTotal), sizes.map((s, i) => (fixed[i] === null ? s : 0)));
  const households = apportioned.map((n, i) => fixed[i] ?? n);
  const leftBehindChildren = Math.round(WORLD_TARGETS.leftBehindChildren * scale);
  const families = Math.round(leftBehindChildren / (1 + WORLD_TARGETS.secondChildShare));
  const leftBehind = apportion(families, households).map((k, i) => Math.min(k, households[i]!));
  const secondChild = apportion(leftBehindChildren - leftBehind.reduce((a, b) => a + b, 0), leftBehind).map((c, i) => Math.min(c, leftBehind[i]!));
  return villages.map((region, index) => ({
    region,
    index,
    households: households[index]!,
    grids: 1 + extraGrids[index]!,
    leftBehindFamilies: leftBehind[index]!,
    secondChildFamilies: secondChild[index]!,
  }));
}

/**
 * Builds the synthetic province: the real region tree and, on demand, the people of each county
 * (a county at a time, so ID-number sequences are unique within the county as they are in life).
 */
export function buildWorld(scale: number, seed: number, options: WorldOptions = {}): SeedWorld {
  const regions = loadProvinceRegions();
  const ruralVillages = regions.filter((r) => isRuralVillageCode(r.code));
  const plans = plan(ruralVillages, scale, seed, options);
  const planByCode = new Map(plans.map((p) => [p.region.code, p]));
  const countyCodes = [...new Set(ruralVillages.map((v) => v.code.slice(0, 6)))];
  const plansByCounty = new Map<string, VillagePlan[]>(countyCodes.map((c) => [c, plans.filter((p) => p.region.code.startsWith(c))]));
  const ids = createOpaqueIds(seed);
  const incomeBase = calibrateIncomeBase(seed);

  const generateCounty = (countyCode: string): Map<string, WorldVillage> => {
    const usedSequences = new Set<string>();
    const sequenceRandom = createRandom(seed, `world:id-sequence:${countyCode}`);
    const reserveSequence = (birthDate: string, sex: Sex) => {
      let sequence = sequenceRandom.int(0, 499) * 2 + (sex === 'MALE' ? 1 : 0);
      while (usedSequences.has(`${birthDate}${sequence}`)) sequence = (sequence + 2) % 1000;
      usedSequences.add(`${birthDate}${sequence}`);
      return sequence;
    };
    const villages = new Map<string, WorldVillage>();
    for (const p of plansByCounty.get(countyCode) ?? []) {
      const code = p.region.code;
      const random = createRandom(seed, `world:village:${code}`);
      const grids: WorldGrid[] = Array.from({ length: p.grids }, (_, i) => ({ code: `${code}${String(i + 1).padStart(3, '0')}`, villageCode: code, serial: i + 1 }));
      // Left-behind families are spread through the village rather than bunched at the start.
      const shapes: HouseholdShape[] = Array.from({ length: p.households }, () => random.weighted(ORDINARY_SHAPES));
      const leftBehindSlots = new Set(Array.from({ length: p.leftBehindFamilies }, (_, k) => Math.floor(((k + 0.5) * p.households) / p.leftBehindFamilies)));
      let residentCounter = 0;
      let leftBehindSeen = 0;
      const households: WorldHousehold[] = shapes.map((ordinary, i) => {
        const leftBehind = leftBehindSlots.has(i);
        const shape: HouseholdShape = leftBehind ? 'LEFT_BEHIND_FAMILY' : ordinary;
        if (leftBehind) leftBehindSeen++;
        return generateHousehold(shape, {
          random,
          countyCode,
          villageCode: code,
          gridCode: grids[Math.floor((i * p.grids) / p.households)]!.code,
          householdId: ids.household(p.index * 0x10000 + i),
          nextResidentId: () => ids.resident(p.index * 0x10000 + residentCounter++),
          reserveSequence,
          secondLeftBehindChild: leftBehind && leftBehindSeen <= p.secondChildFamilies,
          incomeBase,
        });
      });
      villages.set(code, { region: p.region, grids, households });
    }
    return villages;
  };

  // One county of people in memory at a time (~130,000 residents at scale 1).
  let cached: { county: string; villages: Map<string, WorldVillage> } | null = null;
  const county = (countyCode: string) => {
    if (cached?.county !== countyCode) cached = { county: countyCode, villages: generateCounty(countyCode) };
    return cached.villages;
  };

  return {
    seed,
    scale,
    asOf: AS_OF,
    regions,
    ruralVillages,
    townships: regions.filter((r) => r.level === 'TOWNSHIP'),
    random: (stream) => createRandom(seed, stream),
    village(code) {
      if (!planByCode.has(code)) throw new Error(`${code} is not a rural village of this world`);
      return county(code.slice(0, 6)).get(code)!;
    },
    *villages() {
      for (const countyCode of countyCodes) yield* county(countyCode).values();
    },
  };
}

/**
 * Finds the income multiplier that makes the person-weighted mean per-capita income 18,134 yuan,
 * by generating a fixed sample of households with the real generator: self-calibrating, so a
 * change to the household mix or the income factors never silently moves the figure.
 */
/** Incomes are rounded to whole yuan, so the calibration sample uses a base large enough not to notice. */
const CALIBRATION_BASE = 10_000;

function calibrateIncomeBase(seed: number): number {
  const random = createRandom(seed, 'world:income-calibration');
  let sequence = 0;
  let persons = 0;
  let income = 0;
  for (let i = 0; i < 50_000; i++) {
    const household = generateHousehold(random.weighted(ORDINARY_SHAPES), {
      random,
      countyCode: '220112',
      villageCode: '220112001201',
      gridCode: '220112001201001',
      householdId: 'H',
      nextResidentId: () => 'R',
      reserveSequence: () => (sequence = (sequence + 1) % 1000),
      secondLeftBehindChild: false,
      incomeBase: CALIBRATION_BASE,
    });
    persons += household.members.length;
    income += household.perCapitaIncome * household.members.length;
  }
  return (WORLD_TARGETS.meanPerCapitaIncome * CALIBRATION_BASE) / (income / persons);
}
