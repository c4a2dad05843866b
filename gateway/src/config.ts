import path from 'node:path';
import { envInt, envPort, envString, ConfigError, type Env, repoRoot } from '@village-graph/shared';

/** Everything the gateway reads from its environment, validated once at start-up. */
export interface GatewayConfig {
  /** PORT, default 4000. */
  port: number;
  /** HOST, default 127.0.0.1. */
  host: string;
  /** SUPERGRAPH_PATH, default the committed gateway/supergraph.graphql. */
  supergraphPath: string;
  /**
   * SUBGRAPH_URL_<NAME> (name upper-cased, `-` → `_`, e.g. SUBGRAPH_URL_CIVIL_AFFAIRS): overrides
   * the URL the supergraph names for that subgraph. Keys are the env-style names.
   */
  subgraphUrlOverrides: Readonly<Record<string, string>>;
  /** LOG_LEVEL, default info. */
  logLevel: string;
  /** MAX_BODY_BYTES, default 1 MiB. */
  maxBodyBytes: number;
}

const OVERRIDE_PREFIX = 'SUBGRAPH_URL_';

export function readGatewayConfig(env: Env): Readonly<GatewayConfig> {
  const overrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(OVERRIDE_PREFIX) || !value) continue;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      throw new ConfigError(`${name} must be an http(s) URL, got "${value}".`);
    }
    overrides[name.slice(OVERRIDE_PREFIX.length)] = value;
  }
  return Object.freeze({
    port: envPort(env, 'PORT', 4000),
    host: envString(env, 'HOST', '127.0.0.1'),
    supergraphPath: path.resolve(envString(env, 'SUPERGRAPH_PATH', path.join(repoRoot, 'gateway', 'supergraph.graphql'))),
    subgraphUrlOverrides: Object.freeze(overrides),
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024, { min: 1024 }),
  });
}
