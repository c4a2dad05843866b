import {
  buildASTSchema,
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isLeafType,
  isListType,
  isObjectType,
  locatedError,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { authorizationRulesOf, createSubgraphSchema, refusalFor, scopesOf, type AuthorizationRule, type Identity, type SubgraphModule } from '@village-graph/shared';
import { readRequirements } from '@village-graph/gateway/src/auth/supergraph-security.ts';
import { readJoinMetadata, UnsupportedSupergraphError, type ObjectJoin } from './supergraph.ts';

/**
 * The monolith: the supergraph's API schema executed in one process, every field resolved by the
 * resolvers of the department that owns it — no gateway, no query plan, no HTTP between
 * departments. The performance floor the federated gateway is compared with.
 *
 * Which department resolves a field comes from the supergraph's join metadata, nothing is listed
 * by hand. Each value in the answer is remembered with the department that produced it (by its
 * response path). A field the parent's own department resolves is called on the parent as it is,
 * as the department's own subgraph would within one fetch. Otherwise the parent is first turned
 * into the owner's object the way the gateway's `_entities` fetch does it: a representation
 * (`__typename`, the owner's key, any `@requires` fields — resolved first through their own
 * owners) handed to the owner's `__resolveReference`. That happens synchronously for every parent
 * of a list in the same tick, so the owner's DataLoaders see the whole batch at once, as they see
 * one `_entities` call; conversions are cached per parent and per representation for the request.
 *
 * Authorization is what the federated graph does, both layers: the gateway's check of the
 * supergraph's @authenticated/@requiresScopes/@policy on each field the client asked for (before
 * the field's department is asked anything, in the supergraph's order, so the same code wins; it is
 * left to the department where its own rules are the same), then each department's own schema
 * enforcement, row scopes, masking and access log, untouched, because its resolvers run through
 * the very schema its subgraph serves (`createSubgraphSchema`). What differs from the gateway: a
 * field it refuses before planning is one error at its path in the operation, here one error per
 * list item (the same nulls either way); and no per-role operation budgets (depth, cost…).
 */

/** What one request carries through the monolith (Apollo's context value). */
export interface MonolithContext {
  identity: Identity;
  /** The caller's scopes, computed once per request for the gateway-level checks. */
  scopes: Set<string>;
  /** Each department's own request context, as its subgraph builds it, by department index. */
  departments: readonly object[];
  /** Which department produced the value at a response path (keyed by the field's path object). */
  origins: WeakMap<object, number>;
  /** Per parent value: what it has been turned into for other departments. */
  entities: WeakMap<object, Map<string, unknown>>;
  /** Per department: references already resolved this request, by representation. */
  references: Map<string, unknown>[];
  /**
   * Errors of fields resolved only because another field @requires them. The gateway reports the
   * errors of every fetch it makes, those included; the monolith adds these to its answer too.
   */
  sideErrors: GraphQLError[];
}

export function createMonolithContext(identity: Identity, departmentContexts: readonly object[]): MonolithContext {
  return {
    identity,
    scopes: scopesOf(identity),
    departments: departmentContexts,
    origins: new WeakMap(),
    entities: new WeakMap(),
    references: departmentContexts.map(() => new Map()),
    sideErrors: [],
  };
}

type AnyResolver = GraphQLFieldResolver<unknown, object>;
type ReferenceResolver = (representation: Record<string, unknown>, context: object, info: GraphQLResolveInfo) => unknown;

/** How a type becomes one department's object: its key there and its `__resolveReference`. */
interface EntityPlan {
  department: number;
  typeName: string;
  key: SelectionSetNode;
  resolveReference: ReferenceResolver | null;
}

/** One department's resolver for one field. */
interface Binding {
  department: number;
  resolve: AnyResolver;
  requires: SelectionSetNode | null;
  /**
   * The gateway's rules (the supergraph's, for the field and its type, in its order) where the
   * department's own enforcement, which runs inside `resolve`, would not give the same refusal.
   */
  beforeResolve: AuthorizationRule[] | null;
  /** The gateway's rules and then the department's own, checked before a conversion: a refused field costs no lookup. */
  beforeConversion: AuthorizationRule[] | null;
}

/** How a field is resolved on a parent produced by one given department. */
interface Route {
  binding: Binding;
  /** Called on the parent as it is (the parent's department resolves the field, needing nothing). */
  direct: boolean;
  entity: EntityPlan | null;
  /** Cache key of the conversion on the parent. */
  conversionKey: string;
}

interface FieldPlan {
  typeName: string;
  parentType: GraphQLObjectType;
  coordinate: string;
  type: GraphQLOutputType;
  composite: boolean;
  root: boolean;
  /** By department index of the parent's origin; undefined where no department can resolve it from there. */
  routes: (Route | undefined)[];
  /** Root fields: the owning department's resolver. */
  rootBinding: Binding | null;
}

export interface MonolithSchemaOptions {
  /** The composed supergraph SDL (`gateway/supergraph.graphql`). */
  supergraphSdl: string;
  /** Every department in the supergraph, as `SubgraphModule`s (their order is the owner preference). */
  departments: readonly SubgraphModule<object>[];
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';
const then = <T, R>(value: T | PromiseLike<T>, next: (resolved: T) => R | PromiseLike<R>): R | PromiseLike<R> =>
  isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
const all = (values: unknown[]): unknown[] | Promise<unknown[]> => (values.some(isPromiseLike) ? Promise.all(values) : values);

const internal = (message: string) => new Error(`monolith: ${message}`);

const pathKeys = (path: GraphQLResolveInfo['path'] | undefined): (string | number)[] => {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.unshift(p.key);
  return keys;
};

/** The rules `enforceSchemaAuthorization` applies to a field of a department's schema. */
function departmentRules(schema: GraphQLSchema, type: GraphQLObjectType, fieldName: string): AuthorizationRule[] {
  const field = type.getFields()[fieldName]!;
  const returned = schema.getType(getNamedType(field.type).name);
  const typeRules = returned && isObjectType(returned) ? authorizationRulesOf(returned.astNode?.directives) : [];
  return [...authorizationRulesOf(field.astNode?.directives), ...typeRules];
}

export function createMonolithSchema({ supergraphSdl, departments }: MonolithSchemaOptions): GraphQLSchema {
  const join = readJoinMetadata(supergraphSdl);
  const requirements = readRequirements(supergraphSdl);
  const schema = buildASTSchema(join.apiDocument);
  const departmentIndex = new Map(departments.map((d, i) => [d.name, i]));
  const departmentSchemas = departments.map((d) => createSubgraphSchema(d));
  const indexOf = (name: string): number => {
    const index = departmentIndex.get(name);
    if (index === undefined) throw new UnsupportedSupergraphError(`The supergraph names department ${name}, which is not among the modules given.`);
    return index;
  };

  // The monolith serializes what departments return with the API schema's types: their enums
  // must carry their names as values (no department maps enum values in its resolvers).
  for (const [i, departmentSchema] of departmentSchemas.entries()) {
    for (const type of Object.values(departmentSchema.getTypeMap())) {
      if (!isEnumType(type) || type.name.startsWith('__')) continue;
      for (const value of type.getValues()) {
        if (value.value !== value.name) throw new UnsupportedSupergraphError(`${departments[i]!.name}: enum ${type.name}.${value.name} has an internal value; the monolith serializes enums by name.`);
      }
    }
  }

  const departmentType = (department: number, typeName: string): GraphQLObjectType => {
    const type = departmentSchemas[department]!.getType(typeName);
    if (!type || !isObjectType(type)) throw new UnsupportedSupergraphError(`${departments[department]!.name} has no object type ${typeName}`);
    return type;
  };

  const entityPlans = new Map<string, (EntityPlan | null)[]>();
  const entityPlan = (typeName: string, department: number): EntityPlan | null => {
    let plans = entityPlans.get(typeName);
    if (!plans) {
      const object = join.objects.get(typeName);
      plans = departments.map((_, d) => {
        const declared = object?.types.find((t) => indexOf(t.department) === d && t.key && t.resolvable);
        if (!declared?.key) return null;
        const extensions = departmentType(d, typeName).extensions as { apollo?: { subgraph?: { resolveReference?: ReferenceResolver } } };
        return { department: d, typeName, key: declared.key, resolveReference: extensions.apollo?.subgraph?.resolveReference ?? null };
      });
      entityPlans.set(typeName, plans);
    }
    return plans[department] ?? null;
  };

  const rootTypes = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
  if (schema.getSubscriptionType()) throw new UnsupportedSupergraphError('Subscriptions are not supported by the monolith contender.');

  const plans = new Map<string, Map<string, FieldPlan>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const object: ObjectJoin | undefined = join.objects.get(type.name);
    if (!object) throw new UnsupportedSupergraphError(`${type.name} has no join metadata.`);
    const typePlans = new Map<string, FieldPlan>();
    plans.set(type.name, typePlans);
    const typeDepartments = [...new Set(object.types.map((t) => indexOf(t.department)))];
    for (const field of Object.values(type.getFields())) {
      const joins = object.fields.get(field.name) ?? [];
      const resolving = joins.length === 0 ? typeDepartments.map((d) => ({ d, requires: null })) : joins.filter((j) => !j.external).map((j) => ({ d: indexOf(j.department), requires: j.requires }));
      const coordinate = `${type.name}.${field.name}`;
      const returned = getNamedType(field.type);
      const gatewayRules = [...(requirements.fields.get(coordinate) ?? []), ...(requirements.types.get(returned.name) ?? [])];
      const printedGatewayRules = gatewayRules.map((r) => JSON.stringify(r));
      const bindings: (Binding | undefined)[] = departments.map(() => undefined);
      for (const { d, requires } of resolving) {
        const dType = departmentType(d, type.name);
        const dField = dType.getFields()[field.name];
        if (!dField) throw new UnsupportedSupergraphError(`${departments[d]!.name} resolves ${coordinate} per the supergraph but its schema has no such field.`);
        const own = departmentRules(departmentSchemas[d]!, dType, field.name);
        const printedOwn = own.map((r) => JSON.stringify(r));
        // The same rules in the same order refuse with the same error: the department's check is the gateway's.
        const sameAsGateway = printedOwn.join() === printedGatewayRules.join();
        const beforeConversion = [...gatewayRules, ...own.filter((_, i) => !printedGatewayRules.includes(printedOwn[i]!))];
        bindings[d] = {
          department: d,
          resolve: (dField.resolve ?? defaultFieldResolver) as AnyResolver,
          requires,
          beforeResolve: sameAsGateway || gatewayRules.length === 0 ? null : gatewayRules,
          beforeConversion: beforeConversion.length > 0 ? beforeConversion : null,
        };
      }
      const owners = bindings.filter((b): b is Binding => b !== undefined);
      if (owners.length === 0) throw new UnsupportedSupergraphError(`No department resolves ${coordinate}.`);
      const root = rootTypes.has(type.name);
      // A parent from a department that cannot answer goes to the first department (in the
      // modules' order) that both resolves the field and can receive the type as an entity.
      const fallback = owners.find((b) => entityPlan(type.name, b.department) !== null);
      const routeFrom = (origin: number): Route | undefined => {
        const own = bindings[origin];
        if (own && !own.requires) return { binding: own, direct: true, entity: null, conversionKey: '' };
        const binding = own && entityPlan(type.name, origin) ? own : fallback;
        if (!binding) return undefined;
        const printedRequires = binding.requires ? JSON.stringify(binding.requires) : '';
        return { binding, direct: false, entity: entityPlan(type.name, binding.department), conversionKey: `${binding.department}:${type.name}:${printedRequires}` };
      };
      typePlans.set(field.name, {
        typeName: type.name,
        parentType: type,
        coordinate,
        type: field.type,
        composite: isCompositeType(returned),
        root,
        routes: root ? [] : departments.map((_, origin) => routeFrom(origin)),
        rootBinding: root ? owners[0]! : null,
      });
    }
  }

  const enforce = (rules: AuthorizationRule[], context: MonolithContext, coordinate: string) => {
    const refusal = refusalFor(rules, context.identity, coordinate, context.scopes);
    if (refusal) throw refusal;
  };

  /** The parent's department: the one recorded at the parent field's path (list indices skipped). */
  const originOf = (context: MonolithContext, path: GraphQLResolveInfo['path']): number => {
    let parent = path.prev;
    while (parent && typeof parent.key === 'number') parent = parent.prev;
    const origin = parent ? context.origins.get(parent) : undefined;
    if (origin === undefined) throw internal(`no department recorded for the parent of ${pathKeys(path).join('.')}`);
    return origin;
  };

  /**
   * Resolves a field on a parent from `origin`; returns the value (maybe a promise). The gateway's
   * checks apply to the client's fields (`asked`), not to the keys and @requires fields it fetches
   * for itself; the departments check everything they resolve either way.
   */
  const resolveRoute = (plan: FieldPlan, route: Route, source: unknown, args: Record<string, unknown>, origin: number, context: MonolithContext, info: GraphQLResolveInfo, asked: boolean): unknown => {
    const { binding } = route;
    const departmentContext = context.departments[binding.department]!;
    if (route.direct) {
      if (asked && binding.beforeResolve) enforce(binding.beforeResolve, context, plan.coordinate);
      return binding.resolve(source, args, departmentContext, info);
    }
    if (asked && binding.beforeConversion) enforce(binding.beforeConversion, context, plan.coordinate);
    const entity = entityFor(plan, route, source, origin, context, info);
    return then(entity, (object) => (object === null || object === undefined ? null : binding.resolve(object, args, departmentContext, info)));
  };

  /** The parent as the route's department's object: `__resolveReference` of its representation, once per parent and per representation. */
  const entityFor = (plan: FieldPlan, route: Route, source: unknown, origin: number, context: MonolithContext, info: GraphQLResolveInfo): unknown => {
    const entity = route.entity;
    if (!entity) throw internal(`${plan.coordinate}: ${departments[route.binding.department]!.name} has no key for ${plan.typeName}`);
    const cacheable = typeof source === 'object' && source !== null;
    let conversions = cacheable ? context.entities.get(source) : undefined;
    const cached = conversions?.get(route.conversionKey);
    if (cached !== undefined) return cached;
    const key = select(entity.key, plan.typeName, source, origin, context, info, false);
    const required = route.binding.requires ? select(route.binding.requires, plan.typeName, source, origin, context, info, true) : null;
    const result = then(all([key, required]), ([keyFields, requiredFields]) => {
      if (keyFields === null) return null;
      const representation = { __typename: plan.typeName, ...(keyFields as object), ...(requiredFields as object | null) };
      return resolveReference(entity, representation, context, info);
    });
    if (cacheable) {
      if (!conversions) context.entities.set(source as object, (conversions = new Map()));
      conversions.set(route.conversionKey, result);
    }
    return result;
  };

  const resolveReference = (entity: EntityPlan, representation: Record<string, unknown>, context: MonolithContext, info: GraphQLResolveInfo): unknown => {
    const references = context.references[entity.department]!;
    const cacheKey = JSON.stringify(representation);
    if (references.has(cacheKey)) return references.get(cacheKey);
    // As the subgraph's `_entities`: without a `__resolveReference` the representation is the object.
    const object = entity.resolveReference ? entity.resolveReference(representation, context.departments[entity.department]!, info) : representation;
    references.set(cacheKey, object);
    return object;
  };

  /**
   * Resolves a field set (a key or a @requires selection) on a parent from `origin`, through each
   * field's owner, as the JSON a representation carries. A key field that is null makes the whole
   * key null (no entity). With `lenient` (@requires), a failing field is null and its error is
   * reported with the answer.
   */
  function select(selection: SelectionSetNode, typeName: string, source: unknown, origin: number, context: MonolithContext, info: GraphQLResolveInfo, lenient: boolean): unknown {
    const typePlans = plans.get(typeName);
    if (!typePlans) throw internal(`no plans for ${typeName}`);
    const names: string[] = [];
    const values: unknown[] = [];
    for (const node of selection.selections) {
      if (node.kind !== 'Field') throw internal(`unexpected ${node.kind} in a field set of ${typeName}`);
      const name = node.name.value;
      names.push(name);
      if (name === '__typename') {
        values.push(typeName);
        continue;
      }
      const plan = typePlans.get(name);
      const route = plan?.routes[origin];
      if (!plan || !route) throw internal(`${typeName}.${name} cannot be resolved from ${departments[origin]!.name}`);
      const fail = (error: unknown) => {
        if (!lenient) throw error;
        context.sideErrors.push(locatedError(error, info.fieldNodes, [...pathKeys(info.path.prev), name]));
        return null;
      };
      // Resolvers (the default one and the schema enforcement's wrapper at least) read the
      // field's name from `info`: theirs, not that of the field whose key or @requires this is.
      const fieldInfo: GraphQLResolveInfo = { ...info, fieldName: name, returnType: plan.type, parentType: plan.parentType };
      try {
        const value = then(resolveRoute(plan, route, source, {}, origin, context, fieldInfo, false), (v) =>
          complete(v, plan.type, node.selectionSet, route.binding.department, context, info, lenient),
        );
        values.push(isPromiseLike(value) ? Promise.resolve(value).catch(fail) : value);
      } catch (error) {
        values.push(fail(error));
      }
    }
    return then(all(values), (resolved) => {
      const out: Record<string, unknown> = {};
      for (const [i, name] of names.entries()) {
        if (!lenient && (resolved[i] === null || resolved[i] === undefined)) return null;
        out[name] = resolved[i] ?? null;
      }
      return out;
    });
  }

  /** A resolved value as JSON: leaves serialized, objects narrowed to the sub-selection. */
  function complete(value: unknown, type: GraphQLOutputType, selection: SelectionSetNode | undefined, department: number, context: MonolithContext, info: GraphQLResolveInfo, lenient: boolean): unknown {
    if (value === null || value === undefined) return null;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const items = [...(value as Iterable<unknown>)].map((item) => then(item, (v) => complete(v, nullable.ofType, selection, department, context, info, lenient)));
      return all(items);
    }
    if (isLeafType(nullable)) return nullable.serialize(value);
    if (!selection) throw internal(`a field set selects ${nullable.name} without sub-fields`);
    return select(selection, nullable.name, value, department, context, info, lenient);
  }

  for (const [typeName, typePlans] of plans) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const [fieldName, plan] of typePlans) {
      const field = type.getFields()[fieldName]!;
      if (plan.root) {
        const binding = plan.rootBinding!;
        field.resolve = (source, args, context: MonolithContext, info) => {
          if (binding.beforeResolve) enforce(binding.beforeResolve, context, plan.coordinate);
          if (plan.composite) context.origins.set(info.path, binding.department);
          return binding.resolve(source, args, context.departments[binding.department]!, info);
        };
        continue;
      }
      field.resolve = (source, args, context: MonolithContext, info) => {
        const origin = originOf(context, info.path);
        const route = plan.routes[origin];
        if (!route) throw internal(`${plan.coordinate} cannot be resolved on ${departments[origin]!.name}'s ${typeName}`);
        if (plan.composite) context.origins.set(info.path, route.binding.department);
        return resolveRoute(plan, route, source, args, origin, context, info, true);
      };
    }
  }
  return schema;
}
