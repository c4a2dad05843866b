/**
 * `pnpm token -- --role GRID_WORKER --region 220112001201001 [--department health] [--scope id-number:full]
 *   [--resident R…] [--subject worker-17] [--expires 8h]` — prints a development token for any persona,
 * signed with the development secret in `data/keys/` (created by `pnpm start` or by this command).
 * Use it as `Authorization: Bearer <token>`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEPARTMENTS, ROLES, defaultDataDir, identityFromClaims } from '@village-graph/shared';
import { ensureDevKeys, signDevToken } from './lib/dev-keys.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    role: { type: 'string' },
    region: { type: 'string', multiple: true, default: [] },
    department: { type: 'string', multiple: true, default: [] },
    scope: { type: 'string', multiple: true, default: [] },
    resident: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '8h' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? defaultDataDir },
  },
});

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
const role = values.role?.toUpperCase() ?? fail(`--role is required: one of ${ROLES.join(', ')}.`);
const claims = {
  role,
  regions: values.region,
  departments: values.department,
  scopes: values.scope,
  ...(values.resident ? { resident: values.resident } : {}),
};
const subject = values.subject ?? `${role.toLowerCase()}-${values.region[0] ?? values.resident ?? 'dev'}`;
try {
  identityFromClaims({ sub: subject, ...claims }, 'token-script');
} catch (error) {
  fail(`${(error as Error).message} (roles: ${ROLES.join(', ')}; departments: ${DEPARTMENTS.join(', ')}; regions are 12-digit codes or 15-digit grid codes)`);
}
const keys = await ensureDevKeys(path.resolve(values['data-dir']));
console.log(await signDevToken(process.env.AUTH_JWT_SECRET ?? keys.jwtSecret, { subject, ...claims }, values.expires));
