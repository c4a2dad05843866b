import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@village-graph/shared';
import { DENSE_VILLAGE, openDepartmentDatabase, personaHeaders, postGraphQL, startGraph, type GraphQLResponse, type RunningGraph } from './harness.ts';

/**
 * The eight cross-department questions (DOMAIN.md), each run exactly as documented in
 * docs/queries/, by the persona the docs name, through the gateway over HTTP — and checked against
 * the departments' own databases.
 */
const operation = (file: string) => fs.readFileSync(path.join(repoRoot, 'docs', 'queries', file), 'utf8');
const COUNTY = DENSE_VILLAGE.slice(0, 6) + '000000';
const TOWNSHIP = DENSE_VILLAGE.slice(0, 9) + '000';
const GRID = `${DENSE_VILLAGE}001`;

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const query = <T>(file: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
  postGraphQL<T>(graph.gatewayUrl, operation(file), variables, headers);
const db = <T>(department: string, read: (d: ReturnType<typeof openDepartmentDatabase>) => T): T => {
  const handle = openDepartmentDatabase(department);
  try {
    return read(handle);
  } finally {
    handle.close();
  }
};
const noErrors = (answer: GraphQLResponse<unknown>) => expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();

/** SQL statements each department has run so far (from its Prometheus metrics). */
async function sqlStatements(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, url] of Object.entries(graph.subgraphUrls)) {
    const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    counts[name] = text
      .split('\n')
      .filter((line) => line.startsWith('subgraph_sql_duration_seconds_count'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }
  return counts;
}

describe('1. village dashboard (村情一张图), as the village cadre', () => {
  it('answers with every department\'s facts about the village', async () => {
    const headers = await personaHeaders({ subject: 'cadre-1', role: 'VILLAGE_CADRE', regions: [DENSE_VILLAGE] });
    const answer = await query<{ region: Record<string, any> }>('1-village-dashboard.graphql', { code: DENSE_VILLAGE }, headers);
    noErrors(answer);
    const region = answer.data!.region;
    const civil = db('civil-affairs', (d) => ({
      committee: (d.prepare('SELECT count(*) AS n FROM committee_members WHERE village_code = ?').get(DENSE_VILLAGE) as { n: number }).n,
      grids: (d.prepare('SELECT count(*) AS n FROM grids WHERE village_code = ?').get(DENSE_VILLAGE) as { n: number }).n,
      households: (d.prepare('SELECT count(*) AS n FROM households WHERE village_code = ?').get(DENSE_VILLAGE) as { n: number }).n,
      residents: (d.prepare('SELECT count(*) AS n FROM residents WHERE village_code = ?').get(DENSE_VILLAGE) as { n: number }).n,
    }));
    expect(region.committee).toHaveLength(civil.committee);
    expect(region.grids.totalCount).toBe(civil.grids);
    expect(region.civilAffairsStatistics).toMatchObject({ householdCount: civil.households, residentCount: civil.residents });
    const cooperatives = db('agriculture', (d) => (d.prepare('SELECT count(*) AS n FROM cooperatives WHERE village_code = ?').get(DENSE_VILLAGE) as { n: number }).n);
    expect(region.cooperatives.totalCount).toBe(cooperatives);
    const dwellings = db('housing', (d) => d.prepare("SELECT count(*) AS n, sum(safety_grade IN ('C','D')) AS dangerous FROM dwellings WHERE village_code = ?").get(DENSE_VILLAGE) as { n: number; dangerous: number });
    expect(region.housingStatistics).toMatchObject({ dwellingCount: dwellings.n, dangerousDwellingCount: dwellings.dangerous });
    expect(region.garbageCollection).not.toBeNull();
    const open = db('justice', (d) => (d.prepare("SELECT count(*) AS n FROM disputes WHERE village_code = ? AND status IN ('RECEIVED','MEDIATING')").get(DENSE_VILLAGE) as { n: number }).n);
    expect(region.openDisputes.totalCount).toBe(open);
    const clinic = db('health', (d) => d.prepare('SELECT name FROM village_clinics WHERE village_code = ?').get(DENSE_VILLAGE) as { name: string } | undefined);
    expect(region.clinic?.name ?? null).toBe(clinic?.name ?? null);
    const hypertension = db('health', (d) => (d.prepare("SELECT count(*) AS n FROM chronic_conditions WHERE village_code = ? AND condition = 'HYPERTENSION'").get(DENSE_VILLAGE) as { n: number }).n);
    expect(region.healthStatistics.hypertensionPatientCount).toBe(hypertension);
  });
});

describe('2. region rollups, as an analyst', () => {
  it('sums the county from its rows and suppresses small cells in its townships', async () => {
    const headers = await personaHeaders({ subject: 'analyst-1', role: 'ANALYST' });
    const answer = await query<{ region: Record<string, any> }>('2-region-rollup.graphql', { code: COUNTY }, headers);
    const county = answer.data!.region;
    const [low, high] = [COUNTY, COUNTY.slice(0, 6) + '999999'];
    const households = db('civil-affairs', (d) => (d.prepare('SELECT count(*) AS n FROM households WHERE village_code BETWEEN ? AND ?').get(low, high) as { n: number }).n);
    expect(county.civilAffairsStatistics.householdCount).toBe(households);
    expect(county.children.nodes.length).toBeGreaterThan(5);
    // Every null figure is a suppressed cell, explained by an error on its path; nothing else fails.
    for (const error of answer.errors ?? []) expect(error.extensions?.code, JSON.stringify(error)).toBe('SUPPRESSED');
    const townshipHouseholds = county.children.nodes.map((n: any) => n.civilAffairsStatistics.householdCount).filter((v: number | null) => v !== null);
    expect(townshipHouseholds.every((v: number) => v === 0 || v >= 5)).toBe(true);
  });
});

describe('3. grid roster (全要素网格), as the grid\'s worker', () => {
  const roster = async (first: number) => {
    const headers = await personaHeaders({ subject: 'worker-1', role: 'GRID_WORKER', regions: [GRID] }, { purpose: 'SERVICE_DELIVERY', caseReference: 'ROSTER-2022-12' });
    return query<{ grid: Record<string, any> }>('3-grid-roster.graphql', { grid: GRID, first }, headers);
  };

  it('lists the grid\'s households with members, care flags, dwelling, disputes and family doctor', async () => {
    const answer = await roster(200);
    noErrors(answer);
    const households = answer.data!.grid.households;
    const expected = db('civil-affairs', (d) => (d.prepare('SELECT count(*) AS n FROM households WHERE grid_code = ?').get(GRID) as { n: number }).n);
    expect(households.totalCount).toBe(expected);
    expect(households.nodes).toHaveLength(Math.min(200, expected));
    const sample = households.nodes[0];
    const grade = db('housing', (d) => d.prepare('SELECT safety_grade AS g FROM dwellings WHERE household_id = ? AND is_main = 1').get(sample.id) as { g: string } | undefined);
    expect(sample.dwelling?.safetyGrade ?? null).toBe(grade?.g ?? null);
    const members = db('civil-affairs', (d) => (d.prepare('SELECT count(*) AS n FROM residents WHERE household_id = ?').get(sample.id) as { n: number }).n);
    expect(sample.members).toHaveLength(members);
  });

  it('runs the same number of SQL statements in every department for 10 and for 200 households', async () => {
    const before10 = await sqlStatements();
    noErrors(await roster(10));
    const after10 = await sqlStatements();
    noErrors(await roster(200));
    const after200 = await sqlStatements();
    const per10 = Object.fromEntries(Object.keys(after10).map((k) => [k, after10[k]! - before10[k]!]));
    const per200 = Object.fromEntries(Object.keys(after200).map((k) => [k, after200[k]! - after10[k]!]));
    console.log('grid roster SQL statements per department — 10 households:', per10, '200 households:', per200);
    expect(per200).toEqual(per10);
  });

  it('refuses another grid to the same worker', async () => {
    const headers = await personaHeaders({ subject: 'worker-1', role: 'GRID_WORKER', regions: [GRID] }, { purpose: 'SERVICE_DELIVERY', caseReference: 'ROSTER-2022-12' });
    const other = `${DENSE_VILLAGE}002`;
    const answer = await query<{ grid: unknown }>('3-grid-roster.graphql', { grid: other, first: 10 }, headers);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const names = db('civil-affairs', (d) => (d.prepare('SELECT name FROM residents WHERE grid_code = ? LIMIT 20').all(other) as { name: string }[]).map((r) => r.name));
    for (const name of names) expect(answer.text).not.toContain(name);
  });
});

describe('4. dangerous-house renovation sweep (危房改造), as county housing staff', () => {
  it('lists C/D dwellings with a yes/no priority combined from civil affairs and agriculture', async () => {
    const headers = await personaHeaders({ subject: 'housing-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['housing'] }, { purpose: 'RENOVATION_REVIEW', caseReference: 'RR-2022-001' });
    const answer = await query<{ dangerousDwellings: Record<string, any> }>('4-renovation-sweep.graphql', { within: COUNTY, first: 100 }, headers);
    noErrors(answer);
    const [low, high] = [COUNTY, COUNTY.slice(0, 6) + '999999'];
    const expected = db('housing', (d) => (d.prepare("SELECT count(*) AS n FROM dwellings WHERE village_code BETWEEN ? AND ? AND safety_grade IN ('C','D')").get(low, high) as { n: number }).n);
    expect(answer.data!.dangerousDwellings.totalCount).toBe(expected);
    for (const dwelling of answer.data!.dangerousDwellings.nodes) {
      const id = dwelling.household.id;
      const assisted = db('civil-affairs', (d) => (d.prepare('SELECT assistance FROM households WHERE id = ?').get(id) as { assistance: string | null }).assistance !== null);
      const monitored = db('agriculture', (d) => d.prepare('SELECT 1 FROM poverty_monitoring WHERE household_id = ?').get(id) !== undefined);
      expect(dwelling.household.renovationPriority, id).toBe(assisted || monitored);
    }
    // Data minimisation: the sweep carries housing's own records and two yes/no answers, never
    // civil affairs' assistance category or agriculture's monitoring record.
    expect(answer.text).not.toMatch(/assistanceCategory|povertyMonitoring|mainRisk/);
  });
});

describe('5. left-behind elderly care (留守老年人关爱), as township civil-affairs staff', () => {
  it('lists them with dependency level and checks (health), dwelling grade (housing) and nearest courtyard', async () => {
    const headers = await personaHeaders({ subject: 'civil-1', role: 'DEPARTMENT_STAFF', regions: [TOWNSHIP], departments: ['civil-affairs'] }, { purpose: 'FOLLOW_UP_VISIT', caseReference: 'ELD-2022-12' });
    const answer = await query<Record<string, any>>('5-left-behind-elderly.graphql', { within: TOWNSHIP, first: 50 }, headers);
    noErrors(answer);
    const [low, high] = [TOWNSHIP, TOWNSHIP.slice(0, 9) + '999'];
    const expected = db('civil-affairs', (d) => (d.prepare("SELECT count(*) AS n FROM resident_care_categories WHERE category = 'LEFT_BEHIND_ELDERLY' AND village_code BETWEEN ? AND ?").get(low, high) as { n: number }).n);
    expect(answer.data!.leftBehind.totalCount).toBe(expected);
    for (const person of answer.data!.leftBehind.nodes.slice(0, 20)) {
      const care = db('health', (d) => d.prepare('SELECT dependency_level AS level FROM elderly_care WHERE resident_id = ?').get(person.id) as { level: string } | undefined);
      expect(person.elderlyCare?.dependencyLevel ?? null).toBe(care?.level ?? null);
    }
  });
});

describe('6. land-contract dispute (土地承包纠纷), as county justice staff', () => {
  it('joins the dispute\'s parties to their households\' contracts and plots', async () => {
    const [low, high] = [COUNTY, COUNTY.slice(0, 6) + '999999'];
    const dispute = db('justice', (d) => d.prepare("SELECT id FROM disputes WHERE type = 'LAND_CONTRACT' AND village_code BETWEEN ? AND ? ORDER BY id LIMIT 1").get(low, high) as { id: string });
    expect(dispute).toBeDefined();
    const headers = await personaHeaders({ subject: 'justice-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['justice'] }, { purpose: 'CASE_HANDLING', caseReference: dispute.id });
    const answer = await query<{ dispute: Record<string, any> }>('6-land-contract-dispute.graphql', { id: dispute.id }, headers);
    noErrors(answer);
    const parties = db('justice', (d) => d.prepare('SELECT resident_id, household_id FROM dispute_parties WHERE dispute_id = ? ORDER BY resident_id').all(dispute.id) as { resident_id: string; household_id: string }[]);
    expect(answer.data!.dispute.parties.map((p: any) => p.resident.id).sort()).toEqual(parties.map((p) => p.resident_id));
    for (const party of answer.data!.dispute.parties) {
      const contract = db('agriculture', (d) => d.prepare('SELECT contract_number FROM land_contracts WHERE household_id = ?').get(party.household.id) as { contract_number: string });
      expect(party.household.landContract.contractNumber).toBe(contract.contract_number);
      expect(party.household.landContract.plots.length).toBeGreaterThan(0);
      expect(party.resident.name).toBeTruthy();
    }
  });
});

describe('7. severe mental disorder joint care (严重精神障碍), as health staff and as civil-affairs staff', () => {
  it('gives health staff the patients due a visit with guardian, assistance and open family mediation', async () => {
    const headers = await personaHeaders({ subject: 'health-1', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'] }, { purpose: 'FOLLOW_UP_VISIT', caseReference: 'MH-2022-12' });
    const answer = await query<{ mentalHealthPatientsDue: Record<string, any> }>('7-mental-health-joint-care.graphql', { within: COUNTY, first: 50 }, headers);
    const [low, high] = [COUNTY, COUNTY.slice(0, 6) + '999999'];
    const due = db('health', (d) => (d.prepare("SELECT count(*) AS n FROM mental_health_patients WHERE village_code BETWEEN ? AND ? AND next_visit_due <= '2022-12-31'").get(low, high) as { n: number }).n);
    expect(answer.data!.mentalHealthPatientsDue.totalCount).toBe(due);
    expect(answer.data!.mentalHealthPatientsDue.nodes.every((n: any) => typeof n.diagnosis === 'string')).toBe(true);
    // Health staff may not read civil affairs' assistance category: only that field is refused.
    for (const error of answer.errors ?? []) expect(String(error.path?.join('.'))).toMatch(/assistanceCategory|disputes|guardian/);
  });

  it('masks diagnoses and risk grades for civil-affairs staff', async () => {
    const headers = await personaHeaders({ subject: 'civil-2', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'] }, { purpose: 'FOLLOW_UP_VISIT', caseReference: 'MH-2022-12' });
    const answer = await query<{ mentalHealthPatientsDue: Record<string, any> }>('7-mental-health-joint-care.graphql', { within: COUNTY, first: 50 }, headers);
    expect(answer.data!.mentalHealthPatientsDue.nodes.length).toBeGreaterThan(0);
    for (const node of answer.data!.mentalHealthPatientsDue.nodes) expect([node.diagnosis, node.riskGrade]).toEqual([null, null]);
    expect(answer.text).not.toMatch(/SCHIZOPHRENIA|BIPOLAR|SCHIZOAFFECTIVE|PARANOID_PSYCHOSIS|EPILEPTIC_PSYCHOSIS|INTELLECTUAL_DISABILITY_PSYCHOSIS/);
    expect(answer.errors!.some((e) => e.extensions?.code === 'FORBIDDEN' && /diagnosis/.test(String(e.path?.join('.'))))).toBe(true);
  });
});

describe('8. who looked at my data (data tracker), as the resident', () => {
  it('merges every department\'s access log entries about the resident', async () => {
    const resident = db('health', (d) => d.prepare('SELECT resident_id AS id, village_code FROM health_records WHERE village_code = ? LIMIT 1').get(DENSE_VILLAGE) as { id: string; village_code: string });
    const staff = await personaHeaders({ subject: 'doctor-7', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'] }, { purpose: 'FOLLOW_UP_VISIT', caseReference: 'FU-8' });
    const read = await postGraphQL(graph.gatewayUrl, 'query Read($id: ID!) { resident(id: $id) { healthRecord { bloodType } } }', { id: resident.id }, staff);
    noErrors(read);
    const me = await personaHeaders({ subject: `resident-${resident.id}`, role: 'RESIDENT', resident: resident.id }, { purpose: 'DATA_SUBJECT_ACCESS', caseReference: 'SELF' });
    const answer = await query<{ resident: { dataAccessLog: { department: string; actor: string; purpose: string; fields: string[] }[] } }>('8-data-tracker.graphql', { id: resident.id }, me);
    noErrors(answer);
    const entry = answer.data!.resident.dataAccessLog.find((e) => e.actor === 'doctor-7');
    expect(entry).toMatchObject({ department: 'health', purpose: 'FOLLOW_UP_VISIT' });
    expect(entry!.fields.some((field) => /bloodType/.test(field)), entry!.fields.join()).toBe(true);

    // Someone else's tracker is refused to this resident.
    const other = db('health', (d) => d.prepare('SELECT resident_id AS id FROM health_records WHERE resident_id <> ? LIMIT 1').get(resident.id) as { id: string });
    const refused = await query<unknown>('8-data-tracker.graphql', { id: other.id }, me);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
