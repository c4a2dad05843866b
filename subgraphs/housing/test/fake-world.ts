import { createHash } from 'node:crypto';
import { createRandom, type AssistanceCategory, type SeedRegion, type SeedWorld, type WorldHousehold, type WorldVillage } from '@village-graph/shared';

/**
 * A small hand-built SeedWorld standing in for the lead's generator: a tree of cities, counties,
 * townships and rural villages with deterministic households. `townships` townships spread over
 * counties of up to 20 townships; `villagesPerTownship` villages each; `households(code)` households
 * per village.
 */
export interface FakeWorldOptions {
  seed?: number;
  scale?: number;
  townships: number;
  /** Total rural villages, spread evenly over the townships. */
  villages: number;
  /** Households per village (deterministic per village). */
  householdsPerVillage: (random: ReturnType<typeof createRandom>) => number;
  /** Share of households with a social-assistance status (default 0.06). */
  assistanceRate?: number;
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16).toUpperCase();

export function createFakeWorld(options: FakeWorldOptions): SeedWorld & { householdIds(): Set<string>; gridCodes(): Set<string> } {
  const { seed = 7, scale = 0.01, townships: townshipCount, villages: villageCount, householdsPerVillage, assistanceRate = 0.06 } = options;
  const regions: SeedRegion[] = [{ code: '220000000000', name: '吉林省', level: 'PROVINCE', parentCode: null }];
  const townships: SeedRegion[] = [];
  const ruralVillages: SeedRegion[] = [];
  const countyCount = Math.ceil(townshipCount / 20);
  const cityCount = Math.min(9, countyCount);
  const cities = Array.from({ length: cityCount }, (_, i): SeedRegion => ({ code: `22${String(i + 1).padStart(2, '0')}00000000`, name: `市${i + 1}`, level: 'CITY', parentCode: '220000000000' }));
  regions.push(...cities);
  const counties: SeedRegion[] = [];
  for (let c = 0; c < countyCount; c++) {
    const city = cities[c % cityCount]!;
    const code = `${city.code.slice(0, 4)}${String(Math.floor(c / cityCount) + 1).padStart(2, '0')}000000`;
    counties.push({ code, name: `县${c + 1}`, level: 'COUNTY', parentCode: city.code });
  }
  regions.push(...counties);
  for (let t = 0; t < townshipCount; t++) {
    const county = counties[t % countyCount]!;
    const serial = Math.floor(t / countyCount) + 1;
    const suffix = t % 5 === 0 ? '街道' : t % 3 === 0 ? '乡' : '镇';
    townships.push({ code: `${county.code.slice(0, 6)}${String(serial).padStart(3, '0')}000`, name: `乡镇${t + 1}${suffix}`, level: 'TOWNSHIP', parentCode: county.code });
  }
  townships.sort((a, b) => (a.code < b.code ? -1 : 1));
  regions.push(...townships);
  for (let v = 0; v < villageCount; v++) {
    const township = townships[v % townshipCount]!;
    const serial = 200 + Math.floor(v / townshipCount);
    ruralVillages.push({ code: `${township.code.slice(0, 9)}${serial}`, name: `村${v + 1}村委会`, level: 'VILLAGE', parentCode: township.code });
  }
  ruralVillages.sort((a, b) => (a.code < b.code ? -1 : 1));
  regions.push(...ruralVillages);

  const byCode = new Map(ruralVillages.map((r) => [r.code, r]));
  const village = (code: string): WorldVillage => {
    const region = byCode.get(code);
    if (!region) throw new Error(`no village ${code}`);
    const random = createRandom(seed, `fake:${code}`);
    const grids = [1, 2].map((serial) => ({ code: `${code}${String(serial).padStart(3, '0')}`, villageCode: code, serial }));
    const count = householdsPerVillage(random);
    const households: WorldHousehold[] = [];
    for (let h = 0; h < count; h++) {
      const id = `H${hex(`${seed}:${code}:${h}`)}`;
      const size = random.int(1, 5);
      const assistance: AssistanceCategory | null = random.chance(assistanceRate)
        ? random.pick(['SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY_DISPERSED', 'EXTREME_POVERTY_CENTRALIZED', 'LOW_INCOME_MARGINAL'] as const)
        : null;
      households.push({
        id,
        villageCode: code,
        gridCode: grids[h % 2]!.code,
        members: Array.from({ length: size }, (_, m) => ({
          id: `R${hex(`${seed}:${code}:${h}:${m}`)}`,
          householdId: id,
          name: `居民${m}`,
          sex: m % 2 === 0 ? 'MALE' : 'FEMALE',
          birthDate: '1970-01-01',
          idNumber: '220112197001010011',
          ethnicity: 'HAN',
          relation: m === 0 ? 'HEAD' : 'CHILD',
          workingAway: false,
          disabled: random.chance(0.03),
        })),
        assistance,
        povertyMonitored: random.chance(0.02),
        perCapitaIncome: random.int(8000, 30000),
      });
    }
    return { region, grids, households };
  };

  const world = {
    seed,
    scale,
    regions,
    ruralVillages,
    townships,
    village,
    *villages() {
      for (const r of ruralVillages) yield village(r.code);
    },
    random: (stream: string) => createRandom(seed, stream),
    asOf: '2022-12-31',
    householdIds() {
      const ids = new Set<string>();
      for (const v of world.villages()) for (const h of v.households) ids.add(h.id);
      return ids;
    },
    gridCodes() {
      const codes = new Set<string>();
      for (const v of world.villages()) for (const g of v.grids) codes.add(g.code);
      return codes;
    },
  };
  return world;
}
