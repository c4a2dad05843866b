import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import type { WorldHousehold } from '@village-graph/shared';
import { civilAffairs } from '../src/subgraph.ts';
import { seed } from '../src/seed.ts';
import { buildFakeWorld } from './fake-world.ts';

const world = buildFakeWorld();
const [V1, V2, V3, V4] = [...world.villages()];
const households = [V1!, V2!, V3!, V4!].flatMap((v) => v.households);
const residents = households.flatMap((h) => h.members);
const [leftBehindFamily, , wifeDisabled, solitary, elderCouple, disabledHead] = V1!.households as [WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold, WorldHousehold];
const ROSTER_GRID = '220112001201002';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(civilAffairs, (sqlite) => sqlite.transaction(() => seed(sqlite, world))());
});
afterAll(() => subgraph.close());

const count = (sql: string, ...params: unknown[]) => (subgraph.sqlite.prepare(sql).get(...params) as { n: number }).n;

/** Runs a query and returns the statements it took (and fails on any error). */
async function statementsFor(query: string, variables?: Record<string, unknown>): Promise<number> {
  subgraph.counter.count = 0;
  const result = await subgraph.execute(query, variables);
  expect(result.errors).toBeUndefined();
  return subgraph.counter.count;
}

const RESIDENT_FIELDS = `id name sex birthDate age ethnicity relationToHead residenceStatus idNumber hasDisabilityCertificate isRegisteredVolunteer
  careCategories guardian { id name } nearestElderlyCourtyard { id name type region { name } }
  household { id memberCount assistanceCategory inAssistancePriorityGroup head { id } } grid { code village { name } } village { code name }`;

describe('entities', () => {
  it('resolves Grid, Household and Resident references; null for unknown or malformed keys', async () => {
    const result = await subgraph.execute<{ _entities: unknown[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Grid { code serial name village { code } leader { role } workers { role } }
        ... on Household { id memberCount members { id } }
        ... on Resident { id name relationToHead }
      } }`,
      {
        r: [
          { __typename: 'Grid', code: '220112001201001' },
          { __typename: 'Grid', code: '220112001201999' },
          { __typename: 'Grid', code: 'nope' },
          { __typename: 'Household', id: leftBehindFamily.id },
          { __typename: 'Household', id: 'H0000000000000000' },
          { __typename: 'Household', id: 'x' },
          { __typename: 'Resident', id: leftBehindFamily.members[0]!.id },
          { __typename: 'Resident', id: 'R0000000000000000' },
          { __typename: 'Resident', id: '220112195001011234' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [grid, noGrid, badGrid, household, noHousehold, badHousehold, resident, noResident, badResident] = result.data!._entities as Record<string, unknown>[];
    expect(grid).toMatchObject({ code: '220112001201001', serial: 1, name: '永红村第1网格', village: { code: '220112001201' }, leader: { role: 'LEADER' } });
    expect((grid!.workers as { role: string }[])[0]).toEqual({ role: 'LEADER' });
    expect(household).toEqual({ id: leftBehindFamily.id, memberCount: 5, members: leftBehindFamily.members.map((m) => ({ id: m.id })) });
    expect(resident).toEqual({ id: leftBehindFamily.members[0]!.id, name: leftBehindFamily.members[0]!.name, relationToHead: 'HEAD' });
    expect([noGrid, badGrid, noHousehold, badHousehold, noResident, badResident]).toEqual([null, null, null, null, null, null]);
  });

  it('answers a resident with care categories, guardian and the nearest elderly courtyard', async () => {
    const grandchild = leftBehindFamily.members[4]!;
    const result = await subgraph.execute<{ resident: Record<string, unknown> }>(`query($id: ID!) { resident(id: $id) { ${RESIDENT_FIELDS} } }`, { id: grandchild.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.resident).toMatchObject({
      id: grandchild.id,
      sex: grandchild.sex,
      birthDate: grandchild.birthDate,
      age: 9,
      relationToHead: 'GRANDCHILD',
      residenceStatus: 'AT_HOME',
      idNumber: grandchild.idNumber,
      careCategories: ['LEFT_BEHIND_CHILD'],
      guardian: { id: leftBehindFamily.members[0]!.id },
      nearestElderlyCourtyard: { type: 'ELDERLY_COURTYARD', region: { name: '永红村委会' } },
      household: { id: leftBehindFamily.id, memberCount: 5, assistanceCategory: null, inAssistancePriorityGroup: false, head: { id: leftBehindFamily.members[0]!.id } },
      grid: { code: '220112001201001', village: { name: '永红村委会' } },
      village: { code: '220112001201' },
    });
  });

  it('gives guardians to minors and adults with a disability certificate only', async () => {
    const query = `query($ids: [_Any!]!) { _entities(representations: $ids) { ... on Resident { id age guardian { id } careCategories residenceStatus } } }`;
    const ids = [disabledHead.members[0]!, disabledHead.members[1]!, wifeDisabled.members[2]!, solitary.members[0]!, elderCouple.members[0]!, wifeDisabled.members[0]!];
    const result = await subgraph.execute<{ _entities: { id: string; guardian: { id: string } | null; careCategories: string[]; residenceStatus: string }[] }>(query, {
      ids: ids.map((m) => ({ __typename: 'Resident', id: m.id })),
    });
    expect(result.errors).toBeUndefined();
    const [head, spouse, child, alone, elder, away] = result.data!._entities;
    expect(head!.guardian).toEqual({ id: disabledHead.members[1]!.id }); // disabled head → the spouse
    expect(spouse!.guardian).toBeNull(); // an adult without a certificate
    expect(child!.guardian).toBeNull(); // father away, mother disabled: nobody qualifies
    expect(child!.careCategories).toEqual(['LEFT_BEHIND_CHILD']);
    expect(alone!.careCategories).toEqual(['SOLITARY_ELDERLY']);
    expect(elder!.careCategories).toEqual(['LEFT_BEHIND_ELDERLY']);
    expect(away!.residenceStatus).toBe('WORKING_AWAY');
  });

  it('says yes/no on the assistance priority group and the category only to those who ask for it', async () => {
    const result = await subgraph.execute<{ _entities: { assistanceCategory: string | null; inAssistancePriorityGroup: boolean }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { assistanceCategory inAssistancePriorityGroup } } }`,
      { r: [wifeDisabled, solitary, elderCouple, leftBehindFamily].map((h) => ({ __typename: 'Household', id: h.id })) },
    );
    expect(result.data!._entities).toEqual([
      { assistanceCategory: 'SUBSISTENCE_ALLOWANCE', inAssistancePriorityGroup: true },
      { assistanceCategory: 'EXTREME_POVERTY_DISPERSED', inAssistancePriorityGroup: true },
      { assistanceCategory: 'LOW_INCOME_MARGINAL', inAssistancePriorityGroup: true },
      { assistanceCategory: null, inAssistancePriorityGroup: false },
    ]);
  });
});

describe('no N+1', () => {
  it('resolves 3 and 30 residents with all their fields in the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { ${RESIDENT_FIELDS} } } }`;
    // The few, like the many, mix people under guardianship (whose household's members are loaded
    // for the guardian) with others (whose household's members are loaded later, for its head).
    const mixed = [leftBehindFamily.members[4]!, disabledHead.members[0]!, wifeDisabled.members[0]!];
    const others = residents.filter((r) => !mixed.includes(r));
    const refs = (n: number) => [...mixed, ...others].slice(0, n).map((m) => ({ __typename: 'Resident', id: m.id }));
    const few = await statementsFor(query, { r: refs(3) });
    expect(await statementsFor(query, { r: refs(30) })).toBe(few);
    expect(await statementsFor(query, { r: refs(150) })).toBe(few);
  });

  it('resolves 3 and 30 households with members and head in the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id village { name } grid { code leader { name } } head { name guardian { name } }
      members { name age careCategories guardian { name } nearestElderlyCourtyard { name } } } } }`;
    const refs = (n: number) => households.slice(0, n).map((h) => ({ __typename: 'Household', id: h.id }));
    expect(await statementsFor(query, { r: refs(30) })).toBe(await statementsFor(query, { r: refs(3) }));
  });

  it('answers the grid roster for 5 and 40 households in the same number of statements', async () => {
    const query = `query($code: ID!, $first: Int) { grid(code: $code) { code leader { name } workers { name role }
      households(first: $first) { totalCount nodes { id assistanceCategory inAssistancePriorityGroup head { name }
        members { id name age relationToHead residenceStatus careCategories guardian { name } nearestElderlyCourtyard { name } } } } } }`;
    const small = await statementsFor(query, { code: ROSTER_GRID, first: 5 });
    expect(await statementsFor(query, { code: ROSTER_GRID, first: 40 })).toBe(small);
    const result = await subgraph.execute<{ grid: { households: { totalCount: number; nodes: { members: unknown[] }[] } } }>(query, { code: ROSTER_GRID, first: 40 });
    expect(result.data!.grid.households.totalCount).toBe(40);
    expect(result.data!.grid.households.nodes.every((h) => h.members.length === 3)).toBe(true);
  });

  it('pages the households of many grids with the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { households(first: 2) { totalCount nodes { id members { name } } } } } }`;
    const grids = [V1!, V2!, V3!, V4!].flatMap((v) => v.grids).map((g) => ({ __typename: 'Grid', code: g.code }));
    expect(await statementsFor(query, { r: grids })).toBe(await statementsFor(query, { r: grids.slice(0, 2) }));
  });

  it('answers village dashboards and subtree lists of many regions in the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
      committee { name role } subcommittees { type } villageRules { title } serviceCentre { areaSquareMeters } childDirector { name }
      childSupervisors { name } socialWorkStation { name } isDeliberationPilot
      grids(first: 2) { totalCount nodes { code leader { name } } }
      elderlyFacilities(first: 2) { totalCount nodes { name } }
      socialOrganisations(first: 2, type: ELDERLY_ASSOCIATION) { totalCount nodes { name } }
      disclosures(first: 2, from: "2022-04-01") { totalCount nodes { title village { name } } }
      deliberations(first: 2, topic: LAND) { totalCount nodes { subject } }
      civilAffairsStatistics { residentCount childrenUnderCareCount committeeMemberMeanAge } } } }`;
    const refs = world.regions.map((r) => ({ __typename: 'Region', code: r.code }));
    expect(await statementsFor(query, { r: refs })).toBe(await statementsFor(query, { r: refs.slice(0, 6) }));
  });
});

describe('lists', () => {
  it('pages a grid\'s households with cursors, without overlap', async () => {
    const query = `query($after: String) { grid(code: "${ROSTER_GRID}") { households(first: 15, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result: { data?: { grid: { households: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } | null } =
        await subgraph.execute(query, { after });
      const connection = result.data!.grid.households;
      expect(connection.totalCount).toBe(40);
      seen.push(...connection.edges.map((e) => e.node.id));
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toEqual([...seen].sort());
  });

  it('lists grids of a region subtree at any level, root and nested, in code order', async () => {
    const result = await subgraph.execute<{ grids: { totalCount: number; nodes: { code: string }[]; pageInfo: { endCursor: string } }; region: { grids: { totalCount: number } } }>(
      `{ grids(within: "220112000000", first: 4) { totalCount nodes { code } pageInfo { endCursor } } region(code: "220122100201") { grids { totalCount } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.grids.totalCount).toBe(6);
    expect(result.data!.grids.nodes.map((g) => g.code)).toEqual(['220112001201001', '220112001201002', '220112001201003', '220112001202001']);
    expect(result.data!.region.grids.totalCount).toBe(2);
    const next = await subgraph.execute<{ grids: { nodes: { code: string }[]; pageInfo: { hasNextPage: boolean } } }>(
      `query($after: String) { grids(within: "220112000000", first: 4, after: $after) { nodes { code } pageInfo { hasNextPage } } }`,
      { after: result.data!.grids.pageInfo.endCursor },
    );
    expect(next.data!.grids).toEqual({ nodes: [{ code: '220112001202002' }, { code: '220112002201001' }], pageInfo: { hasNextPage: false } });
  });

  it('filters residents by region, grid, care category and assistance, and pages them across villages', async () => {
    const residentsQuery = `query($within: ID, $grid: ID, $care: CareCategory, $assistance: AssistanceCategory, $first: Int, $after: String) {
      residents(within: $within, grid: $grid, careCategory: $care, assistance: $assistance, first: $first, after: $after) {
        totalCount nodes { id careCategories village { code } grid { code } household { assistanceCategory } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { residents: { totalCount: number; nodes: { id: string; careCategories: string[]; village: { code: string }; grid: { code: string }; household: { assistanceCategory: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const run = async (variables: Record<string, unknown>) => {
      const result = await subgraph.execute<Page>(residentsQuery, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.residents;
    };

    const leftBehind = await run({ within: '220000000000', care: 'LEFT_BEHIND_CHILD' });
    expect(leftBehind.totalCount).toBe(4);
    expect(leftBehind.nodes.every((n) => n.careCategories.includes('LEFT_BEHIND_CHILD'))).toBe(true);
    expect(leftBehind.nodes.map((n) => n.village.code)).toEqual(['220112001201', '220112001201', '220112002201', '220112002201']);

    expect((await run({ grid: ROSTER_GRID })).totalCount).toBe(120);
    expect((await run({ within: '220112002000', grid: ROSTER_GRID })).totalCount).toBe(0); // the grid is outside the region
    const assisted = await run({ within: '220112001201', assistance: 'SUBSISTENCE_ALLOWANCE', first: 100 });
    expect(assisted.totalCount).toBe(3 + 4 * 3);
    expect(assisted.nodes.every((n) => n.household.assistanceCategory === 'SUBSISTENCE_ALLOWANCE')).toBe(true);
    // Both filters: driven by the care rows (few left-behind children) or by the assisted households
    // (one low-income household against six left-behind elderly), paged either way.
    expect((await run({ within: '220000000000', care: 'LEFT_BEHIND_CHILD', assistance: 'SUBSISTENCE_ALLOWANCE' })).totalCount).toBe(1);
    const couple = await run({ within: '220000000000', care: 'LEFT_BEHIND_ELDERLY', assistance: 'LOW_INCOME_MARGINAL', first: 1 });
    expect(couple.totalCount).toBe(2);
    const second = await run({ within: '220000000000', care: 'LEFT_BEHIND_ELDERLY', assistance: 'LOW_INCOME_MARGINAL', first: 1, after: couple.pageInfo.endCursor });
    expect(new Set([...couple.nodes, ...second.nodes].map((n) => n.id))).toEqual(new Set(elderCouple.members.map((m) => m.id)));
    expect(second.pageInfo.hasNextPage).toBe(false);

    // Every resident of the province exactly once, page by page, in village then id order.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await run({ within: '220000000000', first: 50, after });
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(residents.length);
    expect(new Set(seen)).toEqual(new Set(residents.map((r) => r.id)));
  });

  it('filters households by region, grid and assistance', async () => {
    const result = await subgraph.execute<{ a: { totalCount: number }; b: { totalCount: number; nodes: { id: string }[] } }>(
      `{ a: households(within: "220000000000", assistance: SUBSISTENCE_ALLOWANCE) { totalCount }
         b: households(grid: "${ROSTER_GRID}", first: 3) { totalCount nodes { id } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.totalCount).toBe(count(`SELECT count(*) AS n FROM households WHERE assistance = 'SUBSISTENCE_ALLOWANCE'`));
    expect(result.data!.b.totalCount).toBe(40);
    expect(result.data!.b.nodes).toHaveLength(3);
  });

  it('filters disclosures by category and date range, and deliberations by topic, at any level', async () => {
    const result = await subgraph.execute<{
      disclosures: { totalCount: number; nodes: { publishedOn: string; category: string; village: { code: string } }[] };
      region: { deliberations: { totalCount: number; nodes: { heldOn: string; topic: string }[] } };
    }>(`{ disclosures(within: "220112000000", category: FINANCE, from: "2022-04-01", to: "2022-09-30", first: 100) { totalCount nodes { publishedOn category village { code } } }
          region(code: "220000000000") { deliberations(topic: LAND, from: "2022-01-01", first: 100) { totalCount nodes { heldOn topic } } } }`);
    expect(result.errors).toBeUndefined();
    const { disclosures } = result.data!;
    expect(disclosures.totalCount).toBe(
      count(`SELECT count(*) AS n FROM disclosures WHERE village_code LIKE '220112%' AND category = 'FINANCE' AND published_on BETWEEN '2022-04-01' AND '2022-09-30'`),
    );
    expect(disclosures.totalCount).toBe(3 * 2); // two quarterly finance reports in those months, in three villages
    for (const d of disclosures.nodes) {
      expect(d.category).toBe('FINANCE');
      expect(d.publishedOn >= '2022-04-01' && d.publishedOn <= '2022-09-30').toBe(true);
    }
    const { deliberations } = result.data!.region;
    expect(deliberations.totalCount).toBe(count(`SELECT count(*) AS n FROM deliberations WHERE topic = 'LAND' AND held_on >= '2022-01-01'`));
    expect(deliberations.nodes.every((d) => d.topic === 'LAND' && d.heldOn >= '2022-01-01')).toBe(true);
  });

  it('pages filtered subtree lists to the end without gaps or repeats', async () => {
    const pageThrough = async (field: string, args: string, expected: number) => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const result: { data?: Record<string, { [k: string]: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }> | null } =
          await subgraph.execute(`query($after: String) { region(code: "220000000000") { ${field}(${args}, first: 3, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`, { after });
        const connection = result.data!.region![field]!;
        expect(connection.totalCount).toBe(expected);
        ids.push(...connection.nodes.map((n) => n.id));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      } while (after);
      expect(ids).toHaveLength(expected);
      expect(new Set(ids).size).toBe(expected);
    };
    await pageThrough('disclosures', 'from: "2022-03-01", to: "2022-10-31"', count(`SELECT count(*) AS n FROM disclosures WHERE published_on BETWEEN '2022-03-01' AND '2022-10-31'`));
    await pageThrough('deliberations', 'topic: INFRASTRUCTURE', count(`SELECT count(*) AS n FROM deliberations WHERE topic = 'INFRASTRUCTURE'`));
    await pageThrough('elderlyFacilities', 'type: ELDERLY_COURTYARD', 4);
    await pageThrough('socialOrganisations', 'type: ELDERLY_ASSOCIATION', 4);
  });

  it('lists elderly facilities and social organisations of a subtree by type', async () => {
    const result = await subgraph.execute<{ region: { all: { totalCount: number }; centres: { nodes: { type: string; region: { level: string } }[] }; orgs: { totalCount: number; nodes: { type: string }[] } } }>(
      `{ region(code: "220112000000") { all: elderlyFacilities { totalCount } centres: elderlyFacilities(type: RURAL_WELFARE_CENTRE) { nodes { type region { level } } }
         orgs: socialOrganisations(type: VOLUNTEER_SERVICE) { totalCount nodes { type } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const region = result.data!.region;
    expect(region.all.totalCount).toBe(3 * 2 + 2); // a courtyard and a station per village, a welfare centre per township
    expect(region.centres.nodes).toEqual([{ type: 'RURAL_WELFARE_CENTRE', region: { level: 'TOWNSHIP' } }, { type: 'RURAL_WELFARE_CENTRE', region: { level: 'TOWNSHIP' } }]);
    expect(region.orgs.totalCount).toBe(3);
  });
});

describe('village self-government and statistics', () => {
  it('answers a village\'s committee, sub-committees, rule, centre and child director; a township\'s supervisors and station', async () => {
    const result = await subgraph.execute<{ village: Record<string, unknown> & { committee: { role: string; age: number; education: string; sex: string }[] }; township: Record<string, unknown>; county: Record<string, unknown> }>(
      `{ village: region(code: "220112001201") { committee { name role age sex education village { code } } subcommittees { type chairName memberCount }
           villageRules { title adoptedOn articleCount filedWithTownship } serviceCentre { areaSquareMeters builtYear } childDirector { name sex } isDeliberationPilot childSupervisors { name } }
         township: region(code: "220112001000") { childSupervisors { name sex } socialWorkStation { name socialWorkerCount } committee { name } serviceCentre { areaSquareMeters } isDeliberationPilot }
         county: region(code: "220112000000") { committee { name } subcommittees { type } villageRules { title } childDirector { name } socialWorkStation { name } } }`,
    );
    expect(result.errors).toBeUndefined();
    const { village, township, county } = result.data!;
    expect(village.committee.length).toBeGreaterThanOrEqual(3);
    expect(village.committee.length).toBeLessThanOrEqual(7);
    expect(['SECRETARY_AND_DIRECTOR', 'DIRECTOR']).toContain(village.committee[0]!.role);
    expect(village.committee.filter((m) => m.role === 'SECRETARY_AND_DIRECTOR' || m.role === 'DIRECTOR')).toHaveLength(1);
    expect(village.committee.some((m) => m.sex === 'FEMALE')).toBe(true);
    expect((village.subcommittees as { type: string }[]).map((s) => s.type)).toEqual(['MEDIATION', 'PUBLIC_HEALTH', 'SECURITY', 'WOMEN_AND_CHILDREN']);
    expect(village.villageRules).toHaveLength(1);
    expect((village.serviceCentre as { areaSquareMeters: number }).areaSquareMeters).toBeGreaterThanOrEqual(200);
    expect(village.childDirector).not.toBeNull();
    expect(village.isDeliberationPilot).toBe(true);
    expect(village.childSupervisors).toEqual([]);
    expect(township.childSupervisors).toHaveLength(1);
    expect(township.socialWorkStation).toMatchObject({ name: '云山街道社会工作服务站' });
    expect(township).toMatchObject({ committee: [], serviceCentre: null, isDeliberationPilot: null });
    expect(county).toEqual({ committee: [], subcommittees: [], villageRules: [], childDirector: null, socialWorkStation: null });
  });

  it('rolls statistics up from villages and townships to any level, averages from sums', async () => {
    const result = await subgraph.execute<{ province: Record<string, number>; village: Record<string, number>; urban: Record<string, number> }>(
      `fragment S on CivilAffairsStatistics { ruralVillageCount townshipCount householdCount residentCount committeeMemberCount committeeMembersUnder55 committeeMemberMeanAge
         committeeMembersWithCollegeEducation villagesWithAllFourSubcommittees villagesWithExactlyOneVillageRule gridCount gridWorkerCount
         villagesWithServiceCentreOf200SquareMeters villagesMeetingServiceAreaNorm townshipChildSupervisorCount villageChildDirectorCount socialWorkStationCount
         childrenUnderCareCount leftBehindChildCount distressedChildCount defactoUnsupportedChildCount leftBehindWomanCount leftBehindElderlyCount solitaryElderlyCount
         mutualAidStationCount elderlyCourtyardCount ruralWelfareCentreCount communitySocialOrganisationCount registeredVolunteerCount deliberationPilotVillageCount
         subsistenceAllowanceHouseholdCount extremePovertyPersonCount lowIncomeMarginalHouseholdCount residentsAged60OrOver workingAwayCount }
       { province: region(code: "220000000000") { civilAffairsStatistics { ...S } } village: region(code: "220112001201") { civilAffairsStatistics { ...S } }
         urban: region(code: "220112001001") { civilAffairsStatistics { ...S } } }`,
    );
    expect(result.errors).toBeUndefined();
    const province = (result.data!.province as unknown as { civilAffairsStatistics: Record<string, number> }).civilAffairsStatistics;
    expect(province).toMatchObject({
      ruralVillageCount: 4,
      townshipCount: 3,
      householdCount: households.length,
      residentCount: residents.length,
      committeeMemberCount: count('SELECT count(*) AS n FROM committee_members'),
      childrenUnderCareCount: Math.round(92_800 * world.scale),
      leftBehindChildCount: 4,
      solitaryElderlyCount: 3,
      villagesWithAllFourSubcommittees: 4,
      villagesWithExactlyOneVillageRule: 4,
      villagesWithServiceCentreOf200SquareMeters: 4,
      villagesMeetingServiceAreaNorm: 4,
      gridCount: 8,
      extremePovertyPersonCount: 2,
      workingAwayCount: residents.filter((r) => r.workingAway).length,
    });
    const meanAge = (subgraph.sqlite.prepare('SELECT avg(age) AS a FROM committee_members').get() as { a: number }).a;
    expect(province.committeeMemberMeanAge).toBeCloseTo(meanAge, 10);
    const village = (result.data!.village as unknown as { civilAffairsStatistics: Record<string, number> }).civilAffairsStatistics;
    expect(village).toMatchObject({ ruralVillageCount: 1, townshipCount: 0, householdCount: V1!.households.length, gridCount: 3 });
    const urban = (result.data!.urban as unknown as { civilAffairsStatistics: Record<string, number | null> }).civilAffairsStatistics;
    expect(urban).toMatchObject({ ruralVillageCount: 0, residentCount: 0, committeeMemberMeanAge: null });
  });
});

describe('bad input', () => {
  it('names the argument', async () => {
    const cases: [string, string][] = [
      ['{ grid(code: "2201120012010") { code } }', 'code'],
      ['{ household(id: "220112195001011234") { id } }', 'id'],
      ['{ resident(id: "R12") { id } }', 'id'],
      ['{ grids(within: "22-01") { totalCount } }', 'within'],
      ['{ grids(within: "220000000000", first: 501) { totalCount } }', 'first'],
      ['{ grids(within: "220000000000", after: "bogus") { totalCount } }', 'after'],
      // A well-formed cursor of another list (a region code) is refused too.
      ['{ grids(within: "220000000000", after: "dmcxOjIyMDAwMDAwMDAwMA") { totalCount } }', 'after'],
      ['{ residents(first: 5) { totalCount } }', 'within'],
      ['{ residents(grid: "22011200120100") { totalCount } }', 'grid'],
      ['{ residents(within: "220000000000", first: -1) { totalCount } }', 'first'],
      ['{ households(within: "2200") { totalCount } }', 'within'],
      ['{ disclosures(within: "220000000000", from: "2022-13-01") { totalCount } }', 'from'],
      ['{ disclosures(within: "220000000000", to: "yesterday") { totalCount } }', 'to'],
      ['{ disclosures(within: "220000000000", from: "2022-06-01", to: "2022-05-31") { totalCount } }', 'to'],
      ['{ deliberations(within: "220000000000", from: "2022-02-30") { totalCount } }', 'from'],
      ['{ region(code: "220112001201") { disclosures(from: "2022-06-01", to: "2022-01-01") { totalCount } } }', 'to'],
      ['{ grid(code: "220112001201002") { households(after: "bogus") { totalCount } } }', 'after'],
      ['{ region(code: "220000000000") { elderlyFacilities(first: 1000) { totalCount } } }', 'first'],
    ];
    for (const [query, argument] of cases) {
      const result = await subgraph.execute(query);
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(JSON.stringify(result.errors)).not.toMatch(/stack|SQLITE|\.ts:/);
    }
  });

  it('refuses unknown enum values through validation', async () => {
    const result = await subgraph.execute('{ residents(within: "220000000000", careCategory: ORPHAN) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers null for a well-formed key that names nothing', async () => {
    const result = await subgraph.execute('{ grid(code: "220112001201999") { code } household(id: "H0000000000000001") { id } resident(id: "R0000000000000001") { id } }');
    expect(result).toEqual({ data: { grid: null, household: null, resident: null } });
  });
});

describe('nearest elderly courtyard', () => {
  let trimmed: TestSubgraph;
  beforeAll(async () => {
    // Without its own courtyard, a village falls back to one in its township; else there is none.
    trimmed = await createTestSubgraph(civilAffairs, (sqlite) => {
      sqlite.transaction(() => seed(sqlite, world))();
      sqlite.prepare(`DELETE FROM elderly_facilities WHERE region_code IN ('220112001201', '220112002201') AND type = 'ELDERLY_COURTYARD'`).run();
    });
  });
  afterAll(() => trimmed.close());

  it('is in the village, else in the same township, else null', async () => {
    const result = await trimmed.execute<{ _entities: { nearestElderlyCourtyard: { region: { code: string } } | null }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { nearestElderlyCourtyard { region { code } } } } }`,
      { r: [V1!, V2!, V3!].map((v) => ({ __typename: 'Resident', id: v.households[0]!.members[0]!.id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { nearestElderlyCourtyard: { region: { code: '220112001202' } } },
      { nearestElderlyCourtyard: { region: { code: '220112001202' } } },
      { nearestElderlyCourtyard: null },
    ]);
  });
});
