import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import type { TestSubgraph } from '@village-graph/shared/testing';
import { SUPPRESSIBLE_FIELDS } from '../src/statistics.ts';
import { createFakeWorld } from './fake-world.ts';
import { createSeededSubgraph } from './seeded.ts';
import { ANALYST, PUBLIC, gridWorker, staff, type Persona } from './personas.ts';

const world = createFakeWorld();
let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createSeededSubgraph(world);
});
afterAll(() => subgraph.close());

const ALL_FIELDS = `clinicCount standardizedClinicCount standardizedClinicShare meanClinicAreaSquareMeters villageDoctorCount licensedDoctorCount
  familyDoctorTeamCount villagesWithPublicHealthCommittee ${SUPPRESSIBLE_FIELDS.join(' ')}`;
const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code healthStatistics { ${ALL_FIELDS} } } } }`;
const COUNTS = SUPPRESSIBLE_FIELDS.filter((f) => !/Rate$/.test(f));

type Stats = Record<string, number | null>;
type Result = { data?: { _entities: { code: string; healthStatistics: Stats }[] } | null; errors?: readonly GraphQLFormattedError[] };

async function statistics(codes: readonly string[], persona: Persona): Promise<{ byCode: Map<string, Stats>; result: Result }> {
  const result = await subgraph.execute<Result['data']>(QUERY, { r: codes.map((code) => ({ __typename: 'Region', code })) }, {}, persona);
  return { byCode: new Map(result.data!._entities.map((e) => [e.code, e.healthStatistics])), result: result as Result };
}

const CODES = world.regions.map((r) => r.code);
const children = (code: string) => world.regions.filter((r) => r.parentCode === code).map((r) => r.code);
const TRUTH = staff('health', '220000000000');

describe('small-cell suppression of health statistics', () => {
  it('withholds a count of 1–4 people from the public and analysts, with SUPPRESSED on its path', async () => {
    // 永红村 has one severe mental disorder patient and two fully dependent elderly.
    const village = '220112001201';
    const truth = (await statistics([village], TRUTH)).byCode.get(village)!;
    expect(truth.severeMentalDisorderPatientCount).toBe(1);
    expect(truth.fullyDependentElderlyCount).toBe(2);
    for (const persona of [PUBLIC, ANALYST]) {
      const { byCode, result } = await statistics([village], persona);
      const shown = byCode.get(village)!;
      expect(shown.severeMentalDisorderPatientCount).toBeNull();
      expect(shown.fullyDependentElderlyCount).toBeNull();
      const error = result.errors!.find((e) => e.path!.join('.') === '_entities.0.healthStatistics.severeMentalDisorderPatientCount')!;
      expect(error.extensions).toMatchObject({ code: 'SUPPRESSED', reason: 'SMALL_CELL', threshold: 5 });
      expect(result.errors!.every((e) => e.extensions!.code === 'SUPPRESSED')).toBe(true);
      // Facilities, doctors and large counts are shown.
      expect(shown).toMatchObject({ clinicCount: truth.clinicCount, villageDoctorCount: truth.villageDoctorCount, healthRecordCount: truth.healthRecordCount, elderly65PlusCount: truth.elderly65PlusCount });
    }
    // Staff, grid workers and other signed-in roles see every figure.
    for (const persona of [TRUTH, gridWorker(`${village}001`)]) {
      const { byCode, result } = await statistics([village], persona);
      expect(result.errors).toBeUndefined();
      expect(byCode.get(village)).toEqual(truth);
    }
  });

  it('withholds siblings too, so a small count cannot be recovered by subtraction from the parent', async () => {
    // Fully dependent elderly: 长春市 12 = 双阳区 9 (太平镇 8 = 永红村 2 + 前进村 6; 双桥乡 1) + 农安县 3.
    const codes = ['220100000000', '220112000000', '220122000000', '220112001000', '220112002000', '220112001201', '220112001202', '220112002201'];
    const truth = (await statistics(codes, TRUTH)).byCode;
    expect(codes.map((c) => truth.get(c)!.fullyDependentElderlyCount)).toEqual([12, 9, 3, 8, 1, 2, 6, 1]);
    const shown = (await statistics(codes, PUBLIC)).byCode;
    // 前进村's 6 is withheld because 太平镇 8 − 6 gives 永红村's 2; 太平镇's 8 because 双阳区 9 − 8 gives 双桥乡's 1;
    // 双阳区's 9 because 长春市 12 − 9 gives 农安县's 3. Only the city's total is shown.
    expect(codes.map((c) => shown.get(c)!.fullyDependentElderlyCount)).toEqual([12, null, null, null, null, null, null, null]);
    // Asking for a region alone gives the same answer (decided by the data, not the query).
    for (const code of codes) expect((await statistics([code], PUBLIC)).byCode.get(code)!.fullyDependentElderlyCount, code).toBe(shown.get(code)!.fullyDependentElderlyCount);
  });

  it('withholds figures that would reveal 1–4 people by subtraction within a region, and rates from withheld counts', async () => {
    // 前进村: 4 patients with both conditions = hypertension 33 + diabetes 10 − chronic patients 39.
    const village = '220112001202';
    const shown = (await statistics([village], PUBLIC)).byCode.get(village)!;
    expect(shown.chronicPatientCount).toBe(39);
    expect(shown.hypertensionPatientCount).toBeNull();
    expect(shown.diabetesPatientCount).toBeNull();
    // One patient, at high risk: the high-risk count would reveal the lower-risk count (0) and the patient (1).
    expect(shown.severeMentalDisorderPatientCount).toBeNull();
    expect(shown.mentalHealthHighRiskCount).toBeNull();
  });

  it('never shows a figure from which 1–4 people can be derived, at any level (exhaustive over the fake province)', async () => {
    for (const persona of [PUBLIC, ANALYST]) {
      const shown = (await statistics(CODES, persona)).byCode;
      const truth = (await statistics(CODES, TRUTH)).byCode;
      const small = (n: number | null | undefined) => n != null && n > 0 && n < 5;
      for (const code of CODES) {
        const s = shown.get(code)!;
        const t = truth.get(code)!;
        for (const field of COUNTS) {
          // Shown figures are true, and never small.
          if (s[field] !== null) expect(s[field], `${code} ${field}`).toBe(t[field]);
          expect(small(s[field]), `${code} ${field}`).toBe(false);
          // Parent minus the shown children: the hidden children's total is 0 or at least 5, over at least two of them.
          const kids = children(code);
          if (kids.length === 0 || s[field] === null) continue;
          const hidden = kids.filter((k) => shown.get(k)![field] === null);
          const hiddenTotal = hidden.reduce((sum, k) => sum + truth.get(k)![field]!, 0);
          if (hidden.length === 1) expect(truth.get(hidden[0]!)![field], `${code} ${field}: one hidden child`).toBe(0);
          if (hidden.length > 1) expect(hiddenTotal === 0 || hiddenTotal >= 5, `${code} ${field}: hidden total ${hiddenTotal}`).toBe(true);
        }
        // Differences within the region that count people.
        /** a + b − c − …, or null when one of them is withheld. */
        const derive = (x: Stats, plus: string[], minus: string[]): number | null => {
          const values = [...plus, ...minus].map((f) => x[f] ?? null);
          if (values.some((v) => v === null)) return null;
          return plus.reduce((sum, f) => sum + x[f]!, 0) - minus.reduce((sum, f) => sum + x[f]!, 0);
        };
        const differences: [string, string[], string[]][] = [
          ['not checked', ['elderly65PlusCount'], ['elderlyCheckedIn2022Count']],
          ['key population without contract', ['keyPopulationCount'], ['keyPopulationContractCount']],
          ['other contracts', ['familyDoctorContractCount'], ['keyPopulationContractCount']],
          ['non-compliant', ['chronicPatientCount'], ['chronicFollowUpCompliantCount']],
          ['lower risk', ['severeMentalDisorderPatientCount'], ['mentalHealthHighRiskCount']],
          ['independent elderly', ['elderly65PlusCount'], ['fullyDependentElderlyCount', 'partiallyDependentElderlyCount']],
          ['both conditions', ['hypertensionPatientCount', 'diabetesPatientCount'], ['chronicPatientCount']],
        ];
        for (const [what, plus, minus] of differences) expect(small(derive(s, plus, minus)), `${code} ${what}`).toBe(false);
        // A rate is shown only with both of its counts.
        const rates: [string, string, string][] = [
          ['elderlyCheckRate', 'elderlyCheckedIn2022Count', 'elderly65PlusCount'],
          ['keyPopulationContractRate', 'keyPopulationContractCount', 'keyPopulationCount'],
          ['chronicFollowUpComplianceRate', 'chronicFollowUpCompliantCount', 'chronicPatientCount'],
        ];
        for (const [rate, part, whole] of rates) {
          if (s[rate] !== null) expect([s[part], s[whole]], `${code} ${rate}`).toEqual([t[part], t[whole]]);
          if (s[part] === null) expect(s[rate], `${code} ${rate}`).toBeNull();
        }
      }
      // Something was withheld, and something was shown.
      expect([...shown.values()].some((s) => COUNTS.some((f) => s[f] === null))).toBe(true);
      expect(shown.get('220000000000')!.healthRecordCount).toBe(truth.get('220000000000')!.healthRecordCount);
    }
  });

  it('decides for a batch of regions in one statement (two with the sums), whatever its size', async () => {
    const statementsFor = async (codes: readonly string[]) => {
      subgraph.counter.count = 0;
      await statistics(codes, PUBLIC);
      return subgraph.counter.count;
    };
    const two = await statementsFor(CODES.slice(0, 2));
    expect(await statementsFor(CODES)).toBe(two);
    expect(two).toBe(2);
    subgraph.counter.count = 0;
    await statistics(CODES, TRUTH);
    expect(subgraph.counter.count).toBe(1);
  });
});
