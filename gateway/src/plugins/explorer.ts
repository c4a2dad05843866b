import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { SignJWT } from 'jose';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { appOperationsDir, operationFiles, type Department, type Purpose, type Role } from '@village-graph/shared';

/**
 * The explorer at the gateway's root: GraphiQL rendered from local assets only (GraphQL Yoga's
 * self-contained page — no CDN, so it works on a government network cut off from the internet),
 * with the documented operations of docs/queries/ preloaded, one tab each. In development, each
 * tab also carries a freshly signed token and the purpose headers of the persona that runs it, and
 * a persona picker above GraphiQL sends every request as the persona chosen there.
 */
export interface Persona {
  subject: string;
  role: Role;
  regions?: string[];
  departments?: Department[];
  purpose?: [Purpose, string];
  /** A RESIDENT persona: the token names the demo resident, found in the running graph. */
  asDemoResident?: true;
}

const VILLAGE = '220112001201';
const GRID = `${VILLAGE}001`;
const TOWNSHIP = '220112001000';
const COUNTY = '220112000000';

const staff = (department: Department, purpose: [Purpose, string]): Persona => ({
  subject: `${department}-demo`,
  role: 'DEPARTMENT_STAFF',
  regions: [COUNTY],
  departments: [department],
  purpose,
});

/**
 * The personas of the picker (development only), all around Shuangyang district's village
 * 220112001201: the one the README, the documented questions and the dense test village use.
 * Each carries the purpose its everyday work declares (docs/security.md); the analyst reads no
 * personal rows and declares none.
 */
export const PICKER_PERSONAS: { key: string; label: string; persona: Persona | null }[] = [
  { key: 'public', label: 'Public', persona: null },
  { key: 'grid-worker', label: 'Grid worker', persona: { subject: 'grid-worker-demo', role: 'GRID_WORKER', regions: [GRID], purpose: ['SERVICE_DELIVERY', 'ROSTER-DEMO'] } },
  { key: 'village-cadre', label: 'Village cadre', persona: { subject: 'cadre-demo', role: 'VILLAGE_CADRE', regions: [VILLAGE], purpose: ['SERVICE_DELIVERY', 'VILLAGE-DEMO'] } },
  { key: 'civil-affairs', label: 'Civil-affairs staff', persona: staff('civil-affairs', ['SERVICE_DELIVERY', 'SC-DEMO']) },
  { key: 'agriculture', label: 'Agriculture staff', persona: staff('agriculture', ['ASSISTANCE_REVIEW', 'PM-DEMO']) },
  { key: 'housing', label: 'Housing staff', persona: staff('housing', ['RENOVATION_REVIEW', 'RR-DEMO']) },
  { key: 'justice', label: 'Justice staff', persona: staff('justice', ['CASE_HANDLING', 'LC-DEMO']) },
  { key: 'health', label: 'Health staff', persona: staff('health', ['FOLLOW_UP_VISIT', 'MH-DEMO']) },
  { key: 'analyst', label: 'Analyst', persona: { subject: 'analyst-demo', role: 'ANALYST' } },
  { key: 'resident', label: 'Resident', persona: { subject: 'resident-demo', role: 'RESIDENT', asDemoResident: true, purpose: ['DATA_SUBJECT_ACCESS', 'SELF'] } },
];

/** Who runs each documented question (docs/security.md, "Personas for the documented questions"). */
export const QUESTION_PERSONAS: Record<string, Persona> = {
  '1-village-dashboard.graphql': { subject: 'cadre-demo', role: 'VILLAGE_CADRE', regions: [VILLAGE] },
  '2-region-rollup.graphql': { subject: 'analyst-demo', role: 'ANALYST' },
  '3-grid-roster.graphql': { subject: 'grid-worker-demo', role: 'GRID_WORKER', regions: [GRID], purpose: ['SERVICE_DELIVERY', 'ROSTER-DEMO'] },
  '4-renovation-sweep.graphql': { subject: 'housing-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['housing'], purpose: ['RENOVATION_REVIEW', 'RR-DEMO'] },
  '5-left-behind-elderly.graphql': { subject: 'civil-demo', role: 'DEPARTMENT_STAFF', regions: [TOWNSHIP], departments: ['civil-affairs'], purpose: ['FOLLOW_UP_VISIT', 'ELD-DEMO'] },
  '6-land-contract-dispute.graphql': { subject: 'justice-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['justice'], purpose: ['CASE_HANDLING', 'LC-DEMO'] },
  '7-mental-health-joint-care.graphql': { subject: 'health-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'], purpose: ['FOLLOW_UP_VISIT', 'MH-DEMO'] },
  '8-data-tracker.graphql': { subject: 'resident-demo', role: 'RESIDENT', asDemoResident: true, purpose: ['DATA_SUBJECT_ACCESS', 'SELF'] },
  '9-province-report.graphql': { subject: 'analyst-demo', role: 'ANALYST' },
  // A service-centre clerk opening one resident's record to serve them (一人一档).
  '10-resident-record.graphql': { subject: 'civil-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['civil-affairs'], purpose: ['SERVICE_DELIVERY', 'SC-DEMO'] },
};

/** Questions whose `$id` is a resident's: their tabs open on the demo resident. */
const RESIDENT_QUESTIONS = new Set(['8-data-tracker.graphql', '10-resident-record.graphql']);

/** The resident the RESIDENT persona signs in as, or why there is none. */
export type DemoResident = { id: string } | { unavailable: string };

export interface ExplorerOptions {
  /** Signs development tokens for the personas (HS256 secret, issuer, audience); none in production. */
  developmentSigning: { secret: string; issuer: string; audience: string } | null;
  queriesDir?: string;
  /** Development only: the resident behind the RESIDENT persona and the resident questions' `$id`. */
  demoResident?: DemoResident;
}

type Signing = NonNullable<ExplorerOptions['developmentSigning']>;

function signToken(persona: Persona, residentId: string | null, signing: Signing): Promise<string> {
  const claims = { role: persona.role, regions: persona.regions ?? [], departments: persona.departments ?? [], scopes: [], ...(residentId ? { resident: residentId } : {}) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(residentId ? `resident-${residentId}` : persona.subject)
    .setIssuer(signing.issuer)
    .setAudience(signing.audience)
    .setIssuedAt()
    .setExpirationTime('8h')
    .sign(new TextEncoder().encode(signing.secret));
}

/**
 * The headers a persona sends: a fresh development token (a placeholder in production) and its
 * declared purpose. Null when a resident persona has no resident to sign in as.
 */
async function personaHeaders(persona: Persona | null, signing: ExplorerOptions['developmentSigning'], resident: DemoResident | undefined): Promise<Record<string, string> | null> {
  if (!persona) return {};
  const headers: Record<string, string> = {};
  if (!signing) headers.authorization = `Bearer <a token for ${persona.role}>`;
  else if (persona.asDemoResident && !(resident && 'id' in resident)) return null;
  else headers.authorization = `Bearer ${await signToken(persona, persona.asDemoResident && resident && 'id' in resident ? resident.id : null, signing)}`;
  if (persona.purpose) [headers['x-purpose'], headers['x-case-reference']] = persona.purpose;
  return headers;
}

const describePersona = (persona: Persona | null, residentId: string | null): string => {
  if (!persona) return 'no token — public facts only';
  const parts: string[] = [persona.role];
  if (persona.departments?.length) parts.push(persona.departments.join(', '));
  if (persona.regions?.length) parts.push(`${persona.role === 'GRID_WORKER' ? 'grid' : 'region'} ${persona.regions.join(', ')}`);
  if (residentId) parts.push(`resident ${residentId}`);
  if (persona.purpose) parts.push(`purpose ${persona.purpose[0]} (case ${persona.purpose[1]})`);
  return parts.join(' · ');
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> element: no `</script>` or `<!--` can end it early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** Inserts `insertion` before `marker`; a GraphiQL page of another shape is an error, not a page without its picker. */
function insertBefore(html: string, marker: string, insertion: string): string {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`The GraphiQL page has no ${marker}; the persona picker cannot be placed.`);
  return html.slice(0, at) + insertion + html.slice(at);
}

const BAR_HEIGHT_PX = 44;

const PICKER_STYLE = `
#vg-persona-bar { box-sizing: border-box; height: ${BAR_HEIGHT_PX}px; display: flex; align-items: center; gap: 12px; padding: 0 16px;
  font: 14px/1.3 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #111827; background: #eef2f7; border-bottom: 2px solid #94a3b8; }
#vg-persona-bar[data-persona]:not([data-persona='']) { background: #fff7e0; border-bottom-color: #d97706; }
#vg-persona-bar label { font-weight: 600; }
#vg-persona-bar select { font: inherit; padding: 4px 6px; }
#vg-persona-current { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
#vg-persona-bar .vg-note { margin-left: auto; color: #6b7280; font-size: 12px; white-space: nowrap; }
/* GraphiQL fills the viewport; it shares it with the bar instead. */
.graphiql-container { height: calc(100vh - ${BAR_HEIGHT_PX}px) !important; }
`;

/**
 * Runs in the page. Wraps the page's fetch for the GraphQL endpoint (GraphiQL calls
 * globalThis.fetch on every request, introspection included): with a persona chosen, its
 * authorization and purpose headers replace those of the headers editor; with none chosen, the
 * editor's headers go out untouched — the manual override. Other headers always pass through.
 * Plain ES2020, no template placeholders: it is sent as written.
 */
const PICKER_SCRIPT = `
(() => {
  const personas = JSON.parse(document.getElementById('vg-personas').textContent);
  const bar = document.getElementById('vg-persona-bar');
  const select = document.getElementById('vg-persona');
  const current = document.getElementById('vg-persona-current');
  const identityHeaders = ['authorization', 'x-purpose', 'x-case-reference'];
  const endpoint = new URL(bar.dataset.endpoint, location.href);
  let chosen = null;
  const show = () => {
    bar.dataset.persona = chosen ? chosen.key : '';
    current.textContent = chosen ? 'Sending as ' + chosen.label + ' — ' + chosen.description : "Sending each tab's own headers (headers editor)";
    current.title = current.textContent;
  };
  select.addEventListener('change', () => {
    chosen = personas.find((p) => p.key === select.value && p.headers) || null;
    show();
  });
  const pageFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const isRequest = input instanceof Request;
    const url = new URL(isRequest ? input.url : String(input), location.href);
    if (!chosen || url.origin !== endpoint.origin || url.pathname !== endpoint.pathname) return pageFetch(input, init);
    const headers = new Headers(init && init.headers !== undefined ? init.headers : isRequest ? input.headers : undefined);
    for (const name of identityHeaders) headers.delete(name);
    for (const [name, value] of Object.entries(chosen.headers)) headers.set(name, value);
    return isRequest ? pageFetch(new Request(input, { ...init, headers })) : pageFetch(input, { ...init, headers });
  };
  select.value = '';
  show();
})();
`;

async function pickerMarkup(endpoint: string, signing: Signing, resident: DemoResident | undefined): Promise<string> {
  const residentId = resident && 'id' in resident ? resident.id : null;
  const personas = await Promise.all(
    PICKER_PERSONAS.map(async ({ key, label, persona }) => ({
      key,
      label,
      description: describePersona(persona, persona?.asDemoResident ? residentId : null),
      headers: await personaHeaders(persona, signing, resident),
      unavailable: persona?.asDemoResident && !residentId ? (resident && 'unavailable' in resident ? resident.unavailable : 'no resident found') : null,
    })),
  );
  const options = personas
    .map((p) => (p.headers ? `<option value="${escapeHtml(p.key)}">${escapeHtml(p.label)}</option>` : `<option value="${escapeHtml(p.key)}" disabled>${escapeHtml(`${p.label} (unavailable: ${p.unavailable})`)}</option>`))
    .join('');
  return `
      <header id="vg-persona-bar" data-persona="" data-endpoint="${escapeHtml(endpoint)}">
        <label for="vg-persona">Persona</label>
        <select id="vg-persona" autocomplete="off"><option value="">Each tab's own headers</option>${options}</select>
        <output id="vg-persona-current" for="vg-persona" aria-live="polite"></output>
        <span class="vg-note" title="Tokens signed with the development secret; the picker is absent in production.">development only</span>
      </header>
      <script type="application/json" id="vg-personas">${scriptJson(personas)}</script>
      <script>${PICKER_SCRIPT}</script>
`;
}

export async function renderExplorer({ developmentSigning, queriesDir = appOperationsDir, demoResident }: ExplorerOptions): Promise<string> {
  const endpoint = '/graphql';
  const residentId = demoResident && 'id' in demoResident ? demoResident.id : null;
  const defaultTabs = await Promise.all(
    operationFiles(queriesDir).map(async (file) => {
      const persona = QUESTION_PERSONAS[file];
      const headers = persona ? await personaHeaders(persona, developmentSigning, demoResident) : null;
      return {
        query: fs.readFileSync(path.join(queriesDir, file), 'utf8'),
        headers: JSON.stringify(headers ?? {}, null, 2),
        ...(residentId && RESIDENT_QUESTIONS.has(file) ? { variables: JSON.stringify({ id: residentId }, null, 2) } : {}),
      };
    }),
  );
  const html = renderGraphiQL({ title: 'village-graph explorer', endpoint, defaultTabs, shouldPersistHeaders: false });
  if (!developmentSigning) return html;
  return insertBefore(insertBefore(html, '</head>', `<style>${PICKER_STYLE}</style>\n`), '<div id="root"></div>', await pickerMarkup(endpoint, developmentSigning, demoResident));
}

/** The gateway's own GraphQL URL while it listens (a wildcard address is reached on loopback). */
function ownGraphUrl(server: http.Server): string | null {
  const address = server.address();
  if (!address || typeof address === 'string') return null;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${address.family === 'IPv6' && host !== '127.0.0.1' ? `[${host}]` : host}:${address.port}/graphql`;
}

/**
 * Finds the demo resident through the graph itself, as the demo grid's worker would: the gateway
 * holds no data, and a resident id is the dataset's (seeded, opaque), so none can be written here.
 */
export async function findDemoResident(graphUrl: string, signing: Signing, timeoutMs = 3_000): Promise<DemoResident> {
  const gridWorker = PICKER_PERSONAS.find((p) => p.key === 'grid-worker')!.persona!;
  try {
    const response = await fetch(graphUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signToken(gridWorker, null, signing)}`, 'x-request-id': 'explorer-demo-resident' },
      body: JSON.stringify({ query: 'query ExplorerDemoResident($grid: ID!) { grid(code: $grid) { households(first: 1) { nodes { members { id } } } } }', variables: { grid: GRID } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { grid?: { households?: { nodes?: { members?: { id: string }[] }[] } | null } | null }; errors?: { extensions?: { code?: string } }[] };
    const id = body.data?.grid?.households?.nodes?.[0]?.members?.[0]?.id;
    if (id) return { id };
    const code = body.errors?.[0]?.extensions?.code;
    return { unavailable: code ? `the graph answered ${code}` : `grid ${GRID} has no residents in this dataset` };
  } catch (error) {
    return { unavailable: `the graph did not answer (${(error as Error).name})` };
  }
}

export interface ExplorerPluginOptions extends Omit<ExplorerOptions, 'demoResident'> {
  /** The gateway's HTTP server, to find the demo resident through it (development only). */
  server?: () => http.Server;
}

/** Serves the explorer as Apollo's landing page (GET with Accept: text/html on the GraphQL paths). */
export function createExplorerPlugin<TContext extends BaseContext>({ server, ...options }: ExplorerPluginOptions): ApolloServerPlugin<TContext> {
  // Found once and kept (the dataset does not change under a running graph); asked again after a
  // failure, e.g. while civil affairs was still starting.
  let found: DemoResident | undefined;
  const demoResident = async (): Promise<DemoResident | undefined> => {
    if (!options.developmentSigning || !server) return undefined;
    if (found) return found;
    const url = ownGraphUrl(server());
    if (!url) return { unavailable: 'the gateway is not listening yet' };
    const answer = await findDemoResident(url, options.developmentSigning);
    if ('id' in answer) found = answer;
    return answer;
  };
  return {
    async serverWillStart() {
      // Rendered per request: the development tokens inside stay fresh.
      return { renderLandingPage: async () => ({ html: async () => renderExplorer({ ...options, demoResident: await demoResident() }) }) };
    },
  };
}
