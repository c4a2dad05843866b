import { Errors } from '../errors.ts';

/** Who may see what (DOMAIN.md's roles). */
export const ROLES = ['PUBLIC', 'RESIDENT', 'GRID_WORKER', 'VILLAGE_CADRE', 'DEPARTMENT_STAFF', 'ANALYST', 'ADMINISTRATOR'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENTS = ['civil-affairs', 'agriculture', 'housing', 'justice', 'health'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/**
 * Declared purposes of a sensitive read (PIPL: purpose limitation). Sent by the caller in the
 * `x-purpose` header together with `x-case-reference`.
 */
export const PURPOSES = [
  'CASE_HANDLING',
  'FOLLOW_UP_VISIT',
  'ASSISTANCE_REVIEW',
  'RENOVATION_REVIEW',
  'SERVICE_DELIVERY',
  'STATISTICS',
  'SUPERVISION',
  'DATA_SUBJECT_ACCESS',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The verified identity of a caller, as every department sees it. */
export interface Identity {
  /** Stable subject id of the person or system. */
  subject: string;
  role: Role;
  /**
   * Region codes the caller may see (subtrees). A grid worker's are 15-digit grid codes; a
   * village cadre's a village code; department staff their township/county/city/province.
   */
  regions: readonly string[];
  /** Departments the caller works for (their own department's sensitive fields). */
  departments: readonly Department[];
  /** Fine-grained permissions, e.g. `id-number:full`. */
  scopes: readonly string[];
  /** The caller's own resident id (RESIDENT role). */
  residentId: string | null;
  /** Declared purpose and case reference of this request, if any. */
  purpose: Purpose | null;
  caseReference: string | null;
  /** Request id, to join audit entries with logs. */
  requestId: string;
}

export const PUBLIC_IDENTITY: Omit<Identity, 'requestId'> = Object.freeze({
  subject: 'anonymous',
  role: 'PUBLIC',
  regions: [],
  departments: [],
  scopes: [],
  residentId: null,
  purpose: null,
  caseReference: null,
});

const REGION_OR_GRID = /^\d{12}(\d{3})?$/;
const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{1,63}$/;

/** Reads claims from a verified token payload; anything malformed is UNAUTHENTICATED. */
export function identityFromClaims(payload: Record<string, unknown>, requestId: string): Identity {
  const fail = (what: string) => Errors.UNAUTHENTICATED.error(`The token's ${what} claim is missing or malformed.`);
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 128) throw fail('sub');
  const role = payload.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw fail('role');
  const list = (name: string, valid: (v: string) => boolean): string[] => {
    const value = payload[name] ?? [];
    if (!Array.isArray(value) || value.length > 64 || !value.every((v) => typeof v === 'string' && valid(v))) throw fail(name);
    return value as string[];
  };
  const regions = list('regions', (v) => REGION_OR_GRID.test(v));
  const departments = list('departments', (v) => (DEPARTMENTS as readonly string[]).includes(v)) as Department[];
  const scopes = list('scopes', (v) => /^[a-z][a-z0-9:-]{0,63}$/.test(v));
  const residentId = payload.resident ?? null;
  if (residentId !== null && (typeof residentId !== 'string' || !/^R[0-9a-f]{16}$/.test(residentId))) throw fail('resident');
  if (role === 'RESIDENT' && residentId === null) throw fail('resident');
  return { subject, role: role as Role, regions, departments, scopes, residentId, purpose: null, caseReference: null, requestId };
}

/** Reads the declared purpose headers; malformed values are BAD_USER_INPUT naming the header. */
export function purposeFromHeaders(headers: Record<string, string | string[] | undefined>): Pick<Identity, 'purpose' | 'caseReference'> {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const purpose = header('x-purpose')?.trim() || null;
  const caseReference = header('x-case-reference')?.trim() || null;
  if (purpose !== null && !(PURPOSES as readonly string[]).includes(purpose)) {
    throw Errors.BAD_USER_INPUT.error(`x-purpose must be one of ${PURPOSES.join(', ')}.`, { argument: 'x-purpose' });
  }
  if (caseReference !== null && !CASE_REFERENCE.test(caseReference)) {
    throw Errors.BAD_USER_INPUT.error('x-case-reference must be 2–64 letters, digits or ._:/- characters.', { argument: 'x-case-reference' });
  }
  return { purpose: purpose as Purpose | null, caseReference };
}
