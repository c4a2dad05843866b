import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ConstArgumentNode } from 'graphql';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@village-graph/shared';

/** A subgraph as the supergraph names it (`enum join__Graph { X @join__graph(name:, url:) }`). */
export interface SupergraphSubgraph {
  name: string;
  url: string | undefined;
}

/** The subgraphs a supergraph SDL declares; throws when the text is not a supergraph at all. */
export function subgraphsOf(supergraphSdl: string): SupergraphSubgraph[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = document.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
  if (!graphs || graphs.kind !== Kind.ENUM_TYPE_DEFINITION || !graphs.values?.length) {
    throw new Error('not a supergraph: it declares no subgraphs (enum join__Graph)');
  }
  const stringArgument = (args: readonly ConstArgumentNode[] | undefined, name: string) => {
    const value = args?.find((a) => a.name.value === name)?.value;
    return value?.kind === Kind.STRING ? value.value : undefined;
  };
  return graphs.values.map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = stringArgument(directive?.arguments, 'name');
    if (!name) throw new Error(`not a supergraph: join__Graph.${value.name.value} has no @join__graph(name:)`);
    return { name, url: stringArgument(directive?.arguments, 'url') };
  });
}

const idOf = (supergraphSdl: string) => createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 16);

export interface SupergraphReload {
  result: 'applied' | 'rejected';
  at: string;
  /** Id (sha-256 prefix) of the file content that was tried. */
  id?: string;
  /** Why it was rejected. */
  error?: string;
}

export interface SupergraphStatus {
  path: string;
  /** Id (sha-256 prefix) of the supergraph in service. */
  id: string;
  loadedAt: string;
  subgraphs: SupergraphSubgraph[];
  watching: boolean;
  lastReload?: SupergraphReload;
}

export interface SupergraphFileSourceOptions {
  path: string;
  watch: boolean;
  debounceMs: number;
  logger: Logger;
  /**
   * Turns the file's text into what the gateway executes (e.g. marks the security features this
   * gateway enforces itself); runs before validation, at start-up and on every reload.
   */
  prepare?(supergraphSdl: string): string;
  /** Throws with a reason when a supergraph must not be served; runs before every swap (not at start-up). */
  validate(supergraphSdl: string): Promise<void>;
  /** Called after each attempted reload. */
  onReload?(reload: SupergraphReload): void;
}

export interface SupergraphFileSource {
  /** For ApolloGateway's `supergraphSdl` option. */
  manager: SupergraphManager;
  status(): SupergraphStatus;
  /** Reads the file now and swaps it in if it changed and is valid (what the watcher calls). */
  reload(): Promise<SupergraphReload | undefined>;
}

/**
 * Serves the supergraph from a file and, when asked, watches it: after a change (debounced), the
 * new text is validated — it must parse, name a URL for every subgraph, and build a schema and a
 * query planner — and only then handed to the gateway's `update`, which swaps it in atomically
 * between two requests: requests already planned finish on the previous one. An invalid file is
 * logged and rejected and the last good supergraph keeps serving. The directory is watched rather
 * than the file, so an atomic replace (write elsewhere, rename over) is seen too.
 */
export function createSupergraphFileSource(options: SupergraphFileSourceOptions): SupergraphFileSource {
  const { path: file, logger } = options;
  const prepare = options.prepare ?? ((text: string) => text);
  let current: SupergraphStatus | undefined;
  let update: ((supergraphSdl: string) => void) | undefined;
  let lastRejectedId: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const record = (reload: SupergraphReload) => {
    if (current) current.lastReload = reload;
    options.onReload?.(reload);
    return reload;
  };

  const check = async (): Promise<SupergraphReload | undefined> => {
    if (!update || !current) return undefined;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      logger.error({ path: file, err: error }, 'supergraph file unreadable; keeping the current supergraph');
      return record({ result: 'rejected', at: new Date().toISOString(), error: `unreadable: ${(error as Error).message}` });
    }
    const id = idOf(text);
    if (id === current.id || id === lastRejectedId) return undefined;
    const started = Date.now();
    try {
      const executable = prepare(text);
      await options.validate(executable);
      update(executable);
    } catch (error) {
      lastRejectedId = id;
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ path: file, supergraphId: id, reason: message }, 'supergraph rejected; keeping the current one');
      return record({ result: 'rejected', at: new Date().toISOString(), id, error: message });
    }
    lastRejectedId = undefined;
    const previous = current.id;
    current = { ...current, id, loadedAt: new Date().toISOString(), subgraphs: subgraphsOf(text) };
    logger.info(
      { path: file, supergraphId: id, previousId: previous, subgraphs: current.subgraphs.map((s) => s.name), durationMs: Date.now() - started },
      'supergraph reloaded',
    );
    return record({ result: 'applied', at: current.loadedAt, id });
  };

  // One check at a time, in order: a change during validation is looked at right after.
  const reload = () => {
    const next = queue.then(check, check);
    queue = next.catch(() => undefined);
    return next;
  };

  const manager: SupergraphManager = {
    async initialize({ update: apply }) {
      // At start-up the gateway's own load is the full check: a bad file fails the start.
      const text = fs.readFileSync(file, 'utf8');
      update = apply;
      current = { path: file, id: idOf(text), loadedAt: new Date().toISOString(), subgraphs: subgraphsOf(text), watching: false };
      if (!options.watch) return { supergraphSdl: prepare(text) };

      let timer: NodeJS.Timeout | undefined;
      const watcher = fs.watch(path.dirname(file), { persistent: false }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), options.debounceMs);
      });
      watcher.on('error', (error) => logger.error({ path: file, err: error }, 'cannot watch the supergraph file; reloads are off'));
      current.watching = true;
      return {
        supergraphSdl: prepare(text),
        cleanup: async () => {
          clearTimeout(timer);
          watcher.close();
          update = undefined;
        },
      };
    },
  };

  return {
    manager,
    status: () => {
      if (!current) throw new Error('the supergraph is not loaded yet');
      return current;
    },
    reload,
  };
}
