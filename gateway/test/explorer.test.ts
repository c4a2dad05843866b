import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { QUESTION_PERSONAS, renderExplorer } from '../src/plugins/explorer.ts';

describe('the offline explorer', () => {
  it('is one self-contained page: no script, style or font from another host', async () => {
    const html = await renderExplorer({ developmentSigning: null });
    expect(html).toContain('village-graph explorer');
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
    expect(html).not.toMatch(/@import\s+url\(["']?https?:/i);
    expect(html).not.toMatch(/https?:\/\/[a-z0-9.-]*(cdn|unpkg|jsdelivr|googleapis|apollographql\.com)/i);
  });

  it('preloads every documented question, with its persona\'s token and purpose in development', async () => {
    const html = await renderExplorer({ developmentSigning: { secret: 'a-development-secret-of-at-least-32-bytes!', issuer: 'village-graph-dev', audience: 'village-graph' } });
    const options = JSON.parse(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*?\}),\s*\);/s.exec(html)![1]!);
    expect(options.defaultTabs.length).toBeGreaterThanOrEqual(8);
    const roster = options.defaultTabs.find((t: { query: string }) => t.query.includes('query GridRoster'));
    const headers = JSON.parse(roster.headers);
    expect(headers['x-purpose']).toBe('SERVICE_DELIVERY');
    expect(decodeJwt(headers.authorization.replace('Bearer ', ''))).toMatchObject({ role: 'GRID_WORKER', regions: QUESTION_PERSONAS['3-grid-roster.graphql']!.regions });
  });
});
