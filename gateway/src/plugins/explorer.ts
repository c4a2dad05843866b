import fs from 'node:fs';
import path from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { SignJWT } from 'jose';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { repoRoot } from '@village-graph/shared';

/**
 * The explorer at the gateway's root: GraphiQL rendered from local assets only (GraphQL Yoga's
 * self-contained page — no CDN, so it works on a government network cut off from the internet),
 * with the documented operations of docs/queries/ preloaded, one tab each. In development, each
 * tab also carries a freshly signed token and the purpose headers of the persona that runs it.
 */
interface Persona {
  subject: string;
  role: string;
  regions?: string[];
  departments?: string[];
  purpose?: [string, string];
}

const VILLAGE = '220112001201';
const TOWNSHIP = '220112001000';
const COUNTY = '220112000000';

/** Who runs each documented question (docs/security.md, "Personas for the documented questions"). */
export const QUESTION_PERSONAS: Record<string, Persona> = {
  '1-village-dashboard.graphql': { subject: 'cadre-demo', role: 'VILLAGE_CADRE', regions: [VILLAGE] },
  '2-region-rollup.graphql': { subject: 'analyst-demo', role: 'ANALYST' },
  '3-grid-roster.graphql': { subject: 'grid-worker-demo', role: 'GRID_WORKER', regions: [`${VILLAGE}001`], purpose: ['SERVICE_DELIVERY', 'ROSTER-DEMO'] },
  '4-renovation-sweep.graphql': { subject: 'housing-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['housing'], purpose: ['RENOVATION_REVIEW', 'RR-DEMO'] },
  '5-left-behind-elderly.graphql': { subject: 'civil-demo', role: 'DEPARTMENT_STAFF', regions: [TOWNSHIP], departments: ['civil-affairs'], purpose: ['FOLLOW_UP_VISIT', 'ELD-DEMO'] },
  '6-land-contract-dispute.graphql': { subject: 'justice-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['justice'], purpose: ['CASE_HANDLING', 'LC-DEMO'] },
  '7-mental-health-joint-care.graphql': { subject: 'health-demo', role: 'DEPARTMENT_STAFF', regions: [COUNTY], departments: ['health'], purpose: ['FOLLOW_UP_VISIT', 'MH-DEMO'] },
};

export interface ExplorerOptions {
  /** Signs development tokens for the personas (HS256 secret, issuer, audience); none in production. */
  developmentSigning: { secret: string; issuer: string; audience: string } | null;
  queriesDir?: string;
}

async function tabHeaders(persona: Persona | undefined, signing: ExplorerOptions['developmentSigning']): Promise<string> {
  if (!persona) return '{}';
  const headers: Record<string, string> = {};
  if (signing) {
    const token = await new SignJWT({ role: persona.role, regions: persona.regions ?? [], departments: persona.departments ?? [], scopes: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(persona.subject)
      .setIssuer(signing.issuer)
      .setAudience(signing.audience)
      .setIssuedAt()
      .setExpirationTime('8h')
      .sign(new TextEncoder().encode(signing.secret));
    headers.authorization = `Bearer ${token}`;
  } else {
    headers.authorization = `Bearer <a token for ${persona.role}>`;
  }
  if (persona.purpose) [headers['x-purpose'], headers['x-case-reference']] = persona.purpose;
  return JSON.stringify(headers, null, 2);
}

export async function renderExplorer({ developmentSigning, queriesDir = path.join(repoRoot, 'docs', 'queries') }: ExplorerOptions): Promise<string> {
  const files = fs.existsSync(queriesDir) ? fs.readdirSync(queriesDir).filter((f) => f.endsWith('.graphql')).sort() : [];
  const defaultTabs = await Promise.all(
    files.map(async (file) => ({ query: fs.readFileSync(path.join(queriesDir, file), 'utf8'), headers: await tabHeaders(QUESTION_PERSONAS[file], developmentSigning) })),
  );
  return renderGraphiQL({ title: 'village-graph explorer', endpoint: '/graphql', defaultTabs, shouldPersistHeaders: false } as never);
}

/** Serves the explorer as Apollo's landing page (GET with Accept: text/html on the GraphQL paths). */
export function createExplorerPlugin<TContext extends BaseContext>(options: ExplorerOptions): ApolloServerPlugin<TContext> {
  return {
    async serverWillStart() {
      // Rendered per request: the development tokens inside stay fresh.
      return { renderLandingPage: async () => ({ html: () => renderExplorer(options) }) };
    },
  };
}
