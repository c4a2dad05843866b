import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_SCALE, openDepartmentDatabase, postGraphQL, startGraph, type RunningGraph } from './harness.ts';

/**
 * Calibration: the generated province, read through the gateway, reproduces the figures of the
 * documents (Jilin, end of 2022; DOMAIN.md's table). Tolerances from the domain issue: per-village
 * and per-township counts within 1%, per-person counts within 2% of figure × scale, averages within
 * 1%, shares within one percentage point.
 */
const PROVINCE_REPORT = `query ProvinceReport {
  region(code: "220000000000") {
    name
    civilAffairsStatistics {
      ruralVillageCount householdCount residentCount committeeMemberCount committeeMembersUnder55 committeeMemberMeanAge
      committeeMembersWithCollegeEducation villagesWithAllFourSubcommittees villagesWithExactlyOneVillageRule gridCount
      gridWorkerCount villagesWithServiceCentreOf200SquareMeters villagesMeetingServiceAreaNorm townshipChildSupervisorCount
      villageChildDirectorCount socialWorkStationCount childrenUnderCareCount mutualAidStationCount elderlyCourtyardCount
      ruralWelfareCentreCount communitySocialOrganisationCount registeredVolunteerCount deliberationPilotVillageCount
    }
    agricultureStatistics {
      meanPerCapitaDisposableIncome previousYearMeanPerCapitaDisposableIncome incomeGrowthRate riceFishAreaMu toiletRenovationsPlanned2023
    }
    housingStatistics {
      ruralVillageCount villagesWithGarbageCollection garbageCollectionCoverageRate transferStationCount garbageBinCount
      garbageVehicleCount sewageTreatmentRate
    }
  }
}`;

type CivilField = 'ruralVillageCount' | 'householdCount' | 'residentCount' | 'committeeMemberCount' | 'committeeMembersUnder55' | 'committeeMemberMeanAge' | 'committeeMembersWithCollegeEducation' | 'villagesWithAllFourSubcommittees' | 'villagesWithExactlyOneVillageRule' | 'gridCount' | 'gridWorkerCount' | 'villagesWithServiceCentreOf200SquareMeters' | 'villagesMeetingServiceAreaNorm' | 'townshipChildSupervisorCount' | 'villageChildDirectorCount' | 'socialWorkStationCount' | 'childrenUnderCareCount' | 'mutualAidStationCount' | 'elderlyCourtyardCount' | 'ruralWelfareCentreCount' | 'communitySocialOrganisationCount' | 'registeredVolunteerCount' | 'deliberationPilotVillageCount';
type AgricultureField = 'meanPerCapitaDisposableIncome' | 'previousYearMeanPerCapitaDisposableIncome' | 'incomeGrowthRate' | 'riceFishAreaMu' | 'toiletRenovationsPlanned2023';
type HousingField = 'ruralVillageCount' | 'villagesWithGarbageCollection' | 'garbageCollectionCoverageRate' | 'transferStationCount' | 'garbageBinCount' | 'garbageVehicleCount' | 'sewageTreatmentRate';
let graph: RunningGraph;
let civil: Record<CivilField, number>;
let agriculture: Record<AgricultureField, number>;
let housing: Record<HousingField, number>;

beforeAll(async () => {
  graph = await startGraph();
  const answer = await postGraphQL<{ region: { civilAffairsStatistics: typeof civil; agricultureStatistics: typeof agriculture; housingStatistics: typeof housing } }>(graph.gatewayUrl, PROVINCE_REPORT);
  expect(answer.errors).toBeUndefined();
  ({ civilAffairsStatistics: civil, agricultureStatistics: agriculture, housingStatistics: housing } = answer.data!.region);
});
afterAll(() => graph?.stop());

const within = (actual: number, expected: number, relative: number) => {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected} (±${relative * 100}%)`).toBeLessThanOrEqual(relative);
};
const share = (actual: number, expected: number) => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected} (±1 point)`).toBeLessThanOrEqual(0.01 + 1e-9);
};
const perVillage = (actual: number, figure: number) => within(actual, figure, 0.01);
const perPerson = (actual: number, figure: number) => within(actual, figure * E2E_SCALE, 0.02);

describe('the province reproduces the documents\' figures', () => {
  it('administrative villages: the real list has 9,321 rural village committees (documents: 9,338)', () => {
    expect(civil.ruralVillageCount).toBe(9321);
    perVillage(civil.ruralVillageCount, 9338);
    expect(housing.ruralVillageCount).toBe(civil.ruralVillageCount);
  });

  it('village committees: 38,000 members, 83.2% under 55, mean age 46.2, 12,258 with college education', () => {
    perVillage(civil.committeeMemberCount, 38_000);
    share(civil.committeeMembersUnder55 / civil.committeeMemberCount, 0.832);
    within(civil.committeeMemberMeanAge, 46.2, 0.01);
    perVillage(civil.committeeMembersWithCollegeEducation, 12_258);
  });

  it('every village has all four sub-committees, exactly one village rule, a service centre ≥ 200 m² meeting the 30 m²/100 households norm', () => {
    expect(civil.villagesWithAllFourSubcommittees).toBe(civil.ruralVillageCount);
    expect(civil.villagesWithExactlyOneVillageRule).toBe(civil.ruralVillageCount);
    expect(civil.villagesWithServiceCentreOf200SquareMeters).toBe(civil.ruralVillageCount);
    expect(civil.villagesMeetingServiceAreaNorm).toBe(civil.ruralVillageCount);
  });

  it('grids 49,200 and grid workers 153,000', () => {
    perVillage(civil.gridCount, 49_200);
    perVillage(civil.gridWorkerCount, 153_000);
  });

  it('children: 655 township supervisors, a director per village, 92,800 × scale children under care', () => {
    perVillage(civil.townshipChildSupervisorCount, 655);
    perVillage(civil.villageChildDirectorCount, 9_338);
    perPerson(civil.childrenUnderCareCount, 92_800);
  });

  it('social work and elderly care: 470 stations; 135 mutual-aid stations, 4,671 courtyards, 136 welfare centres', () => {
    perVillage(civil.socialWorkStationCount, 470);
    perVillage(civil.mutualAidStationCount, 135);
    perVillage(civil.elderlyCourtyardCount, 4_671);
    perVillage(civil.ruralWelfareCentreCount, 136);
  });

  it('society: ≥ 5 social organisations per village, volunteers 13% of residents, 11 deliberation pilot villages', () => {
    expect(civil.communitySocialOrganisationCount).toBeGreaterThanOrEqual(5 * civil.ruralVillageCount);
    share(civil.registeredVolunteerCount / civil.residentCount, 0.13);
    expect(civil.deliberationPilotVillageCount).toBe(11);
  });

  it('population: ~9 million × scale residents at ~2.4 per household', () => {
    perPerson(civil.residentCount, 9_000_000);
    within(civil.residentCount / civil.householdCount, 2.4, 0.02);
  });

  it('income: 18,134 yuan per capita, +2.8% on 2021', () => {
    within(agriculture.meanPerCapitaDisposableIncome, 18_134, 0.01);
    within(agriculture.previousYearMeanPerCapitaDisposableIncome, 18_134 / 1.028, 0.01);
    expect(Math.abs(agriculture.incomeGrowthRate - 0.028)).toBeLessThanOrEqual(0.003);
  });

  it('agriculture: rice-fish co-culture ≥ 800,000 mu; 47,000 × scale toilet renovations planned for 2023', () => {
    expect(agriculture.riceFishAreaMu).toBeGreaterThanOrEqual(800_000);
    perPerson(agriculture.toiletRenovationsPlanned2023, 47_000);
  });

  it('environment: ≥ 94% garbage coverage; 559 transfer stations, 1,360,000 bins, 28,600 vehicles; 21% sewage treatment', () => {
    share(housing.garbageCollectionCoverageRate, 0.94);
    expect(housing.garbageCollectionCoverageRate).toBeGreaterThanOrEqual(0.94);
    expect(housing.villagesWithGarbageCollection / housing.ruralVillageCount).toBeCloseTo(housing.garbageCollectionCoverageRate, 6);
    perVillage(housing.transferStationCount, 559);
    perVillage(housing.garbageBinCount, 1_360_000);
    perVillage(housing.garbageVehicleCount, 28_600);
    share(housing.sewageTreatmentRate, 0.21);
  });

  it('village committees have 3–7 members and every village ≥ 5 social organisations (checked in civil affairs\' own records)', () => {
    const db = openDepartmentDatabase('civil-affairs');
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      const committeeTable = tables.find((t) => /committee_members/.test(t));
      expect(committeeTable, `tables: ${tables.join(', ')}`).toBeDefined();
      const sizes = db.prepare(`SELECT min(n) AS smallest, max(n) AS largest FROM (SELECT count(*) AS n FROM ${committeeTable} GROUP BY village_code)`).get() as { smallest: number; largest: number };
      expect(sizes.smallest).toBeGreaterThanOrEqual(3);
      expect(sizes.largest).toBeLessThanOrEqual(7);
    } finally {
      db.close();
    }
  });
});
