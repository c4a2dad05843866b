import { PUBLIC_IDENTITY, type Department, type Identity, type Purpose } from '@village-graph/shared';

/** Callers of the who-may-see-what tests (identities as the gateway would vouch for them). */
export type Persona = Omit<Identity, 'requestId'>;

const person = (overrides: Partial<Persona>): Persona => ({ ...PUBLIC_IDENTITY, ...overrides });

const withPurpose = (purpose: Purpose, caseReference: string) => ({ purpose, caseReference });

export const PUBLIC: Persona = person({});

export const ANALYST: Persona = person({ subject: 'analyst-1', role: 'ANALYST', ...withPurpose('STATISTICS', 'ST-2022-01') });

export const ADMINISTRATOR: Persona = person({ subject: 'admin-1', role: 'ADMINISTRATOR', ...withPurpose('SUPERVISION', 'SV-2022-01') });

/** Township (or other region) staff of a department, with a declared purpose unless `purpose: null`. */
export const staff = (department: Department, region: string, overrides: Partial<Persona> = {}): Persona =>
  person({
    subject: `${department}-staff-${region}`,
    role: 'DEPARTMENT_STAFF',
    regions: [region],
    departments: [department],
    ...withPurpose(department === 'health' ? 'FOLLOW_UP_VISIT' : 'CASE_HANDLING', `${department.toUpperCase()}-2022-117`),
    ...overrides,
  });

export const gridWorker = (grid: string, overrides: Partial<Persona> = {}): Persona =>
  person({ subject: `grid-worker-${grid}`, role: 'GRID_WORKER', regions: [grid], ...withPurpose('SERVICE_DELIVERY', 'GRID-2022-5'), ...overrides });

export const villageCadre = (village: string): Persona =>
  person({ subject: `cadre-${village}`, role: 'VILLAGE_CADRE', regions: [village], ...withPurpose('SERVICE_DELIVERY', 'VC-2022-9') });

/** A resident reading their own data (data-subject access). */
export const resident = (residentId: string, overrides: Partial<Persona> = {}): Persona =>
  person({ subject: `resident-${residentId}`, role: 'RESIDENT', residentId, ...withPurpose('DATA_SUBJECT_ACCESS', 'DSA-1'), ...overrides });

/** Staff holding the audit:read scope (supervision of who read what). */
export const auditor = (region: string): Persona =>
  person({ subject: `auditor-${region}`, role: 'DEPARTMENT_STAFF', regions: [region], departments: ['civil-affairs'], scopes: ['audit:read'], ...withPurpose('SUPERVISION', 'AUD-2022-3') });
