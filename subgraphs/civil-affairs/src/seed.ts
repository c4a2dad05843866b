import type { DepartmentSeeder, Random, Sex, SqliteDatabase, WorldHousehold, WorldResident, WorldVillage } from '@village-graph/shared';
import { ageOn } from './args.ts';
import { personName, villageShortName } from './seed-names.ts';
import { fillRegionStatistics } from './statistics.ts';
import type { CareCategory } from './db/schema.ts';

/**
 * Civil affairs' facts about the synthetic province (Jilin, end of 2022). Per-village and
 * per-township facts are full count and reproduce the documents' figures; households and
 * residents are the world's (already scaled), and care categories are derived from them.
 */
export const FIGURES = {
  committeeMembers: 38_000,
  committeeMembersUnder55Share: 0.832,
  committeeMemberMeanAge: 46.2,
  committeeMembersWithCollege: 12_258,
  gridWorkers: 153_000,
  townshipChildSupervisors: 655,
  socialWorkStations: 470,
  childrenUnderCare: 92_800,
  mutualAidStations: 135,
  elderlyCourtyards: 4_671,
  ruralWelfareCentres: 136,
  deliberationPilotVillages: 11,
  registeredVolunteerShare: 0.13,
  /** Service facility norm: at least 30 m² per 100 households, and at least 200 m². */
  serviceAreaPer100Households: 30,
  serviceCentreMinimumArea: 200,
} as const;

/**
 * Picks about `rate` of the items it is asked about, in order, with irregular spacing but an exact
 * total: an accumulator crosses a random threshold (ours differs from plain systematic sampling only
 * in that the threshold is redrawn after each pick).
 */
export function createQuotaPicker(random: Random, rate: number) {
  let accumulated = 0;
  let threshold = 1 - random.next();
  return () => {
    accumulated += rate;
    if (accumulated < threshold) return false;
    accumulated -= 1;
    threshold = 1 - random.next();
    return true;
  };
}

/** Splits an amount per item into whole numbers whose running total stays within ½ of the exact one. */
export function createApportioner() {
  let exact = 0;
  let given = 0;
  return (amount: number) => {
    exact += amount;
    const share = Math.round(exact) - given;
    given += share;
    return share;
  };
}

/** Draws a count per item from `draw`, nudged so that the running total tracks `rate` per item. */
export function createDriftCorrectedCounter(rate: number, min: number, max: number) {
  let expected = 0;
  let actual = 0;
  return (drawn: number) => {
    expected += rate;
    const drift = actual + drawn - expected;
    let n = drawn;
    if (drift > 1) n -= Math.round(drift);
    else if (drift < -1) n -= Math.round(drift);
    n = Math.max(min, Math.min(max, n));
    actual += n;
    return n;
  };
}

const isoDate = (year: number, dayOfYear: number) => new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);

const SOCIAL_ORGANISATION_NAMES: Record<string, string> = {
  ELDERLY_ASSOCIATION: '老年协会', VOLUNTEER_SERVICE: '志愿服务队', CULTURE_AND_SPORTS: '文体队',
  CHARITY: '公益慈善会', CUSTOMS_COUNCIL: '红白理事会', MUTUAL_AID: '互助会', OTHER: '乡贤理事会',
};
const DISCLOSURE_TITLES: Record<string, string> = {
  FINANCE: '财务收支公开', COLLECTIVE_ASSETS: '集体“三资”管理情况公开', PROJECTS: '村级工程项目公示', SOCIAL_ASSISTANCE: '低保、特困供养对象公示',
  POLICIES: '惠农政策公开', DECISIONS: '“四议两公开”决议公开', OTHER: '其他村务公开',
};
const DELIBERATION_SUBJECTS: Record<string, string> = {
  INFRASTRUCTURE: '村屯道路硬化和路灯安装', LAND: '土地流转和机动地发包', COLLECTIVE_ECONOMY: '村集体经济项目选择', PUBLIC_SERVICES: '养老大院运营和儿童之家建设',
  ENVIRONMENT: '人居环境整治和垃圾收运', SOCIAL_ASSISTANCE: '低保申请民主评议', OTHER: '村规民约修订',
};

/** Care categories the household's own facts imply (三留守 and 独居老人); distressed children come later. */
export function careCategoriesOf(household: WorldHousehold, asOf: string): Map<WorldResident, CareCategory[]> {
  const members = household.members;
  const age = new Map(members.map((m) => [m, ageOn(m.birthDate, asOf)]));
  const ageOf = (m: WorldResident) => age.get(m)!;
  const withRelation = (...relations: WorldResident['relation'][]) => members.filter((m) => relations.includes(m.relation));
  const ableAtHome = (m: WorldResident) => !m.workingAway && !m.disabled && ageOf(m) >= 18;
  const result = new Map<WorldResident, CareCategory[]>();
  const add = (m: WorldResident, category: CareCategory) => result.set(m, [...(result.get(m) ?? []), category]);

  // Couples of the child generation, paired in order: each child-in-law with a child of the other sex.
  const spouseOf = new Map<WorldResident, WorldResident>();
  const [head] = withRelation('HEAD');
  const [spouse] = withRelation('SPOUSE');
  if (head && spouse) { spouseOf.set(head, spouse); spouseOf.set(spouse, head); }
  const children = withRelation('CHILD');
  for (const inLaw of withRelation('CHILD_IN_LAW')) {
    const partner = children.find((c) => c.sex !== inLaw.sex && !spouseOf.has(c));
    if (partner) { spouseOf.set(inLaw, partner); spouseOf.set(partner, inLaw); }
  }

  for (const m of members) {
    const a = ageOf(m);
    if (a < 16 && (m.relation === 'CHILD' || m.relation === 'GRANDCHILD')) {
      const parents = m.relation === 'CHILD' ? withRelation('HEAD', 'SPOUSE') : withRelation('CHILD', 'CHILD_IN_LAW');
      // All parents away, or one away and the other absent (not in the household) or unable.
      if (parents.some((p) => p.workingAway) && !parents.some(ableAtHome)) add(m, 'LEFT_BEHIND_CHILD');
    }
    if (m.sex === 'FEMALE' && a >= 18 && a <= 59 && !m.workingAway && spouseOf.get(m)?.workingAway) add(m, 'LEFT_BEHIND_WOMAN');
    if (a >= 60 && !m.workingAway) {
      if (members.length === 1) add(m, 'SOLITARY_ELDERLY');
      else {
        const ownChildren = m.relation === 'HEAD' || m.relation === 'SPOUSE' ? children : m.relation === 'PARENT' ? withRelation('HEAD', 'SPOUSE') : [];
        const childrenAllAway = ownChildren.length > 0 && ownChildren.every((c) => c.workingAway);
        const workingAgeAtHome = members.some((o) => o !== m && !o.workingAway && ageOf(o) >= 16 && ageOf(o) <= 59);
        if (childrenAllAway || !workingAgeAtHome) add(m, 'LEFT_BEHIND_ELDERLY');
      }
    }
  }
  return result;
}

/**
 * A child eligible to be registered as distressed (困境儿童) or de-facto unsupported (事实无人抚养):
 * under 18 and not left-behind. Priority 0 (children with a disability certificate, in an
 * assistance household, or with no able parent at home) are chosen before the others.
 */
function distressCandidate(household: WorldHousehold, m: WorldResident, asOf: string, categories: CareCategory[]) {
  if (ageOn(m.birthDate, asOf) >= 18 || categories.includes('LEFT_BEHIND_CHILD')) return null;
  const parents = household.members.filter((p) =>
    m.relation === 'CHILD' ? p.relation === 'HEAD' || p.relation === 'SPOUSE' : m.relation === 'GRANDCHILD' ? p.relation === 'CHILD' || p.relation === 'CHILD_IN_LAW' : false,
  );
  const noParentAbleOrAway = !parents.some((p) => p.workingAway || (!p.disabled && ageOn(p.birthDate, asOf) >= 18));
  return { unsupported: noParentAbleOrAway ? 1 : 0, priority: m.disabled || household.assistance || noParentAbleOrAway ? 0 : 1 };
}

/** Writes civil affairs' database. Iterates the world's villages once, writing as it goes. */
export const seed: DepartmentSeeder = (sqlite, world) => {
  // Millions of rows keyed by random opaque ids: a page cache of 512 MiB (default 2 MiB) keeps the
  // B-trees' inner pages in memory instead of re-reading them from disk for every insert.
  sqlite.pragma('cache_size = -524288');
  const insertRegion = sqlite.prepare('INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)');
  for (const r of world.regions) insertRegion.run(r.code, r.name, r.level, r.parentCode);

  const regionName = new Map(world.regions.map((r) => [r.code, r.name]));
  const townshipOf = (code: string) => `${code.slice(0, 9)}000`;
  seedTownships(sqlite, world.townships.map((t) => t.code), new Set(world.ruralVillages.map((v) => townshipOf(v.code))), regionName, world.random);

  const villages = createVillageWriter(sqlite, world.ruralVillages.length, world.random, world.scale);
  const people = createPeopleWriter(sqlite, world.asOf, world.random('civil-affairs:volunteers:province'));
  withSecondaryIndexesDeferred(sqlite, ['households', 'residents', 'resident_care_categories'], () => {
    for (const village of world.villages()) {
      villages.write(village);
      for (const household of village.households) people.write(household);
    }
  });

  seedGridWorkers(sqlite, world.random);
  people.chooseDistressedChildren(Math.round(FIGURES.childrenUnderCare * world.scale));
  fillRegionStatistics(sqlite, { asOf: world.asOf, scale: world.scale });
};

/**
 * Bulk load: the secondary indexes of the people tables (random opaque ids, millions of rows) are
 * dropped while rows go in and rebuilt from their own migration-made DDL afterwards — one sort
 * instead of a random B-tree insert per row; halves the load time. Unique indexes are checked when
 * they are rebuilt, so a duplicate still fails the transaction.
 */
function withSecondaryIndexesDeferred(sqlite: SqliteDatabase, tables: readonly string[], load: () => void) {
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`)
    .all(JSON.stringify(tables)) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  load();
  for (const index of indexes) sqlite.exec(index.sql);
}

/** Township facts: child supervisors, social-work stations, rural welfare centres (by quota pickers). */
function seedTownships(
  sqlite: SqliteDatabase,
  townships: readonly string[],
  ruralTownships: ReadonlySet<string>,
  regionName: ReadonlyMap<string, string>,
  randomStream: (name: string) => Random,
) {
  const supervisor = sqlite.prepare('INSERT INTO child_supervisors (id, township_code, name, sex) VALUES (?, ?, ?, ?)');
  const station = sqlite.prepare('INSERT INTO social_work_stations (id, township_code, name, social_worker_count, opened_year) VALUES (?, ?, ?, ?, ?)');
  const facility = sqlite.prepare(
    'INSERT INTO elderly_facilities (id, type, region_code, township_code, name, capacity, opened_year) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const pickSupervisor = createQuotaPicker(randomStream('civil-affairs:child-supervisors:province'), FIGURES.townshipChildSupervisors / townships.length);
  const pickStation = createQuotaPicker(randomStream('civil-affairs:social-work-stations:province'), FIGURES.socialWorkStations / townships.length);
  const pickWelfare = createQuotaPicker(randomStream('civil-affairs:welfare-centres:province'), FIGURES.ruralWelfareCentres / Math.max(1, ruralTownships.size));
  for (const code of townships) {
    const random = randomStream(`civil-affairs:township:${code}`);
    const name = regionName.get(code) ?? code;
    if (pickSupervisor()) {
      const sex: Sex = random.chance(0.7) ? 'FEMALE' : 'MALE';
      supervisor.run(`${code}-CS1`, code, personName(random, sex), sex);
    }
    if (pickStation()) station.run(`${code}-SW`, code, `${name}社会工作服务站`, random.int(2, 6), random.int(2019, 2022));
    if (ruralTownships.has(code) && pickWelfare()) {
      facility.run(`${code}-RWC`, 'RURAL_WELFARE_CENTRE', code, code, `${name}农村福利中心`, random.int(30, 150), random.int(1990, 2020));
    }
  }
}

/** Per-village facts: grids, committee, sub-committees, rules, service centre, child director, facilities, organisations, disclosures, deliberations. */
function createVillageWriter(sqlite: SqliteDatabase, villageCount: number, randomStream: (name: string) => Random, scale: number) {
  const st = {
    grid: sqlite.prepare('INSERT INTO grids (code, village_code, serial, name) VALUES (?, ?, ?, ?)'),
    member: sqlite.prepare('INSERT INTO committee_members (id, village_code, ordinal, name, sex, role, age, education) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    subcommittee: sqlite.prepare('INSERT INTO subcommittees (id, village_code, type, chair_name, member_count) VALUES (?, ?, ?, ?, ?)'),
    rule: sqlite.prepare('INSERT INTO village_rules (id, village_code, title, adopted_on, revised_on, article_count, filed_with_township) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    centre: sqlite.prepare('INSERT INTO service_centres (village_code, area_square_meters, built_year) VALUES (?, ?, ?)'),
    director: sqlite.prepare('INSERT INTO child_directors (id, village_code, name, sex, concurrently_committee_member) VALUES (?, ?, ?, ?, ?)'),
    facility: sqlite.prepare('INSERT INTO elderly_facilities (id, type, region_code, township_code, name, capacity, opened_year) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    organisation: sqlite.prepare('INSERT INTO social_organisations (id, village_code, name, type, member_count) VALUES (?, ?, ?, ?, ?)'),
    pilot: sqlite.prepare('INSERT INTO deliberation_pilot_villages (village_code, designated_year) VALUES (?, ?)'),
    disclosure: sqlite.prepare('INSERT INTO disclosures (id, village_code, published_on, category, channel, title) VALUES (?, ?, ?, ?, ?, ?)'),
    deliberation: sqlite.prepare(
      'INSERT INTO deliberations (id, village_code, held_on, topic, form, subject, participant_count, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  const committeeSize = createDriftCorrectedCounter(FIGURES.committeeMembers / villageCount, 3, 7);
  const under55 = createApportioner();
  const college = createApportioner();
  const pickCourtyard = createQuotaPicker(randomStream('civil-affairs:elderly-courtyards:province'), FIGURES.elderlyCourtyards / villageCount);
  const pickMutualAid = createQuotaPicker(randomStream('civil-affairs:mutual-aid-stations:province'), FIGURES.mutualAidStations / villageCount);
  const pickPilot = createQuotaPicker(randomStream('civil-affairs:deliberation-pilots:province'), FIGURES.deliberationPilotVillages / villageCount);

  return {
    write({ region, grids, households }: WorldVillage) {
      const code = region.code;
      const township = `${code.slice(0, 9)}000`;
      const short = villageShortName(region.name);
      const random = randomStream(`civil-affairs:village:${code}`);

      for (const g of grids) st.grid.run(g.code, code, g.serial, `${short}第${g.serial}网格`);

      // Committee (村委会): 3–7 members, 83.2% under 55, mean age 46.2, 32.3% college or above.
      const size = committeeSize(random.weighted([[3, 33], [4, 36], [5, 18], [6, 9], [7, 4]] as const));
      const young = Math.max(0, Math.min(size, under55(size * FIGURES.committeeMembersUnder55Share)));
      const educated = Math.max(0, Math.min(size, college((size * FIGURES.committeeMembersWithCollege) / FIGURES.committeeMembers)));
      const youngSlots = shuffled(random, Array.from({ length: size }, (_, i) => i < young));
      const members = youngSlots.map((isYoung, ordinal) => {
        const age = isYoung ? Math.max(25, Math.min(54, Math.round(random.normal(43.8, 6.5)))) : random.int(55, 63);
        const sex: Sex = ordinal === 0 ? (random.chance(0.9) ? 'MALE' : 'FEMALE') : random.chance(0.35) ? 'FEMALE' : 'MALE';
        return { ordinal, age, sex, name: '', education: '', role: '' };
      });
      if (!members.some((m) => m.sex === 'FEMALE')) members[members.length - 1]!.sex = 'FEMALE'; // a women's member (妇女委员)
      const byYouth = [...members].sort((a, b) => a.age + random.normal(0, 8) - (b.age + random.normal(0, 8)));
      const collegeSet = new Set(byYouth.slice(0, educated));
      for (const m of members) {
        m.name = personName(random, m.sex);
        m.role = m.ordinal === 0 ? (random.chance(0.9) ? 'SECRETARY_AND_DIRECTOR' : 'DIRECTOR') : m.ordinal === 1 && size >= 5 ? 'DEPUTY_DIRECTOR' : 'MEMBER';
        m.education = collegeSet.has(m)
          ? random.chance(0.62) ? 'COLLEGE' : 'BACHELOR_OR_ABOVE'
          : random.weighted([['SENIOR_SECONDARY', 55], ['JUNIOR_SECONDARY', 40], ['PRIMARY_OR_BELOW', 5]] as const);
        st.member.run(`${code}-CM${m.ordinal + 1}`, code, m.ordinal, m.name, m.sex, m.role, m.age, m.education);
      }
      const women = members.filter((m) => m.sex === 'FEMALE');

      // The four sub-committees, chaired by committee members.
      const chairs: Record<string, string> = {
        MEDIATION: members[0]!.name,
        PUBLIC_HEALTH: random.pick(members).name,
        SECURITY: (members[1] ?? members[0]!).name,
        WOMEN_AND_CHILDREN: random.pick(women).name,
      };
      for (const [type, chair] of Object.entries(chairs)) st.subcommittee.run(`${code}-SC-${type}`, code, type, chair, random.int(3, 7));

      // One village rule (一村一规), adopted 2016–2020, often revised since.
      const adopted = isoDate(random.int(2016, 2020), random.int(0, 364));
      const revised = random.chance(0.55) ? isoDate(random.int(2021, 2022), random.int(0, 364)) : null;
      st.rule.run(`${code}-VR1`, code, `${short}村规民约`, adopted, revised, random.int(10, 30), random.chance(0.98) ? 1 : 0);

      // Service centre: ≥ 200 m² and ≥ 30 m² per 100 (full-count) households.
      const fullHouseholds = households.length / scale;
      const floor = Math.max(FIGURES.serviceCentreMinimumArea, Math.ceil((fullHouseholds * FIGURES.serviceAreaPer100Households) / 100));
      st.centre.run(code, floor + random.int(0, 10) * 20, random.int(2008, 2022));

      // Child director (儿童主任): usually the women's member of the committee.
      const concurrent = women.length > 0 && random.chance(0.7);
      const directorSex: Sex = concurrent ? 'FEMALE' : random.chance(0.8) ? 'FEMALE' : 'MALE';
      st.director.run(`${code}-CD`, code, concurrent ? random.pick(women).name : personName(random, directorSex), directorSex, concurrent ? 1 : 0);

      if (pickCourtyard()) st.facility.run(`${code}-EC`, 'ELDERLY_COURTYARD', code, township, `${short}养老大院`, random.int(10, 40), random.int(2012, 2022));
      if (pickMutualAid()) st.facility.run(`${code}-MA`, 'MUTUAL_AID_STATION', code, township, `${short}互助养老站`, random.int(8, 30), random.int(2015, 2022));

      // Community social organisations: at least five per village.
      const organisationTypes = ['ELDERLY_ASSOCIATION', 'VOLUNTEER_SERVICE', 'CULTURE_AND_SPORTS', 'CUSTOMS_COUNCIL', 'CHARITY', 'MUTUAL_AID', 'OTHER'];
      const organisations = random.int(5, 7);
      for (let i = 0; i < organisations; i++) {
        const type = organisationTypes[i]!;
        st.organisation.run(`${code}-SO${i + 1}`, code, `${short}${SOCIAL_ORGANISATION_NAMES[type]}`, type, random.int(5, 60));
      }

      const pilot = pickPilot();
      if (pilot) st.pilot.run(code, 2021);

      // Disclosures (村务公开) in 2022: quarterly finances plus other matters; ids sort by date within the village.
      const notices: [string, string][] = [0, 1, 2, 3].map((q) => [isoDate(2022, q * 91 + random.int(5, 20)), 'FINANCE']);
      for (let i = random.int(4, 12); i > 0; i--) {
        notices.push([isoDate(2022, random.int(0, 364)), random.weighted([['COLLECTIVE_ASSETS', 3], ['PROJECTS', 2], ['SOCIAL_ASSISTANCE', 3], ['POLICIES', 2], ['DECISIONS', 3], ['OTHER', 1]] as const)]);
      }
      notices.sort(([a], [b]) => a.localeCompare(b));
      notices.forEach(([date, category], i) => {
        const channel = random.weighted([['NOTICE_BOARD', 6], ['ONLINE', 3], ['VILLAGERS_MEETING', 1]] as const);
        st.disclosure.run(`${code}-D${date.replaceAll('-', '')}-${String(i + 1).padStart(2, '0')}`, code, date, category, channel, `${short}${date.slice(0, 4)}年${DISCLOSURE_TITLES[category]}`);
      });

      // Deliberations (议事协商) in 2021–2022; pilot villages hold more.
      const meetings = Array.from({ length: random.int(2, 6) + (pilot ? 8 : 0) }, () => isoDate(random.int(2021, 2022), random.int(0, 364))).sort();
      meetings.forEach((date, i) => {
        const topic = random.weighted([['INFRASTRUCTURE', 4], ['LAND', 3], ['COLLECTIVE_ECONOMY', 2], ['PUBLIC_SERVICES', 2], ['ENVIRONMENT', 3], ['SOCIAL_ASSISTANCE', 2], ['OTHER', 1]] as const);
        const form = random.weighted([['REPRESENTATIVES_MEETING', 5], ['DELIBERATION_COUNCIL', 3], ['VILLAGERS_ASSEMBLY', 1], ['HEARING', 1]] as const);
        const outcome = random.weighted([['AGREED', 70], ['AGREED_WITH_CHANGES', 18], ['DEFERRED', 9], ['REJECTED', 3]] as const);
        st.deliberation.run(`${code}-Y${date.replaceAll('-', '')}-${String(i + 1).padStart(2, '0')}`, code, date, topic, form, DELIBERATION_SUBJECTS[topic]!, random.int(9, 60), outcome);
      });
    },
  };
}

function shuffled<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Households, residents and their care categories; registered volunteers; distressed children afterwards. */
function createPeopleWriter(sqlite: SqliteDatabase, asOf: string, volunteerRandom: Random) {
  const household = sqlite.prepare('INSERT INTO households (id, village_code, grid_code, assistance, member_count) VALUES (?, ?, ?, ?, ?)');
  const resident = sqlite.prepare(
    `INSERT INTO residents (id, household_id, village_code, grid_code, ordinal, name, sex, birth_date, id_number, ethnicity, relation, working_away, disabled, registered_volunteer)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const care = sqlite.prepare('INSERT INTO resident_care_categories (resident_id, category, village_code) VALUES (?, ?, ?)');
  sqlite.exec('DROP TABLE IF EXISTS temp.distress_candidates');
  sqlite.exec('CREATE TEMP TABLE distress_candidates (seq INTEGER PRIMARY KEY, resident_id TEXT NOT NULL, village_code TEXT NOT NULL, priority INTEGER NOT NULL, unsupported INTEGER NOT NULL)');
  const candidate = sqlite.prepare('INSERT INTO distress_candidates (resident_id, village_code, priority, unsupported) VALUES (?, ?, ?, ?)');

  // Registered volunteers: 13% of all residents, chosen among people aged 16–75 at home. The chance
  // rises with the shortfall against 13% of everyone seen so far, so the total is exact.
  let seen = 0;
  let volunteers = 0;
  const isVolunteer = (m: WorldResident) => {
    seen++;
    const age = ageOn(m.birthDate, asOf);
    if (m.workingAway || age < 16 || age > 75) return false;
    const shortfall = FIGURES.registeredVolunteerShare * seen - volunteers;
    if (!volunteerRandom.chance(Math.max(0, Math.min(1, 0.2 + shortfall * 0.05)))) return false;
    volunteers++;
    return true;
  };

  return {
    write(h: WorldHousehold) {
      household.run(h.id, h.villageCode, h.gridCode, h.assistance, h.members.length);
      const categories = careCategoriesOf(h, asOf);
      h.members.forEach((m, ordinal) => {
        resident.run(
          m.id, h.id, h.villageCode, h.gridCode, ordinal, m.name, m.sex, m.birthDate, m.idNumber, m.ethnicity, m.relation,
          m.workingAway ? 1 : 0, m.disabled ? 1 : 0, isVolunteer(m) ? 1 : 0,
        );
        const own = categories.get(m) ?? [];
        for (const category of own) care.run(m.id, category, h.villageCode);
        const c = distressCandidate(h, m, asOf, own);
        if (c) candidate.run(m.id, h.villageCode, c.priority, c.unsupported);
      });
    },

    /**
     * Registers distressed (困境儿童) and de-facto unsupported (事实无人抚养) children so that all
     * children under care reach `target`: priority candidates first, then the rest, each group by
     * systematic sampling in code order. Those with no able parent, and every eighth of the others,
     * are de-facto unsupported.
     */
    chooseDistressedChildren(target: number) {
      const leftBehind = (sqlite.prepare(`SELECT count(*) AS n FROM resident_care_categories WHERE category = 'LEFT_BEHIND_CHILD'`).get() as { n: number }).n;
      let quota = Math.max(0, target - leftBehind);
      const choose = sqlite.prepare(`
        INSERT INTO resident_care_categories (resident_id, category, village_code)
        SELECT resident_id, CASE WHEN unsupported = 1 OR rn % 8 = 0 THEN 'DEFACTO_UNSUPPORTED_CHILD' ELSE 'DISTRESSED_CHILD' END, village_code
        FROM (SELECT *, row_number() OVER (ORDER BY seq) AS rn, count(*) OVER () AS n FROM distress_candidates WHERE priority = @priority)
        WHERE (rn * CAST(@quota AS INTEGER)) / n > ((rn - 1) * CAST(@quota AS INTEGER)) / n`);
      for (const priority of [0, 1]) {
        const available = (sqlite.prepare('SELECT count(*) AS n FROM distress_candidates WHERE priority = ?').get(priority) as { n: number }).n;
        const take = Math.min(quota, available);
        if (take > 0) choose.run({ priority, quota: take });
        quota -= take;
      }
      sqlite.exec('DROP TABLE temp.distress_candidates');
    },
  };
}

/**
 * Grid leaders and workers, after the village pass so that the province total is exact whatever the
 * world's grid count: one leader per grid plus workers, 153,000 in all.
 */
function seedGridWorkers(sqlite: SqliteDatabase, randomStream: (name: string) => Random) {
  const grids = sqlite.prepare('SELECT code, village_code FROM grids ORDER BY code').all() as { code: string; village_code: string }[];
  if (grids.length === 0) return;
  const insert = sqlite.prepare('INSERT INTO grid_workers (id, grid_code, village_code, role, name, sex) VALUES (?, ?, ?, ?, ?, ?)');
  const perGrid = createDriftCorrectedCounter(FIGURES.gridWorkers / grids.length, 1, 6);
  for (const grid of grids) {
    const random = randomStream(`civil-affairs:grid-workers:${grid.code}`);
    const count = perGrid(random.weighted([[2, 25], [3, 45], [4, 22], [5, 8]] as const));
    for (let i = 0; i < count; i++) {
      const sex: Sex = random.chance(i === 0 ? 0.3 : 0.55) ? 'FEMALE' : 'MALE';
      insert.run(`${grid.code}-W${String(i + 1).padStart(2, '0')}`, grid.code, grid.village_code, i === 0 ? 'LEADER' : 'WORKER', personName(random, sex), sex);
    }
  }
}
