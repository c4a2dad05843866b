import type { DepartmentSeeder, Random, WorldHousehold, WorldResident, WorldVillage } from '@village-graph/shared';
import type { DisputeType } from './db/schema.ts';
import { fillRegionStatistics } from './statistics.ts';
import { createApportionment, createQuota } from './seeding/quota.ts';
import { addDays, addMonths, daysBetween, minDate, randomDate } from './seeding/dates.ts';
import { AGREEMENT_AMOUNTS, AGREEMENTS, SUMMARIES, lawFirmName, personName } from './seeding/text.ts';

/**
 * Justice's records of the synthetic province.
 *
 * Full count (every village / township, whatever the scale): a mediation committee with 3–7
 * mediators per village; a legal adviser for every village (a lawyer serves 3–8 neighbouring
 * villages of one county); a legal-aid contact point per township; model-village titles.
 *
 * Per person (from the world's households, already scaled), exact to the unit by quota:
 * - disputes: 1 per 150 residents per year over 2020–2022, 15% still open at the end of 2022;
 *   land-contract disputes between the heads of two households of the village, marriage/family
 *   disputes between two adults of one household or of two related households (heads sharing a
 *   surname);
 * - legal-aid cases: 1 per 1,000 residents per year;
 * - community correction: 1 per 2,000 adults; post-release placement: 1 per 1,500 adults.
 */
export const DISPUTES_PER_RESIDENT_PER_YEAR = 1 / 150;
export const DISPUTE_YEARS = 3;
export const OPEN_DISPUTE_SHARE = 0.15;
export const LEGAL_AID_CASES_PER_RESIDENT_PER_YEAR = 1 / 1000;
export const CORRECTIONS_PER_ADULT = 1 / 2000;
export const PLACEMENTS_PER_ADULT = 1 / 1500;
const MODEL_VILLAGE_SHARES = { NATIONAL: 0.012, PROVINCIAL: 0.05, MUNICIPAL: 0.1 } as const;
const NATIONAL_MODEL_YEARS = [2003, 2006, 2008, 2011, 2013, 2014, 2018, 2019, 2022];

const PERIOD_START = '2020-01-01';
const PERIOD_END = '2022-12-31';
/** Parties must be adults on any date of the period. */
const ADULT_THROUGHOUT_PERIOD = '2001-12-31';

const DISPUTE_TYPE_WEIGHTS: readonly (readonly [DisputeType, number])[] = [
  ['NEIGHBOUR', 28], ['MARRIAGE_FAMILY', 25], ['LAND_CONTRACT', 13], ['HOUSING_HOMESTEAD', 10],
  ['DAMAGES', 10], ['CONTRACT', 6], ['LABOUR', 3], ['OTHER', 5],
];
const SOURCE_WEIGHTS = [['PARTY_APPLICATION', 55], ['PROACTIVE_SCREENING', 30], ['REFERRED_BY_AGENCY', 10], ['COURT_ENTRUSTED', 5]] as const;
const CLOSED_STATUS_WEIGHTS = [['RESOLVED', 94], ['FAILED', 3.5], ['REFERRED', 2.5]] as const;
const REFERRAL_WEIGHTS: Record<DisputeType, readonly (readonly [string, number])[]> = {
  MARRIAGE_FAMILY: [['PEOPLES_COURT', 8], ['PUBLIC_SECURITY', 2]],
  NEIGHBOUR: [['PUBLIC_SECURITY', 5], ['PEOPLES_COURT', 3], ['GOVERNMENT_DEPARTMENT', 2]],
  HOUSING_HOMESTEAD: [['GOVERNMENT_DEPARTMENT', 6], ['PEOPLES_COURT', 4]],
  LAND_CONTRACT: [['ARBITRATION', 6], ['GOVERNMENT_DEPARTMENT', 2], ['PEOPLES_COURT', 2]],
  CONTRACT: [['PEOPLES_COURT', 9], ['ARBITRATION', 1]],
  DAMAGES: [['PEOPLES_COURT', 6], ['PUBLIC_SECURITY', 4]],
  LABOUR: [['ARBITRATION', 7], ['PEOPLES_COURT', 3]],
  OTHER: [['GOVERNMENT_DEPARTMENT', 6], ['PEOPLES_COURT', 4]],
};
const FOLLOW_UP_WEIGHTS = [['FULFILLED', 90], ['PARTIALLY_FULFILLED', 7], ['NOT_FULFILLED', 3]] as const;
const LEGAL_AID_TYPE_WEIGHTS = [
  ['WAGE_ARREARS', 30], ['MARRIAGE_FAMILY', 15], ['SUPPORT_PAYMENTS', 12], ['PERSONAL_INJURY', 10],
  ['TRAFFIC_ACCIDENT', 10], ['CRIMINAL_DEFENCE', 10], ['LAND_CONTRACT', 6], ['OTHER', 7],
] as const;
const CORRECTION_TERMS = {
  PROBATION: [78, 12, 60],
  PAROLE: [12, 6, 36],
  TEMPORARY_SERVICE_OUTSIDE_PRISON: [6, 6, 24],
  CONTROL: [4, 3, 24],
} as const;

interface Person {
  resident: WorldResident;
  household: WorldHousehold;
}

interface DraftDispute {
  type: DisputeType;
  parties: [Person, Person];
}

const surname = (name: string) => name.slice(0, 1);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The people of one village a justice record can name, indexed the ways the generators need. */
class VillagePeople {
  /** Adults on every date of 2020–2022, per household (households without any are left out). */
  readonly adultsByHousehold: Person[][];
  /** Household heads who are adults throughout the period. */
  readonly heads: Person[];
  /** Households with at least two adults (family disputes inside one household). */
  readonly multiAdult: Person[][];
  /** Adults at the reference date, for correction and placement. */
  readonly adultsNow: Person[];
  readonly residentCount: number;

  constructor(village: WorldVillage, adultBorn: string) {
    this.adultsByHousehold = [];
    this.adultsNow = [];
    let residents = 0;
    for (const household of village.households) {
      residents += household.members.length;
      const adults: Person[] = [];
      for (const resident of household.members) {
        if (resident.birthDate <= ADULT_THROUGHOUT_PERIOD) adults.push({ resident, household });
        if (resident.birthDate <= adultBorn) this.adultsNow.push({ resident, household });
      }
      if (adults.length > 0) this.adultsByHousehold.push(adults);
    }
    this.residentCount = residents;
    this.heads = this.adultsByHousehold.flatMap((adults) => adults.filter((p) => p.resident.relation === 'HEAD'));
    this.multiAdult = this.adultsByHousehold.filter((adults) => adults.length >= 2);
  }

  /** An adult (the head where possible) from each of two households, in the same grid where `sameGrid` allows; or null. */
  twoHouseholds(random: Random, sameGrid: boolean): [Person, Person] | null {
    const households = this.adultsByHousehold;
    if (households.length < 2) return null;
    const first = random.pick(households);
    const grid = first[0]!.household.gridCode;
    const others = households.filter((h) => h !== first && (!sameGrid || h[0]!.household.gridCode === grid));
    const pool = others.length > 0 ? others : households.filter((h) => h !== first);
    const second = random.pick(pool);
    const representative = (adults: Person[]) => adults.find((p) => p.resident.relation === 'HEAD') ?? random.pick(adults);
    return [representative(first), representative(second)];
  }

  /** Heads of two different households. */
  twoHeads(random: Random): [Person, Person] | null {
    if (this.heads.length < 2) return null;
    const first = random.pick(this.heads);
    const second = random.pick(this.heads.filter((p) => p !== first));
    return [first, second];
  }

  /** Two adults of one household. */
  sameHousehold(random: Random): [Person, Person] | null {
    if (this.multiAdult.length === 0) return null;
    const adults = random.pick(this.multiAdult);
    const first = random.pick(adults);
    return [first, random.pick(adults.filter((p) => p !== first))];
  }

  /** Heads of two related households: their surnames are the same (brothers, cousins). */
  relatedHouseholds(random: Random): [Person, Person] | null {
    if (this.heads.length < 2) return null;
    const first = random.pick(this.heads);
    const relatives = this.heads.filter((p) => p !== first && surname(p.resident.name) === surname(first.resident.name));
    return relatives.length > 0 ? [first, random.pick(relatives)] : null;
  }

  /** Parties for a dispute of `type`, falling back to a type the village's people allow; null if none. */
  disputeParties(type: DisputeType, random: Random): DraftDispute | null {
    switch (type) {
      case 'MARRIAGE_FAMILY': {
        const parties = random.chance(0.8)
          ? this.sameHousehold(random) ?? this.relatedHouseholds(random)
          : this.relatedHouseholds(random) ?? this.sameHousehold(random);
        return parties ? { type, parties } : this.disputeParties('NEIGHBOUR', random);
      }
      case 'LAND_CONTRACT': {
        const parties = this.twoHeads(random);
        return parties ? { type, parties } : this.disputeParties('NEIGHBOUR', random);
      }
      default: {
        const parties = this.twoHouseholds(random, type === 'NEIGHBOUR' || type === 'HOUSING_HOMESTEAD');
        if (parties) return { type, parties };
        const family = this.sameHousehold(random);
        return family ? { type: 'MARRIAGE_FAMILY', parties: family } : null;
      }
    }
  }
}

/** Draws up to `count` distinct people from `pool`, weighting men by `maleWeight`, skipping `taken`. */
function drawPeople(pool: Person[], count: number, maleWeight: number, taken: Set<string>, random: Random): Person[] {
  const chosen: Person[] = [];
  const candidates = pool.filter((p) => !taken.has(p.resident.id));
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const weights = candidates.map((p, index) => [index, p.resident.sex === 'MALE' ? maleWeight : 1] as const);
    const index = random.weighted(weights);
    const [person] = candidates.splice(index, 1);
    chosen.push(person!);
    taken.add(person!.resident.id);
  }
  return chosen;
}

export const seed: DepartmentSeeder = (sqlite, world) => {
  const asOf = minDate(world.asOf, PERIOD_END);
  // Born on or before this date: an adult (18+) at the reference date.
  const adultBorn = `${Number(asOf.slice(0, 4)) - 18}${asOf.slice(4)}`;

  const insert = {
    committee: sqlite.prepare('INSERT INTO mediation_committees (village_code, name, mediator_count, established_year) VALUES (?, ?, ?, ?)'),
    mediator: sqlite.prepare('INSERT INTO mediators (id, village_code, name, role, appointed_year) VALUES (?, ?, ?, ?, ?)'),
    dispute: sqlite.prepare(`INSERT INTO disputes (id, village_code, grid_code, type, source, status, received_on, mediator_id, summary, closed_on,
      agreement_text, agreement_amount_yuan, referred_to, followed_up_on, follow_up_outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    party: sqlite.prepare('INSERT INTO dispute_parties (dispute_id, resident_id, household_id, role) VALUES (?, ?, ?, ?)'),
    adviser: sqlite.prepare('INSERT INTO legal_advisers (id, name, law_firm, county_code) VALUES (?, ?, ?, ?)'),
    villageAdviser: sqlite.prepare('INSERT INTO village_legal_advisers (village_code, adviser_id, contracted_year) VALUES (?, ?, ?)'),
    contactPoint: sqlite.prepare('INSERT INTO legal_aid_contact_points (township_code, name, established_year) VALUES (?, ?, ?)'),
    legalAidCase: sqlite.prepare(`INSERT INTO legal_aid_cases (id, village_code, township_code, resident_id, household_id, type, status, accepted_on, closed_on)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    correction: sqlite.prepare(`INSERT INTO community_corrections (id, village_code, resident_id, household_id, type, status, starts_on, ends_on)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    placement: sqlite.prepare(`INSERT INTO post_release_placements (id, village_code, resident_id, household_id, released_on, assistance_ends_on, placement_status)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    model: sqlite.prepare('INSERT INTO rule_of_law_model_villages (village_code, level, year) VALUES (?, ?, ?)'),
  };

  // Legal-aid contact points: one per township, in the township's judicial office.
  const townships = new Set<string>();
  for (const township of world.townships) {
    const random = world.random(`justice:legal-aid-contact-point:${township.code}`);
    insert.contactPoint.run(township.code, `${township.name}法律援助联络点`, random.int(2004, 2019));
    townships.add(township.code);
  }

  const quotas = {
    disputes: createQuota(),
    open: createQuota(),
    legalAid: createQuota(),
    corrections: createQuota(),
    placements: createQuota(),
    national: createQuota(),
    provincial: createQuota(),
    municipal: createQuota(),
  };
  // Closed disputes lean to 2020–2021 so that, with 2022's open backlog, each year gets a third.
  const closedDisputeYears = createApportionment([[2020, 0.392], [2021, 0.392], [2022, 0.216]] as const);
  let adviser: { id: string; countyCode: string; villagesLeft: number } | null = null;
  const adviserSerials = new Map<string, number>();

  for (const village of world.villages()) {
    const code = village.region.code;
    const people = new VillagePeople(village, adultBorn);

    // Mediation committee (人民调解委员会) and its mediators: every village, full count.
    const committeeRandom = world.random(`justice:mediation:${code}`);
    const villageName = village.region.name.replace(/(村民委员会|村委会)$/, '村');
    const mediatorCount = committeeRandom.int(3, 7);
    const establishedYear = committeeRandom.int(1989, 2021);
    insert.committee.run(code, `${villageName}人民调解委员会`, mediatorCount, establishedYear);
    const mediatorRandom = world.random(`justice:mediators:${code}`);
    const mediatorIds: string[] = [];
    for (let i = 1; i <= mediatorCount; i++) {
      const id = `${code}-M${pad(i, 2)}`;
      insert.mediator.run(id, code, personName(mediatorRandom), i === 1 ? 'CHAIR' : 'MEMBER', mediatorRandom.int(establishedYear, 2022));
      mediatorIds.push(id);
    }

    // Legal adviser (一村一法律顾问): a lawyer takes the next 3–8 villages of the same county.
    const countyCode = `${code.slice(0, 6)}000000`;
    if (!adviser || adviser.countyCode !== countyCode || adviser.villagesLeft === 0) {
      const serial: number = (adviserSerials.get(countyCode) ?? 0) + 1;
      adviserSerials.set(countyCode, serial);
      const id: string = `LA${code.slice(0, 6)}-${pad(serial, 3)}`;
      const random = world.random(`justice:legal-adviser:${id}`);
      insert.adviser.run(id, personName(random), lawFirmName(random), countyCode);
      adviser = { id, countyCode, villagesLeft: random.int(3, 8) };
    }
    adviser.villagesLeft--;
    insert.villageAdviser.run(code, adviser.id, world.random(`justice:legal-adviser-engagement:${code}`).int(2017, 2021));

    // Democracy & rule-of-law model village (民主法治示范村), highest level held.
    const modelRandom = world.random(`justice:rule-of-law-model:${code}`);
    if (quotas.national.draw(MODEL_VILLAGE_SHARES.NATIONAL, modelRandom) > 0) {
      insert.model.run(code, 'NATIONAL', modelRandom.pick(NATIONAL_MODEL_YEARS));
    } else if (quotas.provincial.draw(MODEL_VILLAGE_SHARES.PROVINCIAL, modelRandom) > 0) {
      insert.model.run(code, 'PROVINCIAL', modelRandom.int(2008, 2022));
    } else if (quotas.municipal.draw(MODEL_VILLAGE_SHARES.MUNICIPAL, modelRandom) > 0) {
      insert.model.run(code, 'MUNICIPAL', modelRandom.int(2008, 2022));
    }

    writeDisputes(village, people, mediatorIds);
    writeLegalAidCases(village, people);
    writeCorrectionsAndPlacements(village, people);
  }

  fillRegionStatistics(sqlite);

  function writeDisputes(village: WorldVillage, people: VillagePeople, mediatorIds: string[]): void {
    const code = village.region.code;
    const random = world.random(`justice:disputes:${code}`);
    const wanted = quotas.disputes.draw(people.residentCount * DISPUTES_PER_RESIDENT_PER_YEAR * DISPUTE_YEARS, random);
    const drafts: { draft: DraftDispute; open: boolean; receivedOn: string }[] = [];
    for (let i = 0; i < wanted; i++) {
      const draft = people.disputeParties(random.weighted(DISPUTE_TYPE_WEIGHTS), random);
      if (!draft) {
        quotas.disputes.giveBack(wanted - i);
        break;
      }
      const open = quotas.open.draw(OPEN_DISPUTE_SHARE, random) > 0;
      // Open disputes are 2022's backlog; closed ones are spread so every year gets a third of all.
      const year = open ? 2022 : closedDisputeYears.next(random);
      const receivedOn = randomDate(random, `${year}-01-01`, minDate(`${year}-12-31`, asOf));
      drafts.push({ draft, open, receivedOn });
    }
    // Case numbers run per village and year in order of receipt.
    drafts.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
    const serials = new Map<string, number>();
    for (const { draft, open, receivedOn } of drafts) {
      const year = receivedOn.slice(0, 4);
      const serial = (serials.get(year) ?? 0) + 1;
      serials.set(year, serial);
      const id = `${code}-${year}-${pad(serial, 3)}`;
      const { type, parties } = draft;
      const status = open
        ? daysBetween(receivedOn, asOf) < 30 && random.chance(0.5) ? 'RECEIVED' : 'MEDIATING'
        : random.weighted(CLOSED_STATUS_WEIGHTS);
      const closedOn = open ? null : minDate(addDays(receivedOn, random.int(1, 30)), asOf);
      let agreementText: string | null = null;
      let amount: number | null = null;
      let followedUpOn: string | null = null;
      let followUpOutcome: string | null = null;
      if (status === 'RESOLVED' && closedOn) {
        agreementText = random.pick(AGREEMENTS[type]);
        const [share, min, max] = AGREEMENT_AMOUNTS[type];
        if (random.chance(share)) amount = Math.round(random.int(min, max) / 100) * 100;
        const visit = addDays(closedOn, random.int(7, 60));
        if (visit <= asOf && random.chance(0.9)) {
          followedUpOn = visit;
          followUpOutcome = random.weighted(FOLLOW_UP_WEIGHTS);
        }
      }
      insert.dispute.run(
        id,
        code,
        parties[0].household.gridCode,
        type,
        random.weighted(SOURCE_WEIGHTS),
        status,
        receivedOn,
        status === 'RECEIVED' ? null : random.pick(mediatorIds),
        random.pick(SUMMARIES[type]),
        closedOn,
        agreementText,
        amount,
        status === 'REFERRED' ? random.weighted(REFERRAL_WEIGHTS[type]) : null,
        followedUpOn,
        followUpOutcome,
      );
      insert.party.run(id, parties[0].resident.id, parties[0].household.id, 'APPLICANT');
      insert.party.run(id, parties[1].resident.id, parties[1].household.id, 'RESPONDENT');
    }
  }

  function writeLegalAidCases(village: WorldVillage, people: VillagePeople): void {
    const code = village.region.code;
    const township = `${code.slice(0, 9)}000`;
    if (!townships.has(township)) return;
    const random = world.random(`justice:legal-aid:${code}`);
    const applicants = people.adultsByHousehold.flat();
    const wanted = quotas.legalAid.draw(people.residentCount * LEGAL_AID_CASES_PER_RESIDENT_PER_YEAR * DISPUTE_YEARS, random);
    if (applicants.length === 0) {
      quotas.legalAid.giveBack(wanted);
      return;
    }
    const cases = Array.from({ length: wanted }, () => ({ applicant: random.pick(applicants), acceptedOn: randomDate(random, PERIOD_START, asOf) }));
    cases.sort((a, b) => (a.acceptedOn < b.acceptedOn ? -1 : a.acceptedOn > b.acceptedOn ? 1 : 0));
    const serials = new Map<string, number>();
    for (const { applicant, acceptedOn } of cases) {
      const year = acceptedOn.slice(0, 4);
      const serial = (serials.get(year) ?? 0) + 1;
      serials.set(year, serial);
      const closesOn = addDays(acceptedOn, random.int(20, 180));
      const status = closesOn <= asOf ? 'CLOSED' : daysBetween(acceptedOn, asOf) < 7 ? 'ACCEPTED' : 'IN_PROGRESS';
      insert.legalAidCase.run(
        `${code}-A${year}${pad(serial, 3)}`,
        code,
        township,
        applicant.resident.id,
        applicant.household.id,
        random.weighted(LEGAL_AID_TYPE_WEIGHTS),
        status,
        acceptedOn,
        status === 'CLOSED' ? closesOn : null,
      );
    }
  }

  function writeCorrectionsAndPlacements(village: WorldVillage, people: VillagePeople): void {
    const code = village.region.code;
    const taken = new Set<string>();
    // The rates are per adult; the people drawn are of working age (18–69), mostly men.
    const bornAfter = `${Number(asOf.slice(0, 4)) - 70}${asOf.slice(4)}`;
    const pool = people.adultsNow.filter((p) => p.resident.birthDate > bornAfter);
    const correctionRandom = world.random(`justice:community-correction:${code}`);
    const corrections = quotas.corrections.draw(people.adultsNow.length * CORRECTIONS_PER_ADULT, correctionRandom);
    const corrected = drawPeople(pool, corrections, 6, taken, correctionRandom);
    quotas.corrections.giveBack(corrections - corrected.length);
    corrected.forEach((person, i) => {
      const type = correctionRandom.weighted(Object.entries(CORRECTION_TERMS).map(([t, [weight]]) => [t, weight] as const));
      const [, minMonths, maxMonths] = CORRECTION_TERMS[type as keyof typeof CORRECTION_TERMS];
      const startsOn = randomDate(correctionRandom, '2019-01-01', asOf);
      const endsOn = addMonths(startsOn, correctionRandom.int(minMonths, maxMonths));
      const status = endsOn > asOf ? 'ACTIVE' : correctionRandom.chance(0.04) ? 'REVOKED' : 'COMPLETED';
      insert.correction.run(`${code}-C${pad(i + 1, 3)}`, code, person.resident.id, person.household.id, type, status, startsOn, endsOn);
    });

    const placementRandom = world.random(`justice:post-release-placement:${code}`);
    const placements = quotas.placements.draw(people.adultsNow.length * PLACEMENTS_PER_ADULT, placementRandom);
    const released = drawPeople(pool, placements, 9, taken, placementRandom);
    quotas.placements.giveBack(placements - released.length);
    released.forEach((person, i) => {
      const releasedOn = randomDate(placementRandom, '2018-01-01', asOf);
      const recent = daysBetween(releasedOn, asOf) < 90;
      const status = placementRandom.weighted(recent ? ([['PENDING', 50], ['PLACED', 48], ['LOST_CONTACT', 2]] as const) : ([['PLACED', 93], ['PENDING', 5], ['LOST_CONTACT', 2]] as const));
      insert.placement.run(`${code}-P${pad(i + 1, 3)}`, code, person.resident.id, person.household.id, releasedOn, addMonths(releasedOn, 60), status);
    });
  }
};
