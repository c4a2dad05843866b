import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '@village-graph/scripts/compose';
import { entryPoints, startProcess, stopAll, waitUntilHealthy, type ManagedProcess } from '@village-graph/scripts/processes';
import { freePort, postGraphQL, startGraph, type RunningGraph } from './harness.ts';

/**
 * The gateway is not tied to the committed supergraph: given any valid one (here, two of the five
 * departments, with the subgraph URLs written into the file itself), it serves exactly that graph.
 */
let graph: RunningGraph;
let gateway: ManagedProcess | undefined;
let url: string;
let dir: string;

beforeAll(async () => {
  graph = await startGraph();
  const outcome = composeSupergraph({ only: ['civil-affairs', 'health'], urlOf: (name) => graph.subgraphUrls[name]! });
  expect(outcome.errors).toEqual([]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-supergraph-'));
  const supergraphPath = path.join(dir, 'two-departments.graphql');
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
  it('serves that supergraph, reaching subgraphs at the URLs the file names', async () => {
    const answer = await postGraphQL<{ region: { name: string; clinic: unknown } }>(url, '{ region(code: "220112001201") { name clinic { name } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.region.name).toBe('永红村委会');
  });

  it('knows only the departments in that file', async () => {
    const answer = await postGraphQL(url, '{ region(code: "220112001201") { garbageCollection { covered } } }');
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
