import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { openDatabase, repoRoot, type Department, type Identity, type Purpose, type Role } from '@village-graph/shared';
import { databasePath } from '@village-graph/scripts/dataset';
import { departments } from '@village-graph/scripts/departments';
import { QUESTION_PERSONAS } from '@village-graph/gateway/src/plugins/explorer.ts';
import { DENSE_VILLAGE } from '../../e2e/harness.ts';

/**
 * The five benchmarked operations: the documented questions of docs/queries/ as the front-end apps
 * send them (full document text, which every contender accepts), each run by the persona the
 * explorer gives it (`QUESTION_PERSONAS`), with its declared purpose.
 */
export interface BenchOperation {
  /** Short id used on the command line and in the results (`grid-roster`). */
  id: string;
  /** The file in docs/queries/. */
  file: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  persona: BenchPersona;
}

export interface BenchPersona {
  subject: string;
  role: Role;
  regions: string[];
  departments: Department[];
  purpose: { purpose: Purpose; caseReference: string } | null;
}

const OPERATION_FILES: { id: string; file: string; variables?: (dataDir: string) => Record<string, unknown> }[] = [
  { id: 'village-dashboard', file: '1-village-dashboard.graphql' },
  // The grid of the dense village: ~220 households, so `first: 200` returns a full page.
  { id: 'grid-roster', file: '3-grid-roster.graphql', variables: () => ({ grid: `${DENSE_VILLAGE}001`, first: 200 }) },
  { id: 'region-rollup', file: '2-region-rollup.graphql', variables: () => ({ code: '220112000000' }) },
  { id: 'province-report', file: '9-province-report.graphql' },
  { id: 'resident-record', file: '10-resident-record.graphql', variables: (dataDir) => ({ id: residentWithLandContract(dataDir) }) },
];

export const OPERATION_IDS = OPERATION_FILES.map((o) => o.id);

/** The operations with these ids, in the given order, read from docs/queries/ for the dataset in `dataDir`. */
export function loadOperations(ids: readonly string[], dataDir: string): BenchOperation[] {
  return ids.map((id) => {
    const spec = OPERATION_FILES.find((o) => o.id === id);
    if (!spec) throw new Error(`unknown operation "${id}" (known: ${OPERATION_IDS.join(', ')})`);
    const query = fs.readFileSync(path.join(repoRoot, 'docs', 'queries', spec.file), 'utf8');
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) throw new Error(`${spec.file} has no named operation`);
    const persona = QUESTION_PERSONAS[spec.file];
    if (!persona) throw new Error(`no persona for ${spec.file} in QUESTION_PERSONAS (gateway/src/plugins/explorer.ts)`);
    return {
      id,
      file: spec.file,
      operationName: operation.name.value,
      query,
      variables: spec.variables?.(dataDir) ?? {},
      persona: {
        subject: persona.subject,
        role: persona.role as Role,
        regions: persona.regions ?? [],
        departments: (persona.departments ?? []) as Department[],
        purpose: persona.purpose ? { purpose: persona.purpose[0] as Purpose, caseReference: persona.purpose[1] } : null,
      },
    };
  });
}

/** The identity the gateway derives from the persona's token and purpose headers (what it signs for the departments). */
export function identityOf(persona: BenchPersona, requestId: string): Identity {
  return {
    subject: persona.subject,
    role: persona.role,
    regions: persona.regions,
    departments: persona.departments,
    scopes: [],
    residentId: null,
    purpose: persona.purpose?.purpose ?? null,
    caseReference: persona.purpose?.caseReference ?? null,
    requestId,
  };
}

/** The purpose headers of a persona (none for the analyst). */
export const purposeHeaders = (persona: BenchPersona): Record<string, string> =>
  persona.purpose ? { 'x-purpose': persona.purpose.purpose, 'x-case-reference': persona.purpose.caseReference } : {};

/**
 * A resident of the dense village whose household holds a land contract, so that the record spans
 * every department: the head of the household of the village's first contract (deterministic for
 * a dataset). Read from the agriculture and civil-affairs databases directly.
 */
export function residentWithLandContract(dataDir: string): string {
  const open = (name: string) => {
    const department = departments.find((d) => d.name === name);
    if (!department) throw new Error(`no department "${name}"`);
    return openDatabase({ path: databasePath(dataDir, name), migrationsFolder: department.migrationsFolder });
  };
  const agriculture = open('agriculture');
  const civilAffairs = open('civil-affairs');
  try {
    const contract = agriculture
      .prepare('SELECT household_id AS householdId FROM land_contracts WHERE village_code = ? ORDER BY contract_number LIMIT 1')
      .get(DENSE_VILLAGE) as { householdId: string } | undefined;
    if (!contract) throw new Error(`no land contract in village ${DENSE_VILLAGE} of ${dataDir}`);
    const resident = civilAffairs
      .prepare('SELECT id FROM residents WHERE household_id = ? ORDER BY ordinal LIMIT 1')
      .get(contract.householdId) as { id: string } | undefined;
    if (!resident) throw new Error(`household ${contract.householdId} has no residents in ${dataDir}`);
    return resident.id;
  } finally {
    agriculture.close();
    civilAffairs.close();
  }
}
