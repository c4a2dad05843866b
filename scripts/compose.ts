/**
 * `pnpm compose` — composes the five departments' SDLs into gateway/supergraph.graphql with
 * @apollo/composition (no rover, no network). `pnpm compose -- --check` only verifies that the
 * committed file is current. Fails on any composition error or unaccepted hint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, supergraphPath, acceptedHintsPath } from './lib/compose-supergraph.ts';
import { repoRoot } from '@village-graph/shared';

const check = process.argv.includes('--check');
const outcome = composeSupergraph();
for (const error of outcome.errors) console.error(`composition error: ${error}`);
for (const hint of outcome.unacceptedHints) console.error(`composition hint (not accepted in ${path.relative(repoRoot, acceptedHintsPath)}): ${hint}`);
if (!outcome.supergraphSdl || outcome.unacceptedHints.length > 0) process.exit(1);

const relative = path.relative(repoRoot, supergraphPath);
if (check) {
  const committed = fs.existsSync(supergraphPath) ? fs.readFileSync(supergraphPath, 'utf8') : '';
  if (committed !== outcome.supergraphSdl) {
    console.error(`${relative} is stale: run \`pnpm compose\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${relative} is up to date.`);
} else {
  fs.writeFileSync(supergraphPath, outcome.supergraphSdl);
  console.log(`wrote ${relative}`);
}
