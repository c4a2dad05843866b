import { defaultFieldResolver, isObjectType, Kind, type DirectiveNode, type GraphQLSchema } from 'graphql';
import { Errors } from '../errors.ts';
import type { Identity } from './claims.ts';

/**
 * The owning department enforces the same schema-declared rules as the gateway (defence in depth:
 * a department called directly, bypassing the gateway, must not serve what the gateway would
 * refuse). Wraps the resolver of every field that carries @authenticated, @requiresScopes or
 * @policy — or whose type does — so that an unauthorized read is an error on that field.
 */
/** One declared requirement; `anyOf` lists alternatives of conjunctions: [["a", "b"], ["c"]] = (a AND b) OR c. */
export type AuthorizationRule = { kind: 'authenticated' } | { kind: 'scopes' | 'policies'; anyOf: string[][] };
type Rule = AuthorizationRule;

/** The requirements a list of directives declares (used on subgraph SDL and on the supergraph alike). */
export function authorizationRulesOf(directives: readonly DirectiveNode[] | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const d of directives ?? []) {
    const list = (name: string): string[][] => {
      const value = d.arguments?.find((a) => a.name.value === name)?.value;
      if (value?.kind !== Kind.LIST) return [];
      return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []));
    };
    if (d.name.value === 'authenticated') rules.push({ kind: 'authenticated' });
    if (d.name.value === 'requiresScopes') rules.push({ kind: 'scopes', anyOf: list('scopes') });
    if (d.name.value === 'policy') rules.push({ kind: 'policies', anyOf: list('policies') });
  }
  return rules;
}

/**
 * Scopes a caller holds: the token's own scopes, `role:<ROLE>` and `department:<name>` for each
 * of its departments. Policies: `declared-purpose` (x-purpose and x-case-reference sent); any
 * other policy is refused (fail closed).
 */
export const scopesOf = (identity: Identity): Set<string> =>
  new Set([...identity.scopes, `role:${identity.role}`, ...identity.departments.map((d) => `department:${d}`)]);

/** Null when allowed; otherwise the registry error to answer with. */
export function refusalFor(rules: readonly Rule[], identity: Identity, coordinate: string, scopes: Set<string> = scopesOf(identity)) {
  for (const rule of rules) {
    if (rule.kind === 'authenticated' && identity.role === 'PUBLIC') return Errors.FORBIDDEN.error(`${coordinate} is visible only to signed-in users.`);
    if (rule.kind === 'scopes' && !rule.anyOf.some((all) => all.every((s) => scopes.has(s)))) {
      return Errors.FORBIDDEN.error(`${coordinate} requires ${rule.anyOf.map((all) => all.join(' and ')).join(' or ')}.`);
    }
    if (rule.kind === 'policies') {
      const ok = rule.anyOf.some((all) => all.every((p) => p === 'declared-purpose' && identity.purpose !== null && identity.caseReference !== null));
      if (!ok) return Errors.PURPOSE_REQUIRED.error(`Reading ${coordinate} requires a declared purpose (x-purpose) and a case reference (x-case-reference).`);
    }
  }
  return null;
}

export function enforceSchemaAuthorization<TContext>(schema: GraphQLSchema, identityOf: (context: TContext) => Identity): GraphQLSchema {
  const typeRules = new Map<string, Rule[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type)) {
      const rules = authorizationRulesOf(type.astNode?.directives);
      if (rules.length > 0) typeRules.set(type.name, rules);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const returned = field.type.toString().replace(/[[\]!]/g, '');
      const rules = [...authorizationRulesOf(field.astNode?.directives), ...(typeRules.get(returned) ?? [])];
      if (rules.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        const refusal = refusalFor(rules, identityOf(context as TContext), coordinate);
        if (refusal) throw refusal;
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
