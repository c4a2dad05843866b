import { describe, expect, it } from 'vitest';
import { checkSchema } from '../lib/schema-check.ts';

describe('pnpm schema:check', () => {
  it('passes while the departments\' SDLs match the committed supergraph', async () => {
    const outcome = await checkSchema();
    expect(outcome.compositionErrors).toEqual([]);
    expect(outcome.breaking).toEqual([]);
  });

  it('fails on a removed field, naming the field and the client operations that use it', async () => {
    // Health drops the village clinic from its contract.
    const outcome = await checkSchema({
      editSdl: (name, sdl) => (name === 'health' ? sdl.replace(/\n\s*"""[^"]*"""\n\s*clinic: VillageClinic[^\n]*/, '') : sdl),
    });
    const removed = outcome.breaking.find((c) => c.path === 'Region.clinic');
    expect(removed, JSON.stringify(outcome.breaking)).toBeDefined();
    expect(removed!.message).toMatch(/clinic/);
    expect(removed!.usedBy).toContain('VillageDashboard (county-dashboard, service-centre)');
  });

  it('lets an acknowledged breaking change through', async () => {
    const outcome = await checkSchema({
      editSdl: (name, sdl) => (name === 'health' ? sdl.replace(/\n\s*"""[^"]*"""\n\s*clinic: VillageClinic[^\n]*/, '') : sdl),
      acknowledged: [{ path: 'Region.clinic', why: 'test: clinics move to a new field' }],
    });
    expect(outcome.breaking.filter((c) => c.path === 'Region.clinic')).toEqual([]);
    expect(outcome.acknowledged.map((c) => c.path)).toContain('Region.clinic');
  });
});
