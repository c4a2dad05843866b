import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { justice } from '../src/subgraph.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(justice, (sqlite) => {
    sqlite.prepare('INSERT INTO mediation_committees (village_code, name, mediator_count, established_year) VALUES (?, ?, ?, ?)').run('220112001201', '永红村人民调解委员会', 5, 1995);
  });
});
afterAll(() => subgraph.close());

describe('justice subgraph', () => {
  it('adds the mediation committee to Region references in one statement per batch', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code mediationCommittee { name mediatorCount establishedYear } } } }`,
      { r: ['220112001201', '220112001200'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { code: '220112001201', mediationCommittee: { name: '永红村人民调解委员会', mediatorCount: 5, establishedYear: 1995 } },
        { code: '220112001200', mediationCommittee: null },
      ],
    });
    expect(subgraph.counter.count).toBe(1);
  });

  it('refuses a committee with fewer than three mediators', () => {
    expect(() =>
      subgraph.sqlite.prepare('INSERT INTO mediation_committees (village_code, name, mediator_count, established_year) VALUES (?, ?, ?, ?)').run('220112001200', 'x', 2, 2000),
    ).toThrow(/CHECK constraint/);
  });
});
