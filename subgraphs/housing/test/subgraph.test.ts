import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { housing } from '../src/subgraph.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(housing, (sqlite) => {
    const insert = sqlite.prepare('INSERT INTO garbage_services (village_code, covered, bin_count, vehicle_count, collections_per_week) VALUES (?, ?, ?, ?, ?)');
    insert.run('220112001201', 1, 120, 2, 3);
    insert.run('220112001200', 0, 4, 0, 0);
  });
});
afterAll(() => subgraph.close());

describe('housing subgraph', () => {
  it('adds garbage collection to Region references in one statement per batch', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code garbageCollection { covered binCount vehicleCount collectionsPerWeek } } } }`,
      { r: ['220112001201', '220112001200', '229999999999'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { code: '220112001201', garbageCollection: { covered: true, binCount: 120, vehicleCount: 2, collectionsPerWeek: 3 } },
        { code: '220112001200', garbageCollection: { covered: false, binCount: 4, vehicleCount: 0, collectionsPerWeek: 0 } },
        { code: '229999999999', garbageCollection: null },
      ],
    });
    expect(subgraph.counter.count).toBe(1);
  });
});
