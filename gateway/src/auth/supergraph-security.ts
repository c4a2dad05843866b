import { Kind, parse, print, visit, type DocumentNode } from 'graphql';
import { authorizationRulesOf, type AuthorizationRule } from '@village-graph/shared';

/**
 * Authorization declared in the departments' SDL (Federation's @authenticated, @requiresScopes and
 * @policy) survives composition into the supergraph as `for: SECURITY` features. Stock
 * @apollo/gateway refuses to serve such a supergraph because it cannot enforce them — rightly. This
 * gateway enforces them itself (authorization-plugin.ts), so it reads the requirements here and
 * hands Apollo's executor the same supergraph with those three links no longer marked SECURITY.
 * Any other SECURITY feature is left alone, so the gateway still refuses what it cannot enforce.
 */
const ENFORCED_FEATURES = [
  'https://specs.apollo.dev/authenticated/',
  'https://specs.apollo.dev/requiresScopes/',
  'https://specs.apollo.dev/policy/',
];

export type Requirement = AuthorizationRule;

/** Requirements by `Type.field` and by `Type` (a type-level directive applies wherever the type is returned). */
export interface AuthorizationRequirements {
  fields: Map<string, Requirement[]>;
  types: Map<string, Requirement[]>;
}

/** The authorization rules a supergraph declares, by field and by type. */
export function readRequirements(supergraphSdl: string | DocumentNode): AuthorizationRequirements {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const requirements: AuthorizationRequirements = { fields: new Map(), types: new Map() };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeLevel = authorizationRulesOf(definition.directives);
    if (typeLevel.length > 0) requirements.types.set(definition.name.value, typeLevel);
    for (const field of definition.fields ?? []) {
      const fieldLevel = authorizationRulesOf(field.directives);
      if (fieldLevel.length > 0) requirements.fields.set(`${definition.name.value}.${field.name.value}`, fieldLevel);
    }
  }
  return requirements;
}

/** The supergraph @apollo/gateway will execute: the three features enforced here are no longer marked SECURITY. */
export function prepareSupergraph(supergraphSdl: string): string {
  const document: DocumentNode = parse(supergraphSdl);
  const executable = visit(document, {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = node.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !ENFORCED_FEATURES.some((prefix) => url.value.startsWith(prefix))) return undefined;
      return { ...node, arguments: node.arguments?.filter((a) => a.name.value !== 'for') };
    },
  });
  return print(executable);
}
