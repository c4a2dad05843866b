import { createRandom, type SeedRegion, type SeedWorld, type WorldHousehold, type WorldResident, type WorldVillage } from '@village-graph/shared';

/**
 * A small hand-built SeedWorld for the seeder tests (the real generator lives in scripts/lib/world/).
 * Villages, grids, households and residents are generated deterministically from the seed, lazily,
 * and identically on every call, like the real one.
 */
export interface FakeWorldOptions {
  seed?: number;
  scale?: number;
  /** Households per rural village (people are only generated for these). */
  householdsPerVillage?: number;
  /** Extra rural villages, for per-village facts at realistic counts. */
  extraVillages?: number;
  /** Households in each extra village (default none). */
  householdsPerExtraVillage?: number;
}

const NAMED_VILLAGES: readonly [string, string][] = [
  ['220112001201', '永红村委会'],
  ['220112001202', '前进村委会'],
  ['220112002200', '双桥村委会'],
  ['220282100201', '红旗村委会'],
];

export const FAKE_VILLAGE_CODES = NAMED_VILLAGES.map(([code]) => code);

const hex = (random: ReturnType<typeof createRandom>, digits: number) =>
  Array.from({ length: digits }, () => '0123456789abcdef'[random.int(0, 15)]).join('');

export function createFakeWorld({
  seed = 1,
  scale = 0.001,
  householdsPerVillage = 40,
  extraVillages = 0,
  householdsPerExtraVillage = 0,
}: FakeWorldOptions = {}): SeedWorld {
  const regions: SeedRegion[] = [
    { code: '220000000000', name: '吉林省', level: 'PROVINCE', parentCode: null },
    { code: '220100000000', name: '长春市', level: 'CITY', parentCode: '220000000000' },
    { code: '220112000000', name: '双阳区', level: 'COUNTY', parentCode: '220100000000' },
    { code: '220112001000', name: '云山街道', level: 'TOWNSHIP', parentCode: '220112000000' },
    { code: '220112001001', name: '幸福社区', level: 'VILLAGE', parentCode: '220112001000' },
    { code: '220112001201', name: '永红村委会', level: 'VILLAGE', parentCode: '220112001000' },
    { code: '220112001202', name: '前进村委会', level: 'VILLAGE', parentCode: '220112001000' },
    { code: '220112002000', name: '平湖街道', level: 'TOWNSHIP', parentCode: '220112000000' },
    { code: '220112002200', name: '双桥村委会', level: 'VILLAGE', parentCode: '220112002000' },
    { code: '220200000000', name: '吉林市', level: 'CITY', parentCode: '220000000000' },
    { code: '220282000000', name: '桦甸市', level: 'COUNTY', parentCode: '220200000000' },
    { code: '220282100000', name: '桦郊乡', level: 'TOWNSHIP', parentCode: '220282000000' },
    { code: '220282100201', name: '红旗村委会', level: 'VILLAGE', parentCode: '220282100000' },
  ];
  // Filler villages spread over Jilin's nine cities (codes need not be real, only well-formed).
  const cities = ['2201', '2202', '2203', '2204', '2205', '2206', '2207', '2208', '2224'];
  for (let i = 0; i < extraVillages; i++) {
    const county = `${cities[i % cities.length]}${String(81 + (Math.floor(i / 9) % 9)).padStart(2, '0')}`;
    const township = `${county}${String(200 + (Math.floor(i / 81) % 700)).padStart(3, '0')}`;
    const code = `${township}${String(200 + Math.floor(i / 56700)).padStart(3, '0')}`;
    regions.push({ code, name: `第${i}村委会`, level: 'VILLAGE', parentCode: `${township}000` });
  }
  const ruralVillages = regions
    .filter((r) => r.level === 'VILLAGE' && (r.code[9] === '2' || r.code[9] === '3'))
    .sort((a, b) => a.code.localeCompare(b.code));
  const peopled = new Set(FAKE_VILLAGE_CODES);
  const byCode = new Map(ruralVillages.map((r) => [r.code, r]));

  const village = (code: string): WorldVillage => {
    const region = byCode.get(code);
    if (!region) throw new Error(`no rural village ${code}`);
    const random = createRandom(seed, `fake-world:${code}`);
    const grids = [1, 2, 3].map((serial) => ({ code: `${code}${String(serial).padStart(3, '0')}`, villageCode: code, serial }));
    const households: WorldHousehold[] = [];
    for (let h = 0; h < (peopled.has(code) ? householdsPerVillage : householdsPerExtraVillage); h++) {
      const id = `H${hex(random, 16)}`;
      const size = random.weighted([[1, 15], [2, 30], [3, 30], [4, 15], [5, 10]] as const);
      const members: WorldResident[] = Array.from({ length: size }, (_, m) => {
        const year = m === 0 ? random.int(1940, 1990) : random.int(1940, 2020);
        return {
          id: `R${hex(random, 16)}`,
          householdId: id,
          name: `居民${h}-${m}`,
          sex: random.chance(0.5) ? 'MALE' : 'FEMALE',
          birthDate: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
          idNumber: '220112199001010011',
          ethnicity: 'HAN',
          relation: m === 0 ? 'HEAD' : 'CHILD',
          workingAway: random.chance(0.3),
          disabled: random.chance(0.05),
        };
      });
      households.push({
        id,
        villageCode: code,
        gridCode: random.pick(grids).code,
        members,
        assistance: random.chance(0.05) ? 'SUBSISTENCE_ALLOWANCE' : null,
        povertyMonitored: random.chance(0.08),
        perCapitaIncome: Math.round(Math.max(3000, random.normal(18134, 6000))),
      });
    }
    return { region, grids, households };
  };

  return {
    seed,
    scale,
    regions,
    ruralVillages,
    townships: regions.filter((r) => r.level === 'TOWNSHIP'),
    village,
    *villages() {
      for (const region of ruralVillages) yield village(region.code);
    },
    random: (stream) => createRandom(seed, stream),
    asOf: '2022-12-31',
  };
}
