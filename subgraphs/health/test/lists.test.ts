import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSubgraph } from '@village-graph/shared/testing';
import { ACCESS_LOG_APPEND, all, createSeededSubgraph, firstErrorExtensions, one } from './seeded.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createSeededSubgraph();
});
afterAll(() => subgraph.close());

type Connection<N> = { totalCount: number; nodes: N[]; edges: { cursor: string; node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Pages through a root list `pageSize` at a time and returns every node, checking the cursors line up. */
async function pageThrough<N>(field: string, query: string, variables: Record<string, unknown>, pageSize: number): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let i = 0; i < 200; i++) {
    const result: { data?: Record<string, Connection<N>> | null; errors?: readonly unknown[] } = await subgraph.execute<Record<string, Connection<N>>>(query, {
      ...variables,
      first: pageSize,
      after,
    });
    expect(result.errors).toBeUndefined();
    const connection: Connection<N> = result.data![field]!;
    expect(connection.nodes.length).toBeLessThanOrEqual(pageSize);
    // Edges select only the node's key here.
    const keyOf = (node: unknown) => JSON.stringify((node as { resident?: unknown; id?: unknown }).resident ?? (node as { id?: unknown }).id);
    expect(connection.edges.map((e) => keyOf(e.node))).toEqual(connection.nodes.map(keyOf));
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
  throw new Error('did not reach the last page');
}

const residentIds = (sql: string, ...params: unknown[]) => all(subgraph, sql, ...params).map((r) => r.resident_id as string);

describe('mentalHealthPatientsDue', () => {
  const query = `query($within: ID!, $asOf: String, $minRiskGrade: Int, $first: Int, $after: String) {
    mentalHealthPatientsDue(within: $within, asOf: $asOf, minRiskGrade: $minRiskGrade, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { resident { id } } }
      nodes { resident { id } household { id } village { code } diagnosis riskGrade nextVisitDue visitOverdue }
    }
  }`;
  type Node = { resident: { id: string }; nextVisitDue: string; riskGrade: number; visitOverdue: boolean };

  it('lists the patients due on or before asOf, in village then resident order, page by page', async () => {
    const due = residentIds("SELECT resident_id FROM mental_health_patients WHERE next_visit_due <= '2022-12-31' ORDER BY village_code, resident_id");
    const nodes = await pageThrough<Node>('mentalHealthPatientsDue', query, { within: '220000000000' }, 1);
    expect(nodes.map((n) => n.resident.id)).toEqual(due);
    expect(nodes.every((n) => n.nextVisitDue <= '2022-12-31')).toBe(true);

    // Later, everyone falls due; a risk filter narrows the list.
    const everyone = residentIds('SELECT resident_id FROM mental_health_patients ORDER BY village_code, resident_id');
    expect(everyone.length).toBeGreaterThan(0);
    const later = await subgraph.execute<{ mentalHealthPatientsDue: Connection<Node> }>(query, { within: '220000000000', asOf: '2030-01-01', first: 500 });
    expect(later.data!.mentalHealthPatientsDue.nodes.map((n) => n.resident.id)).toEqual(everyone);
    expect(later.data!.mentalHealthPatientsDue.totalCount).toBe(everyone.length);
    const risky = await subgraph.execute<{ mentalHealthPatientsDue: Connection<Node> }>(query, { within: '220000000000', asOf: '2030-01-01', minRiskGrade: 1 });
    expect(risky.data!.mentalHealthPatientsDue.totalCount).toBe(one(subgraph, 'SELECT count(*) FROM mental_health_patients WHERE risk_grade >= 1'));
    // A county with none of them: an empty page, not an error.
    const elsewhere = await subgraph.execute<{ mentalHealthPatientsDue: Connection<Node> }>(query, { within: '220200000000', asOf: '2030-01-01' });
    expect(elsewhere.data!.mentalHealthPatientsDue).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses bad arguments, naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ within: '2200' }, 'within'],
      [{ within: '220000000000', asOf: '2022-13-01' }, 'asOf'],
      [{ within: '220000000000', minRiskGrade: 6 }, 'minRiskGrade'],
      [{ within: '220000000000', first: 501 }, 'first'],
      [{ within: '220000000000', after: 'not-a-cursor!' }, 'after'],
      [{ within: '220000000000', after: Buffer.from('vg1:R123').toString('base64url') }, 'after'],
    ];
    for (const [variables, argument] of cases) {
      expect(firstErrorExtensions(await subgraph.execute(query, variables)), argument).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});

describe('elderlyCheckOverdue', () => {
  const query = `query($within: ID!, $asOf: String, $dependencyLevel: DependencyLevel, $first: Int, $after: String) {
    elderlyCheckOverdue(within: $within, asOf: $asOf, dependencyLevel: $dependencyLevel, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { resident { id } } }
      nodes { resident { id } dependencyLevel lastCheckOn checkOverdue }
    }
  }`;
  type Node = { resident: { id: string }; dependencyLevel: string; lastCheckOn: string | null; checkOverdue: boolean };

  it('lists the 65+ with no check in the year up to asOf (never-checked included), filtered by dependency', async () => {
    const overdue = residentIds(
      "SELECT resident_id FROM elderly_care WHERE village_code LIKE '220112%' AND (last_check_on IS NULL OR last_check_on < '2022-01-01') ORDER BY village_code, resident_id",
    );
    expect(overdue.length).toBeGreaterThan(3);
    const nodes = await pageThrough<Node>('elderlyCheckOverdue', query, { within: '220112000000' }, 3);
    expect(nodes.map((n) => n.resident.id)).toEqual(overdue);
    expect(nodes.every((n) => n.checkOverdue)).toBe(true);
    expect(nodes.some((n) => n.lastCheckOn === null)).toBe(true);

    const mid2023 = await subgraph.execute<{ elderlyCheckOverdue: Connection<Node> }>(query, { within: '220112000000', asOf: '2023-06-30' });
    expect(mid2023.data!.elderlyCheckOverdue.totalCount).toBe(
      one(subgraph, "SELECT count(*) FROM elderly_care WHERE village_code LIKE '220112%' AND (last_check_on IS NULL OR last_check_on <= '2022-06-30')"),
    );
    const dependent = await subgraph.execute<{ elderlyCheckOverdue: Connection<Node> }>(query, { within: '220000000000', dependencyLevel: 'PARTIALLY_DEPENDENT', first: 500 });
    expect(dependent.data!.elderlyCheckOverdue.nodes.every((n) => n.dependencyLevel === 'PARTIALLY_DEPENDENT')).toBe(true);
    expect(dependent.data!.elderlyCheckOverdue.totalCount).toBe(
      one(subgraph, "SELECT count(*) FROM elderly_care WHERE dependency_level = 'PARTIALLY_DEPENDENT' AND (last_check_on IS NULL OR last_check_on < '2022-01-01')"),
    );
  });

  it('refuses a malformed asOf and region', async () => {
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '220000000000', asOf: '2022-1-1' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'asOf' });
    expect(firstErrorExtensions(await subgraph.execute(query, { within: 'x220000000000' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'within' });
  });
});

describe('chronicPatients', () => {
  const query = `query($within: ID!, $condition: ChronicCondition, $first: Int, $after: String) {
    chronicPatients(within: $within, condition: $condition, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { resident { id } } }
      nodes { resident { id } household { id } village { code } conditions lastFollowUpOn followUpCount firstHalf: followUpCount(from: "2022-01-01", to: "2022-06-30") followUpCompliant }
    }
  }`;
  type Node = { resident: { id: string }; household: { id: string }; conditions: string[]; lastFollowUpOn: string | null; followUpCount: number; firstHalf: number; followUpCompliant: boolean };

  it('lists managed patients (hypertension or diabetes) once each, and any condition on request', async () => {
    const managed = residentIds(
      "SELECT DISTINCT resident_id, village_code FROM chronic_conditions WHERE condition IN ('HYPERTENSION','TYPE2_DIABETES') ORDER BY village_code, resident_id",
    );
    const nodes = await pageThrough<Node>('chronicPatients', query, { within: '220000000000' }, 50);
    expect(nodes.map((n) => n.resident.id)).toEqual(managed);
    const first = await subgraph.execute<{ chronicPatients: Connection<Node> }>(query, { within: '220000000000', first: 1 });
    expect(first.data!.chronicPatients.totalCount).toBe(managed.length);

    for (const node of nodes.slice(0, 40)) {
      const id = node.resident.id;
      expect(node.conditions.some((c) => c === 'HYPERTENSION' || c === 'TYPE2_DIABETES')).toBe(true);
      expect(node.household.id).toBe(all(subgraph, 'SELECT household_id FROM health_records WHERE resident_id = ?', id)[0]!.household_id);
      expect(node.followUpCount).toBe(one(subgraph, 'SELECT count(*) FROM chronic_follow_ups WHERE resident_id = ?', id));
      expect(node.firstHalf).toBe(one(subgraph, "SELECT count(*) FROM chronic_follow_ups WHERE resident_id = ? AND visited_on <= '2022-06-30'", id));
      expect(node.lastFollowUpOn).toBe(one(subgraph, 'SELECT max(visited_on) FROM chronic_follow_ups WHERE resident_id = ?', id));
      const shortfall = one(
        subgraph,
        "SELECT count(*) FROM chronic_conditions c WHERE c.resident_id = ? AND c.condition IN ('HYPERTENSION','TYPE2_DIABETES') AND (SELECT count(*) FROM chronic_follow_ups f WHERE f.resident_id = c.resident_id AND f.condition = c.condition) < 4",
        id,
      );
      expect(node.followUpCompliant).toBe(shortfall === 0);
    }
    // The compliance figure in the statistics agrees with the per-patient answer.
    const compliant = nodes.filter((n) => n.followUpCompliant).length;
    expect(compliant).toBe(one(subgraph, "SELECT sum(chronic_follow_up_compliant_count) FROM region_statistics"));

    const copd = residentIds("SELECT resident_id FROM chronic_conditions WHERE condition = 'COPD' AND village_code LIKE '220112%' ORDER BY village_code, resident_id");
    const copdNodes = await pageThrough<Node>('chronicPatients', query, { within: '220112000000', condition: 'COPD' }, 2);
    expect(copdNodes.map((n) => n.resident.id)).toEqual(copd);
    expect(copdNodes.every((n) => n.conditions.includes('COPD'))).toBe(true);
  });

  it('costs the same number of statements for 5 or 100 patients with every nested field', async () => {
    const statementsFor = async (first: number) => {
      subgraph.counter.count = 0;
      const result = await subgraph.execute<{ chronicPatients: Connection<Node> }>(query, { within: '220000000000', first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.chronicPatients.nodes.length).toBe(first);
      return subgraph.counter.count;
    };
    const few = await statementsFor(5);
    expect(await statementsFor(100)).toBe(few);
    // page, count, records, conditions, follow-up stats for three date ranges; the access-log append
    expect(few).toBeLessThanOrEqual(7 + ACCESS_LOG_APPEND);
  });

  it('refuses a cursor from another list', async () => {
    const doctors = await subgraph.execute<{ villageDoctors: Connection<unknown> }>(`{ villageDoctors(within: "220000000000", first: 1) { pageInfo { endCursor } } }`);
    const after = doctors.data!.villageDoctors.pageInfo.endCursor;
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '220000000000', after }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('villageDoctors', () => {
  const query = `query($within: ID!, $qualification: DoctorQualification, $first: Int, $after: String) {
    villageDoctors(within: $within, qualification: $qualification, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
      nodes { id name sex age qualification village { code } clinic { name } }
    }
  }`;
  type Node = { id: string; qualification: string; village: { code: string }; clinic: { name: string } };

  it('lists the doctors of a region in registration order, with a qualification filter', async () => {
    const expected = all(subgraph, "SELECT id FROM village_doctors WHERE village_code LIKE '220112%' ORDER BY id").map((r) => r.id);
    const nodes = await pageThrough<Node>('villageDoctors', query, { within: '220112000000' }, 2);
    expect(nodes.map((n) => n.id)).toEqual(expected);
    expect(nodes.every((n) => n.village.code.startsWith('220112') && n.clinic.name.endsWith('卫生室'))).toBe(true);
    const certified = await subgraph.execute<{ villageDoctors: Connection<Node> }>(query, { within: '220000000000', qualification: 'RURAL_DOCTOR_CERTIFICATE' });
    expect(certified.data!.villageDoctors.totalCount).toBe(one(subgraph, "SELECT count(*) FROM village_doctors WHERE qualification = 'RURAL_DOCTOR_CERTIFICATE'"));
    expect(certified.data!.villageDoctors.nodes.every((n) => n.qualification === 'RURAL_DOCTOR_CERTIFICATE')).toBe(true);
  });

  it('refuses a resident cursor and a bad region', async () => {
    const patients = await subgraph.execute<{ chronicPatients: Connection<unknown> }>(`{ chronicPatients(within: "220000000000", first: 1) { pageInfo { endCursor } } }`);
    const after = patients.data!.chronicPatients.pageInfo.endCursor;
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '220000000000', after }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '22' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'within' });
  });
});

describe('familyDoctorContracts', () => {
  const query = `query($within: ID!, $from: String, $to: String, $keyPopulation: Boolean, $first: Int, $after: String) {
    familyDoctorContracts(within: $within, from: $from, to: $to, keyPopulation: $keyPopulation, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { resident { id } } }
      nodes { resident { id } household { id } village { code } signedOn teamName keyPopulation team { id } doctor { id } }
    }
  }`;
  type Node = { resident: { id: string }; signedOn: string; keyPopulation: boolean };

  it('lists contracts in a region, filtered by signing date and key population', async () => {
    const expected = residentIds(
      "SELECT resident_id FROM family_doctor_contracts WHERE village_code LIKE '220112001%' AND signed_on BETWEEN '2022-02-01' AND '2022-05-31' ORDER BY village_code, resident_id",
    );
    expect(expected.length).toBeGreaterThan(10);
    const nodes = await pageThrough<Node>('familyDoctorContracts', query, { within: '220112001000', from: '2022-02-01', to: '2022-05-31' }, 7);
    expect(nodes.map((n) => n.resident.id)).toEqual(expected);
    const others = await subgraph.execute<{ familyDoctorContracts: Connection<Node> }>(query, { within: '220000000000', keyPopulation: false, first: 500 });
    expect(others.data!.familyDoctorContracts.totalCount).toBe(one(subgraph, 'SELECT count(*) FROM family_doctor_contracts WHERE key_population = 0'));
    expect(others.data!.familyDoctorContracts.nodes.every((n) => !n.keyPopulation)).toBe(true);
  });

  it('refuses an inverted or malformed date range', async () => {
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '220000000000', from: '2022-06-01', to: '2022-05-31' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '220000000000', to: 'yesterday' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(firstErrorExtensions(await subgraph.execute(query, { within: '220000000000', first: -1 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('counts only when totalCount is asked for: one statement per page (and the access-log append)', async () => {
    subgraph.counter.count = 0;
    await subgraph.execute(`{ familyDoctorContracts(within: "220000000000", first: 50) { nodes { signedOn teamName } } }`);
    expect(subgraph.counter.count).toBe(1 + ACCESS_LOG_APPEND);
  });
});
