import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadTypeDefs, repoRoot, type SubgraphModule } from '@village-graph/shared';
import { departments as registered } from './departments.ts';

/** The committed supergraph the gateway serves by default. */
export const supergraphPath = path.join(repoRoot, 'gateway', 'supergraph.graphql');
/** Composition hints the team has read and accepted, each with the reason. */
export const acceptedHintsPath = path.join(repoRoot, 'gateway', 'accepted-composition-hints.json');

type CompositionHint = NonNullable<ReturnType<typeof composeServices>['hints']>[number];

interface AcceptedHint {
  code: string;
  /** Substring of the hint's message that identifies it. */
  message: string;
  why: string;
}

export interface CompositionOutcome {
  supergraphSdl: string | null;
  errors: string[];
  /** Hints not listed in accepted-composition-hints.json. */
  unacceptedHints: string[];
}

/** Subgraph URLs baked into the supergraph: the dev defaults; each is overridable at the gateway. */
const defaultUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;

export interface ComposeOptions {
  /** Compose only these departments (default all). */
  only?: readonly string[];
  /** URL to bake in per department (default http://127.0.0.1:<its default port>/graphql). */
  urlOf?: (name: string) => string;
  /** Replace a department's SDL text before composing (schema-change checks, tests). */
  editSdl?: (name: string, sdl: string) => string;
  /** The departments to compose (default the registered ones; tests add a scaffolded one). */
  departments?: readonly Pick<SubgraphModule, 'name' | 'schemaPath' | 'defaultPort'>[];
}

export function composeSupergraph({ only, urlOf, editSdl, departments = registered }: ComposeOptions = {}): CompositionOutcome {
  const result = composeServices(
    departments
      .filter((d) => !only || only.includes(d.name))
      .map((d) => ({
        name: d.name,
        typeDefs: editSdl ? parse(editSdl(d.name, fs.readFileSync(d.schemaPath, 'utf8'))) : loadTypeDefs(d),
        url: urlOf?.(d.name) ?? defaultUrl(d.defaultPort),
      })),
  );
  const accepted: AcceptedHint[] = fs.existsSync(acceptedHintsPath) ? JSON.parse(fs.readFileSync(acceptedHintsPath, 'utf8')) : [];
  const isAccepted = (hint: CompositionHint) =>
    accepted.some((a) => a.code === hint.definition.code && hint.message.includes(a.message));
  const unacceptedHints = (result.hints ?? []).filter((h) => !isAccepted(h)).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { supergraphSdl: null, errors: result.errors.map((e) => e.message), unacceptedHints };
  return { supergraphSdl: result.supergraphSdl, errors: [], unacceptedHints };
}
