/**
 * `pnpm trusted-documents` — builds gateway/trusted-documents.json, the manifest of the front-end
 * apps' operations (docs/queries/ files with a `# Clients:` line), which the gateway serves by hash
 * or name and, in production, is all that non-analyst callers may send. `-- --check` only verifies
 * that the committed manifest is current (a test does the same).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildTrustedDocumentManifest, repoRoot, serializeTrustedDocumentManifest, trustedDocumentsPath } from '@village-graph/shared';

const check = process.argv.includes('--check');
let text: string;
try {
  text = serializeTrustedDocumentManifest(buildTrustedDocumentManifest());
} catch (error) {
  console.error(`cannot build the trusted-documents manifest: ${(error as Error).message}`);
  process.exit(1);
}
const relative = path.relative(repoRoot, trustedDocumentsPath);
if (check) {
  const committed = fs.existsSync(trustedDocumentsPath) ? fs.readFileSync(trustedDocumentsPath, 'utf8') : '';
  if (committed !== text) {
    console.error(`${relative} is stale: run \`pnpm trusted-documents\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${relative} is up to date.`);
} else {
  fs.writeFileSync(trustedDocumentsPath, text);
  const { documents } = JSON.parse(text) as { documents: { name: string; clients: string[] }[] };
  for (const d of documents) console.log(`  ${d.name.padEnd(24)} ${d.clients.join(', ')}`);
  console.log(`wrote ${relative} (${documents.length} operations)`);
}
