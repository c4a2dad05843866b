import {
  createRandom,
  isRuralVillageCode,
  type AssistanceCategory,
  type HouseholdRelation,
  type SeedRegion,
  type SeedWorld,
  type Sex,
  type WorldHousehold,
  type WorldVillage,
} from '@village-graph/shared';

/**
 * A small hand-built province for the seeder and resolver tests: two counties, three townships,
 * four rural villages and one urban community, with households written out member by member so
 * that each care category has a case whose answer is known.
 */
export const REGIONS: SeedRegion[] = [
  { code: '220000000000', name: '吉林省', level: 'PROVINCE', parentCode: null },
  { code: '220100000000', name: '长春市', level: 'CITY', parentCode: '220000000000' },
  { code: '220112000000', name: '双阳区', level: 'COUNTY', parentCode: '220100000000' },
  { code: '220112001000', name: '云山街道', level: 'TOWNSHIP', parentCode: '220112000000' },
  { code: '220112001001', name: '幸福社区', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112001201', name: '永红村委会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112001202', name: '前进村委会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112002000', name: '平湖街道', level: 'TOWNSHIP', parentCode: '220112000000' },
  { code: '220112002201', name: '双桥村委会', level: 'VILLAGE', parentCode: '220112002000' },
  { code: '220122000000', name: '农安县', level: 'COUNTY', parentCode: '220100000000' },
  { code: '220122100000', name: '农安镇', level: 'TOWNSHIP', parentCode: '220122000000' },
  { code: '220122100201', name: '宝塔村', level: 'VILLAGE', parentCode: '220122100000' },
];

/** [relation, sex, age, options]: age is whole years on 2022-12-31. */
type MemberSpec = [HouseholdRelation, Sex, number, { away?: boolean; disabled?: boolean }?];

export interface FakeWorldOptions {
  /** Dataset scale; 0.0001 makes the children-under-care target round(9.28) = 9. */
  scale?: number;
  seed?: number;
}

export function buildFakeWorld({ scale = 0.0001, seed = 11 }: FakeWorldOptions = {}): SeedWorld {
  let householdCounter = 0;
  let residentCounter = 0;
  const hex = (n: number) => n.toString(16).padStart(16, '0');

  const household = (village: string, serial: number, assistance: AssistanceCategory | null, ...members: MemberSpec[]): WorldHousehold => {
    const id = `H${hex(0xa000 + ++householdCounter)}`;
    return {
      id,
      villageCode: village,
      gridCode: `${village}${String(serial).padStart(3, '0')}`,
      assistance,
      povertyMonitored: false,
      perCapitaIncome: 15_000,
      members: members.map(([relation, sex, age, options = {}], i) => {
        const n = ++residentCounter;
        const birthDate = `${2022 - age}-06-${String((n % 28) + 1).padStart(2, '0')}`;
        return {
          id: `R${hex(0xb000 + n)}`,
          householdId: id,
          name: `居民${n}`,
          sex,
          birthDate,
          idNumber: `${village.slice(0, 6)}${birthDate.replaceAll('-', '')}${String(n).padStart(3, '0')}X`,
          ethnicity: i % 5 === 4 ? 'KOREAN' : 'HAN',
          relation,
          workingAway: options.away ?? false,
          disabled: options.disabled ?? false,
        };
      }),
    };
  };

  const grids = (village: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ code: `${village}${String(i + 1).padStart(3, '0')}`, villageCode: village, serial: i + 1 }));

  const V1 = '220112001201';
  const V2 = '220112001202';
  const V3 = '220112002201';
  const V4 = '220122100201';
  const villages: WorldVillage[] = [
    {
      region: REGIONS.find((r) => r.code === V1)!,
      grids: grids(V1, 3),
      households: [
        // Left-behind family: grandparents at home, parents away → left-behind grandchild; grandparents left-behind elderly.
        household(V1, 1, null, ['HEAD', 'MALE', 64], ['SPOUSE', 'FEMALE', 61], ['CHILD', 'MALE', 36, { away: true }], ['CHILD_IN_LAW', 'FEMALE', 34, { away: true }], ['GRANDCHILD', 'FEMALE', 9]),
        // Husband away, wife at home: left-behind woman; the child has a parent at home.
        household(V1, 1, null, ['HEAD', 'MALE', 38, { away: true }], ['SPOUSE', 'FEMALE', 35], ['CHILD', 'MALE', 11]),
        // Husband away, wife at home but disabled: the child is left-behind (the other parent unable).
        household(V1, 1, 'SUBSISTENCE_ALLOWANCE', ['HEAD', 'MALE', 40, { away: true }], ['SPOUSE', 'FEMALE', 37, { disabled: true }], ['CHILD', 'FEMALE', 6]),
        // Solitary elder in extreme poverty.
        household(V1, 1, 'EXTREME_POVERTY_DISPERSED', ['HEAD', 'FEMALE', 78]),
        // Elder couple: no working-age member at home → both left-behind elderly.
        household(V1, 1, 'LOW_INCOME_MARGINAL', ['HEAD', 'MALE', 72], ['SPOUSE', 'FEMALE', 69]),
        // Adult with a disability certificate: under guardianship of the spouse.
        household(V1, 1, null, ['HEAD', 'MALE', 50, { disabled: true }], ['SPOUSE', 'FEMALE', 48], ['CHILD', 'MALE', 17]),
        // A grid with many households (the roster test): young families with children at home.
        ...Array.from({ length: 40 }, (_, i) =>
          household(V1, 2, i % 10 === 0 ? 'SUBSISTENCE_ALLOWANCE' : null, ['HEAD', 'MALE', 30 + (i % 10)], ['SPOUSE', 'FEMALE', 29 + (i % 9)], ['CHILD', i % 2 ? 'MALE' : 'FEMALE', i % 17]),
        ),
      ],
    },
    {
      region: REGIONS.find((r) => r.code === V2)!,
      grids: grids(V2, 2),
      households: [
        household(V2, 1, null, ['HEAD', 'MALE', 45], ['SPOUSE', 'FEMALE', 44, { away: true }], ['CHILD', 'MALE', 20, { away: true }]),
        household(V2, 2, 'EXTREME_POVERTY_CENTRALIZED', ['HEAD', 'MALE', 82]),
        household(V2, 2, null, ['HEAD', 'MALE', 55], ['SPOUSE', 'FEMALE', 53], ['PARENT', 'FEMALE', 80]),
        // A grandchild with no parent in the household (none away either): de-facto unsupported.
        household(V2, 2, null, ['HEAD', 'FEMALE', 70], ['GRANDCHILD', 'MALE', 10]),
      ],
    },
    {
      region: REGIONS.find((r) => r.code === V3)!,
      grids: grids(V3, 1),
      households: [
        // A second left-behind family, two grandchildren, one grandparent.
        household(V3, 1, null, ['HEAD', 'FEMALE', 66], ['CHILD', 'MALE', 40, { away: true }], ['CHILD_IN_LAW', 'FEMALE', 38, { away: true }], ['GRANDCHILD', 'MALE', 12], ['GRANDCHILD', 'FEMALE', 4]),
        household(V3, 1, null, ['HEAD', 'MALE', 33], ['SPOUSE', 'FEMALE', 31], ['CHILD', 'FEMALE', 2]),
      ],
    },
    {
      region: REGIONS.find((r) => r.code === V4)!,
      grids: grids(V4, 2),
      households: [
        household(V4, 1, null, ['HEAD', 'MALE', 42], ['SPOUSE', 'FEMALE', 40], ['CHILD', 'MALE', 14], ['CHILD', 'FEMALE', 16]),
        household(V4, 2, 'SUBSISTENCE_ALLOWANCE', ['HEAD', 'FEMALE', 68]),
      ],
    },
  ];
  const byCode = new Map(villages.map((v) => [v.region.code, v]));

  return {
    seed,
    scale,
    asOf: '2022-12-31',
    regions: REGIONS,
    ruralVillages: REGIONS.filter((r) => isRuralVillageCode(r.code)),
    townships: REGIONS.filter((r) => r.level === 'TOWNSHIP'),
    random: (stream) => createRandom(seed, stream),
    village(code) {
      const village = byCode.get(code);
      if (!village) throw new Error(`${code} is not a rural village of this world`);
      return village;
    },
    *villages() {
      yield* villages;
    },
  };
}
