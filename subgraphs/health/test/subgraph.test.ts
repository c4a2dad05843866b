import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { health } from '../src/subgraph.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(health, (sqlite) => {
    const insert = sqlite.prepare('INSERT INTO village_clinics (village_code, name, standardized, area_square_meters, doctor_count) VALUES (?, ?, ?, ?, ?)');
    insert.run('220112001201', '永红村卫生室', 1, 80, 2);
    insert.run('220112001200', '前进村卫生室', 0, 40, 1);
  });
});
afterAll(() => subgraph.close());

describe('health subgraph', () => {
  it('adds the clinic to Region references in one statement per batch', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code clinic { name standardized areaSquareMeters doctorCount } } } }`,
      { r: ['220112001201', '220112001200', '220112000000'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { code: '220112001201', clinic: { name: '永红村卫生室', standardized: true, areaSquareMeters: 80, doctorCount: 2 } },
        { code: '220112001200', clinic: { name: '前进村卫生室', standardized: false, areaSquareMeters: 40, doctorCount: 1 } },
        { code: '220112000000', clinic: null },
      ],
    });
    expect(subgraph.counter.count).toBe(1);
  });

  it('refuses rows that break the clinic constraints', () => {
    expect(() =>
      subgraph.sqlite.prepare('INSERT INTO village_clinics (village_code, name, standardized, area_square_meters, doctor_count) VALUES (?, ?, ?, ?, ?)').run('2201', 'x', 1, 10, 1),
    ).toThrow(/CHECK constraint/);
  });
});
