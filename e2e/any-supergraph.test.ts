import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '@village-graph/scripts/compose';
import { entryPoints, startProcess, stopAll, waitUntilHealthy, type ManagedProcess } from '@village-graph/scripts/processes';
import { freePort, postGraphQL, startGraph, type RunningGraph } from './harness.ts';

/**
 * The gateway is not tied to the committed supergraph or to the dev ports: given another valid
 * supergraph file, it reaches each department at the URL written in that file (no environment
 * overrides) — here the running departments' ports, except health, whose URL in the file points
 * at a port where nothing listens.
 */
let graph: RunningGraph;
let gateway: ManagedProcess | undefined;
let url: string;
let dir: string;

beforeAll(async () => {
  graph = await startGraph();
  const dead = await freePort();
  const outcome = composeSupergraph({ urlOf: (name) => (name === 'health' ? `http://127.0.0.1:${dead}/graphql` : graph.subgraphUrls[name]!) });
  expect(outcome.errors).toEqual([]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-supergraph-'));
  const supergraphPath = path.join(dir, 'elsewhere.graphql');
  fs.writeFileSync(supergraphPath, outcome.supergraphSdl!);
  const port = await freePort();
  gateway = startProcess('gateway', entryPoints.gateway, { PORT: String(port), SUPERGRAPH_PATH: supergraphPath, LOG_LEVEL: 'silent' }, { quiet: true });
  await waitUntilHealthy(`http://127.0.0.1:${port}/health`, gateway);
  url = `http://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  if (gateway) await stopAll([gateway]);
  await graph?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a gateway started on another supergraph file', () => {
  it('reaches each department at the URL the file names', async () => {
    const answer = await postGraphQL<{ region: { name: string; garbageCollection: unknown; clinic: unknown } }>(
      url,
      '{ region(code: "220112001201") { name garbageCollection { covered } clinic { name } } }',
    );
    expect(answer.data!.region.name).toBe('永红村委会');
    expect(answer.data!.region.garbageCollection).not.toBeNull();
    // Health is where the file says — nowhere: its field is null and named, the rest answers.
    expect(answer.data!.region.clinic).toBeNull();
    expect(answer.errors!.map((e) => e.extensions!.subgraph)).toEqual(['health']);
  });
});
