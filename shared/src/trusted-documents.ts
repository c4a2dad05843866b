import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { repoRoot } from './paths.ts';

/**
 * Trusted documents: the operations the front-end apps send, registered ahead of time. The apps'
 * `.graphql` files live in docs/queries/ (one operation per file, with its fragments); a file that
 * names its apps on a `# Clients: app-a, app-b` line is an app's operation, the others are examples
 * only. `pnpm trusted-documents` turns them into the manifest the gateway serves from
 * (gateway/trusted-documents.json); `pnpm schema:check` names them when a change would break them.
 */
export interface TrustedDocument {
  /** SHA-256 (hex) of `document` — the hash an app sends instead of the text (Apollo's persisted-query format). */
  id: string;
  /** The operation's name, unique in the manifest; an app may also send it alone. */
  name: string;
  /** The apps that send it. */
  clients: string[];
  /** Where it comes from, relative to the repository. */
  source: string;
  /** The exact text, byte for byte what the app sends. */
  document: string;
}

export interface TrustedDocumentManifest {
  format: 'village-graph trusted documents 1';
  documents: TrustedDocument[];
}

export const appOperationsDir = path.join(repoRoot, 'docs', 'queries');
export const trustedDocumentsPath = path.join(repoRoot, 'gateway', 'trusted-documents.json');

/** The id of a document: what Apollo Server also computes as `queryHash` for a request's text. */
export const documentIdOf = (document: string): string => createHash('sha256').update(document).digest('hex');

const CLIENTS_LINE = /^#\s*Clients:\s*(.+)$/m;

/** The `.graphql` files of a directory in their numbered order (`2-…` before `10-…`). */
export function operationFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Builds the manifest from the apps' operation files; throws naming the file on a bad one. */
export function buildTrustedDocumentManifest(dir: string = appOperationsDir): TrustedDocumentManifest {
  const documents: TrustedDocument[] = [];
  for (const file of operationFiles(dir)) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const clients = CLIENTS_LINE.exec(text)?.[1]
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!clients?.length) continue;
    const operations = parse(text, { noLocation: true }).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const name = operations.length === 1 ? operations[0]!.name?.value : undefined;
    if (!name) throw new Error(`${file}: an app's operation file must hold exactly one named operation`);
    const clash = documents.find((d) => d.name === name);
    if (clash) throw new Error(`${file}: operation name ${name} is already used by ${clash.source}`);
    documents.push({ id: documentIdOf(text), name, clients, source: path.relative(repoRoot, path.join(dir, file)), document: text });
  }
  return { format: 'village-graph trusted documents 1', documents };
}

export function readTrustedDocumentManifest(file: string = trustedDocumentsPath): TrustedDocumentManifest {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as TrustedDocumentManifest;
  if (manifest.format !== 'village-graph trusted documents 1' || !Array.isArray(manifest.documents)) {
    throw new Error(`${file} is not a trusted-documents manifest (run pnpm trusted-documents)`);
  }
  for (const d of manifest.documents) {
    if (documentIdOf(d.document) !== d.id) throw new Error(`${file}: the id of ${d.name} does not match its text`);
  }
  return manifest;
}

export const serializeTrustedDocumentManifest = (manifest: TrustedDocumentManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
