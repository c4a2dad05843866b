import { createRandom, isRuralVillageCode, type SeedRegion, type SeedWorld, type WorldHousehold, type WorldResident, type WorldVillage } from '@village-graph/shared';

/**
 * A small hand-built province standing in for the lead's world generator: two townships, three
 * rural villages (and one urban community, which has no village people), households with heads,
 * spouses, children and parents. Deterministic: every call of `village(code)` builds the same people.
 */
export const REGIONS: SeedRegion[] = [
  { code: '220000000000', name: '吉林省', level: 'PROVINCE', parentCode: null },
  { code: '220100000000', name: '长春市', level: 'CITY', parentCode: '220000000000' },
  { code: '220112000000', name: '双阳区', level: 'COUNTY', parentCode: '220100000000' },
  { code: '220112001000', name: '太平镇', level: 'TOWNSHIP', parentCode: '220112000000' },
  { code: '220112001001', name: '幸福社区', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112001201', name: '永红村委会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112001202', name: '前进村委会', level: 'VILLAGE', parentCode: '220112001000' },
  { code: '220112002000', name: '平湖街道', level: 'TOWNSHIP', parentCode: '220112000000' },
  { code: '220112002201', name: '双桥村委会', level: 'VILLAGE', parentCode: '220112002000' },
];

const SURNAMES = ['王', '李', '张', '刘', '陈'];
const GIVEN = ['国', '建', '华', '明', '丽', '红', '芳', '玉'];
const date = (year: number, random: ReturnType<typeof createRandom>) =>
  `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

export function createFakeWorld({
  seed = 1,
  households = { '220112001201': 420, '220112001202': 300, '220112002201': 380 } as Record<string, number>,
  regions = REGIONS,
} = {}): SeedWorld {
  const ruralVillages = regions.filter((r) => isRuralVillageCode(r.code));
  const hex = (random: ReturnType<typeof createRandom>) => Array.from({ length: 16 }, () => random.int(0, 15).toString(16)).join('');

  const village = (code: string): WorldVillage => {
    const region = regions.find((r) => r.code === code);
    if (!region) throw new Error(`no village ${code}`);
    const random = createRandom(seed, `fake-world:${code}`);
    const grids = [1, 2, 3].map((serial) => ({ code: `${code}${String(serial).padStart(3, '0')}`, villageCode: code, serial }));
    const list: WorldHousehold[] = [];
    for (let h = 0; h < (households[code] ?? 0); h++) {
      const householdId = `H${hex(random)}`;
      const family = random.pick(SURNAMES);
      const person = (relation: WorldResident['relation'], sex: WorldResident['sex'], born: number, name = family): WorldResident => ({
        id: `R${hex(random)}`,
        householdId,
        name: name + random.pick(GIVEN) + random.pick(GIVEN),
        sex,
        birthDate: date(born, random),
        idNumber: '220112' + String(born) + '01011234',
        ethnicity: 'HAN',
        relation,
        workingAway: random.chance(0.2),
        disabled: false,
      });
      const headBorn = random.int(1950, 1988);
      const members = [person('HEAD', random.chance(0.85) ? 'MALE' : 'FEMALE', headBorn)];
      if (random.chance(0.8)) members.push(person('SPOUSE', members[0]!.sex === 'MALE' ? 'FEMALE' : 'MALE', headBorn + random.int(-3, 3), random.pick(SURNAMES)));
      for (let c = random.int(0, 2); c > 0; c--) members.push(person('CHILD', random.chance(0.5) ? 'MALE' : 'FEMALE', headBorn + random.int(22, 34)));
      if (random.chance(0.2)) members.push(person('PARENT', 'FEMALE', headBorn - random.int(22, 30), random.pick(SURNAMES)));
      list.push({
        id: householdId,
        villageCode: code,
        gridCode: random.pick(grids).code,
        members,
        assistance: null,
        povertyMonitored: false,
        perCapitaIncome: 18_000,
      });
    }
    return { region, grids, households: list };
  };

  return {
    seed,
    scale: 1,
    regions,
    ruralVillages,
    townships: regions.filter((r) => r.level === 'TOWNSHIP'),
    village,
    *villages() {
      for (const r of ruralVillages) yield village(r.code);
    },
    random: (stream) => createRandom(seed, stream),
    asOf: '2022-12-31',
  };
}
