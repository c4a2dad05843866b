import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDepartmentDatabase, postGraphQL, startGraph, type RunningGraph } from './harness.ts';

/** A rural village in Shuangyang district (双阳区, 220112), the example. */
const VILLAGE = '220112001201';

const VILLAGE_QUERY = `query Village($code: ID!) {
  region(code: $code) {
    code name level
    ancestors { code name level }
    clinic { name standardized areaSquareMeters doctorCount }
    garbageCollection { covered binCount vehicleCount collectionsPerWeek }
    mediationCommittee { name mediatorCount establishedYear }
    cooperatives(first: 100) { totalCount nodes { id name type memberCount isModelCooperative village { code name } } }
  }
}`;

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

interface VillageAnswer {
  region: {
    code: string;
    name: string;
    level: string;
    ancestors: { code: string; name: string; level: string }[];
    clinic: { name: string; standardized: boolean; areaSquareMeters: number; doctorCount: number } | null;
    garbageCollection: { covered: boolean; binCount: number; vehicleCount: number; collectionsPerWeek: number } | null;
    mediationCommittee: { name: string; mediatorCount: number; establishedYear: number } | null;
    cooperatives: { totalCount: number; nodes: { id: string; name: string; type: string; memberCount: number; isModelCooperative: boolean; village: { code: string; name: string } }[] };
  } | null;
}

describe('the whole graph over HTTP', () => {
  it('answers one village with facts from all five departments, as their databases hold them', async () => {
    const answer = await postGraphQL<VillageAnswer>(graph.gatewayUrl, VILLAGE_QUERY, { code: VILLAGE });
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    const region = answer.data!.region!;

    const civil = openDepartmentDatabase('civil-affairs');
    const own = civil.prepare('SELECT name, level, parent_code FROM regions WHERE code = ?').get(VILLAGE) as { name: string; level: string; parent_code: string };
    const township = civil.prepare('SELECT code, name FROM regions WHERE code = ?').get(own.parent_code) as { code: string; name: string };
    civil.close();
    expect(region).toMatchObject({ code: VILLAGE, name: own.name, level: 'VILLAGE' });
    expect(region.ancestors.map((a) => a.level)).toEqual(['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP']);
    expect(region.ancestors[3]).toEqual({ ...township, level: 'TOWNSHIP' });
    expect(region.ancestors[2]!.name).toBe('双阳区');

    const healthDb = openDepartmentDatabase('health');
    const clinic = healthDb.prepare('SELECT * FROM village_clinics WHERE village_code = ?').get(VILLAGE) as Record<string, number | string> | undefined;
    healthDb.close();
    expect(region.clinic).toEqual(
      clinic ? { name: clinic.name, standardized: clinic.standardized === 1, areaSquareMeters: clinic.area_square_meters, doctorCount: clinic.doctor_count } : null,
    );

    const housingDb = openDepartmentDatabase('housing');
    const garbage = housingDb.prepare('SELECT * FROM garbage_services WHERE village_code = ?').get(VILLAGE) as Record<string, number>;
    housingDb.close();
    expect(region.garbageCollection).toEqual({
      covered: garbage.covered === 1,
      binCount: garbage.bin_count,
      vehicleCount: garbage.vehicle_count,
      collectionsPerWeek: garbage.collections_per_week,
    });

    const justiceDb = openDepartmentDatabase('justice');
    const committee = justiceDb.prepare('SELECT * FROM mediation_committees WHERE village_code = ?').get(VILLAGE) as Record<string, number | string>;
    justiceDb.close();
    expect(region.mediationCommittee).toEqual({ name: committee.name, mediatorCount: committee.mediator_count, establishedYear: committee.established_year });

    const agricultureDb = openDepartmentDatabase('agriculture');
    const coops = agricultureDb.prepare('SELECT id, name, type FROM cooperatives WHERE village_code = ? ORDER BY id').all(VILLAGE) as { id: string; name: string; type: string }[];
    agricultureDb.close();
    expect(coops.length).toBeGreaterThan(0);
    expect(region.cooperatives.totalCount).toBe(coops.length);
    expect(region.cooperatives.nodes.map(({ id, name, type }) => ({ id, name, type }))).toEqual(coops);
    // The cooperative's village comes back through civil affairs, by key.
    expect(region.cooperatives.nodes[0]!.village).toEqual({ code: VILLAGE, name: own.name });
  });

  it('answers bad input with stable codes and no internals', async () => {
    const cases: [string, Record<string, unknown> | undefined, string, number][] = [
      ['{ region(code: "220112999201") { name } }', undefined, 'NOT_FOUND', 200],
      ['{ region(code: "22-0112") { name } }', undefined, 'BAD_USER_INPUT', 200],
      ['{ region(code: ', undefined, 'GRAPHQL_PARSE_FAILED', 400],
      ['{ region(code: "220112001201") { noSuchField } }', undefined, 'GRAPHQL_VALIDATION_FAILED', 400],
      ['query($c: ID!) { region(code: $c) { name } }', {}, 'BAD_USER_INPUT', 400],
      ["{ regions(name: \"' OR 1=1 --\") { totalCount } }", undefined, 'NONE', 200],
    ];
    for (const [query, variables, code, status] of cases) {
      const answer = await postGraphQL(graph.gatewayUrl, query, variables);
      expect(answer.status, query).toBe(status);
      if (code === 'NONE') expect(answer.errors, query).toBeUndefined();
      else expect(answer.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(answer.text, query).not.toMatch(/stacktrace|SQLITE|\.ts:\d|node_modules/);
    }
  });

  it('serves the offline explorer at the root to a browser', async () => {
    const response = await fetch(graph.gatewayUrl.replace(/\/graphql$/, '/'), { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('village-graph explorer');
    expect(html).toContain('query VillageDashboard');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/i);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers with the other departments and names the missing one when a subgraph is down', async () => {
    await graph.stopSubgraph('health');
    try {
      const answer = await postGraphQL<VillageAnswer>(graph.gatewayUrl, VILLAGE_QUERY, { code: VILLAGE });
      expect(answer.status).toBe(200);
      expect(answer.data!.region!.name).toBeTruthy();
      expect(answer.data!.region!.garbageCollection).not.toBeNull();
      expect(answer.data!.region!.mediationCommittee).not.toBeNull();
      expect(answer.data!.region!.clinic).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health' });
      expect(answer.errors![0]!.message).toMatch(/health/);
    } finally {
      await graph.startSubgraph('health');
    }
    const recovered = await postGraphQL<VillageAnswer>(graph.gatewayUrl, VILLAGE_QUERY, { code: VILLAGE });
    expect(recovered.errors).toBeUndefined();
  });
});
