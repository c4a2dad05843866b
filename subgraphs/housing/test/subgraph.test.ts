import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { housing } from '../src/subgraph.ts';
import { H, fill } from './fixture.ts';

/** Every test here acts as the harness's default caller (TEST_ALL_ACCESS: staff of every department, province-wide, with a purpose); who-may-see-what is in authorization.test.ts. */

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(housing, fill);
});
afterAll(() => subgraph.close());

type Page<T> = { totalCount: number; nodes: T[]; edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const regionRefs = (codes: string[]) => ({ r: codes.map((code) => ({ __typename: 'Region', code })) });

describe('Region', () => {
  it('adds garbage collection to Region references in one statement per batch', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code garbageCollection { covered binCount vehicleCount collectionsPerWeek } } } }`,
      regionRefs(['220112001201', '220112001200', '229999999999']),
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

  it('adds sewage treatment and village appearance per village, null above village level', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code
        sewageTreatment { hasFacility facilityType capacityCubicMetersPerDay commissionedYear working }
        villageAppearance { greeningRate cleanVillageStatus inspectedOn } } } }`,
      regionRefs(['220112001201', '220112001200', '220112002200', '220112000000']),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          code: '220112001201',
          sewageTreatment: { hasFacility: true, facilityType: 'VILLAGE_STATION', capacityCubicMetersPerDay: 50, commissionedYear: 2019, working: true },
          villageAppearance: { greeningRate: 0.32, cleanVillageStatus: 'MODEL', inspectedOn: '2022-09-01' },
        },
        {
          code: '220112001200',
          sewageTreatment: { hasFacility: false, facilityType: null, capacityCubicMetersPerDay: null, commissionedYear: null, working: false },
          villageAppearance: { greeningRate: 0.2, cleanVillageStatus: 'IN_PROGRESS', inspectedOn: '2022-08-15' },
        },
        {
          code: '220112002200',
          sewageTreatment: { hasFacility: true, facilityType: 'CONSTRUCTED_WETLAND', capacityCubicMetersPerDay: 30, commissionedYear: 2017, working: false },
          villageAppearance: { greeningRate: 0.28, cleanVillageStatus: 'PASSED', inspectedOn: '2022-10-10' },
        },
        { code: '220112000000', sewageTreatment: null, villageAppearance: null },
      ],
    });
    expect(subgraph.counter.count).toBe(2);
  });

  it('answers housing statistics at every level from the rollup, in one statement for many regions', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute<{ _entities: Record<string, unknown>[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code housingStatistics {
        ruralVillageCount villagesWithGarbageCollection garbageCollectionCoverageRate garbageBinCount garbageVehicleCount transferStationCount
        villagesWithSewageFacility villagesWithSewageTreatment sewageTreatmentRate averageGreeningRate cleanVillagesPassed
        dwellingCount averageFloorAreaSquareMeters gradeADwellingCount gradeBDwellingCount gradeCDwellingCount gradeDDwellingCount
        dangerousDwellingCount dangerousDwellingRate renovationApplicationCount renovationsPending renovationsApproved
        renovationsInProgress renovationsCompleted renovationsRejected renovationSubsidyTotal } } } }`,
      regionRefs(['220000000000', '220112000000', '220112001000', '220112001201', '220112001001', 'not-a-code']),
    );
    expect(result.errors).toBeUndefined();
    const [province, county, township, village, community, malformed] = result.data!._entities.map((e) => e.housingStatistics as Record<string, number | null>);
    expect(subgraph.counter.count).toBe(1);
    expect(province).toEqual({
      ruralVillageCount: 4,
      villagesWithGarbageCollection: 3,
      garbageCollectionCoverageRate: 0.75,
      garbageBinCount: 354,
      garbageVehicleCount: 6,
      transferStationCount: 3,
      villagesWithSewageFacility: 3,
      villagesWithSewageTreatment: 2,
      sewageTreatmentRate: 0.5,
      averageGreeningRate: expect.closeTo(0.3, 10),
      cleanVillagesPassed: 2,
      dwellingCount: 7,
      averageFloorAreaSquareMeters: expect.closeTo(490.5 / 7, 10),
      gradeADwellingCount: 2,
      gradeBDwellingCount: 0,
      gradeCDwellingCount: 3,
      gradeDDwellingCount: 2,
      dangerousDwellingCount: 5,
      dangerousDwellingRate: expect.closeTo(5 / 7, 10),
      renovationApplicationCount: 4,
      renovationsPending: 1,
      renovationsApproved: 0,
      renovationsInProgress: 1,
      renovationsCompleted: 1,
      renovationsRejected: 1,
      renovationSubsidyTotal: 82000,
    });
    expect(county).toMatchObject({ ruralVillageCount: 3, transferStationCount: 2, dwellingCount: 6, dangerousDwellingCount: 4, renovationApplicationCount: 3, renovationSubsidyTotal: 82000 });
    expect(township).toMatchObject({ ruralVillageCount: 2, villagesWithGarbageCollection: 1, garbageCollectionCoverageRate: 0.5, transferStationCount: 1, dwellingCount: 5 });
    expect(village).toMatchObject({ ruralVillageCount: 1, transferStationCount: 0, dwellingCount: 4, gradeCDwellingCount: 2, gradeDDwellingCount: 1, sewageTreatmentRate: 1 });
    // An urban community and a malformed code: zero counts, no rates.
    for (const empty of [community, malformed]) {
      expect(empty).toMatchObject({ ruralVillageCount: 0, dwellingCount: 0, garbageCollectionCoverageRate: null, sewageTreatmentRate: null, averageFloorAreaSquareMeters: null });
    }
  });
});

describe('Household', () => {
  it('gives a household its dwellings and renovation priority from the other departments’ yes/no answers', async () => {
    subgraph.counter.count = 0;
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id renovationPriority dwelling { id safetyGrade isDangerous } dwellings { id isMainDwelling } } } }`,
      {
        r: [
          { __typename: 'Household', id: H(2), inAssistancePriorityGroup: false, isPovertyMonitored: true },
          { __typename: 'Household', id: H(3), inAssistancePriorityGroup: true, isPovertyMonitored: false },
          { __typename: 'Household', id: H(1), inAssistancePriorityGroup: false, isPovertyMonitored: false },
          { __typename: 'Household', id: H(99), inAssistancePriorityGroup: null, isPovertyMonitored: null },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: H(2),
          renovationPriority: true,
          dwelling: { id: '220112001201-D00002', safetyGrade: 'D', isDangerous: true },
          dwellings: [{ id: '220112001201-D00002', isMainDwelling: true }, { id: '220112001201-D00003', isMainDwelling: false }],
        },
        { id: H(3), renovationPriority: true, dwelling: { id: '220112001201-D00004', safetyGrade: 'C', isDangerous: true }, dwellings: [{ id: '220112001201-D00004', isMainDwelling: true }] },
        { id: H(1), renovationPriority: false, dwelling: { id: '220112001201-D00001', safetyGrade: 'A', isDangerous: false }, dwellings: [{ id: '220112001201-D00001', isMainDwelling: true }] },
        { id: H(99), renovationPriority: null, dwelling: null, dwellings: [] },
      ],
    });
    // dwelling and dwellings share one loader: one statement for the whole batch.
    expect(subgraph.counter.count).toBe(1);
  });
});

describe('Dwelling and RenovationApplication', () => {
  it('resolves Dwelling references with stubs for household, village and grid; null for unknown or malformed ids', async () => {
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dwelling { id household { id } village { code } grid { code } structure buildYear
        floorAreaSquareMeters safetyGrade isDangerous isMainDwelling assessedOn renovation { id status } } } }`,
      { r: ['220112001201-D00002', '220112001201-D00001', '220112001201-D09999', 'D1'].map((id) => ({ __typename: 'Dwelling', id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: '220112001201-D00002',
          household: { id: H(2) },
          village: { code: '220112001201' },
          grid: { code: '220112001201001' },
          structure: 'EARTH_WOOD',
          buildYear: 1975,
          floorAreaSquareMeters: 60,
          safetyGrade: 'D',
          isDangerous: true,
          isMainDwelling: true,
          assessedOn: '2021-06-01',
          renovation: { id: '220112001201-R00001', status: 'IN_PROGRESS' },
        },
        expect.objectContaining({ id: '220112001201-D00001', safetyGrade: 'A', isDangerous: false, renovation: null }),
        null,
        null,
      ],
    });
  });

  it('resolves RenovationApplication references', async () => {
    const result = await subgraph.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on RenovationApplication { id dwelling { id safetyGrade } household { id } village { code }
        priorityGroup gradeAtApplication method status subsidyYuan appliedOn decidedOn completedOn } } }`,
      { r: ['220112002200-R00001', '220112001201-R00002', '220112001201-R09999', 'nope'].map((id) => ({ __typename: 'RenovationApplication', id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: '220112002200-R00001',
          dwelling: { id: '220112002200-D00001', safetyGrade: 'A' },
          household: { id: H(5) },
          village: { code: '220112002200' },
          priorityGroup: 'EXTREME_POVERTY',
          gradeAtApplication: 'D',
          method: 'REBUILD',
          status: 'COMPLETED',
          subsidyYuan: 42000,
          appliedOn: '2020-05-01',
          decidedOn: '2020-06-01',
          completedOn: '2021-08-01',
        },
        expect.objectContaining({ id: '220112001201-R00002', status: 'APPLIED', subsidyYuan: null, decidedOn: null, completedOn: null }),
        null,
        null,
      ],
    });
  });

  it('answers the root dwelling and renovationApplication lookups', async () => {
    const result = await subgraph.execute(
      `{ dwelling(id: "220112001200-D00001") { safetyGrade renovation { id } } missing: dwelling(id: "220112001200-D00009") { id }
         renovationApplication(id: "220212001200-R00001") { status decidedOn } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      dwelling: { safetyGrade: 'C', renovation: null },
      missing: null,
      renovationApplication: { status: 'REJECTED', decidedOn: '2022-07-01' },
    });
  });
});

describe('dangerousDwellings', () => {
  const query = `query($within: ID!, $grades: [SafetyGrade!], $grid: ID, $has: Boolean, $first: Int, $after: String) {
    dangerousDwellings(within: $within, grades: $grades, grid: $grid, hasRenovationApplication: $has, first: $first, after: $after) {
      totalCount nodes { id safetyGrade } edges { cursor } pageInfo { hasNextPage endCursor } } }`;
  const ids = async (variables: Record<string, unknown>) => {
    const result = await subgraph.execute<{ dangerousDwellings: Page<{ id: string; safetyGrade: string }> }>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.dangerousDwellings;
  };

  it('lists C and D dwellings of a subtree in registration order, paged', async () => {
    const first = await ids({ within: '220112000000', first: 2 });
    expect(first.totalCount).toBe(4);
    expect(first.nodes.map((n) => n.id)).toEqual(['220112001200-D00001', '220112001201-D00002']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.endCursor).toBe(first.edges[1]!.cursor);
    const rest = await ids({ within: '220112000000', first: 2, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.id)).toEqual(['220112001201-D00003', '220112001201-D00004']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect((await ids({ within: '220000000000' })).totalCount).toBe(5);
    expect((await ids({ within: '220112002200' })).totalCount).toBe(0);
  });

  it('filters by grade, grid and whether a renovation application exists', async () => {
    expect((await ids({ within: '220112000000', grades: ['D'] })).nodes.map((n) => n.id)).toEqual(['220112001201-D00002']);
    expect((await ids({ within: '220112000000', grid: '220112001201001' })).nodes.map((n) => n.id)).toEqual(['220112001201-D00002', '220112001201-D00003']);
    expect((await ids({ within: '220000000000', has: false })).nodes.map((n) => n.id)).toEqual(['220112001200-D00001', '220112001201-D00003']);
    expect((await ids({ within: '220000000000', has: true })).totalCount).toBe(3);
  });

  it('answers the renovation sweep with a constant number of statements whatever the page size', async () => {
    const sweep = `query($first: Int) { dangerousDwellings(within: "220000000000", first: $first) { nodes { id household { id dwellings { id } } renovation { status dwelling { id } } } } }`;
    const counts: number[] = [];
    for (const first of [2, 5]) {
      subgraph.counter.count = 0;
      const result = await subgraph.execute<{ dangerousDwellings: { nodes: unknown[] } }>(sweep, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.dangerousDwellings.nodes).toHaveLength(first);
      counts.push(subgraph.counter.count);
    }
    // page + count, then one batch each for renovations, the household's dwellings and the renovation's dwelling;
    // then the access-log append for the statuses read (last hash, BEGIN, INSERT, COMMIT), once per request.
    expect(counts).toEqual([9, 9]);
  });
});

describe('renovationApplications', () => {
  const query = `query($within: ID!, $status: RenovationStatus, $group: RenovationPriorityGroup, $method: RenovationMethod, $grid: ID, $from: String, $to: String, $first: Int, $after: String) {
    renovationApplications(within: $within, status: $status, priorityGroup: $group, method: $method, grid: $grid, from: $from, to: $to, first: $first, after: $after) {
      totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
  const list = async (variables: Record<string, unknown>) => {
    const result = await subgraph.execute<{ renovationApplications: Page<{ id: string }> }>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.renovationApplications;
  };

  it('lists a subtree’s applications, paged', async () => {
    const first = await list({ within: '220000000000', first: 3 });
    expect(first.totalCount).toBe(4);
    expect(first.nodes.map((n) => n.id)).toEqual(['220112001201-R00001', '220112001201-R00002', '220112002200-R00001']);
    const rest = await list({ within: '220000000000', first: 3, after: first.pageInfo.endCursor });
    expect(rest).toMatchObject({ nodes: [{ id: '220212001200-R00001' }], pageInfo: { hasNextPage: false } });
  });

  it('filters by status, priority group, method, grid and application date', async () => {
    expect((await list({ within: '220000000000', status: 'COMPLETED' })).nodes).toEqual([{ id: '220112002200-R00001' }]);
    expect((await list({ within: '220000000000', group: 'SUBSISTENCE_ALLOWANCE' })).nodes).toEqual([{ id: '220112001201-R00002' }]);
    expect((await list({ within: '220112000000', method: 'REBUILD' })).totalCount).toBe(2);
    expect((await list({ within: '220000000000', grid: '220112001201002' })).nodes).toEqual([{ id: '220112001201-R00002' }]);
    expect((await list({ within: '220000000000', from: '2022-01-01', to: '2022-06-01' })).nodes.map((n) => n.id)).toEqual(['220112001201-R00001', '220212001200-R00001']);
    expect((await list({ within: '220000000000', from: '2022-06-02' })).nodes).toEqual([{ id: '220112001201-R00002' }]);
    expect((await list({ within: '220000000000', to: '2020-05-01' })).nodes).toEqual([{ id: '220112002200-R00001' }]);
  });
});

describe('transferStations', () => {
  it('lists the stations of a subtree with their townships', async () => {
    const result = await subgraph.execute<{ transferStations: Page<{ id: string }> }>(
      `{ transferStations(within: "220112000000", first: 1) { totalCount nodes { id name township { code } capacityTonsPerDay commissionedYear } pageInfo { hasNextPage } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.transferStations).toEqual({
      totalCount: 2,
      nodes: [{ id: '220112001000-T1', name: '云山街道生活垃圾中转站', township: { code: '220112001000' }, capacityTonsPerDay: 20, commissionedYear: 2016 }],
      pageInfo: { hasNextPage: true },
    });
    const village = await subgraph.execute<{ transferStations: { totalCount: number } }>(`{ transferStations(within: "220112001201") { totalCount } }`);
    expect(village.data!.transferStations.totalCount).toBe(0);
  });
});

describe('bad input', () => {
  it('names the argument and leaks no internals', async () => {
    const cases: [string, string][] = [
      ['{ dangerousDwellings(within: "2201") { totalCount } }', 'within'],
      ['{ dangerousDwellings(within: "220112000000", first: 501) { totalCount } }', 'first'],
      ['{ dangerousDwellings(within: "220112000000", first: -1) { totalCount } }', 'first'],
      ['{ dangerousDwellings(within: "220112000000", after: "bogus") { totalCount } }', 'after'],
      ['{ dangerousDwellings(within: "220112000000", grades: [A, C]) { totalCount } }', 'grades'],
      ['{ dangerousDwellings(within: "220112000000", grades: []) { totalCount } }', 'grades'],
      ['{ dangerousDwellings(within: "220112000000", grid: "220112001201") { totalCount } }', 'grid'],
      ['{ renovationApplications(within: "22;DROP TABLE") { totalCount } }', 'within'],
      ['{ renovationApplications(within: "220000000000", from: "2022-13-01") { totalCount } }', 'from'],
      ['{ renovationApplications(within: "220000000000", to: "2022-02-30") { totalCount } }', 'to'],
      ['{ renovationApplications(within: "220000000000", from: "yesterday") { totalCount } }', 'from'],
      ['{ renovationApplications(within: "220000000000", from: "2022-06-01", to: "2022-01-01") { totalCount } }', 'to'],
      ['{ renovationApplications(within: "220000000000", grid: "x") { totalCount } }', 'grid'],
      ['{ renovationApplications(within: "220000000000", first: 1000) { totalCount } }', 'first'],
      ['{ transferStations(within: "") { totalCount } }', 'within'],
      ['{ transferStations(within: "220000000000", after: "Zm9vOmJhcg") { totalCount } }', 'after'],
      ['{ dwelling(id: "1 OR 1=1") { id } }', 'id'],
      ['{ renovationApplication(id: "220112001201-D00001") { id } }', 'id'],
    ];
    for (const [query, argument] of cases) {
      const result = await subgraph.execute(query);
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(JSON.stringify(result.errors), query).not.toMatch(/stack|SQLITE|\.ts:/);
    }
  });

  it('refuses an unknown enum value through GraphQL validation', async () => {
    const result = await subgraph.execute('{ renovationApplications(within: "220000000000", status: DONE) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
