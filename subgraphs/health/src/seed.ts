import type { DepartmentSeeder, Random, SeedWorld, WorldHousehold, WorldResident, WorldVillage } from '@village-graph/shared';
import type { SqliteDatabase } from '@village-graph/shared';
import { addDays, addMonths, ageOn, dateInYear, daysInYear } from './dates.ts';
import { Quota, sampleWeighted } from './seeding/quota.ts';
import { doctorName, shortTownshipName } from './seeding/names.ts';
import { buildRegionStatistics } from './seeding/rollup.ts';

/*
 * Health's facts about the synthetic province. Per-village facts (clinic, doctors, public-health
 * committee) and per-township facts (family-doctor teams) are full count; per-person facts come
 * from the world's (scaled) residents. Province shares are hit with accumulators (`Quota`) while
 * the villages are walked once in code order; everything else is drawn from named streams
 * `health:<what>:<village code>`, so the same seed gives the same rows.
 */

/** Province shares the generator reproduces (per-person, so scaled with the world). */
export const TARGETS = {
  /** Residents with a health record (居民健康档案建档率). */
  healthRecords: 0.9,
  /** Hypertension among residents aged 35+. */
  hypertension: 0.25,
  /** Type-2 diabetes among residents aged 35+. */
  diabetes: 0.08,
  /** Severe mental disorders among adults (18+). */
  severeMentalDisorder: 0.005,
  /** Family-doctor contracts among key populations (65+, chronic, severe mental disorder). */
  keyPopulationContracts: 0.7,
  /** Family-doctor contracts among everyone else. */
  otherContracts: 0.35,
  /** 65+ residents with an annual check in the reference year. */
  elderlyChecked: 0.72,
} as const;

interface Person {
  resident: WorldResident;
  household: WorldHousehold;
  age: number;
}

const prepareStatements = (sqlite: SqliteDatabase) => ({
  clinic: sqlite.prepare('INSERT INTO village_clinics (village_code, name, standardized, area_square_meters, doctor_count) VALUES (?, ?, ?, ?, ?)'),
  doctor: sqlite.prepare('INSERT INTO village_doctors (id, village_code, name, sex, age, qualification) VALUES (?, ?, ?, ?, ?, ?)'),
  team: sqlite.prepare('INSERT INTO family_doctor_teams (id, township_code, name, member_count) VALUES (?, ?, ?, ?)'),
  committee: sqlite.prepare('INSERT INTO public_health_committees (village_code, established_on, member_count, village_doctor_is_member) VALUES (?, ?, ?, ?)'),
  record: sqlite.prepare('INSERT INTO health_records (resident_id, household_id, village_code, established_on, blood_type, allergies) VALUES (?, ?, ?, ?, ?, ?)'),
  condition: sqlite.prepare('INSERT INTO chronic_conditions (resident_id, condition, village_code, diagnosed_year) VALUES (?, ?, ?, ?)'),
  followUp: sqlite.prepare(
    `INSERT INTO chronic_follow_ups (resident_id, condition, visited_on, method, doctor_id, systolic_pressure, diastolic_pressure, fasting_glucose)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  mental: sqlite.prepare(
    `INSERT INTO mental_health_patients (resident_id, household_id, village_code, diagnosis, risk_grade, registered_on, last_visit_on, next_visit_due)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  elderly: sqlite.prepare('INSERT INTO elderly_care (resident_id, household_id, village_code, dependency_level, last_check_on) VALUES (?, ?, ?, ?, ?)'),
  contract: sqlite.prepare(
    'INSERT INTO family_doctor_contracts (resident_id, household_id, village_code, team_id, doctor_id, signed_on, key_population) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
});
type Statements = ReturnType<typeof prepareStatements>;

const townshipOf = (villageCode: string) => `${villageCode.slice(0, 9)}000`;

/**
 * Family-doctor teams (家庭医生团队) of each township health centre that serves rural villages:
 * about one team per five villages. Returns the team serving each village (round robin in code order).
 */
function seedTeams(world: SeedWorld, statements: Statements): Map<string, string> {
  const villagesByTownship = new Map<string, string[]>();
  for (const village of world.ruralVillages) {
    const township = townshipOf(village.code);
    villagesByTownship.set(township, [...(villagesByTownship.get(township) ?? []), village.code]);
  }
  const townshipNames = new Map(world.townships.map((t) => [t.code, t.name]));
  const teamOfVillage = new Map<string, string>();
  for (const [township, villages] of villagesByTownship) {
    const random = world.random(`health:teams:${township}`);
    const teamCount = Math.min(8, Math.max(1, Math.ceil(villages.length / 5)));
    const name = shortTownshipName(townshipNames.get(township) ?? '乡镇');
    const ids: string[] = [];
    for (let i = 1; i <= teamCount; i++) {
      const id = `${township}-T${String(i).padStart(2, '0')}`;
      statements.team.run(id, township, `${name}卫生院家庭医生第${i}团队`, random.int(3, 7));
      ids.push(id);
    }
    villages.forEach((code, i) => teamOfVillage.set(code, ids[i % ids.length]!));
  }
  return teamOfVillage;
}

/** The village clinic (村卫生室, ~97% of villages) and its doctors (乡村医生). Returns the doctors' ids. */
function seedClinic(village: WorldVillage, random: Random, statements: Statements): string[] {
  const code = village.region.code;
  if (!random.chance(0.97)) return [];
  const standardized = random.chance(0.88);
  const area = standardized ? random.int(60, 160) : random.int(25, 59);
  const doctorCount = random.weighted([[1, 45], [2, 40], [3, 15]] as const);
  const villageName = village.region.name.replace(/(村民委员会|村委会)$/, '村');
  statements.clinic.run(code, `${villageName}卫生室`, standardized ? 1 : 0, area, doctorCount);
  const ids: string[] = [];
  for (let i = 1; i <= doctorCount; i++) {
    const sex = random.chance(0.62) ? 'MALE' : 'FEMALE';
    // Village doctors are an ageing workforce: many near or past retirement age.
    const age = Math.round(Math.min(78, Math.max(24, random.normal(52, 11))));
    const qualification = random.weighted([['RURAL_DOCTOR_CERTIFICATE', 68], ['ASSISTANT_PHYSICIAN', 24], ['PHYSICIAN', 8]] as const);
    const id = `${code}-D${String(i).padStart(2, '0')}`;
    statements.doctor.run(id, code, doctorName(random, sex), sex, age, qualification);
    ids.push(id);
  }
  return ids;
}

/** Relative chance of hypertension by age (prevalence rises steeply with age). */
const hypertensionWeight = (age: number) => (age >= 75 ? 5.5 : age >= 65 ? 4.5 : age >= 55 ? 3.3 : age >= 45 ? 2 : 1);
const diabetesWeight = (age: number) => (age >= 75 ? 3.2 : age >= 65 ? 3.5 : age >= 55 ? 2.8 : age >= 45 ? 1.8 : 1);
/** Other recorded conditions (no province figure to hit): plain chances by age. */
const OTHER_CONDITIONS = [
  ['CORONARY_HEART_DISEASE', (age: number) => (age >= 65 ? 0.08 : age >= 50 ? 0.03 : age >= 35 ? 0.006 : 0)],
  ['STROKE', (age: number) => (age >= 65 ? 0.045 : age >= 50 ? 0.015 : age >= 35 ? 0.003 : 0)],
  ['COPD', (age: number) => (age >= 65 ? 0.06 : age >= 50 ? 0.025 : age >= 35 ? 0.006 : 0)],
] as const;

const ALLERGENS = [['青霉素', 40], ['磺胺', 15], ['链霉素', 10], ['头孢类', 15], ['花粉', 10], ['海鲜', 10]] as const;

/** Walks the province once, writing each village's facts; then fills the rollup table. */
/** Page cache of the seeding connection, KiB (512 MiB; the connection is closed after seeding). */
const SEED_CACHE_KIB = 512 * 1024;

export const seed: DepartmentSeeder = (sqlite, world) => {
  // Most indexes are keyed by opaque (random) resident ids, so at scale 1 their inserts land on
  // random pages: a large page cache keeps them from spilling to disk on every insert.
  sqlite.pragma(`cache_size = -${SEED_CACHE_KIB}`);
  const asOf = world.asOf;
  const year = Number(asOf.slice(0, 4));
  const yearDays = daysInYear(year);
  const statements = prepareStatements(sqlite);
  const teamOfVillage = seedTeams(world, statements);
  const quota = {
    records: new Quota(TARGETS.healthRecords),
    hypertension: new Quota(TARGETS.hypertension),
    diabetes: new Quota(TARGETS.diabetes),
    mental: new Quota(TARGETS.severeMentalDisorder),
    keyContracts: new Quota(TARGETS.keyPopulationContracts),
    otherContracts: new Quota(TARGETS.otherContracts),
    elderlyChecked: new Quota(TARGETS.elderlyChecked),
  };

  for (const village of world.villages()) {
    const code = village.region.code;
    const stream = (what: string) => world.random(`health:${what}:${code}`);

    // Per-village facts (full count).
    const doctors = seedClinic(village, stream('clinic'), statements);
    const committeeRandom = stream('committee');
    statements.committee.run(
      code,
      dateInYear(committeeRandom.int(2018, 2021), committeeRandom.int(0, 364)),
      committeeRandom.int(3, 7),
      doctors.length > 0 && committeeRandom.chance(0.9) ? 1 : 0,
    );

    // Per-person facts.
    const people: Person[] = village.households.flatMap((household) =>
      household.members.map((resident) => ({ resident, household, age: ageOn(resident.birthDate, asOf) })),
    );
    const aged35 = people.filter((p) => p.age >= 35);
    const adults = people.filter((p) => p.age >= 18);
    const elderly = people.filter((p) => p.age >= 65);

    // Conditions: the two managed ones to province shares, weighted by age; the others by chance.
    const conditionRandom = stream('conditions');
    const hypertension = sampleWeighted(aged35, quota.hypertension.take(aged35.length), (p) => hypertensionWeight(p.age), conditionRandom);
    const diabetes = sampleWeighted(
      aged35,
      quota.diabetes.take(aged35.length),
      (p) => diabetesWeight(p.age) * (hypertension.has(p) ? 1.6 : 1),
      conditionRandom,
    );
    const conditions = new Map<Person, string[]>();
    for (const p of people) {
      const list: string[] = [];
      if (hypertension.has(p)) list.push('HYPERTENSION');
      if (diabetes.has(p)) list.push('TYPE2_DIABETES');
      for (const [condition, chance] of OTHER_CONDITIONS) if (conditionRandom.chance(chance(p.age))) list.push(condition);
      if (list.length > 0) conditions.set(p, list);
    }
    const mentalRandom = stream('mental');
    const mental = sampleWeighted(
      adults,
      quota.mental.take(adults.length),
      (p) => (p.resident.disabled ? 8 : 1) * (p.age > 75 ? 0.5 : 1),
      mentalRandom,
    );

    // Records: everyone 65+, every patient, then others up to the province share.
    const recordRandom = stream('records');
    const forced = people.filter((p) => p.age >= 65 || conditions.has(p) || mental.has(p));
    const forcedSet = new Set(forced);
    const optional = people.filter((p) => !forcedSet.has(p));
    const extra = sampleWeighted(optional, Math.min(optional.length, quota.records.due(people.length) - forced.length), () => 1, recordRandom);
    quota.records.record(forced.length + extra.size);
    const recorded = people.filter((p) => forcedSet.has(p) || extra.has(p));
    for (const p of recorded) {
      const bloodType = recordRandom.weighted([['A', 24], ['B', 27], ['O', 26], ['AB', 8], ['UNKNOWN', 15]] as const);
      const allergies: string[] = [];
      if (recordRandom.chance(0.08)) {
        allergies.push(recordRandom.weighted(ALLERGENS));
        const second = recordRandom.weighted(ALLERGENS);
        if (recordRandom.chance(0.15) && second !== allergies[0]) allergies.push(second);
      }
      // National health records began in 2009; a child's record starts at birth.
      const drawn = dateInYear(recordRandom.int(2009, year), recordRandom.int(0, 364));
      const established = drawn < p.resident.birthDate ? p.resident.birthDate : drawn > asOf ? asOf : drawn;
      statements.record.run(p.resident.id, p.household.id, code, established, bloodType, JSON.stringify(allergies));
    }

    // Chronic conditions and follow-ups (managed conditions: at least 4 visits a year is the standard).
    const followUpRandom = stream('follow-ups');
    for (const p of recorded) {
      const list = conditions.get(p);
      if (!list) continue;
      for (const condition of list) {
        const span = Math.max(1, Math.min(25, p.age - 30));
        statements.condition.run(p.resident.id, condition, code, year - followUpRandom.int(1, span));
      }
      const managed = list.filter((c) => c === 'HYPERTENSION' || c === 'TYPE2_DIABETES');
      if (managed.length > 0) seedFollowUps(p, managed, doctors, followUpRandom, statements, year, yearDays, asOf);
    }

    // Severe mental disorder management.
    for (const p of recorded) if (mental.has(p)) seedMentalPatient(p, code, mentalRandom, statements, asOf);

    // Elderly (65+) health management: dependency and the annual check.
    const elderlyRandom = stream('elderly');
    const dependency = new Map<Person, 'INDEPENDENT' | 'PARTIALLY_DEPENDENT' | 'FULLY_DEPENDENT'>();
    for (const p of elderly) {
      const [full, partial] = p.age >= 85 ? [12, 24] : p.age >= 75 ? [4, 14] : [1.5, 6];
      dependency.set(p, elderlyRandom.weighted([['FULLY_DEPENDENT', full], ['PARTIALLY_DEPENDENT', partial], ['INDEPENDENT', 100 - full - partial]] as const));
    }
    const checked = sampleWeighted(elderly, quota.elderlyChecked.take(elderly.length), () => 1, elderlyRandom);
    for (const p of elderly) {
      let lastCheck: string | null;
      // Checks run from spring to late autumn.
      if (checked.has(p)) lastCheck = dateInYear(year, elderlyRandom.int(59, 333));
      else {
        const when = elderlyRandom.weighted([[year - 1, 55], [year - 2, 25], [0, 20]] as const);
        lastCheck = when === 0 ? null : dateInYear(when, elderlyRandom.int(59, 333));
      }
      statements.elderly.run(p.resident.id, p.household.id, code, dependency.get(p)!, lastCheck);
    }

    // Family-doctor contracts: key populations first.
    const contractRandom = stream('contracts');
    const key = recorded.filter((p) => p.age >= 65 || mental.has(p) || hypertension.has(p) || diabetes.has(p));
    const keySet = new Set(key);
    const others = recorded.filter((p) => !keySet.has(p));
    const signedKey = sampleWeighted(key, quota.keyContracts.take(key.length), () => 1, contractRandom);
    const signedOthers = sampleWeighted(others, quota.otherContracts.take(people.length - key.length, others.length), () => 1, contractRandom);
    const team = teamOfVillage.get(code) ?? null;
    if (team) {
      for (const p of recorded) {
        const isKey = signedKey.has(p);
        if (!isKey && !signedOthers.has(p)) continue;
        // Most contracts are renewed in the first half of the year.
        const signedOn = dateInYear(year, Math.floor(yearDays * contractRandom.next() ** 1.6));
        const doctor = doctors.length > 0 ? contractRandom.pick(doctors) : null;
        statements.contract.run(p.resident.id, p.household.id, code, team, doctor, signedOn > asOf ? asOf : signedOn, isKey ? 1 : 0);
      }
    }
  }

  buildRegionStatistics(sqlite, year);
};

/**
 * Follow-ups in the reference year for a patient's managed conditions. Most patients meet the
 * standard of four or more; visits are spread through the year, one visit covering every condition.
 */
function seedFollowUps(
  p: Person,
  managed: string[],
  doctors: string[],
  random: Random,
  statements: Statements,
  year: number,
  yearDays: number,
  asOf: string,
): void {
  const compliant = random.chance(0.82);
  const visits = compliant ? random.weighted([[4, 70], [5, 12], [6, 10], [8, 4], [12, 4]] as const) : random.weighted([[0, 12], [1, 18], [2, 30], [3, 40]] as const);
  const controlledPressure = random.chance(0.6);
  const [systolicBase, diastolicBase] = controlledPressure ? [random.normal(128, 6), random.normal(80, 4)] : [random.normal(152, 8), random.normal(94, 5)];
  const glucoseBase = random.chance(0.55) ? random.normal(6.2, 0.4) : random.normal(8.8, 1);
  for (let i = 0; i < visits; i++) {
    const day = Math.floor(((i + 0.15 + 0.7 * random.next()) * yearDays) / visits);
    const visitedOn = dateInYear(year, Math.min(yearDays - 1, day));
    if (visitedOn > asOf) break;
    const method = random.chance(0.7) ? 'CLINIC' : 'HOME';
    const doctor = doctors.length > 0 && random.chance(0.9) ? random.pick(doctors) : null;
    const systolic = Math.round(Math.min(230, Math.max(95, systolicBase + random.normal(0, 7))));
    const diastolic = Math.round(Math.min(systolic - 20, Math.min(130, Math.max(55, diastolicBase + random.normal(0, 5)))));
    for (const condition of managed) {
      const glucose = condition === 'TYPE2_DIABETES' ? Math.round(Math.min(25, Math.max(3.5, glucoseBase + random.normal(0, 0.7))) * 10) / 10 : null;
      statements.followUp.run(p.resident.id, condition, visitedOn, method, doctor, systolic, diastolic, glucose);
    }
  }
}

/**
 * A registered severe mental disorder patient: visits are due monthly at risk grade 3 or above and
 * every three months below; about one in eight is overdue at the reference date.
 */
function seedMentalPatient(p: Person, villageCode: string, random: Random, statements: Statements, asOf: string): void {
  const diagnosis = random.weighted(
    p.resident.disabled
      ? ([['SCHIZOPHRENIA', 40], ['BIPOLAR', 6], ['SCHIZOAFFECTIVE', 3], ['PARANOID_PSYCHOSIS', 3], ['EPILEPTIC_PSYCHOSIS', 10], ['INTELLECTUAL_DISABILITY_PSYCHOSIS', 38]] as const)
      : ([['SCHIZOPHRENIA', 64], ['BIPOLAR', 13], ['SCHIZOAFFECTIVE', 4], ['PARANOID_PSYCHOSIS', 5], ['EPILEPTIC_PSYCHOSIS', 6], ['INTELLECTUAL_DISABILITY_PSYCHOSIS', 8]] as const),
  );
  const riskGrade = random.weighted([[0, 55], [1, 24], [2, 12], [3, 5], [4, 2.5], [5, 1.5]] as const);
  const months = riskGrade >= 3 ? 1 : 3;
  const adultFrom = addMonths(p.resident.birthDate, 18 * 12);
  const earliest = adultFrom > '2010-01-01' ? adultFrom : '2010-01-01';
  const span = Math.max(0, Math.round((Date.parse(asOf) - Date.parse(earliest)) / 86_400_000));
  const registeredOn = addDays(earliest, random.int(0, span));
  let lastVisitOn: string | null;
  let nextVisitDue: string;
  if (registeredOn > addDays(asOf, -14) && random.chance(0.5)) {
    // Newly registered: the first visit is due within two weeks.
    lastVisitOn = null;
    nextVisitDue = addDays(registeredOn, 14);
  } else {
    const overdue = random.chance(0.12);
    const back = overdue ? (months === 1 ? 31 : 92) + random.int(1, 75) : random.int(0, months === 1 ? 26 : 87);
    const drawn = addDays(asOf, -back);
    lastVisitOn = drawn < registeredOn ? registeredOn : drawn;
    nextVisitDue = addMonths(lastVisitOn, months);
  }
  statements.mental.run(p.resident.id, p.household.id, villageCode, diagnosis, riskGrade, registeredOn, lastVisitOn, nextVisitDue);
}
