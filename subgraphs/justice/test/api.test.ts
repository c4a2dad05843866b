import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { justice } from '../src/subgraph.ts';
import { DISPUTES, V1, V2, V3, fillFixture } from './fixture.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(justice, fillFixture);
});
afterAll(() => subgraph.close());

type Page<T = { id: string }> = { totalCount: number; nodes: T[]; edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const ids = (page: Page) => page.nodes.map((n) => n.id);

/** Runs a query, fails on errors, returns data. */
async function query<T>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await subgraph.execute<T>(text, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

/** Statements a query costs. */
async function statements(text: string, variables?: Record<string, unknown>): Promise<number> {
  subgraph.counter.count = 0;
  const result = await subgraph.execute(text, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return subgraph.counter.count;
}

/** Statements of one access-log append, whatever the number of entries: begin, last hash, insert, commit. */
const ACCESS_LOG_APPEND = 4;

const refs = (typename: string, key: string, values: string[]) => values.map((value) => ({ __typename: typename, [key]: value }));

const REGION_FIELDS = `
  code
  mediationCommittee { name mediatorCount establishedYear village { code } mediators { id name role appointedYear village { code } } }
  mediators { id }
  legalAdviser { id name lawFirm county { code } engagements { village { code } contractedYear } }
  legalAidContactPoint { name establishedYear township { code } }
  ruleOfLawModel { level year title village { code } }
  openDisputes(first: 5) { totalCount nodes { id parties { role resident { id } } mediator { name } } pageInfo { hasNextPage } }
  justiceStatistics { disputeCount openDisputeCount mediatorCount }`;

describe('Region (village, township, county, province)', () => {
  it('adds the village committee, mediators, legal adviser, contact point and model title', async () => {
    const data = await query<{ _entities: Record<string, unknown>[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${REGION_FIELDS} } } }`,
      { r: refs('Region', 'code', [V1, V3, '220112001000', '220112000000', '220112999201', 'x']) },
    );
    const [v1, v3, township, county, unknown, malformed] = data._entities as Record<string, any>[];
    expect(v1!.mediationCommittee).toEqual({
      name: '永红村人民调解委员会',
      mediatorCount: 3,
      establishedYear: 1995,
      village: { code: V1 },
      mediators: [
        { id: `${V1}-M01`, name: '王国华', role: 'CHAIR', appointedYear: 2015, village: { code: V1 } },
        { id: `${V1}-M02`, name: '李丽', role: 'MEMBER', appointedYear: 2018, village: { code: V1 } },
        { id: `${V1}-M03`, name: '张明', role: 'MEMBER', appointedYear: 2020, village: { code: V1 } },
      ],
    });
    expect(v1!.legalAdviser).toEqual({
      id: 'LA220112-001',
      name: '尹文英',
      lawFirm: '吉林衡正律师事务所',
      county: { code: '220112000000' },
      engagements: [{ village: { code: V1 }, contractedYear: 2018 }, { village: { code: V2 }, contractedYear: 2019 }],
    });
    expect(v1!.legalAidContactPoint).toEqual({ name: '太平镇法律援助联络点', establishedYear: 2012, township: { code: '220112001000' } });
    expect(v1!.ruleOfLawModel).toEqual({ level: 'NATIONAL', year: 2019, title: '全国民主法治示范村', village: { code: V1 } });
    expect(v1!.openDisputes).toEqual({
      totalCount: 2,
      nodes: [
        { id: DISPUTES.D2, parties: [{ role: 'APPLICANT', resident: { id: 'R1' } }, { role: 'RESPONDENT', resident: { id: 'R2' } }], mediator: { name: '李丽' } },
        { id: DISPUTES.D3, parties: [{ role: 'APPLICANT', resident: { id: 'R3' } }, { role: 'RESPONDENT', resident: { id: 'R4' } }], mediator: null },
      ],
      pageInfo: { hasNextPage: false },
    });
    expect(v1!.mediators).toEqual(v1!.mediationCommittee.mediators.map((m: { id: string }) => ({ id: m.id })));
    // The chair comes first whatever the id order.
    expect(v3!.mediationCommittee.mediators.map((m: { role: string }) => m.role)).toEqual(['CHAIR', 'MEMBER', 'MEMBER', 'MEMBER']);
    expect(v3!.ruleOfLawModel.title).toBe('市级民主法治示范村');

    // Above village level: no committee, adviser or title; the township has its own contact point.
    expect(township).toMatchObject({ mediationCommittee: null, mediators: [], legalAdviser: null, ruleOfLawModel: null, legalAidContactPoint: { name: '太平镇法律援助联络点' } });
    expect(township!.openDisputes.totalCount).toBe(2);
    expect(county).toMatchObject({ mediationCommittee: null, legalAidContactPoint: null, justiceStatistics: { disputeCount: 6, openDisputeCount: 3, mediatorCount: 10 } });
    expect(county!.openDisputes.nodes.map((n: { id: string }) => n.id)).toEqual([DISPUTES.D2, DISPUTES.D3, DISPUTES.D6]);
    for (const empty of [unknown, malformed]) {
      expect(empty).toMatchObject({ mediationCommittee: null, legalAdviser: null, ruleOfLawModel: null, openDisputes: { totalCount: 0, nodes: [] } });
      expect(empty!.justiceStatistics).toEqual({ disputeCount: 0, openDisputeCount: 0, mediatorCount: 0 });
    }
    expect(malformed!.legalAidContactPoint).toBeNull();
  });

  it('pages and filters a region’s open disputes', async () => {
    const data = await query<{ _entities: { first: Page; labour: Page }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
        first: openDisputes(first: 2) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage endCursor } }
        labour: openDisputes(type: LABOUR) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage endCursor } }
      } } }`,
      { r: refs('Region', 'code', ['220000000000']) },
    );
    const province = data._entities[0]!;
    expect(ids(province.first)).toEqual([DISPUTES.D2, DISPUTES.D3]);
    expect(province.first.pageInfo.hasNextPage).toBe(true);
    expect(province.first.totalCount).toBe(3);
    expect(ids(province.labour)).toEqual([DISPUTES.D6]);
    const next = await query<{ _entities: { openDisputes: Page }[] }>(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Region { openDisputes(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } } } }`,
      { r: refs('Region', 'code', ['220000000000']), after: province.first.pageInfo.endCursor },
    );
    expect(next._entities[0]!.openDisputes).toEqual({ nodes: [{ id: DISPUTES.D6 }], pageInfo: { hasNextPage: false } });
  });

  it('sums justice statistics over any subtree, rates from sums', async () => {
    const data = await query<{ _entities: { justiceStatistics: Record<string, unknown> }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { justiceStatistics {
        villagesWithMediationCommittee mediatorCount disputeCount openDisputeCount resolvedDisputeCount failedDisputeCount
        referredDisputeCount mediationSuccessRate landContractDisputeCount marriageFamilyDisputeCount
        disputesByType { type count } followedUpDisputeCount followUpRate agreementAmountYuan villagesWithLegalAdviser
        legalAidContactPointCount legalAidCaseCount communityCorrectionCount activeCommunityCorrectionCount
        postReleasePlacementCount placedPostReleaseCount placementRate ruleOfLawModelVillageCount
        nationalRuleOfLawModelVillageCount provincialRuleOfLawModelVillageCount municipalRuleOfLawModelVillageCount
      } } } }`,
      { r: refs('Region', 'code', ['220000000000', '220112001000', V2]) },
    );
    const [province, township, village] = data._entities.map((e) => e.justiceStatistics);
    expect(province).toEqual({
      villagesWithMediationCommittee: 3,
      mediatorCount: 10,
      disputeCount: 6,
      openDisputeCount: 3,
      resolvedDisputeCount: 1,
      failedDisputeCount: 1,
      referredDisputeCount: 1,
      mediationSuccessRate: 1 / 3,
      landContractDisputeCount: 1,
      marriageFamilyDisputeCount: 1,
      disputesByType: [
        { type: 'MARRIAGE_FAMILY', count: 1 }, { type: 'NEIGHBOUR', count: 1 }, { type: 'HOUSING_HOMESTEAD', count: 0 },
        { type: 'LAND_CONTRACT', count: 1 }, { type: 'CONTRACT', count: 1 }, { type: 'DAMAGES', count: 1 },
        { type: 'LABOUR', count: 1 }, { type: 'OTHER', count: 0 },
      ],
      followedUpDisputeCount: 1,
      followUpRate: 1,
      agreementAmountYuan: 2000,
      villagesWithLegalAdviser: 3,
      legalAidContactPointCount: 2,
      legalAidCaseCount: 4,
      communityCorrectionCount: 2,
      activeCommunityCorrectionCount: 1,
      postReleasePlacementCount: 2,
      placedPostReleaseCount: 1,
      placementRate: 0.5,
      ruleOfLawModelVillageCount: 2,
      nationalRuleOfLawModelVillageCount: 1,
      provincialRuleOfLawModelVillageCount: 0,
      municipalRuleOfLawModelVillageCount: 1,
    });
    expect(township).toMatchObject({ villagesWithMediationCommittee: 2, disputeCount: 5, legalAidContactPointCount: 1, legalAidCaseCount: 3, communityCorrectionCount: 1, postReleasePlacementCount: 1 });
    expect(village).toMatchObject({ disputeCount: 1, failedDisputeCount: 1, mediationSuccessRate: 0, followUpRate: null, placementRate: 1, legalAidContactPointCount: 0 });
  });

  it('costs the same statements for 3 regions as for 30', async () => {
    const text = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${REGION_FIELDS} justiceStatistics { disputesByType { count } } } } }`;
    const few = await statements(text, { r: refs('Region', 'code', [V1, '220112001000', '220000000000']) });
    const many = Array.from({ length: 27 }, (_, i) => `220112001${String(300 + i)}`);
    const lots = await statements(text, { r: refs('Region', 'code', [V1, V2, V3, '220112001000', '220112000000', '220000000000', ...many].slice(0, 30)) });
    expect(lots).toBe(few);
    // committee, mediators, adviser, engagements, contact point, model, open page + count, parties, mediator, statistics,
    // and the access-log append for the parties read (begin, last hash, insert, commit).
    expect(few).toBe(11 + ACCESS_LOG_APPEND);
  });
});

describe('Dispute', () => {
  const DISPUTE_FIELDS = `id type source status isOpen receivedOn closedOn village { code } grid { code }
    parties { role resident { id } household { id } } mediator { id name role } summary
    agreement { text amountYuan signedOn } referredTo followUp { visitedOn outcome }`;

  it('resolves by case number at the root and through _entities', async () => {
    const data = await query<{ dispute: Record<string, unknown>; missing: null; _entities: (Record<string, unknown> | null)[] }>(
      `query($r: [_Any!]!) {
        dispute(id: "${DISPUTES.D1}") { ${DISPUTE_FIELDS} }
        missing: dispute(id: "220112001201-2019-001") { id }
        _entities(representations: $r) { ... on Dispute { id status isOpen referredTo closedOn agreement { text } mediator { id } } }
      }`,
      { r: refs('Dispute', 'id', [DISPUTES.D3, DISPUTES.D4, 'nonsense']) },
    );
    expect(data.dispute).toEqual({
      id: DISPUTES.D1,
      type: 'LAND_CONTRACT',
      source: 'PARTY_APPLICATION',
      status: 'RESOLVED',
      isOpen: false,
      receivedOn: '2021-04-02',
      closedOn: '2021-04-20',
      village: { code: V1 },
      grid: { code: `${V1}001` },
      parties: [
        { role: 'APPLICANT', resident: { id: 'R1' }, household: { id: 'H1' } },
        { role: 'RESPONDENT', resident: { id: 'R3' }, household: { id: 'H2' } },
      ],
      mediator: { id: `${V1}-M01`, name: '王国华', role: 'CHAIR' },
      summary: '两户因承包地地界不清发生争议',
      agreement: { text: '双方依据承包合同和确权证书重新确认地界', amountYuan: 2000, signedOn: '2021-04-20' },
      referredTo: null,
      followUp: { visitedOn: '2021-05-20', outcome: 'FULFILLED' },
    });
    expect(data.missing).toBeNull();
    expect(data._entities).toEqual([
      { id: DISPUTES.D3, status: 'RECEIVED', isOpen: true, referredTo: null, closedOn: null, agreement: null, mediator: null },
      { id: DISPUTES.D4, status: 'REFERRED', isOpen: false, referredTo: 'PEOPLES_COURT', closedOn: '2022-06-10', agreement: null, mediator: { id: `${V1}-M03` } },
      null,
    ]);
  });

  it('resolves Grid references to their key (civil affairs owns the rest)', async () => {
    const data = await query<{ _entities: unknown[] }>(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { code } } }`, {
      r: refs('Grid', 'code', [`${V1}001`]),
    });
    expect(data._entities).toEqual([{ code: `${V1}001` }]);
  });

  it('costs the same statements for 3 disputes as for 30', async () => {
    const text = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dispute { ${DISPUTE_FIELDS} } } }`;
    const all = Object.values(DISPUTES);
    const few = await statements(text, { r: refs('Dispute', 'id', all.slice(0, 3)) });
    const lots = await statements(text, { r: refs('Dispute', 'id', [...all, ...Array.from({ length: 24 }, (_, i) => `${V1}-2019-${100 + i}`)]) });
    expect(lots).toBe(few);
    expect(few).toBe(3 + ACCESS_LOG_APPEND); // disputes, parties, mediators; the log of the details read
  });
});

describe('Resident and Household', () => {
  const RESIDENT_FIELDS = `id
    disputes(first: 2) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
    open: disputes(status: [RECEIVED, MEDIATING]) { totalCount nodes { id } }
    land: disputes(type: LAND_CONTRACT) { nodes { id } }
    communityCorrection { id type status startsOn endsOn resident { id } household { id } village { code } }
    postReleasePlacement { id releasedOn assistanceEndsOn placementStatus resident { id } household { id } village { code } }
    legalAidCases { totalCount nodes { id type status acceptedOn closedOn applicant { id } household { id } village { code } contactPoint { name } } }
    closedCases: legalAidCases(status: [CLOSED]) { totalCount }`;

  it('lists a resident’s disputes, correction, placement and legal-aid cases', async () => {
    const data = await query<{ _entities: Record<string, any>[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { ${RESIDENT_FIELDS} } } }`,
      { r: refs('Resident', 'id', ['R1', 'R4', 'R6', 'R-unknown']) },
    );
    const [r1, r4, r6, unknown] = data._entities;
    expect(r1!.disputes).toMatchObject({ totalCount: 3, nodes: [{ id: DISPUTES.D1 }, { id: DISPUTES.D2 }], pageInfo: { hasNextPage: true } });
    expect(r1!.open).toEqual({ totalCount: 1, nodes: [{ id: DISPUTES.D2 }] });
    expect(r1!.land).toEqual({ nodes: [{ id: DISPUTES.D1 }] });
    expect(r1!.communityCorrection).toBeNull();
    expect(r1!.postReleasePlacement).toBeNull();
    expect(r1!.legalAidCases.totalCount).toBe(2);
    expect(r1!.legalAidCases.nodes[0]).toEqual({
      id: `${V1}-A2021001`, type: 'WAGE_ARREARS', status: 'CLOSED', acceptedOn: '2021-02-01', closedOn: '2021-05-01',
      applicant: { id: 'R1' }, household: { id: 'H1' }, village: { code: V1 }, contactPoint: { name: '太平镇法律援助联络点' },
    });
    expect(r1!.closedCases.totalCount).toBe(1);
    expect(r4!.communityCorrection).toEqual({
      id: `${V1}-C001`, type: 'PROBATION', status: 'ACTIVE', startsOn: '2021-06-01', endsOn: '2023-06-01',
      resident: { id: 'R4' }, household: { id: 'H3' }, village: { code: V1 },
    });
    expect(r6!.postReleasePlacement).toEqual({
      id: `${V2}-P001`, releasedOn: '2020-05-01', assistanceEndsOn: '2025-05-01', placementStatus: 'PLACED',
      resident: { id: 'R6' }, household: { id: 'H5' }, village: { code: V2 },
    });
    expect(unknown).toMatchObject({ id: 'R-unknown', disputes: { totalCount: 0, nodes: [] }, communityCorrection: null, legalAidCases: { totalCount: 0 } });

    const next = await query<{ _entities: { disputes: Page }[] }>(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Resident { disputes(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } } } }`,
      { r: refs('Resident', 'id', ['R1']), after: r1!.disputes.pageInfo.endCursor },
    );
    expect(next._entities[0]!.disputes).toEqual({ nodes: [{ id: DISPUTES.D4 }], pageInfo: { hasNextPage: false } });
  });

  it('counts a household’s open disputes once each, even with two members on both sides', async () => {
    const data = await query<{ _entities: { id: string; openDisputeCount: number; disputes: Page; closed: Page }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
        id openDisputeCount disputes { totalCount nodes { id } } closed: disputes(status: [RESOLVED, REFERRED]) { totalCount nodes { id } }
      } } }`,
      { r: refs('Household', 'id', ['H1', 'H2', 'H4', 'H-unknown']) },
    );
    const [h1, h2, h4, unknown] = data._entities;
    expect(h1).toMatchObject({ openDisputeCount: 1, disputes: { totalCount: 3, nodes: [{ id: DISPUTES.D1 }, { id: DISPUTES.D2 }, { id: DISPUTES.D4 }] } });
    expect(h1!.closed).toEqual({ totalCount: 2, nodes: [{ id: DISPUTES.D1 }, { id: DISPUTES.D4 }] });
    expect(h2).toMatchObject({ openDisputeCount: 1, disputes: { totalCount: 2 } });
    expect(h4).toMatchObject({ openDisputeCount: 0, disputes: { totalCount: 1 } });
    expect(unknown).toMatchObject({ openDisputeCount: 0, disputes: { totalCount: 0, nodes: [] } });
  });

  it('costs the same statements for 3 residents or households as for 30', async () => {
    const residentQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { ${RESIDENT_FIELDS} } } }`;
    const people = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', ...Array.from({ length: 22 }, (_, i) => `R-x${i}`)];
    const fewResidents = await statements(residentQuery, { r: refs('Resident', 'id', people.slice(0, 3)) });
    expect(await statements(residentQuery, { r: refs('Resident', 'id', people) })).toBe(fewResidents);

    const householdQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { openDisputeCount disputes { nodes { id parties { role } } } } } }`;
    const households = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', ...Array.from({ length: 23 }, (_, i) => `H-x${i}`)];
    const fewHouseholds = await statements(householdQuery, { r: refs('Household', 'id', households.slice(0, 3)) });
    expect(await statements(householdQuery, { r: refs('Household', 'id', households) })).toBe(fewHouseholds);
    expect(fewHouseholds).toBe(4 + ACCESS_LOG_APPEND); // open count, page, total count, parties; the log of the parties read
  });
});

describe('root lists', () => {
  const disputes = (args: string) => `{ disputes(${args}) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage endCursor } } }`;

  it('pages the disputes of a region subtree in case-number order', async () => {
    const first = await query<{ disputes: Page }>(disputes('within: "220112000000", first: 4'));
    expect(first.disputes.totalCount).toBe(6);
    expect(ids(first.disputes)).toEqual([DISPUTES.D1, DISPUTES.D2, DISPUTES.D3, DISPUTES.D4]);
    expect(first.disputes.edges.at(-1)!.cursor).toBe(first.disputes.pageInfo.endCursor);
    const rest = await query<{ disputes: Page }>(`query($after: String) ${disputes('within: "220112000000", first: 4, after: $after')}`, {
      after: first.disputes.pageInfo.endCursor,
    });
    expect(ids(rest.disputes)).toEqual([DISPUTES.D5, DISPUTES.D6]);
    expect(rest.disputes.pageInfo.hasNextPage).toBe(false);
    expect(rest.disputes.totalCount).toBe(6);
  });

  it('filters disputes by grid, type, status, source and received date', async () => {
    const cases: [string, string[]][] = [
      ['within: "220112001000"', [DISPUTES.D1, DISPUTES.D2, DISPUTES.D3, DISPUTES.D4, DISPUTES.D5]],
      [`within: "${V1}", grid: "${V1}002"`, [DISPUTES.D3, DISPUTES.D4]],
      ['within: "220000000000", type: NEIGHBOUR', [DISPUTES.D3]],
      ['within: "220000000000", status: [RESOLVED, FAILED]', [DISPUTES.D1, DISPUTES.D5]],
      ['within: "220000000000", status: []', Object.values(DISPUTES)],
      ['within: "220000000000", source: COURT_ENTRUSTED', [DISPUTES.D5]],
      ['within: "220000000000", from: "2022-01-01", to: "2022-10-31"', [DISPUTES.D4, DISPUTES.D6]],
      ['within: "220000000000", from: "2022-11-03", to: "2022-11-03"', [DISPUTES.D2]],
      ['within: "220000000000", type: LABOUR, status: [MEDIATING], from: "2022-01-01"', [DISPUTES.D6]],
      ['within: "220212000000"', []],
    ];
    for (const [args, expected] of cases) {
      const data = await query<{ disputes: Page }>(disputes(args));
      expect(ids(data.disputes), args).toEqual(expected);
      expect(data.disputes.totalCount, args).toBe(expected.length);
    }
  });

  it('lists community corrections, legal-aid cases and post-release placements with filters', async () => {
    const data = await query<Record<string, Page>>(`{
      corrections: communityCorrections(within: "220112000000") { totalCount nodes { id } }
      active: communityCorrections(within: "220112000000", status: [ACTIVE]) { totalCount nodes { id } }
      parole: communityCorrections(within: "220000000000", type: PAROLE) { totalCount nodes { id } }
      since2020: communityCorrections(within: "220000000000", from: "2020-01-01") { totalCount nodes { id } }
      cases: legalAidCases(within: "220112001000") { totalCount nodes { id } }
      wages: legalAidCases(within: "220112000000", type: WAGE_ARREARS) { totalCount nodes { id } }
      inProgress: legalAidCases(within: "220112000000", status: [IN_PROGRESS]) { totalCount nodes { id } }
      lateCases: legalAidCases(within: "220112000000", from: "2022-11-01", first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }
      placements: postReleasePlacements(within: "220112000000") { totalCount nodes { id } }
      pending: postReleasePlacements(within: "220112000000", status: [PENDING]) { totalCount nodes { id } }
      early: postReleasePlacements(within: "220112000000", to: "2021-01-01") { totalCount nodes { id } }
    }`);
    expect(ids(data.corrections!)).toEqual([`${V1}-C001`, `${V3}-C001`]);
    expect(ids(data.active!)).toEqual([`${V1}-C001`]);
    expect(ids(data.parole!)).toEqual([`${V3}-C001`]);
    expect(ids(data.since2020!)).toEqual([`${V1}-C001`]);
    expect(ids(data.cases!)).toEqual([`${V1}-A2021001`, `${V1}-A2022001`, `${V1}-A2022002`]);
    expect(ids(data.wages!)).toEqual([`${V1}-A2021001`, `${V3}-A2022001`]);
    expect(ids(data.inProgress!)).toEqual([`${V1}-A2022001`, `${V1}-A2022002`]);
    expect(data.lateCases).toMatchObject({ totalCount: 2, nodes: [{ id: `${V1}-A2022002` }], pageInfo: { hasNextPage: true } });
    expect(ids(data.placements!)).toEqual([`${V2}-P001`, `${V3}-P001`]);
    expect(ids(data.pending!)).toEqual([`${V3}-P001`]);
    expect(ids(data.early!)).toEqual([`${V2}-P001`]);
  });

  it('costs the same statements for a short page as for a long one', async () => {
    const text = (first: number) => `{ disputes(within: "220000000000", first: ${first}) { nodes { id parties { resident { id } } mediator { name } } } }`;
    expect(await statements(text(2))).toBe(await statements(text(6)));
  });

  it('names the argument on bad input, without internals', async () => {
    const cases: [string, string][] = [
      ['{ disputes(within: "2201") { totalCount } }', 'within'],
      ['{ disputes(within: "220000000000", first: 501) { totalCount } }', 'first'],
      ['{ disputes(within: "220000000000", first: -1) { totalCount } }', 'first'],
      ['{ disputes(within: "220000000000", after: "bogus") { totalCount } }', 'after'],
      ['{ disputes(within: "220000000000", from: "2022-02-30") { totalCount } }', 'from'],
      ['{ disputes(within: "220000000000", to: "2022-1-1") { totalCount } }', 'to'],
      ['{ disputes(within: "220000000000", from: "2022-12-01", to: "2022-01-01") { totalCount } }', 'to'],
      ['{ disputes(within: "220000000000", grid: "22011200120100") { totalCount } }', 'grid'],
      ['{ dispute(id: "D1; DROP TABLE disputes") { id } }', 'id'],
      ['{ communityCorrections(within: "x") { totalCount } }', 'within'],
      ['{ communityCorrections(within: "220000000000", from: "yesterday") { totalCount } }', 'from'],
      ['{ legalAidCases(within: "220000000000", from: "2022-06-01", to: "2022-05-31") { totalCount } }', 'to'],
      ['{ legalAidCases(within: "220000000000", first: 1000) { totalCount } }', 'first'],
      ['{ postReleasePlacements(within: "220000000000", after: "vg1") { totalCount } }', 'after'],
    ];
    for (const [text, argument] of cases) {
      const result = await subgraph.execute(text);
      expect(result.errors?.[0]?.extensions, text).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(JSON.stringify(result.errors)).not.toMatch(/stack|SQLITE|\.ts:/);
    }
    const nested = await subgraph.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { disputes(first: 9999) { totalCount } } } }`, {
      r: refs('Resident', 'id', ['R1']),
    });
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
