import type { AssistanceCategory, Ethnicity, HouseholdRelation, Random, Sex, WorldHousehold, WorldResident } from '@village-graph/shared';
import { buildIdNumber } from './id-number.ts';
import { pickGivenName, pickSurname } from './names.ts';

/** The dataset's reference date: the documents' figures are for the end of 2022. */
export const AS_OF = '2022-12-31';
const AS_OF_YEAR = 2022;

/**
 * Household shapes of an ageing rural population, with weights that give ~2.4 persons per
 * household (Jilin's rural average) and an old age structure: many elderly living alone or as a
 * couple, young adults often away for work.
 */
export type HouseholdShape =
  | 'SOLITARY_ELDER' | 'SINGLE_ADULT' | 'ELDER_COUPLE' | 'MIDDLE_COUPLE' | 'YOUNG_FAMILY' | 'THREE_GENERATIONS' | 'MIDDLE_FAMILY'
  /** Grandparents at home with grandchildren under 16 whose parents both work away (留守儿童家庭). */
  | 'LEFT_BEHIND_FAMILY';

export const ORDINARY_SHAPES: readonly (readonly [HouseholdShape, number])[] = [
  ['SOLITARY_ELDER', 14], ['SINGLE_ADULT', 9], ['ELDER_COUPLE', 20], ['MIDDLE_COUPLE', 15],
  ['YOUNG_FAMILY', 19], ['THREE_GENERATIONS', 9], ['MIDDLE_FAMILY', 9],
];

/** Ethnic mix by county: Korean (朝鲜族) concentrated in Yanbian, Manchu in Yitong, Mongol in Qian Gorlos. */
export function ethnicMix(countyCode: string): readonly (readonly [Ethnicity, number])[] {
  if (countyCode.startsWith('2224')) return [['KOREAN', 36], ['HAN', 60], ['MANCHU', 2.5], ['OTHER', 1.5]];
  if (countyCode === '220623') return [['KOREAN', 15], ['HAN', 80], ['MANCHU', 4], ['OTHER', 1]];
  if (countyCode === '220323') return [['MANCHU', 35], ['HAN', 63], ['KOREAN', 1], ['OTHER', 1]];
  if (countyCode === '220721') return [['MONGOL', 12], ['HAN', 84], ['MANCHU', 2], ['HUI', 1], ['OTHER', 1]];
  if (/^22(02|03|05)/.test(countyCode)) return [['HAN', 93], ['MANCHU', 4], ['KOREAN', 1.5], ['HUI', 0.8], ['MONGOL', 0.4], ['OTHER', 0.3]];
  return [['HAN', 95.5], ['MANCHU', 2.3], ['KOREAN', 1], ['HUI', 0.7], ['MONGOL', 0.3], ['OTHER', 0.2]];
}

export interface HouseholdContext {
  random: Random;
  countyCode: string;
  villageCode: string;
  gridCode: string;
  householdId: string;
  /** Issues the next resident id of the village. */
  nextResidentId: () => string;
  /** Reserves an ID-number sequence unique within the county for (birth date, sex). */
  reserveSequence: (birthDate: string, sex: Sex) => number;
  /** Whether a left-behind family gets a second child under 16 (planned, to hit the province total exactly). */
  secondLeftBehindChild: boolean;
  /** Multiplier that brings the province's person-weighted mean income to 18,134 yuan. */
  incomeBase: number;
}

function birthDateFor(random: Random, age: number): string {
  const year = AS_OF_YEAR - age;
  const dayOfYear = random.int(0, 364);
  const date = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  return date.toISOString().slice(0, 10);
}

export function generateHousehold(shape: HouseholdShape, ctx: HouseholdContext): WorldHousehold {
  const { random } = ctx;
  const ethnicity = random.weighted(ethnicMix(ctx.countyCode));
  const korean = ethnicity === 'KOREAN';
  const familyName = pickSurname(random, korean);
  const members: WorldResident[] = [];

  const person = (relation: HouseholdRelation, sex: Sex, age: number, options: { ownSurname?: boolean; workingAway?: boolean } = {}) => {
    const birthDate = birthDateFor(random, age);
    const ownEthnicity = options.ownSurname && random.chance(0.12) ? 'HAN' : ethnicity;
    const surname = options.ownSurname ? pickSurname(random, ownEthnicity === 'KOREAN') : familyName;
    const resident: WorldResident = {
      id: ctx.nextResidentId(),
      householdId: ctx.householdId,
      name: surname + pickGivenName(random, sex, AS_OF_YEAR - age, ownEthnicity === 'KOREAN'),
      sex,
      birthDate,
      idNumber: buildIdNumber(ctx.countyCode, birthDate, ctx.reserveSequence(birthDate, sex)),
      ethnicity: ownEthnicity,
      relation,
      workingAway: (options.workingAway ?? false) && age >= 18 && age <= 59,
      disabled: random.chance(age >= 60 ? 0.08 : age >= 18 ? 0.035 : 0.01),
    };
    members.push(resident);
    return resident;
  };
  const couple = (minAge: number, maxAge: number, husbandAway = false) => {
    const age = random.int(minAge, maxAge);
    const wifeAge = Math.max(18, Math.min(95, age - random.int(-1, 4)));
    const headIsMan = random.chance(0.85);
    if (headIsMan) person('HEAD', 'MALE', age, { workingAway: husbandAway });
    person(headIsMan ? 'SPOUSE' : 'HEAD', 'FEMALE', wifeAge, { ownSurname: true });
    if (!headIsMan) person('SPOUSE', 'MALE', age, { ownSurname: true, workingAway: husbandAway });
    return { wifeAge };
  };
  const children = (relation: HouseholdRelation, count: number, minAge: number, maxAge: number, awayChance = 0) => {
    for (let i = 0; i < count; i++) person(relation, random.chance(0.51) ? 'MALE' : 'FEMALE', random.int(minAge, maxAge), { workingAway: random.chance(awayChance) });
  };

  switch (shape) {
    case 'SOLITARY_ELDER':
      person('HEAD', random.chance(0.42) ? 'MALE' : 'FEMALE', Math.min(96, 60 + Math.floor(Math.abs(random.normal(0, 10)))));
      break;
    case 'SINGLE_ADULT':
      person('HEAD', random.chance(0.65) ? 'MALE' : 'FEMALE', random.int(22, 59), { workingAway: random.chance(0.5) });
      break;
    case 'ELDER_COUPLE':
      couple(60, 86);
      break;
    case 'MIDDLE_COUPLE':
      couple(42, 64, random.chance(0.25));
      break;
    case 'YOUNG_FAMILY': {
      const { wifeAge } = couple(26, 46, random.chance(0.4));
      // Both parents stay: any child under 16 here has a parent at home.
      children('CHILD', random.chance(0.3) ? 2 : 1, 0, Math.max(0, Math.min(20, wifeAge - 22)));
      break;
    }
    case 'THREE_GENERATIONS': {
      const { wifeAge } = couple(30, 52, random.chance(0.25));
      const elderAge = Math.min(92, wifeAge + random.int(24, 32));
      person('PARENT', random.chance(0.4) ? 'MALE' : 'FEMALE', elderAge, { ownSurname: true });
      if (random.chance(0.45)) person('PARENT', 'MALE', Math.min(94, elderAge + 2), { ownSurname: true });
      children('CHILD', random.chance(0.3) ? 2 : 1, 0, Math.max(0, Math.min(24, wifeAge - 22)), 0.3);
      break;
    }
    case 'MIDDLE_FAMILY': {
      couple(44, 62);
      children('CHILD', 1, 18, 32, 0.6);
      break;
    }
    case 'LEFT_BEHIND_FAMILY': {
      const grandfatherAge = random.int(54, 78);
      person('HEAD', 'MALE', grandfatherAge);
      if (random.chance(0.8)) person('SPOUSE', 'FEMALE', grandfatherAge - random.int(0, 4), { ownSurname: true });
      const parentAge = Math.max(24, grandfatherAge - random.int(24, 30));
      person('CHILD', 'MALE', parentAge, { workingAway: true });
      person('CHILD_IN_LAW', 'FEMALE', Math.max(22, parentAge - random.int(0, 3)), { ownSurname: true, workingAway: true });
      const eldest = random.int(1, 15);
      person('GRANDCHILD', random.chance(0.51) ? 'MALE' : 'FEMALE', eldest);
      if (ctx.secondLeftBehindChild) person('GRANDCHILD', random.chance(0.51) ? 'MALE' : 'FEMALE', random.int(0, eldest));
      break;
    }
  }

  const elderly = members.every((m) => AS_OF_YEAR - Number(m.birthDate.slice(0, 4)) >= 60);
  const assistance: AssistanceCategory | null = random.weighted<AssistanceCategory | null>(
    shape === 'SOLITARY_ELDER'
      ? [['EXTREME_POVERTY_DISPERSED', 8], ['EXTREME_POVERTY_CENTRALIZED', 1.5], ['SUBSISTENCE_ALLOWANCE', 12], ['LOW_INCOME_MARGINAL', 3], [null, 75.5]]
      : elderly
        ? [['SUBSISTENCE_ALLOWANCE', 8], ['LOW_INCOME_MARGINAL', 3], [null, 89]]
        : [['SUBSISTENCE_ALLOWANCE', 3.5], ['LOW_INCOME_MARGINAL', 1.8], [null, 94.7]],
  );
  const povertyMonitored = random.chance(assistance ? 0.2 : 0.02);
  const remittances = members.some((m) => m.workingAway);
  const factor = (assistance ? 0.45 : 1) * (povertyMonitored ? 0.6 : 1) * (elderly ? 0.8 : 1) * (remittances ? 1.15 : 1);
  const perCapitaIncome = Math.round(ctx.incomeBase * factor * Math.exp(random.normal(0, 0.4)));
  return { id: ctx.householdId, villageCode: ctx.villageCode, gridCode: ctx.gridCode, members, assistance, povertyMonitored, perCapitaIncome };
}
