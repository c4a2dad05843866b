/**
 * `pnpm schema:check` — composes the departments' SDLs as they are now and compares the result with
 * the committed gateway/supergraph.graphql. Breaking changes fail (exit 1) unless acknowledged, with
 * a reason, in gateway/acknowledged-breaking-changes.json; each names the client operations
 * (the trusted documents, gateway/trusted-documents.json) that use what changes.
 */
import { checkSchema } from './lib/schema-check.ts';

const outcome = await checkSchema();
for (const error of outcome.compositionErrors) console.error(`composition error: ${error}`);
for (const change of outcome.other) console.log(`${change.level.toLowerCase()}: ${change.message}`);
for (const change of outcome.acknowledged) console.log(`breaking, acknowledged: ${change.message}`);
for (const change of outcome.breaking) {
  const clients = change.usedBy.length > 0 ? `used by ${change.usedBy.join(', ')}` : 'used by no known client operation';
  console.error(`BREAKING: ${change.message} [${change.path}] — ${clients}`);
}
if (outcome.compositionErrors.length > 0 || outcome.breaking.length > 0) {
  console.error('\nAcknowledge a breaking change only with the clients\' agreement: add { "path": …, "why": … } to gateway/acknowledged-breaking-changes.json.');
  process.exit(1);
}
console.log(`schema check passed (${outcome.other.length} non-breaking, ${outcome.acknowledged.length} acknowledged breaking changes).`);
