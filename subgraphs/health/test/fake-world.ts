import { createRandom, type SeedRegion, type SeedWorld, type WorldHousehold, type WorldResident, type WorldVillage } from '@village-graph/shared';

/**
 * A small hand-built province for seeder tests: two counties, three townships, four rural villages
 * (and one urban community that must get nothing), ~80 households per village with an ageing
 * population. Deterministic: the same seed builds the same people on every call.
 */
const REGIONS: SeedRegion[] = [
  { code: '220000000000', name: '吉林省', level: 'PROVINCE', parentCode: null },
  { code: '220100000000', name: '长春市', level: 'CITY', parentCode: '220000000000' },
  { code: '220112000000', name: '双阳区', level: 'COUNTY', parentCode: '220100000000' },
  { code: '220112001000', name: '太平镇', level: 'TOWNSHIP', parentCode: '220112000000' },
  { code: '220112001001', name: '太平社区居民委员会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112001201', name: '永红村委会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112001202', name: '前进村委会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112002000', name: '双桥乡', level: 'TOWNSHIP', parentCode: '220112000000' },
  { code: '220112002201', name: '双桥村委会', level: 'VILLAGE', parentCode: '220112002000' },
  { code: '220122000000', name: '农安县', level: 'COUNTY', parentCode: '220100000000' },
  { code: '220122101000', name: '合隆镇', level: 'TOWNSHIP', parentCode: '220122000000' },
  { code: '220122101201', name: '陈家店村委会', level: 'VILLAGE', parentCode: '220122101000' },
];

export const FAKE_VILLAGES = REGIONS.filter((r) => r.level === 'VILLAGE' && /^[23]/.test(r.code.slice(9))).map((r) => r.code);

const hex = (random: ReturnType<typeof createRandom>) =>
  Array.from({ length: 16 }, () => '0123456789abcdef'[random.int(0, 15)]).join('');

function buildVillage(seed: number, region: SeedRegion, householdsPerVillage: number): WorldVillage {
  const random = createRandom(seed, `fake-world:${region.code}`);
  const grids = [1, 2].map((serial) => ({ code: `${region.code}${String(serial).padStart(3, '0')}`, villageCode: region.code, serial }));
  const households: WorldHousehold[] = [];
  for (let h = 0; h < householdsPerVillage; h++) {
    const householdId = `H${hex(random)}`;
    const size = random.weighted([[1, 20], [2, 35], [3, 25], [4, 15], [5, 5]] as const);
    const headAge = random.int(30, 92);
    const members: WorldResident[] = [];
    for (let m = 0; m < size; m++) {
      const age = m === 0 ? headAge : m === 1 ? Math.max(20, headAge - random.int(-3, 5)) : random.int(0, Math.max(1, headAge - 20));
      const birthYear = 2022 - age;
      const birthDate = `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const sex = random.chance(0.5) ? 'MALE' : 'FEMALE';
      members.push({
        id: `R${hex(random)}`,
        householdId,
        name: `测试${h}-${m}`,
        sex,
        birthDate,
        idNumber: `${region.code.slice(0, 6)}${birthDate.replaceAll('-', '')}0001`,
        ethnicity: 'HAN',
        relation: m === 0 ? 'HEAD' : m === 1 ? 'SPOUSE' : 'CHILD',
        workingAway: age >= 18 && age < 60 && random.chance(0.3),
        disabled: random.chance(0.05),
      });
    }
    households.push({
      id: householdId,
      villageCode: region.code,
      gridCode: grids[h % 2]!.code,
      members,
      assistance: null,
      povertyMonitored: false,
      perCapitaIncome: 15000,
    });
  }
  return { region, grids, households };
}

export function createFakeWorld({ seed = 11, householdsPerVillage = 80 } = {}): SeedWorld {
  const ruralVillages = REGIONS.filter((r) => FAKE_VILLAGES.includes(r.code));
  const village = (code: string) => {
    const region = ruralVillages.find((r) => r.code === code);
    if (!region) throw new Error(`not a rural village: ${code}`);
    return buildVillage(seed, region, householdsPerVillage);
  };
  return {
    seed,
    scale: 0.001,
    regions: REGIONS,
    ruralVillages,
    townships: REGIONS.filter((r) => r.level === 'TOWNSHIP'),
    village,
    *villages() {
      for (const region of ruralVillages) yield village(region.code);
    },
    random: (stream) => createRandom(seed, stream),
    asOf: '2022-12-31',
  };
}
