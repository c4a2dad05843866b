import { createHash } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isNonNullType,
  isCompositeType,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { refusalFor, scopesOf, type Identity } from '@village-graph/shared';
import { readRequirements, type AuthorizationRequirements } from './supergraph-security.ts';

/**
 * Enforces the schema's @authenticated / @requiresScopes / @policy before the query is planned:
 * every field the caller may not see is removed from the operation (so no department is even asked
 * for it), and after execution comes back as null with an error on its path, while the rest of the
 * query answers normally. The rules are the departments' own (`refusalFor`, shared with the
 * subgraphs, which enforce them again on their side).
 */
interface Removal {
  /** Response keys from the root to the removed field; lists are walked element by element. */
  path: string[];
  /**
   * Where null goes: the removed field, or — if it is non-null — its nearest nullable ancestor, as
   * GraphQL's null propagation requires; an empty path means the whole `data`.
   */
  nullPath: string[];
  coordinate: string;
  refusal: GraphQLError;
}

/** A harmless field that keeps a selection set valid when every field in it was removed. */
const PLACEHOLDER = '_vgRemoved';
const placeholder = (): FieldNode => ({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } });

function filterOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  allowed: (coordinate: string, returnType: string) => GraphQLError | null,
): { operation: OperationDefinitionNode; removals: Removal[] } {
  const removals: Removal[] = [];
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { operation, removals };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: string[], nullablePath: string[]): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const typeName = fragment.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (!type || !isCompositeType(type)) continue;
        const inner = walk(fragment.selectionSet, type, path, nullablePath);
        // Spreads are inlined so that each use of a fragment is checked at its own path.
        selections.push({ kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: selection.directives, selectionSet: inner });
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !('getFields' in parent)) {
        selections.push(selection);
        continue;
      }
      const field = parent.getFields()[name];
      if (!field) {
        selections.push(selection);
        continue;
      }
      const key = selection.alias?.value ?? name;
      const fieldPath = [...path, key];
      const returnType = getNamedType(field.type);
      const coordinate = `${parent.name}.${name}`;
      const refusal = allowed(coordinate, returnType.name);
      const fieldNullablePath = isNonNullType(field.type) ? nullablePath : fieldPath;
      if (refusal) {
        removals.push({ path: fieldPath, nullPath: fieldNullablePath, coordinate, refusal });
        continue;
      }
      if (selection.selectionSet && isCompositeType(getNullableType(returnType))) {
        selections.push({ ...selection, selectionSet: walk(selection.selectionSet, returnType as GraphQLCompositeType, fieldPath, fieldNullablePath) });
      } else {
        selections.push(selection);
      }
    }
    return { ...selectionSet, selections: selections.length > 0 ? selections : [placeholder()] };
  };

  return { operation: { ...operation, selectionSet: walk(operation.selectionSet, root, [], []) }, removals };
}

/** Sets `value[path]` to null, descending through lists. */
function nullAt(value: unknown, path: readonly string[]): void {
  if (value === null || value === undefined || path.length === 0) return;
  if (Array.isArray(value)) {
    for (const item of value) nullAt(item, path);
    return;
  }
  const record = value as Record<string, unknown>;
  const [head, ...rest] = path as [string, ...string[]];
  // The removed field itself is absent from the data: set it. Ancestors must exist to descend.
  if (rest.length === 0) record[head] = null;
  else if (head in record) nullAt(record[head], rest);
}

function dropPlaceholders(value: unknown): void {
  if (Array.isArray(value)) value.forEach(dropPlaceholders);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    delete record[PLACEHOLDER];
    Object.values(record).forEach(dropPlaceholders);
  }
}

/** What the filter decided for one operation and one kind of caller (cached, see below). */
interface Decision {
  removals: Removal[];
  /** The operation without the removed fields, and its hash; absent when nothing was removed. */
  rewritten?: { document: DocumentNode; queryHash: string };
}

/** Decisions kept per gateway; an app sends the same few operations as the same few kinds of caller. */
const DECISION_CACHE_SIZE = 2000;

export function createAuthorizationPlugin<TContext extends BaseContext>(
  identityOf: (context: TContext) => Identity,
  refusalOf: (context: TContext) => GraphQLError | null = () => null,
): ApolloServerPlugin<TContext> {
  // The rules of the supergraph in service, re-read whenever the gateway loads a new one.
  let requirements: AuthorizationRequirements = { fields: new Map(), types: new Map() };
  // What to remove depends only on the operation and on what `refusalFor` reads of the caller —
  // role, scopes, whether a purpose is declared — so it is decided once per (operation, kind of
  // caller) instead of walking and re-printing the document on every request. Emptied with the rules.
  const decisions = new Map<string, Decision>();
  const decide = (requestContext: { document: DocumentNode; operation: OperationDefinitionNode; schema: GraphQLSchema; queryHash: string }, identity: Identity): Decision => {
    const scopes = scopesOf(identity);
    const key = `${requestContext.queryHash}|${requestContext.operation.name?.value ?? ''}|${identity.role}|${[...scopes].sort().join(',')}|${identity.purpose !== null && identity.caseReference !== null}`;
    const known = decisions.get(key);
    if (known) return known;
    const { document, operation, schema } = requestContext;
    const fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const filtered = filterOperation(schema, operation, fragments, (coordinate, returnType) => {
      const own = requirements.fields.get(coordinate) ?? [];
      const ofType = requirements.types.get(returnType) ?? [];
      return own.length + ofType.length > 0 ? refusalFor([...own, ...ofType], identity, coordinate, scopes) : null;
    });
    const decision: Decision = { removals: filtered.removals };
    if (filtered.removals.length > 0) {
      const rewritten: DocumentNode = { kind: Kind.DOCUMENT, definitions: [filtered.operation] };
      decision.rewritten = { document: rewritten, queryHash: createHash('sha256').update(print(rewritten)).digest('hex') };
    }
    if (decisions.size >= DECISION_CACHE_SIZE) decisions.delete(decisions.keys().next().value as string);
    decisions.set(key, decision);
    return decision;
  };
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl) requirements = readRequirements(coreSupergraphSdl);
          decisions.clear();
        },
      };
    },
    async requestDidStart() {
      let removals: Removal[] = [];
      return {
        async didResolveOperation(requestContext) {
          // A bad token or bad purpose header refuses the whole request, with its own code.
          const refusal = refusalOf(requestContext.contextValue);
          if (refusal) throw refusal;
          const { document, operation, schema, queryHash } = requestContext;
          if (!document || !operation) return;
          const decision = decide({ document, operation, schema, queryHash }, identityOf(requestContext.contextValue));
          removals = decision.removals;
          if (!decision.rewritten) return;
          // The executor plans from the document and caches plans by this hash: both must change.
          const mutable = requestContext as unknown as { document: DocumentNode; queryHash: string };
          mutable.document = decision.rewritten.document;
          mutable.queryHash = decision.rewritten.queryHash;
        },
        async willSendResponse(requestContext) {
          if (removals.length === 0 || requestContext.response.body.kind !== 'single') return;
          const result = requestContext.response.body.singleResult;
          if (result.data) {
            if (removals.some((r) => r.nullPath.length === 0)) result.data = null;
            else {
              for (const removal of removals) nullAt(result.data, removal.nullPath);
              dropPlaceholders(result.data);
            }
          }
          const errors = removals.map((r) => new GraphQLError(r.refusal.message, { path: r.path, extensions: { ...r.refusal.extensions, field: r.coordinate } }));
          result.errors = [...(result.errors ?? []), ...errors.map((e) => e.toJSON())];
        },
      };
    },
  };
}

