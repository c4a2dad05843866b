import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type TypeNode } from 'graphql';
import { repoRoot } from '@village-graph/shared';
import { prepareSupergraph } from '@village-graph/gateway/src/auth/supergraph-security.ts';

/** The committed supergraph every contender serves (ours reads it itself, with SUBGRAPH_URL_* overrides). */
export const committedSupergraphPath = path.join(repoRoot, 'gateway', 'supergraph.graphql');

/** The supergraph with each subgraph's `@join__graph(url:)` pointing at the URL the benchmark started it on. */
export function withSubgraphUrls(document: DocumentNode, urls: Readonly<Record<string, string>>): DocumentNode {
  return visit(document, {
    EnumValueDefinition(node) {
      const directives = node.directives?.map((directive) => {
        if (directive.name.value !== 'join__graph') return directive;
        const name = directive.arguments?.find((a) => a.name.value === 'name')?.value;
        if (name?.kind !== Kind.STRING) return directive;
        const url = urls[name.value];
        if (!url) throw new Error(`the benchmark started no subgraph "${name.value}" that the supergraph names`);
        return {
          ...directive,
          arguments: directive.arguments?.map((a) => (a.name.value === 'url' ? { ...a, value: { kind: Kind.STRING, value: url } as const } : a)),
        };
      });
      return { ...node, directives };
    },
  });
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/**
 * Hive Gateway (graphql-tools' stitching of a supergraph) refuses this supergraph: the data
 * tracker's `Resident.<department>AccessLog` fields are `@requires` fields in four subgraphs that
 * all return `AccessLogEntry`, and its isolation of computed fields marks that type canonical in
 * each of the four ("Multiple canonical definitions for AccessLogEntry"). None of the benchmarked
 * operations reads those fields, so Hive is given the supergraph without them (and without the
 * type); everything the operations touch is unchanged.
 */
export const HIVE_UNSUPPORTED_TYPE = 'AccessLogEntry';

export function withoutType(document: DocumentNode, typeName: string): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition: (node) => (node.name.value === typeName ? null : undefined),
    FieldDefinition: (node) => (namedType(node.type) === typeName ? null : undefined),
  });
}

export interface PeerSupergraphs {
  /** For stock @apollo/gateway: the SECURITY links it cannot enforce unmarked (as our gateway does), URLs rewritten. */
  apollo: string;
  /** For Hive Gateway: the same, without the fields it cannot load. */
  hive: string;
}

/** Writes the supergraphs the peers serve into `dir`, from the committed one, and returns their paths. */
export function writePeerSupergraphs(dir: string, urls: Readonly<Record<string, string>>): PeerSupergraphs {
  const prepared = withSubgraphUrls(parse(prepareSupergraph(fs.readFileSync(committedSupergraphPath, 'utf8'))), urls);
  const apollo = path.join(dir, 'supergraph.apollo.graphql');
  const hive = path.join(dir, 'supergraph.hive.graphql');
  fs.writeFileSync(apollo, print(prepared));
  fs.writeFileSync(hive, print(withoutType(prepared, HIVE_UNSUPPORTED_TYPE)));
  return { apollo, hive };
}
