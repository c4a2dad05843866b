import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { TypeInfo, parse, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { readTrustedDocumentManifest, repoRoot, type TrustedDocument } from '@village-graph/shared';
import { composeSupergraph, supergraphPath, type ComposeOptions } from './compose-supergraph.ts';

/**
 * The contract check a department runs before deploying: compose the departments' SDLs as they
 * are now, compare the resulting client-facing schema with the committed supergraph's, and refuse
 * breaking changes (removed fields, narrowed types, new required arguments…) unless a file says
 * why they are acceptable — naming, for each, the client operations (trusted documents) that use
 * what changes.
 */
export const acknowledgedChangesPath = path.join(repoRoot, 'gateway', 'acknowledged-breaking-changes.json');

export interface AcknowledgedChange {
  /** The change's path as the check prints it, e.g. `Region.clinic`. */
  path: string;
  why: string;
}

export interface SchemaCheckOutcome {
  compositionErrors: string[];
  breaking: { message: string; path: string; usedBy: string[] }[];
  acknowledged: { message: string; path: string }[];
  other: { message: string; level: string }[];
}

/** What clients see of a supergraph (the security features are enforced by the gateway, not checked here). */
const apiSchemaOf = (supergraphSdl: string): GraphQLSchema => Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();

/**
 * `Type.field` coordinates each app operation selects, keyed `Name (app, app)`: the trusted
 * documents as the gateway serves them (gateway/trusted-documents.json).
 */
function clientUsage(schema: GraphQLSchema, documents: readonly TrustedDocument[]): Map<string, Set<string>> {
  const usage = new Map<string, Set<string>>();
  for (const trusted of documents) {
    const used = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      parse(trusted.document),
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent && field) used.add(`${parent.name}.${field.name}`);
        },
        Argument(node) {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent && field) used.add(`${parent.name}.${field.name}.${node.name.value}`);
        },
      }),
    );
    usage.set(`${trusted.name} (${trusted.clients.join(', ')})`, used);
  }
  return usage;
}

export async function checkSchema(options: ComposeOptions & { committedSdl?: string; clientDocuments?: readonly TrustedDocument[]; acknowledged?: AcknowledgedChange[] } = {}): Promise<SchemaCheckOutcome> {
  const composed = composeSupergraph(options);
  if (!composed.supergraphSdl) return { compositionErrors: composed.errors, breaking: [], acknowledged: [], other: [] };
  const before = apiSchemaOf(options.committedSdl ?? fs.readFileSync(supergraphPath, 'utf8'));
  const after = apiSchemaOf(composed.supergraphSdl);
  const acknowledged =
    options.acknowledged ?? (fs.existsSync(acknowledgedChangesPath) ? (JSON.parse(fs.readFileSync(acknowledgedChangesPath, 'utf8')) as AcknowledgedChange[]) : []);
  const usage = clientUsage(before, options.clientDocuments ?? readTrustedDocumentManifest().documents);
  const outcome: SchemaCheckOutcome = { compositionErrors: [], breaking: [], acknowledged: [], other: [] };
  for (const change of (await diff(before, after)) as Change[]) {
    const changePath = change.path ?? '';
    if (change.criticality.level !== CriticalityLevel.Breaking) {
      outcome.other.push({ message: change.message, level: change.criticality.level });
    } else if (acknowledged.some((a) => a.path === changePath)) {
      outcome.acknowledged.push({ message: change.message, path: changePath });
    } else {
      const usedBy = [...usage].filter(([, used]) => [...used].some((c) => c === changePath || c.startsWith(`${changePath}.`) || changePath.startsWith(`${c}.`))).map(([file]) => file);
      outcome.breaking.push({ message: change.message, path: changePath, usedBy });
    }
  }
  return outcome;
}
