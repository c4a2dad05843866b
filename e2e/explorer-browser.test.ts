import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '@village-graph/shared';
import { DENSE_HOUSEHOLDS_PER_GRID, DENSE_VILLAGE, openDepartmentDatabase, startGraph, type RunningGraph } from './harness.ts';

/**
 * The explorer in a real browser with the network cut off: Debian's chromium, driven by
 * playwright-core, may reach only this machine. The page must load, introspect and answer from
 * loopback alone — what a government network without internet leaves it — and the persona picker
 * must change who the page's requests speak for. Leaves a screenshot for docs/front-end.md.
 */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(repoRoot, 'docs', 'images', 'explorer.png');
const GRID = `${DENSE_VILLAGE}001`;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const chromiumMissing = !fs.existsSync(CHROMIUM);
if (chromiumMissing) {
  console.warn(`Skipping the explorer's browser test: ${CHROMIUM} is absent. Install it with \`apt-get update && apt-get install -y chromium\` (Debian; .ci/run does this when run as root).`);
}

/** Only loopback is reachable; data: and blob: URLs (the inlined assets, GraphiQL's workers) never touch the network. */
const leavesTheMachine = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return !['data:', 'blob:', 'about:'].includes(protocol) && !LOOPBACK.has(hostname);
};

/** The text the result pane shows (Monaco draws the visible lines; non-breaking spaces as spaces). */
const RESULT_TEXT = `(document.querySelector('.graphiql-response .view-lines')?.innerText ?? '').replace(/\\u00a0/g, ' ')`;

describe.skipIf(chromiumMissing)(`the explorer in a browser with the network cut off (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let graph: RunningGraph;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const blocked: string[] = [];
  const graphqlRequests: Record<string, string>[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    // As `pnpm start` runs it: development mode, where the picker signs tokens. One after the
    // other: two cores, and the graph's six processes are the heavier start.
    graph = await startGraph({ gatewayEnv: { GATEWAY_MODE: 'development' }, readyTimeoutMs: 60_000 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Below the routes: a name that is not loopback does not even resolve.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    // Every request of every page and worker in the context: loopback goes through, anything else
    // is refused as if the cable were out, and counted.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (!leavesTheMachine(url)) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    await context.routeWebSocket(/.*/, (ws) => {
      if (leavesTheMachine(ws.url().replace(/^ws/, 'http'))) {
        blocked.push(ws.url());
        return ws.close();
      }
      ws.connectToServer();
    });
    page = await context.newPage();
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') graphqlRequests.push(request.headers());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  /** Runs the open tab and waits for an answer containing `expected` in the result pane. */
  async function run(expected: string): Promise<{ shown: string; headers: Record<string, string> }> {
    const before = graphqlRequests.length;
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(`${RESULT_TEXT}.includes(${JSON.stringify(expected)})`, null, { timeout: 20_000 });
    expect(graphqlRequests.length, 'the run sent one request to /graphql').toBe(before + 1);
    return { shown: (await page.evaluate(RESULT_TEXT)) as string, headers: graphqlRequests.at(-1)! };
  }

  it('loads from loopback alone, runs the grid roster as the grid worker and as the public, and shows each answer', async () => {
    const gridNames = new Set(
      (openDepartmentDatabase('civil-affairs').prepare('SELECT name FROM residents WHERE grid_code = ?').all(GRID) as { name: string }[]).map((r) => r.name),
    );
    expect(gridNames.size).toBeGreaterThan(0);

    const response = await page.goto(graph.gatewayUrl.replace(/\/graphql$/, '/'));
    expect(response?.status()).toBe(200);
    // GraphiQL is up once its tabs are drawn; the schema (docs explorer, completion) comes from
    // an introspection request to the same gateway.
    await expect.poll(() => page.locator('.graphiql-tab').allInnerTexts(), { timeout: 20_000 }).toContain('GridRoster');
    expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual([
      'VillageDashboard', 'RegionRollup', 'GridRoster', 'RenovationSweep', 'LeftBehindElderly',
      'LandContractDispute', 'MentalHealthJointCare', 'DataTracker', 'ProvinceReport', 'ResidentRecord',
    ]);
    await expect.poll(() => graphqlRequests.length, { timeout: 20_000 }).toBeGreaterThan(0);

    // The picker lists every persona, the resident found in the running graph included.
    const options = await page.locator('#vg-persona option').evaluateAll((list) => list.map((o) => ({ value: (o as HTMLOptionElement).value, disabled: (o as HTMLOptionElement).disabled })));
    expect(options).toEqual(['', 'public', 'grid-worker', 'village-cadre', 'civil-affairs', 'agriculture', 'housing', 'justice', 'health', 'analyst', 'resident'].map((value) => ({ value, disabled: false })));
    await expect.poll(() => page.locator('#vg-persona-current').innerText()).toBe("Sending each tab's own headers (headers editor)");

    // Keyboard activation: GraphiQL's draggable tabs move under a synthetic mouse press.
    await page.locator('.graphiql-tab-button[title="GridRoster"]').press('Enter');
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe('GridRoster');

    // As the grid's worker: the households of the grid, with their members.
    await page.selectOption('#vg-persona', 'grid-worker');
    expect(await page.locator('#vg-persona-current').innerText()).toMatch(/^Sending as Grid worker — GRID_WORKER · grid 220112001201001 · purpose SERVICE_DELIVERY/);
    const asWorker = await run('"totalCount"');
    expect(decodeJwt(asWorker.headers.authorization!.replace('Bearer ', ''))).toMatchObject({ role: 'GRID_WORKER', regions: [GRID] });
    expect(asWorker.headers['x-purpose']).toBe('SERVICE_DELIVERY');
    expect(asWorker.shown).toContain(`"code": "${GRID}"`);
    expect(asWorker.shown).toContain(`"totalCount": ${DENSE_HOUSEHOLDS_PER_GRID}`);
    expect(asWorker.shown).toContain('"members": [');
    const shownNames = [...asWorker.shown.matchAll(/"name": "([^"]+)"/g)].map((m) => m[1]!).filter((name) => gridNames.has(name));
    expect(shownNames.length, 'residents of the grid, by name, in the result pane').toBeGreaterThan(0);
    expect(asWorker.shown).not.toContain('"errors"');
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // As the public, same tab and same headers editor: the picker's choice wins, the households are refused.
    await page.selectOption('#vg-persona', 'public');
    expect(await page.locator('#vg-persona-current').innerText()).toBe('Sending as Public — no token — public facts only');
    const asPublic = await run('FORBIDDEN');
    expect(asPublic.headers.authorization).toBeUndefined();
    expect(asPublic.headers['x-purpose']).toBeUndefined();
    expect(asPublic.shown).toContain('"households": null');
    expect(asPublic.shown).toMatch(/"code": "FORBIDDEN"/);
    // The grid's leader is a public post; the members the worker saw are not shown to the public.
    const leader = /"leader": \{\s*"name": "([^"]+)"/.exec(asPublic.shown)?.[1];
    expect(shownNames.filter((name) => name !== leader && asPublic.shown.includes(`"${name}"`)), 'members shown to the public').toEqual([]);

    // Back to the tab's own headers: the editor's grid-worker token goes out again.
    await page.selectOption('#vg-persona', '');
    const asTab = await run(`"totalCount": ${DENSE_HOUSEHOLDS_PER_GRID}`);
    expect(decodeJwt(asTab.headers.authorization!.replace('Bearer ', ''))).toMatchObject({ role: 'GRID_WORKER' });

    expect(blocked, `requests that tried to leave the machine: ${blocked.join(', ')}`).toEqual([]);
  });
});
