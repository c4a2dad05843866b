import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { subtreeRange } from '@village-graph/shared';
import { agriculture } from '../src/subgraph.ts';
import { seed } from '../src/seed.ts';
import { createFakeWorld, FAKE_VILLAGE_CODES } from './fake-world.ts';

// A fake world at a scale large enough for cooperative member households (35 members × 0.05).
const world = createFakeWorld({ scale: 0.05, householdsPerVillage: 30 });
const households = [...world.villages()].flatMap((v) => v.households);

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(agriculture, (sqlite) => sqlite.transaction(() => seed(sqlite, world))());
});
afterAll(() => subgraph.close());

const one = <T>(sql: string, ...params: unknown[]) => subgraph.sqlite.prepare(sql).pluck().get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => subgraph.sqlite.prepare(sql).pluck().all(...params) as T[];

type Connection<N> = { totalCount: number; nodes: N[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Statements one request runs. */
async function statementsFor(query: string, variables?: Record<string, unknown>) {
  subgraph.counter.count = 0;
  const result = await subgraph.execute(query, variables);
  expect(result.errors).toBeUndefined();
  return subgraph.counter.count;
}

const HOUSEHOLD_FIELDS = `
  id
  landContract { contractNumber issuer termStart termEnd totalAreaMu household { id } village { code }
    plots { plotNumber name areaMu landUse isBasicFarmland contract { contractNumber } }
    certificateMembers { id } }
  isPovertyMonitored
  povertyMonitoring { id type mainRisk since personCount grid { code } household { id } }
  income { surveyYear personCount perCapitaDisposableIncome previousYearPerCapitaDisposableIncome growthRate }
  toiletRenovation { status technology completedYear plannedYear }
  cooperativeMemberships { role joinedOn capitalContribution cooperative { id name } household { id } }`;

describe('agriculture entities', () => {
  it('extends Household with its contract, income, monitoring yes/no and record, toilet and memberships', async () => {
    const monitored = households.find((h) => h.povertyMonitored)!;
    const plain = households.find((h) => !h.povertyMonitored)!;
    const result = await subgraph.execute<{ _entities: any[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { ${HOUSEHOLD_FIELDS} } } }`,
      { r: [monitored, plain, { id: 'Hunknown' }].map(({ id }) => ({ __typename: 'Household', id })) },
    );
    expect(result.errors).toBeUndefined();
    const [a, b, unknown] = result.data!._entities;
    expect(a.isPovertyMonitored).toBe(true);
    expect(a.povertyMonitoring).toMatchObject({ household: { id: monitored.id }, grid: { code: monitored.gridCode }, personCount: monitored.members.length });
    expect(b.isPovertyMonitored).toBe(false);
    expect(b.povertyMonitoring).toBeNull();
    expect(a.landContract.household).toEqual({ id: monitored.id });
    expect(a.landContract.village).toEqual({ code: monitored.villageCode });
    expect(a.landContract.issuer).toMatch(/村农民集体$/);
    expect(a.landContract.certificateMembers).toEqual(monitored.members.map((m) => ({ id: m.id })));
    expect(a.landContract.plots.length).toBeGreaterThanOrEqual(1);
    expect(a.landContract.plots[0].contract.contractNumber).toBe(a.landContract.contractNumber);
    expect(a.landContract.plots[0].plotNumber).toMatch(new RegExp(`^${a.landContract.contractNumber.slice(0, 14)}\\d{5}$`));
    expect(a.income).toMatchObject({ surveyYear: 2022, personCount: monitored.members.length, perCapitaDisposableIncome: monitored.perCapitaIncome });
    expect(a.toiletRenovation.status).toMatch(/COMPLETED|PLANNED|NOT_PLANNED/);
    expect(unknown).toEqual({
      id: 'Hunknown', landContract: null, isPovertyMonitored: null, povertyMonitoring: null, income: null, toiletRenovation: null, cooperativeMemberships: [],
    });
  });

  it('resolves 3 or 30 household references with the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { ${HOUSEHOLD_FIELDS} } } }`;
    // The three already reach every loader: a monitored household and a cooperative member among them.
    const member = one<string>('SELECT household_id FROM cooperative_members LIMIT 1');
    const ordered = [
      households.find((h) => h.povertyMonitored)!.id,
      member,
      ...households.map((h) => h.id).filter((id) => id !== member),
    ];
    const refs = (n: number) => ({ r: ordered.slice(0, n).map((id) => ({ __typename: 'Household', id })) });
    const few = await statementsFor(query, refs(3));
    expect(await statementsFor(query, refs(30))).toBe(few);
    // contract (also the row-scope check), plots, certificate, yes/no, record, income, toilet,
    // memberships, their cooperatives; then the access log's append (begin, last hash, insert, commit).
    expect(few).toBe(13);
  });

  it('extends Resident with farmer trainings and the contracts naming them', async () => {
    const trainee = one<string>('SELECT resident_id FROM farmer_trainings LIMIT 1');
    const household = households.find((h) => h.members.some((m) => m.id === trainee))!;
    const result = await subgraph.execute<{ _entities: any[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id farmerTrainings { id type course startDate endDate hours certified resident { id } village { code } } landContracts { household { id } } } } }`,
      { r: [{ __typename: 'Resident', id: trainee }, { __typename: 'Resident', id: 'Rnobody' }] },
    );
    expect(result.errors).toBeUndefined();
    const [resident, nobody] = result.data!._entities;
    expect(resident.farmerTrainings[0]).toMatchObject({ resident: { id: trainee }, village: { code: household.villageCode } });
    expect(resident.landContracts).toEqual([{ household: { id: household.id } }]);
    expect(nobody).toEqual({ id: 'Rnobody', farmerTrainings: [], landContracts: [] });
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { farmerTrainings { id } landContracts { contractNumber plots { areaMu } } } } }`;
    const residents = households.flatMap((h) => h.members).map(({ id }) => ({ __typename: 'Resident', id }));
    expect(await statementsFor(query, { r: residents.slice(0, 3) })).toBe(await statementsFor(query, { r: residents.slice(0, 40) }));
  });

  it('resolves LandContract, Cooperative, Region and Grid references, null for unknown keys', async () => {
    const contract = one<string>('SELECT contract_number FROM land_contracts LIMIT 1');
    const cooperative = one<string>('SELECT id FROM cooperatives WHERE is_model_cooperative LIMIT 1');
    const result = await subgraph.execute<{ _entities: any[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LandContract { contractNumber totalAreaMu }
        ... on Cooperative { id isModelCooperative modelLevel modelRatings { level ratedYear } village { code } }
        ... on Region { code villageAgriculture { cultivatedAreaMu } agricultureStatistics { landContractCount } }
        ... on Grid { code } } }`,
      {
        r: [
          { __typename: 'LandContract', contractNumber: contract },
          { __typename: 'LandContract', contractNumber: '220112001201999999J' },
          { __typename: 'Cooperative', id: cooperative },
          { __typename: 'Cooperative', id: 'nope' },
          { __typename: 'Region', code: FAKE_VILLAGE_CODES[0] },
          { __typename: 'Grid', code: `${FAKE_VILLAGE_CODES[0]}001` },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [c, missingContract, coop, missingCoop, region, grid] = result.data!._entities;
    expect(c.contractNumber).toBe(contract);
    expect(missingContract).toBeNull();
    expect(coop).toMatchObject({ id: cooperative, isModelCooperative: true });
    expect(coop.modelLevel).toBe(coop.modelRatings[0].level);
    expect(missingCoop).toBeNull();
    expect(region.villageAgriculture.cultivatedAreaMu).toBeGreaterThan(0);
    expect(region.agricultureStatistics.landContractCount).toBe(30);
    expect(grid).toEqual({ code: `${FAKE_VILLAGE_CODES[0]}001` });
  });

  it('resolves 3 or 30 contract and cooperative references with the same number of statements', async () => {
    const contracts = all<string>('SELECT contract_number FROM land_contracts ORDER BY 1');
    const coops = all<string>('SELECT id FROM cooperatives ORDER BY 1');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on LandContract { plots { plotNumber } certificateMembers { id } household { id } }
      ... on Cooperative { modelLevel members(first: 2) { totalCount nodes { role household { id } cooperative { name } } } } } }`;
    const refs = (n: number) => ({
      r: [
        ...contracts.slice(0, n).map((contractNumber) => ({ __typename: 'LandContract', contractNumber })),
        ...coops.slice(0, n).map((id) => ({ __typename: 'Cooperative', id })),
      ],
    });
    expect(await statementsFor(query, refs(3))).toBe(await statementsFor(query, refs(30)));
  });
});

describe('agriculture on Region', () => {
  const REGION_FIELDS = `code
    villageAgriculture { cultivatedAreaMu grainSownAreaMu riceFishAreaMu greenhouseAreaMu collectiveEconomyIncome collectiveAssetsValue
      collectiveEconomy { year totalIncome operatingIncome } village { code } }
    agricultureStatistics { householdCount personCount meanPerCapitaDisposableIncome previousYearMeanPerCapitaDisposableIncome incomeGrowthRate
      cultivatedAreaMu grainSownAreaMu riceFishAreaMu greenhouseAreaMu landContractCount contractedAreaMu plotCount cooperativeCount
      modelCooperativeCount cooperativeMemberCount cooperativeMemberHouseholdCount farmerTrainingCount povertyMonitoredHouseholdCount
      toiletRenovationsPlanned2023 toiletRenovationsCompleted toiletRenovationRate collectiveEconomyIncome villagesWithCollectiveIncomeOver100k }
    cooperatives(first: 2) { totalCount nodes { id } }`;

  it('gives statistics at every level equal to a direct aggregation over the rows', async () => {
    const codes = ['220000000000', '220100000000', '220112000000', '220112001000', '220112001201', '220282100201'];
    const result = await subgraph.execute<{ _entities: any[] }>(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${REGION_FIELDS} } } }`, {
      r: codes.map((code) => ({ __typename: 'Region', code })),
    });
    expect(result.errors).toBeUndefined();
    for (const [i, code] of codes.entries()) {
      const { low, high } = subtreeRange(code);
      const region = result.data!._entities[i];
      const s = region.agricultureStatistics;
      const persons = one<number>('SELECT sum(person_count) FROM household_incomes WHERE village_code BETWEEN ? AND ?', low, high);
      const mean = one<number>('SELECT sum(per_capita_income_2022 * person_count) FROM household_incomes WHERE village_code BETWEEN ? AND ?', low, high) / persons;
      const previous = one<number>('SELECT sum(per_capita_income_2021 * person_count) FROM household_incomes WHERE village_code BETWEEN ? AND ?', low, high) / persons;
      expect(s.personCount).toBe(persons);
      expect(s.meanPerCapitaDisposableIncome).toBeCloseTo(mean, 6);
      expect(s.previousYearMeanPerCapitaDisposableIncome).toBeCloseTo(previous, 6);
      expect(s.incomeGrowthRate).toBeCloseTo(mean / previous - 1, 9);
      expect(s.householdCount).toBe(one('SELECT count(*) FROM household_incomes WHERE village_code BETWEEN ? AND ?', low, high));
      expect(s.landContractCount).toBe(one('SELECT count(*) FROM land_contracts WHERE village_code BETWEEN ? AND ?', low, high));
      expect(s.cooperativeCount).toBe(one('SELECT count(*) FROM cooperatives WHERE village_code BETWEEN ? AND ?', low, high));
      expect(s.cooperativeMemberCount).toBe(one('SELECT coalesce(sum(member_count), 0) FROM cooperatives WHERE village_code BETWEEN ? AND ?', low, high));
      expect(s.cooperativeMemberHouseholdCount).toBe(one('SELECT count(*) FROM cooperative_members WHERE village_code BETWEEN ? AND ?', low, high));
      expect(s.povertyMonitoredHouseholdCount).toBe(one('SELECT count(*) FROM poverty_monitoring WHERE village_code BETWEEN ? AND ?', low, high));
      expect(s.cultivatedAreaMu).toBeCloseTo(one('SELECT sum(cultivated_area_mu) FROM village_agriculture WHERE village_code BETWEEN ? AND ?', low, high), 4);
      expect(s.collectiveEconomyIncome).toBeCloseTo(one('SELECT sum(total_income) FROM collective_economy_incomes WHERE year = 2022 AND village_code BETWEEN ? AND ?', low, high), 4);
      expect(region.cooperatives.totalCount).toBe(s.cooperativeCount);
      if (code.endsWith('000')) expect(region.villageAgriculture).toBeNull();
      else expect(region.villageAgriculture.collectiveEconomy.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022]);
    }
    // Province: all 47,000 × 0.05 would exceed the pool, so every household not yet renovated is planned.
    const province = result.data!._entities[0].agricultureStatistics;
    expect(province.toiletRenovationsPlanned2023 + province.toiletRenovationsCompleted).toBe(households.length);
    expect(province.incomeGrowthRate).toBeCloseTo(0.028, 4);
  });

  it('answers statistics of an empty or malformed region with zeros and null means', async () => {
    const result = await subgraph.execute<{ _entities: any[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { agricultureStatistics { householdCount meanPerCapitaDisposableIncome incomeGrowthRate toiletRenovationRate } villageAgriculture { cultivatedAreaMu } } } }`,
      { r: [{ __typename: 'Region', code: '230000000000' }, { __typename: 'Region', code: 'x' }] },
    );
    expect(result.errors).toBeUndefined();
    for (const region of result.data!._entities) {
      expect(region).toEqual({ agricultureStatistics: { householdCount: 0, meanPerCapitaDisposableIncome: null, incomeGrowthRate: null, toiletRenovationRate: null }, villageAgriculture: null });
    }
  });

  it('answers 3 or 13 regions with the same number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${REGION_FIELDS} } } }`;
    // The first three already include a village (villageAgriculture is only loaded for villages).
    const codes = ['220000000000', '220112000000', '220112001201', ...world.regions.map((r) => r.code)];
    const refs = (n: number) => ({ r: codes.slice(0, n).map((code) => ({ __typename: 'Region', code })) });
    expect(await statementsFor(query, refs(3))).toBe(await statementsFor(query, refs(codes.length)));
  });
});

describe('agriculture lists', () => {
  /** Walks every page of a root list and returns the node keys in order. */
  async function walk(field: string, args: string, key: string, first: number, variables: Record<string, unknown> = {}) {
    const keys: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 100; pages++) {
      const result: { data?: Record<string, Connection<Record<string, string>>> | null; errors?: readonly unknown[] } = await subgraph.execute(
        `query($after: String) { list: ${field}(${args}, first: ${first}, after: $after) { totalCount nodes { ${key} } pageInfo { hasNextPage endCursor } } }`,
        { ...variables, after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data!.list!;
      total = page.totalCount;
      keys.push(...page.nodes.map((n) => n[key]!));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { keys, total };
  }

  it('pages through the land contracts of a subtree in order, with their total', async () => {
    const { low, high } = subtreeRange('220112000000');
    const expected = all<string>('SELECT contract_number FROM land_contracts WHERE village_code BETWEEN ? AND ? ORDER BY village_code, contract_number', low, high);
    const { keys, total } = await walk('landContracts', 'within: "220112000000"', 'contractNumber', 7);
    expect(total).toBe(expected.length);
    expect(keys).toEqual(expected);
    const village = await walk('landContracts', `within: "${FAKE_VILLAGE_CODES[3]}"`, 'contractNumber', 500);
    expect(village.keys).toHaveLength(30);
  });

  it('filters land contracts and farmer trainings by grid', async () => {
    const grid = one<string>('SELECT grid_code FROM farmer_trainings LIMIT 1');
    const contracts = await walk('landContracts', `within: "220000000000", grid: "${grid}"`, 'contractNumber', 4);
    expect(contracts.keys).toEqual(all('SELECT contract_number FROM land_contracts WHERE grid_code = ? ORDER BY contract_number', grid));
    expect(contracts.total).toBe(contracts.keys.length);
    const trainings = await walk('farmerTrainings', `within: "${grid.slice(0, 12)}", grid: "${grid}"`, 'id', 500);
    expect(trainings.keys).toEqual(all('SELECT id FROM farmer_trainings WHERE grid_code = ? ORDER BY id', grid));
    expect(trainings.keys.length).toBeGreaterThan(0);
  });

  it('looks up one contract and one cooperative by key, null when unknown', async () => {
    const contract = one<string>('SELECT contract_number FROM land_contracts LIMIT 1');
    const result = await subgraph.execute<any>(
      `query($n: ID!) { landContract(contractNumber: $n) { contractNumber } missing: landContract(contractNumber: "220112001201999999J") { contractNumber }
        cooperative(id: "220112001201-C01") { id name type registeredOn memberCount } noCoop: cooperative(id: "220112001201-C99") { id } }`,
      { n: contract },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.landContract).toEqual({ contractNumber: contract });
    expect(result.data.missing).toBeNull();
    expect(result.data.cooperative.memberCount).toBeGreaterThanOrEqual(5);
    expect(result.data.cooperative.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.data.noCoop).toBeNull();
  });

  it('filters cooperatives by type and model rating, at the root and on Region', async () => {
    const planting = await walk('cooperatives', 'within: "220000000000", type: PLANTING', 'id', 5);
    expect(planting.keys).toEqual(all('SELECT id FROM cooperatives WHERE type = ? ORDER BY village_code, id', 'PLANTING'));
    const county = await walk('cooperatives', 'within: "220000000000", modelLevel: COUNTY', 'id', 5);
    expect(county.keys).toEqual(all("SELECT cooperative_id FROM model_cooperative_ratings r JOIN cooperatives c ON c.id = r.cooperative_id WHERE level = 'COUNTY' ORDER BY c.village_code, c.id"));
    const rated = await walk('cooperatives', 'within: "220000000000", isModelCooperative: true', 'id', 500);
    expect(rated.total).toBe(one('SELECT count(*) FROM cooperatives WHERE is_model_cooperative'));
    const nested = await subgraph.execute<any>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { cooperatives(type: PLANTING, first: 500) { totalCount } } } }`,
      { r: [{ __typename: 'Region', code: '220112000000' }] },
    );
    const { low, high } = subtreeRange('220112000000');
    expect(nested.data._entities[0].cooperatives.totalCount).toBe(one("SELECT count(*) FROM cooperatives WHERE type = 'PLANTING' AND village_code BETWEEN ? AND ?", low, high));
  });

  it('pages a cooperative’s member households', async () => {
    const id = one<string>('SELECT cooperative_id FROM cooperative_members GROUP BY cooperative_id ORDER BY count(*) DESC LIMIT 1');
    const expected = all<string>('SELECT household_id FROM cooperative_members WHERE cooperative_id = ? ORDER BY household_id', id);
    expect(expected.length).toBeGreaterThan(1);
    const first = await subgraph.execute<any>(`{ cooperative(id: "${id}") { members(first: 1) { totalCount nodes { household { id } } pageInfo { hasNextPage endCursor } } } }`);
    expect(first.data.cooperative.members).toMatchObject({ totalCount: expected.length, nodes: [{ household: { id: expected[0] } }], pageInfo: { hasNextPage: true } });
    const rest = await subgraph.execute<any>(`query($after: String) { cooperative(id: "${id}") { members(first: 500, after: $after) { nodes { household { id } } pageInfo { hasNextPage } } } }`, {
      after: first.data.cooperative.members.pageInfo.endCursor,
    });
    expect(rest.data.cooperative.members.nodes.map((n: any) => n.household.id)).toEqual(expected.slice(1));
  });

  it('lists poverty-monitored households by subtree, grid, type and date range', async () => {
    const all2 = await walk('povertyMonitoredHouseholds', 'within: "220000000000"', 'id', 3);
    expect(all2.keys).toEqual(all('SELECT id FROM poverty_monitoring ORDER BY village_code, id'));
    const grid = one<string>('SELECT grid_code FROM poverty_monitoring LIMIT 1');
    const byGrid = await walk('povertyMonitoredHouseholds', `within: "${grid.slice(0, 12)}", grid: "${grid}"`, 'id', 500);
    expect(byGrid.keys).toEqual(all('SELECT id FROM poverty_monitoring WHERE grid_code = ? ORDER BY id', grid));
    const dated = await walk('povertyMonitoredHouseholds', 'within: "220000000000", from: "2021-01-01", to: "2021-12-31", type: MARGINAL_PRONE', 'id', 500);
    expect(dated.keys).toEqual(all("SELECT id FROM poverty_monitoring WHERE since BETWEEN '2021-01-01' AND '2021-12-31' AND type = 'MARGINAL_PRONE' ORDER BY village_code, id"));
  });

  it('lists farmer trainings by subtree, type and start-date range', async () => {
    const everything = await walk('farmerTrainings', 'within: "220000000000"', 'id', 2);
    expect(everything.keys).toEqual(all('SELECT id FROM farmer_trainings ORDER BY village_code, id'));
    expect(everything.keys.length).toBeGreaterThan(0);
    const winter = await walk('farmerTrainings', 'within: "220000000000", from: "2022-01-01", to: "2022-03-31"', 'id', 500);
    expect(winter.keys).toEqual(all("SELECT id FROM farmer_trainings WHERE start_date BETWEEN '2022-01-01' AND '2022-03-31' ORDER BY village_code, id"));
    const sameDay = await walk('farmerTrainings', 'within: "220000000000", from: "2022-06-01", to: "2022-06-01", type: PRODUCTION', 'id', 500);
    expect(sameDay.total).toBe(one("SELECT count(*) FROM farmer_trainings WHERE start_date = '2022-06-01' AND type = 'PRODUCTION'"));
  });

  it('pages many regions’ cooperatives with a constant number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { cooperatives(first: 1, type: PLANTING) { totalCount nodes { id modelLevel } } } } }`;
    const codes = world.regions.map((r) => ({ __typename: 'Region', code: r.code }));
    expect(await statementsFor(query, { r: codes.slice(0, 2) })).toBe(await statementsFor(query, { r: codes }));
  });

  it('names the argument on bad input, without internals', async () => {
    const cases: [string, string][] = [
      ['{ landContracts(within: "2201") { totalCount } }', 'within'],
      ['{ landContracts(within: "220000000000", first: 501) { totalCount } }', 'first'],
      ['{ landContracts(within: "220000000000", first: -1) { totalCount } }', 'first'],
      ['{ landContracts(within: "220000000000", after: "bogus") { totalCount } }', 'after'],
      // A well-formed cursor of another service or list.
      [`{ landContracts(within: "220000000000", after: "${Buffer.from('vg1:nonsense').toString('base64url')}") { totalCount } }`, 'after'],
      ['{ landContract(contractNumber: "x") { issuer } }', 'contractNumber'],
      ['{ cooperative(id: "1; DROP TABLE cooperatives") { name } }', 'id'],
      ['{ cooperatives(within: "22000000000x") { totalCount } }', 'within'],
      ['{ povertyMonitoredHouseholds(within: "220000000000", grid: "2201") { totalCount } }', 'grid'],
      ['{ landContracts(within: "220000000000", grid: "22011200120100x") { totalCount } }', 'grid'],
      ['{ farmerTrainings(within: "220000000000", grid: "") { totalCount } }', 'grid'],
      ['{ povertyMonitoredHouseholds(within: "220000000000", from: "2022-02-30") { totalCount } }', 'from'],
      ['{ farmerTrainings(within: "220000000000", to: "yesterday") { totalCount } }', 'to'],
      ['{ farmerTrainings(within: "220000000000", from: "2022-05-01", to: "2022-04-30") { totalCount } }', 'to'],
      ['{ cooperative(id: "220112001201-C01") { members(first: 1000) { totalCount } } }', 'first'],
    ];
    for (const [query, argument] of cases) {
      const result = await subgraph.execute(query);
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(JSON.stringify(result.errors)).not.toMatch(/stack|SQLITE|\.ts:/);
    }
  });
});
