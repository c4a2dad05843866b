import {
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What the composed supergraph says about who resolves what, read from its join metadata
 * (`@join__graph`, `@join__type`, `@join__field`) — the same facts Apollo's query planner plans
 * from — and the API schema clients see (the supergraph without its core-feature machinery).
 */

/** `@join__type(graph:, key:, resolvable:)` of one object type in one department. */
export interface TypeJoin {
  department: string;
  /** The key's field set, when the department declares the type an entity with this key. */
  key: SelectionSetNode | null;
  resolvable: boolean;
}

/** `@join__field(graph:, requires:, external:)` of one field in one department. */
export interface FieldJoin {
  department: string;
  requires: SelectionSetNode | null;
  /** Declared but not resolved here (the department only reads it, e.g. for @requires). */
  external: boolean;
}

export interface ObjectJoin {
  types: TypeJoin[];
  /** By field name; an empty list means every department that defines the type resolves it. */
  fields: Map<string, FieldJoin[]>;
}

export interface JoinMetadata {
  /** By object type name (root types included). */
  objects: Map<string, ObjectJoin>;
  /** The API schema's document: what clients see, with no join or link machinery. */
  apiDocument: DocumentNode;
}

/** Supergraph features this contender cannot execute faithfully; it refuses them at start-up. */
export class UnsupportedSupergraphError extends Error {}

const argument = (directive: ConstDirectiveNode, name: string): ValueNode | undefined => directive.arguments?.find((a) => a.name.value === name)?.value;
const stringArgument = (directive: ConstDirectiveNode, name: string): string | null => {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : null;
};
const booleanArgument = (directive: ConstDirectiveNode, name: string, fallback: boolean): boolean => {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN ? value.value : fallback;
};
const enumArgument = (directive: ConstDirectiveNode, name: string): string | null => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : null;
};

/** A join__FieldSet ("id", "household { id }") as a selection set. */
export function parseFieldSet(fieldSet: string): SelectionSetNode {
  const document = parse(`{ ${fieldSet} }`, { noLocation: true });
  const operation = document.definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new UnsupportedSupergraphError(`Not a field set: ${fieldSet}`);
  visit(operation.selectionSet, {
    InlineFragment() {
      throw new UnsupportedSupergraphError(`Field sets with type conditions are not supported: ${fieldSet}`);
    },
    Field(node) {
      if (node.alias || node.arguments?.length) throw new UnsupportedSupergraphError(`Field sets with aliases or arguments are not supported: ${fieldSet}`);
    },
  });
  return operation.selectionSet;
}

/** Directives a client-facing schema keeps; everything else belongs to composition. */
const API_DIRECTIVES = new Set(['deprecated', 'specifiedBy', 'oneOf']);

/**
 * Reads a supergraph SDL with graphql-js alone. (@apollo/federation-internals is not needed, so
 * neither is the gateway's `prepareSupergraph`, which only gets its SECURITY links past it; for the
 * committed supergraph the API schema built here prints the same as its `apiSchema()`.) Throws
 * UnsupportedSupergraphError on features whose semantics this contender does not reproduce:
 * interfaces and unions (none in this graph), @inaccessible, progressive @override, @interfaceObject.
 */
export function readJoinMetadata(supergraphSdl: string): JoinMetadata {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = join && stringArgument(join, 'name');
      if (!name) throw new UnsupportedSupergraphError(`join__Graph.${value.name.value} has no @join__graph(name:)`);
      graphs.set(value.name.value, name);
    }
  }
  if (graphs.size === 0) throw new UnsupportedSupergraphError('Not a supergraph: no join__Graph enum.');
  const departmentOf = (directive: ConstDirectiveNode): string => {
    const graph = enumArgument(directive, 'graph');
    const department = graph === null ? undefined : graphs.get(graph);
    if (!department) throw new UnsupportedSupergraphError(`@${directive.name.value} names an unknown graph ${graph}`);
    return department;
  };

  const isMachinery = (name: string) => name.includes('__');
  const objects = new Map<string, ObjectJoin>();
  const apiDefinitions: DefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    if ('name' in definition && definition.name && isMachinery(definition.name.value)) continue;
    if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION || definition.kind === Kind.UNION_TYPE_DEFINITION) {
      throw new UnsupportedSupergraphError(`${definition.name.value}: interfaces and unions are not supported by the monolith contender.`);
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      const types: TypeJoin[] = [];
      for (const directive of definition.directives ?? []) {
        if (directive.name.value !== 'join__type') continue;
        if (booleanArgument(directive, 'isInterfaceObject', false)) throw new UnsupportedSupergraphError(`${definition.name.value}: @interfaceObject is not supported.`);
        const key = stringArgument(directive, 'key');
        types.push({ department: departmentOf(directive), key: key === null ? null : parseFieldSet(key), resolvable: booleanArgument(directive, 'resolvable', true) });
      }
      const fields = new Map<string, FieldJoin[]>();
      for (const field of definition.fields ?? []) {
        const joins: FieldJoin[] = [];
        for (const directive of field.directives ?? []) {
          if (directive.name.value !== 'join__field') continue;
          if (stringArgument(directive, 'overrideLabel') !== null) throw new UnsupportedSupergraphError(`${definition.name.value}.${field.name.value}: progressive @override is not supported.`);
          // The losing side of an @override no longer resolves the field.
          if (booleanArgument(directive, 'usedOverridden', false)) continue;
          // A @join__field without a graph only carries a type hint for every graph.
          if (argument(directive, 'graph') === undefined) continue;
          const requires = stringArgument(directive, 'requires');
          joins.push({ department: departmentOf(directive), requires: requires === null ? null : parseFieldSet(requires), external: booleanArgument(directive, 'external', false) });
        }
        fields.set(field.name.value, joins);
      }
      objects.set(definition.name.value, { types, fields });
    }
    apiDefinitions.push(definition);
  }

  // The API schema: composition's directives removed wherever they are applied.
  const apiDocument = visit({ kind: Kind.DOCUMENT, definitions: apiDefinitions } as DocumentNode, {
    Directive(node) {
      if (node.name.value === 'inaccessible') throw new UnsupportedSupergraphError('@inaccessible is not supported by the monolith contender.');
      return API_DIRECTIVES.has(node.name.value) ? undefined : null;
    },
  });
  return { objects, apiDocument };
}
