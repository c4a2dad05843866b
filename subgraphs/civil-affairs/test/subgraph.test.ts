import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { civilAffairs } from '../src/subgraph.ts';

const TREE = [
  ['220000000000', '吉林省', 'PROVINCE', null],
  ['220100000000', '长春市', 'CITY', '220000000000'],
  ['220112000000', '双阳区', 'COUNTY', '220100000000'],
  ['220112001000', '云山街道', 'TOWNSHIP', '220112000000'],
  ['220112001001', '幸福社区', 'VILLAGE', '220112001000'],
  ['220112001200', '前进村委会', 'VILLAGE', '220112001000'],
  ['220112001201', '永红村委会', 'VILLAGE', '220112001000'],
  ['220112002000', '平湖街道', 'TOWNSHIP', '220112000000'],
  ['220112002200', '双桥村委会', 'VILLAGE', '220112002000'],
] as const;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(civilAffairs, (sqlite) => {
    const insert = sqlite.prepare('INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)');
    for (const row of TREE) insert.run(...row);
  });
});
afterAll(() => subgraph.close());

describe('civil-affairs subgraph', () => {
  it('resolves Region references through _entities, null for unknown or malformed codes', async () => {
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code name level isRuralVillage parent { name } } } }`,
      { r: [{ __typename: 'Region', code: '220112001201' }, { __typename: 'Region', code: '220112999999' }, { __typename: 'Region', code: 'x' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [{ code: '220112001201', name: '永红村委会', level: 'VILLAGE', isRuralVillage: true, parent: { name: '云山街道' } }, null, null],
    });
  });

  it('loads a batch of references with one SQL statement', async () => {
    subgraph.counter.count = 0;
    await subgraph.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { name } } }`, {
      r: TREE.map(([code]) => ({ __typename: 'Region', code })),
    });
    expect(subgraph.counter.count).toBe(1);
  });

  it('answers a region with its ancestors and a page of children', async () => {
    const result = await subgraph.execute<{ region: { ancestors: { name: string }[]; children: { totalCount: number; nodes: { code: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
      `{ region(code: "220112001000") { ancestors { name } children(first: 2) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const region = result.data!.region;
    expect(region.ancestors.map((a) => a.name)).toEqual(['吉林省', '长春市', '双阳区']);
    expect(region.children.totalCount).toBe(3);
    expect(region.children.nodes.map((n) => n.code)).toEqual(['220112001001', '220112001200']);
    expect(region.children.pageInfo.hasNextPage).toBe(true);

    const next = await subgraph.execute<{ region: { children: { nodes: { code: string }[]; pageInfo: { hasNextPage: boolean } } } }>(
      `query($after: String) { region(code: "220112001000") { children(first: 2, after: $after) { nodes { code } pageInfo { hasNextPage } } } }`,
      { after: region.children.pageInfo.endCursor },
    );
    expect(next.data!.region.children).toEqual({ nodes: [{ code: '220112001201' }], pageInfo: { hasNextPage: false } });
  });

  it('pages the children of many parents with a constant number of statements', async () => {
    const query = `{ region(code: "220112000000") { children { nodes { children(first: 1) { totalCount nodes { name } } } } } }`;
    subgraph.counter.count = 0;
    const result = await subgraph.execute<{ region: { children: { nodes: { children: { totalCount: number } }[] } } }>(query);
    expect(result.errors).toBeUndefined();
    expect(result.data!.region.children.nodes.map((n) => n.children.totalCount)).toEqual([3, 1]);
    // region; its children page + count; the grandchildren pages + counts (one batch each).
    expect(subgraph.counter.count).toBe(5);
  });

  it('searches regions by name inside a subtree and level', async () => {
    const result = await subgraph.execute<{ regions: { totalCount: number; nodes: { name: string }[] } }>(
      `{ regions(name: "村委会", within: "220112001000", level: VILLAGE) { totalCount nodes { name } } }`,
    );
    expect(result.data!.regions).toEqual({ totalCount: 2, nodes: [{ name: '前进村委会' }, { name: '永红村委会' }] });
    const literal = await subgraph.execute<{ regions: { totalCount: number } }>(`{ regions(name: "%") { totalCount } }`);
    expect(literal.data!.regions.totalCount).toBe(0);
  });

  it('names the argument on bad input and says NOT_FOUND for an unknown code', async () => {
    const cases: [string, string, string][] = [
      ['{ region(code: "2201") { name } }', 'BAD_USER_INPUT', 'code'],
      ['{ region(code: "220112999201") { name } }', 'NOT_FOUND', 'code'],
      ['{ regions(name: "") { totalCount } }', 'BAD_USER_INPUT', 'name'],
      ['{ regions(name: "村", first: 100000) { totalCount } }', 'BAD_USER_INPUT', 'first'],
      ['{ regions(name: "村", after: "abc") { totalCount } }', 'BAD_USER_INPUT', 'after'],
      ['{ regions(name: "村", within: "22;DROP") { totalCount } }', 'BAD_USER_INPUT', 'within'],
    ];
    for (const [query, code, argument] of cases) {
      const result = await subgraph.execute(query);
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code, argument });
      expect(JSON.stringify(result.errors)).not.toMatch(/stack|SQLITE|\.ts:/);
    }
  });
});
