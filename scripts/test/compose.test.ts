import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, supergraphPath } from '../lib/compose-supergraph.ts';

describe('composition of the five departments', () => {
  const outcome = composeSupergraph();

  it('composes without errors or unaccepted hints', () => {
    expect(outcome.errors).toEqual([]);
    expect(outcome.unacceptedHints).toEqual([]);
  });

  it('matches the committed gateway/supergraph.graphql (run `pnpm compose` when this fails)', () => {
    expect(fs.readFileSync(supergraphPath, 'utf8')).toBe(outcome.supergraphSdl);
  });

  it('routes every department to its default port', () => {
    for (const [name, port] of [['civil-affairs', 4001], ['agriculture', 4002], ['housing', 4003], ['justice', 4004], ['health', 4005]] as const) {
      expect(outcome.supergraphSdl).toContain(`name: "${name}", url: "http://127.0.0.1:${port}/graphql"`);
    }
  });
});
