import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrustedDocumentManifest, documentIdOf, readTrustedDocumentManifest, serializeTrustedDocumentManifest, trustedDocumentsPath } from '@village-graph/shared';

describe('the trusted-documents manifest', () => {
  it('matches the apps\' operations in docs/queries (run `pnpm trusted-documents` when this fails)', () => {
    expect(fs.readFileSync(trustedDocumentsPath, 'utf8')).toBe(serializeTrustedDocumentManifest(buildTrustedDocumentManifest()));
  });

  it('holds every app operation once, by name and by the hash of its exact text', () => {
    const { documents } = readTrustedDocumentManifest();
    expect(documents.map((d) => d.name)).toEqual(
      expect.arrayContaining(['VillageDashboard', 'GridRoster', 'RegionRollup', 'ProvinceReport', 'ResidentRecord']),
    );
    for (const d of documents) expect(d.id).toBe(documentIdOf(d.document));
    expect(new Set(documents.map((d) => d.name)).size).toBe(documents.length);
  });

  it('leaves out example files that name no app, and refuses two operations with one name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-'));
    fs.writeFileSync(path.join(dir, '1-a.graphql'), '# Clients: grid-worker\nquery A { __typename }\n');
    fs.writeFileSync(path.join(dir, '2-example.graphql'), '# only an example\nquery B { __typename }\n');
    expect(buildTrustedDocumentManifest(dir).documents.map((d) => [d.name, d.clients])).toEqual([['A', ['grid-worker']]]);
    fs.writeFileSync(path.join(dir, '3-again.graphql'), '# Clients: county-dashboard\nquery A { __typename }\n');
    expect(() => buildTrustedDocumentManifest(dir)).toThrow(/3-again.graphql: operation name A is already used/);
  });

  it('is refused when a document was edited without its id', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-')), 'manifest.json');
    const manifest = readTrustedDocumentManifest();
    manifest.documents[0]!.document += ' ';
    fs.writeFileSync(file, JSON.stringify(manifest));
    expect(() => readTrustedDocumentManifest(file)).toThrow(/does not match its text/);
  });
});
