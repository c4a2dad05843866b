import type { DepartmentSeeder, Random, SeedRegion, SeedWorld, SqliteDatabase, WorldHousehold, WorldVillage } from '@village-graph/shared';
import type {
  COOPERATIVE_TYPES,
  FARMER_TRAINING_TYPES,
  MODEL_COOPERATIVE_LEVELS,
  PLOT_LAND_USES,
  POVERTY_MONITORING_TYPES,
  POVERTY_RISKS,
  TOILET_TECHNOLOGIES,
} from './db/schema.ts';
import { fillRegionStatistics } from './statistics.ts';

/**
 * Agriculture & rural affairs' facts about the synthetic province (农业农村):
 *
 * - per village, full count: land areas (cultivated, grain-sown, rice-fish 稻渔, greenhouse 棚膜),
 *   the collective economy 2020–2022 and its assets (三资); the province's rice-fish area is
 *   normalised to {@link RICE_FISH_TARGET_MU};
 * - per village, full count: farmers' cooperatives with their registered member figure and model
 *   ratings (示范社); their member households come from the (scaled) world;
 * - per household: one land contract with 1–6 plots and the members on its certificate, the income
 *   survey (2022 from the world, 2021 = 2022 / 1.028 × small noise), poverty monitoring (the world
 *   says who), toilet renovation;
 * - per resident: farmer trainings for ~1% of working-age residents (systematic, by accumulator);
 * - then the 2023 toilet-renovation plan (exactly 47,000 × scale households) and the rollup.
 */
export const RICE_FISH_TARGET_MU = 820_000;
/** 2023 plan of the province (document 000: 2023 年全省农村厕所计划改造 4.7 万户), before scaling. */
export const TOILET_PLAN_2023_HOUSEHOLDS = 47_000;
/** 2022 → 2021: rural per-capita disposable income grew 2.8% (document 000). */
export const INCOME_GROWTH_2022 = 0.028;
export const FARMER_TRAINING_SHARE = 0.01;
/** Working age (劳动年龄) for the training quota: 16–59 at the reference date. */
const WORKING_AGE = { min: 16, max: 59 } as const;

type CooperativeType = (typeof COOPERATIVE_TYPES)[number];

const COOPERATIVE_NAME_WORDS = ['丰收', '兴农', '绿源', '金穗', '福民', '鑫达', '宏盛', '惠农', '沃土', '益民', '长兴', '鸿运'];
const COOPERATIVE_TYPE_WORDS: Record<CooperativeType, string> = {
  PLANTING: '种植', LIVESTOCK: '养殖', FISHERY: '稻渔', MACHINERY: '农机', TOURISM: '休闲农业', PROCESSING: '农产品加工',
};
const PLOT_NAMES = ['东大地', '西大地', '南岗地', '北岗地', '河套地', '前甸子', '后山坡', '二道沟', '场院地', '洼地', '坨子地', '长垄地', '泡子沿', '西沟'];
const TRAINING_COURSES: Record<(typeof FARMER_TRAINING_TYPES)[number], readonly string[]> = {
  PRODUCTION: ['玉米高产栽培', '水稻绿色种植', '稻渔综合种养', '设施蔬菜栽培', '肉牛标准化养殖', '食用菌栽培'],
  BUSINESS_MANAGEMENT: ['家庭农场经营管理', '农民合作社规范运营', '农产品电商营销'],
  SKILL_SERVICE: ['农机操作与维修', '植保无人机飞防', '农产品质量安全检测'],
  INDUSTRY_LEADER: ['乡村产业振兴带头人研修', '新型农业经营主体带头人培训'],
};

/** Share of villages practising rice-fish co-culture, by city (rice areas: Jilin City, Tonghua, Yanbian…). */
const RICE_FISH_VILLAGE_SHARE: Record<string, number> = {
  '2201': 0.3, '2202': 0.45, '2203': 0.2, '2204': 0.15, '2205': 0.35, '2206': 0.1, '2207': 0.3, '2208': 0.3, '2224': 0.35,
};
/** Share of contracted plots that are paddy fields, by city. */
const PADDY_SHARE: Record<string, number> = {
  '2201': 0.12, '2202': 0.25, '2203': 0.08, '2204': 0.08, '2205': 0.2, '2206': 0.05, '2207': 0.12, '2208': 0.12, '2224': 0.2,
};

// ---- small helpers ----------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A uniform date in [from, to] (ISO dates). */
const dateBetween = (random: Random, from: string, to: string) => isoOf(random.int(dayOf(from), dayOf(to)));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const logNormal = (random: Random, median: number, sigma: number) => Math.exp(random.normal(Math.log(median), sigma));

/** The village's short name: 永红村委会 → 永红. */
const shortName = (region: SeedRegion) => region.name.replace(/(村民委员会|村委会|村)$/, '');
const ageOn = (birthDate: string, asOf: string) => {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

// ---- per-village facts (full count) -------------------------------------------------------------

interface VillageAreas {
  code: string;
  cultivated: number;
  grainSown: number;
  greenhouse: number;
  /** Relative rice-fish weight before normalising the province's total. */
  riceFishWeight: number;
}

function drawVillageAreas(world: SeedWorld, village: SeedRegion): VillageAreas {
  const random = world.random(`agriculture:village-areas:${village.code}`);
  // Jilin has ~112 million mu of cultivated land over ~9,300 villages.
  const cultivated = round(clamp(logNormal(random, 10_000, 0.55), 300, 80_000), 1);
  const grainSown = round(cultivated * (0.7 + 0.25 * random.next()), 1);
  const greenhouse = random.chance(0.55) ? round(Math.min(cultivated * 0.1, logNormal(random, 45, 0.9)), 1) : 0;
  const share = RICE_FISH_VILLAGE_SHARE[village.code.slice(0, 4)] ?? 0.2;
  const riceFishWeight = random.chance(share) ? logNormal(random, 1, 0.6) * (cultivated / 10_000) : 0;
  return { code: village.code, cultivated, grainSown, greenhouse, riceFishWeight };
}

function seedVillageFacts(world: SeedWorld, insert: Inserts) {
  const areas = world.ruralVillages.map((village) => drawVillageAreas(world, village));
  const weights = areas.reduce((sum, a) => sum + a.riceFishWeight, 0);
  const perWeight = weights > 0 ? RICE_FISH_TARGET_MU / weights : 0;
  for (const a of areas) {
    const economy = world.random(`agriculture:collective-economy:${a.code}`);
    const riceFish = round(Math.min(a.riceFishWeight * perWeight, a.cultivated * 0.5), 1);
    insert.villageAgriculture.run(
      a.code, a.cultivated, a.grainSown, riceFish, a.greenhouse,
      Math.round(logNormal(economy, 400_000, 0.8)), // 资金
      Math.round(logNormal(economy, 1_800_000, 0.7)), // 资产
      round(logNormal(economy, 300, 0.9), 1), // 资源: collective land, forest, water not contracted out
    );
    // Jilin has no "empty-shell" villages left: every village collective earns 50,000 yuan or more.
    let income = Math.round(Math.max(50_000, logNormal(economy, 115_000, 0.7)));
    for (const year of [2022, 2021, 2020]) {
      insert.collectiveIncome.run(a.code, year, income, Math.round(income * (0.3 + 0.5 * economy.next())));
      income = Math.round(income / (1 + clamp(economy.normal(0.08, 0.08), -0.2, 0.4)));
    }
  }
}

// ---- per-village people ---------------------------------------------------------------------------

interface SeedState {
  /** Fractional farmer trainings owed (systematic sampling over working-age residents). */
  trainingAccumulator: number;
  /** Fractional member households owed to cooperatives (registered members × scale). */
  membershipAccumulator: number;
  /** Households without a renovated toilet: the pool the 2023 plan is drawn from. */
  toiletPool: number;
  /** Σ persons × per-capita income, 2022 and (before calibration) 2021. */
  incomePersonSum2022: number;
  incomePersonSum2021: number;
}

function seedLandContracts(world: SeedWorld, village: WorldVillage, insert: Inserts) {
  const { region, households } = village;
  const random = world.random(`agriculture:land-contracts:${region.code}`);
  const issuer = `${shortName(region)}村农民集体`;
  // Second-round contracts (第二轮土地承包), thirty years from 1997–1999.
  const startYear = random.weighted([[1997, 2], [1998, 6], [1999, 2]] as const);
  const termStart = `${startYear}-01-01`;
  const termEnd = `${startYear + 29}-12-31`;
  const groups = random.int(3, 12);
  const paddyShare = PADDY_SHARE[region.code.slice(0, 4)] ?? 0.1;
  let plotSerial = 0;
  households.forEach((household, i) => {
    const group = 1 + Math.floor((i * groups) / households.length);
    const contractNumber = `${region.code}${pad(group, 2)}${pad(i + 1, 4)}J`;
    const plotCount = random.weighted([[1, 10], [2, 22], [3, 28], [4, 20], [5, 12], [6, 8]] as const);
    // Land was allotted per person in the late 1990s: ~3.5–7.5 mu a head, split over the plots.
    const target = Math.max(1, household.members.length) * (3.5 + 4 * random.next());
    const shares = Array.from({ length: plotCount }, () => 0.3 + random.next());
    const shareSum = shares.reduce((a, b) => a + b, 0);
    const areas = shares.map((s) => Math.max(0.1, round((target * s) / shareSum, 2)));
    insert.landContract.run(contractNumber, region.code, household.id, household.gridCode, issuer, group, termStart, termEnd, round(areas.reduce((a, b) => a + b, 0), 2));
    for (const area of areas) {
      plotSerial += 1;
      const landUse: (typeof PLOT_LAND_USES)[number] = random.chance(paddyShare) ? 'PADDY_FIELD' : random.chance(0.15) ? 'IRRIGATED_LAND' : 'DRY_LAND';
      insert.plot.run(contractNumber, plotSerial, random.pick(PLOT_NAMES), area, landUse, random.chance(0.85) ? 1 : 0);
    }
    household.members.forEach((member, position) => insert.contractMember.run(contractNumber, member.id, position + 1));
  });
}

function seedCooperatives(world: SeedWorld, village: WorldVillage, insert: Inserts, state: SeedState) {
  const { region, households } = village;
  const random = world.random(`agriculture:cooperatives:${region.code}`);
  const name = shortName(region);
  const count = random.int(2, 14);
  for (let i = 1; i <= count; i++) {
    const id = `${region.code}-C${pad(i, 2)}`;
    const type = random.weighted([['PLANTING', 50], ['LIVESTOCK', 22], ['FISHERY', 6], ['MACHINERY', 12], ['TOURISM', 4], ['PROCESSING', 6]] as const);
    const registeredOn = dateBetween(random, '2008-01-01', '2022-10-31');
    const registeredMembers = Math.min(500, Math.max(5, Math.round(logNormal(random, 35, 0.7))));
    const rated = random.chance(0.1);
    insert.cooperative.run(id, region.code, `${name}${random.pick(COOPERATIVE_NAME_WORDS)}${COOPERATIVE_TYPE_WORDS[type]}专业合作社`, type, registeredMembers, rated ? 1 : 0, registeredOn);
    if (rated) {
      // A cooperative rated at some level normally holds the lower ratings from earlier years.
      const levels: readonly (typeof MODEL_COOPERATIVE_LEVELS)[number][] = ['COUNTY', 'CITY', 'PROVINCIAL', 'NATIONAL'];
      const top = levels.indexOf(random.weighted([['NATIONAL', 3], ['PROVINCIAL', 17], ['CITY', 30], ['COUNTY', 50]] as const));
      const firstYear = Math.min(2022, Number(registeredOn.slice(0, 4)) + 1);
      let year = random.int(firstYear, 2022);
      for (let level = top; level >= 0; level--) {
        if (level === top || random.chance(0.7)) insert.modelRating.run(id, levels[level]!, year);
        year = Math.max(firstYear, year - random.int(1, 3));
      }
    }
    // Member households present in the dataset: the register's figure × scale, by accumulator.
    state.membershipAccumulator += registeredMembers * world.scale;
    const wanted = Math.min(households.length, Math.floor(state.membershipAccumulator));
    state.membershipAccumulator -= Math.floor(state.membershipAccumulator);
    const pool = households.map((_, index) => index);
    for (let m = 0; m < wanted; m++) {
      const j = m + Math.floor(random.next() * (pool.length - m));
      [pool[m], pool[j]] = [pool[j]!, pool[m]!];
      const household = households[pool[m]!]!;
      const role = m === 0 ? 'CHAIR' : m <= 3 ? 'BOARD_MEMBER' : 'MEMBER';
      const joinedOn = m === 0 ? registeredOn : dateBetween(random, registeredOn, '2022-12-31');
      insert.cooperativeMember.run(id, household.id, region.code, role, joinedOn, Math.round(logNormal(random, 5_000, 1) / 100) * 100);
    }
  }
}

function seedHouseholdFacts(world: SeedWorld, village: WorldVillage, insert: Inserts, state: SeedState) {
  const { region, households } = village;
  const income = world.random(`agriculture:household-income:${region.code}`);
  const monitoring = world.random(`agriculture:poverty-monitoring:${region.code}`);
  const toilets = world.random(`agriculture:toilets:${region.code}`);
  let monitoringSerial = 0;
  for (const household of households) {
    const persons = household.members.length;
    if (persons > 0) {
      const previous = round((household.perCapitaIncome / (1 + INCOME_GROWTH_2022)) * (1 + clamp(income.normal(0, 0.02), -0.06, 0.06)), 2);
      insert.householdIncome.run(household.id, region.code, persons, household.perCapitaIncome, previous);
      state.incomePersonSum2022 += persons * household.perCapitaIncome;
      state.incomePersonSum2021 += persons * previous;
    }
    if (household.povertyMonitored) seedPovertyMonitoring(monitoring, household, `${region.code}-M${pad(++monitoringSerial, 4)}`, insert);
    if (toilets.chance(0.32)) {
      const year = toilets.weighted([[2018, 15], [2019, 20], [2020, 22], [2021, 22], [2022, 21]] as const);
      insert.toilet.run(household.id, region.code, 'COMPLETED', pickToiletTechnology(toilets), year, null);
    } else {
      insert.toilet.run(household.id, region.code, 'NOT_PLANNED', null, null, null);
      state.toiletPool += 1;
    }
  }
}

function seedPovertyMonitoring(random: Random, household: WorldHousehold, id: string, insert: Inserts) {
  const type: (typeof POVERTY_MONITORING_TYPES)[number] = random.weighted([['UNSTABLE_LIFTED_OUT', 45], ['MARGINAL_PRONE', 40], ['SUDDEN_HARDSHIP', 15]] as const);
  const risk: (typeof POVERTY_RISKS)[number] = random.weighted([
    ['ILLNESS', 40], ['DISABILITY', 20], ['EDUCATION', 8], ['ACCIDENT', 8], ['UNEMPLOYMENT', 10], ['NATURAL_DISASTER', 6], ['OTHER', 8],
  ] as const);
  // The monitoring and assistance mechanism (防止返贫监测帮扶机制) started in March 2020.
  const since = dateBetween(random, '2020-03-20', '2022-12-31');
  insert.povertyMonitoring.run(id, household.id, household.villageCode, household.gridCode, type, risk, since, Math.max(1, household.members.length));
}

const pickToiletTechnology = (random: Random): (typeof TOILET_TECHNOLOGIES)[number] =>
  random.weighted([['THREE_COMPARTMENT_SEPTIC', 55], ['DOUBLE_URN', 20], ['SEWER_CONNECTED', 18], ['BIOGAS', 7]] as const);

function seedFarmerTrainings(world: SeedWorld, village: WorldVillage, insert: Inserts, state: SeedState) {
  const { region, households } = village;
  let random: Random | null = null; // drawn lazily: most villages have only a few trainees
  let serial = 0;
  for (const household of households) {
    for (const resident of household.members) {
      const age = ageOn(resident.birthDate, world.asOf);
      if (age < WORKING_AGE.min || age > WORKING_AGE.max) continue;
      state.trainingAccumulator += FARMER_TRAINING_SHARE;
      if (state.trainingAccumulator < 1) continue;
      state.trainingAccumulator -= 1;
      random ??= world.random(`agriculture:farmer-trainings:${region.code}`);
      const type = random.weighted([['PRODUCTION', 45], ['BUSINESS_MANAGEMENT', 20], ['SKILL_SERVICE', 25], ['INDUSTRY_LEADER', 10]] as const);
      // Classes gather in the slack season (冬闲): winter and early spring.
      const month = random.weighted([[1, 16], [2, 12], [3, 14], [4, 6], [5, 4], [6, 5], [7, 6], [8, 5], [9, 4], [10, 6], [11, 10], [12, 12]] as const);
      const start = dayOf(`2022-${pad(month, 2)}-01`) + random.int(0, 27);
      const days = random.int(3, 15);
      const end = Math.min(start + days - 1, dayOf('2022-12-31'));
      insert.farmerTraining.run(
        `${region.code}-T${pad(++serial, 4)}`, resident.id, region.code, household.gridCode, type, random.pick(TRAINING_COURSES[type]),
        isoOf(start), isoOf(end), (end - start + 1) * 8, random.chance(0.92) ? 1 : 0,
      );
    }
  }
}

/**
 * The 2023 plan: exactly round(47,000 × scale) households among those without a renovated toilet,
 * by systematic sampling with a random start over the pool in code order (the pool's size is known
 * only after the one pass over the villages, so the pick happens here).
 */
function planToiletRenovations(sqlite: SqliteDatabase, world: SeedWorld, pool: number) {
  const wanted = Math.min(pool, Math.round(TOILET_PLAN_2023_HOUSEHOLDS * world.scale));
  if (wanted === 0) return;
  const random = world.random('agriculture:toilet-plan:2023');
  const start = Math.floor(random.next() * pool);
  const picked = sqlite
    .prepare(
      `SELECT household_id FROM (
         SELECT household_id, row_number() OVER (ORDER BY rowid) - 1 AS k FROM toilet_renovations WHERE status = 'NOT_PLANNED')
       WHERE ((k + 1) * CAST(@wanted AS INTEGER) + CAST(@start AS INTEGER)) / CAST(@pool AS INTEGER)
           > (k * CAST(@wanted AS INTEGER) + CAST(@start AS INTEGER)) / CAST(@pool AS INTEGER)`,
    )
    .pluck()
    .all({ wanted, start, pool }) as string[];
  const plan = sqlite.prepare(`UPDATE toilet_renovations SET status = 'PLANNED', planned_year = 2023, technology = ? WHERE household_id = ?`);
  for (const householdId of picked) plan.run(pickToiletTechnology(random), householdId);
}

/**
 * The household noise on 2021 incomes leaves the province's person-weighted growth a little off
 * +2.8% in small datasets; one factor on every 2021 figure makes it exact at any scale while each
 * village keeps its own growth.
 */
function calibrateIncomeGrowth(sqlite: SqliteDatabase, state: SeedState) {
  if (state.incomePersonSum2021 <= 0) return;
  const factor = state.incomePersonSum2022 / (1 + INCOME_GROWTH_2022) / state.incomePersonSum2021;
  sqlite.prepare('UPDATE household_incomes SET per_capita_income_2021 = round(per_capita_income_2021 * ?, 2)').run(factor);
}

/** Page cache of the seeding connection, KiB (512 MiB). */
const SEED_CACHE_KIB = 512 * 1024;

// ---- statements -------------------------------------------------------------------------------

const prepareInserts = (sqlite: SqliteDatabase) => ({
  villageAgriculture: sqlite.prepare(
    `INSERT INTO village_agriculture (village_code, cultivated_area_mu, grain_sown_area_mu, rice_fish_area_mu, greenhouse_area_mu,
       collective_funds, collective_fixed_assets, collective_resource_area_mu) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  collectiveIncome: sqlite.prepare('INSERT INTO collective_economy_incomes (village_code, year, total_income, operating_income) VALUES (?, ?, ?, ?)'),
  cooperative: sqlite.prepare(
    'INSERT INTO cooperatives (id, village_code, name, type, member_count, is_model_cooperative, registered_on) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  modelRating: sqlite.prepare('INSERT INTO model_cooperative_ratings (cooperative_id, level, rated_year) VALUES (?, ?, ?)'),
  cooperativeMember: sqlite.prepare(
    'INSERT INTO cooperative_members (cooperative_id, household_id, village_code, role, joined_on, capital_contribution) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  landContract: sqlite.prepare(
    `INSERT INTO land_contracts (contract_number, village_code, household_id, grid_code, issuer, group_number, term_start, term_end, total_area_mu)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  plot: sqlite.prepare('INSERT INTO plots (contract_number, plot_serial, name, area_mu, land_use, is_basic_farmland) VALUES (?, ?, ?, ?, ?, ?)'),
  contractMember: sqlite.prepare('INSERT INTO land_contract_members (contract_number, resident_id, position) VALUES (?, ?, ?)'),
  householdIncome: sqlite.prepare(
    'INSERT INTO household_incomes (household_id, village_code, person_count, per_capita_income_2022, per_capita_income_2021) VALUES (?, ?, ?, ?, ?)',
  ),
  povertyMonitoring: sqlite.prepare(
    'INSERT INTO poverty_monitoring (id, household_id, village_code, grid_code, type, main_risk, since, person_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  toilet: sqlite.prepare('INSERT INTO toilet_renovations (household_id, village_code, status, technology, completed_year, planned_year) VALUES (?, ?, ?, ?, ?, ?)'),
  farmerTraining: sqlite.prepare(
    'INSERT INTO farmer_trainings (id, resident_id, village_code, grid_code, type, course, start_date, end_date, hours, certified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
});
type Inserts = ReturnType<typeof prepareInserts>;

export const seed: DepartmentSeeder = (sqlite, world) => {
  // Several indexes are keyed by opaque (random) household and resident ids, so at scale 1 their
  // inserts land on random pages; a large page cache for this connection keeps them from spilling
  // to disk on every insert (the seeding connection is closed afterwards).
  sqlite.pragma(`cache_size = -${SEED_CACHE_KIB}`);
  const insert = prepareInserts(sqlite);
  seedVillageFacts(world, insert);
  const state: SeedState = {
    trainingAccumulator: world.random('agriculture:farmer-trainings:start').next(),
    membershipAccumulator: world.random('agriculture:cooperative-members:start').next(),
    toiletPool: 0,
    incomePersonSum2022: 0,
    incomePersonSum2021: 0,
  };
  for (const village of world.villages()) {
    seedCooperatives(world, village, insert, state);
    seedLandContracts(world, village, insert);
    seedHouseholdFacts(world, village, insert, state);
    seedFarmerTrainings(world, village, insert, state);
  }
  calibrateIncomeGrowth(sqlite, state);
  planToiletRenovations(sqlite, world, state.toiletPool);
  fillRegionStatistics(sqlite);
};
