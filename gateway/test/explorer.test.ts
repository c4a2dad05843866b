import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, jwtVerify } from 'jose';
import { DEPARTMENTS, PURPOSES } from '@village-graph/shared';
import { PICKER_PERSONAS, QUESTION_PERSONAS, findDemoResident, renderExplorer } from '../src/plugins/explorer.ts';

const signing = { secret: 'a-development-secret-of-at-least-32-bytes!', issuer: 'village-graph-dev', audience: 'village-graph' };
const RESIDENT = 'R0123456789abcdef';

interface Tab {
  query: string;
  headers: string;
  variables?: string;
}
interface PickerEntry {
  key: string;
  label: string;
  description: string;
  headers: Record<string, string> | null;
  unavailable: string | null;
}

const graphiqlOptions = (html: string): { defaultTabs: Tab[] } =>
  JSON.parse(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*?\}),\s*\);/s.exec(html)![1]!);
const pickerEntries = (html: string): PickerEntry[] => JSON.parse(/<script type="application\/json" id="vg-personas">(.*?)<\/script>/s.exec(html)![1]!);
const claimsOf = (headers: Record<string, string>) => decodeJwt(headers.authorization!.replace('Bearer ', ''));

/** Every URL the page would load from: src/href attributes, CSS url(), @import, and fetch/import of an absolute URL. */
function externalLoads(html: string): string[] {
  const patterns = [
    /<(?:script|link|img|iframe|source|embed|object)\b[^>]*\b(?:src|href|data)=["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi,
    /@import\s+["']((?:https?:)?\/\/[^"']+)/gi,
    /(?:fetch|importScripts|import)\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/gi,
  ];
  return patterns.flatMap((p) => [...html.matchAll(p)].map((m) => m[1]!));
}

describe('the offline explorer', () => {
  it('is one self-contained page in both modes: no script, style, font or image from another host', async () => {
    for (const html of [await renderExplorer({ developmentSigning: null }), await renderExplorer({ developmentSigning: signing, demoResident: { id: RESIDENT } })]) {
      expect(html).toContain('village-graph explorer');
      expect(html.length).toBeGreaterThan(1_000_000);
      expect(externalLoads(html)).toEqual([]);
      expect(html).not.toMatch(/https?:\/\/[a-z0-9.-]*(cdn|unpkg|jsdelivr|googleapis|gstatic|apollographql\.com)/i);
    }
  });

  it('finds a CDN load when there is one (the check above can fail)', () => {
    expect(externalLoads('<script src="https://unpkg.com/graphiql.js"></script><style>@import "//fonts.example/x.css"; a{background:url(https://x.example/a.png)}</style>')).toHaveLength(3);
  });

  it('preloads every documented question in numeric order, each with its persona\'s token and purpose in development', async () => {
    const html = await renderExplorer({ developmentSigning: signing, demoResident: { id: RESIDENT } });
    const tabs = graphiqlOptions(html).defaultTabs;
    const names = tabs.map((t) => /^(?:query|mutation) (\w+)/m.exec(t.query)?.[1]);
    expect(names).toEqual(['VillageDashboard', 'RegionRollup', 'GridRoster', 'RenovationSweep', 'LeftBehindElderly', 'LandContractDispute', 'MentalHealthJointCare', 'DataTracker', 'ProvinceReport', 'ResidentRecord']);

    const roster = JSON.parse(tabs[2]!.headers);
    expect(roster['x-purpose']).toBe('SERVICE_DELIVERY');
    expect(claimsOf(roster)).toMatchObject({ role: 'GRID_WORKER', regions: QUESTION_PERSONAS['3-grid-roster.graphql']!.regions });
    expect((await jwtVerify(roster.authorization.replace('Bearer ', ''), new TextEncoder().encode(signing.secret), { issuer: signing.issuer, audience: signing.audience })).payload.sub).toBe('grid-worker-demo');

    const report = JSON.parse(tabs[8]!.headers);
    expect(claimsOf(report)).toMatchObject({ role: 'ANALYST' });
    expect(report['x-purpose']).toBeUndefined();

    const record = JSON.parse(tabs[9]!.headers);
    expect(claimsOf(record)).toMatchObject({ role: 'DEPARTMENT_STAFF', regions: ['220112000000'], departments: ['civil-affairs'] });
    expect(PURPOSES).toContain(record['x-purpose']);
    expect(record['x-case-reference']).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:/-]{1,63}$/);
    expect(JSON.parse(tabs[9]!.variables!)).toEqual({ id: RESIDENT });

    const tracker = JSON.parse(tabs[7]!.headers);
    expect(claimsOf(tracker)).toMatchObject({ role: 'RESIDENT', resident: RESIDENT });
    expect(tracker['x-purpose']).toBe('DATA_SUBJECT_ACCESS');
    expect(JSON.parse(tabs[7]!.variables!)).toEqual({ id: RESIDENT });
  });

  it('offers a persona picker in development: public, grid worker, village cadre, the five departments, analyst, resident', async () => {
    const html = await renderExplorer({ developmentSigning: signing, demoResident: { id: RESIDENT } });
    expect(html).toMatch(/<select id="vg-persona"[^>]*><option value="">Each tab's own headers<\/option>/);
    const entries = pickerEntries(html);
    expect(entries.map((e) => e.key)).toEqual(['public', 'grid-worker', 'village-cadre', ...DEPARTMENTS, 'analyst', 'resident']);
    for (const entry of entries) expect(html, entry.key).toContain(`<option value="${entry.key}">`);

    expect(entries[0]!.headers).toEqual({});
    const byKey = Object.fromEntries(entries.map((e) => [e.key, e]));
    expect(claimsOf(byKey['grid-worker']!.headers!)).toMatchObject({ role: 'GRID_WORKER', regions: ['220112001201001'] });
    expect(claimsOf(byKey['village-cadre']!.headers!)).toMatchObject({ role: 'VILLAGE_CADRE', regions: ['220112001201'] });
    for (const department of DEPARTMENTS) {
      const headers = byKey[department]!.headers!;
      expect(claimsOf(headers), department).toMatchObject({ role: 'DEPARTMENT_STAFF', departments: [department], regions: ['220112000000'] });
      expect(PURPOSES, department).toContain(headers['x-purpose']);
      expect(headers['x-case-reference'], department).toBeTruthy();
      expect(byKey[department]!.description, department).toContain(department);
    }
    expect(claimsOf(byKey.analyst!.headers!)).toMatchObject({ role: 'ANALYST', regions: [] });
    expect(claimsOf(byKey.resident!.headers!)).toMatchObject({ role: 'RESIDENT', resident: RESIDENT, sub: `resident-${RESIDENT}` });
    expect(byKey.resident!.headers!['x-purpose']).toBe('DATA_SUBJECT_ACCESS');
    // The picker's data cannot close its <script> element early.
    expect(/<script type="application\/json" id="vg-personas">(.*?)<\/script>/s.exec(html)![1]).not.toContain('<');
    expect(PICKER_PERSONAS).toHaveLength(10);
  });

  it('shows the resident persona as unavailable, with the reason, when no resident was found', async () => {
    const html = await renderExplorer({ developmentSigning: signing, demoResident: { unavailable: 'the graph did not answer (TimeoutError)' } });
    expect(html).toContain('<option value="resident" disabled>Resident (unavailable: the graph did not answer (TimeoutError))</option>');
    expect(pickerEntries(html).find((e) => e.key === 'resident')!.headers).toBeNull();
    const tracker = graphiqlOptions(html).defaultTabs[7]!;
    expect(JSON.parse(tracker.headers)).toEqual({});
    expect(tracker.variables).toBeUndefined();
  });

  it('has no picker and no signed token in production', async () => {
    const html = await renderExplorer({ developmentSigning: null });
    expect(html).not.toContain('vg-persona');
    const tabs = graphiqlOptions(html).defaultTabs;
    expect(JSON.parse(tabs[2]!.headers).authorization).toBe('Bearer <a token for GRID_WORKER>');
    expect(html).not.toMatch(/Bearer eyJ/);
  });
});

describe('finding the demo resident through the graph', () => {
  let server: http.Server;
  let url: string;
  let answer: (body: { query: string; variables: Record<string, string> }, headers: http.IncomingHttpHeaders) => unknown;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer(JSON.parse(text), req.headers)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks as the demo grid\'s worker and takes the first member of its first household', async () => {
    let asked: { grid?: string; role?: unknown } = {};
    answer = (body, headers) => {
      asked = { grid: body.variables.grid, role: decodeJwt(String(headers.authorization).replace('Bearer ', '')).role };
      return { data: { grid: { households: { nodes: [{ members: [{ id: RESIDENT }, { id: 'R00000000000000ff' }] }] } } } };
    };
    expect(await findDemoResident(url, signing)).toEqual({ id: RESIDENT });
    expect(asked).toEqual({ grid: '220112001201001', role: 'GRID_WORKER' });
  });

  it('says why when the graph refuses or does not answer', async () => {
    answer = () => ({ data: { grid: null }, errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] });
    expect(await findDemoResident(url, signing)).toEqual({ unavailable: 'the graph answered SUBGRAPH_UNAVAILABLE' });
    expect(await findDemoResident('http://127.0.0.1:1/graphql', signing)).toMatchObject({ unavailable: expect.stringContaining('did not answer') });
  });
});
