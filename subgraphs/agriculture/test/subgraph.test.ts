import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { agriculture } from '../src/subgraph.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(agriculture, (sqlite) => {
    const insert = sqlite.prepare('INSERT INTO cooperatives (id, village_code, name, type, member_count, is_model_cooperative) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('220112001201-C01', '220112001201', '永红丰收种植专业合作社', 'PLANTING', 30, 1);
    insert.run('220112001201-C02', '220112001201', '永红绿源养殖专业合作社', 'LIVESTOCK', 12, 0);
    insert.run('220112001201-C03', '220112001201', '永红鑫达农机专业合作社', 'MACHINERY', 8, 0);
    insert.run('220112002200-C01', '220112002200', '双桥稻渔专业合作社', 'FISHERY', 20, 0);
    insert.run('220212001200-C01', '220212001200', '其他县合作社', 'PLANTING', 9, 0);
  });
});
afterAll(() => subgraph.close());

type Page = { totalCount: number; nodes: { id: string; village: { code: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('agriculture subgraph', () => {
  it('lists the cooperatives of each referenced region subtree, paged, with two statements per batch', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute<{ _entities: { code: string; cooperatives: Page }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code cooperatives(first: 2) { totalCount nodes { id village { code } } pageInfo { hasNextPage endCursor } } } } }`,
      { r: ['220112001201', '220112000000', '220000000000', '220112001200'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(result.errors).toBeUndefined();
    const [village, county, province, empty] = result.data!._entities;
    expect(village!.cooperatives.totalCount).toBe(3);
    expect(village!.cooperatives.nodes.map((n) => n.id)).toEqual(['220112001201-C01', '220112001201-C02']);
    expect(village!.cooperatives.pageInfo.hasNextPage).toBe(true);
    expect(county!.cooperatives.totalCount).toBe(4);
    expect(province!.cooperatives.totalCount).toBe(5);
    expect(empty!.cooperatives).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(village!.cooperatives.nodes[0]!.village).toEqual({ code: '220112001201' });
    expect(subgraph.counter.count).toBe(2);

    const next = await subgraph.execute<{ _entities: { cooperatives: Page }[] }>(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Region { cooperatives(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } } } }`,
      { r: [{ __typename: 'Region', code: '220112001201' }], after: village!.cooperatives.pageInfo.endCursor },
    );
    expect(next.data!._entities[0]!.cooperatives).toMatchObject({ nodes: [{ id: '220112001201-C03' }], pageInfo: { hasNextPage: false } });
  });

  it('refuses a malformed cursor and an oversized page', async () => {
    const query = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Region { cooperatives(first: $first, after: $after) { totalCount } } } }`;
    const r = [{ __typename: 'Region', code: '220112001201' }];
    expect((await subgraph.execute(query, { r, after: 'bogus' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect((await subgraph.execute(query, { r, first: 9999 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
