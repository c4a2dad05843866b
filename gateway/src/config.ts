import path from 'node:path';
import fs from 'node:fs';
import { envBoolean, envEnum, envInt, envOptional, envPort, envString, ConfigError, ROLES, trustedDocumentsPath, type Env, type Role, repoRoot } from '@village-graph/shared';
import type { AuthenticationConfig } from './auth/authenticate.ts';

/** Everything the gateway reads from its environment, validated once at start-up. */
export interface GatewayConfig {
  /** PORT, default 4000. */
  port: number;
  /** HOST, default 127.0.0.1. */
  host: string;
  /** SUPERGRAPH_PATH, default the committed gateway/supergraph.graphql. */
  supergraphPath: string;
  /**
   * SUPERGRAPH_WATCH, default true: watch the supergraph file and swap in a valid new version
   * without a restart (an invalid one is logged and rejected; the last good one keeps serving).
   */
  supergraphWatch: boolean;
  /** SUPERGRAPH_WATCH_DEBOUNCE_MS, default 250: quiet time after a change before the file is read. */
  supergraphWatchDebounceMs: number;
  /**
   * SUBGRAPH_URL_<NAME> (name upper-cased, `-` → `_`, e.g. SUBGRAPH_URL_CIVIL_AFFAIRS): overrides
   * the URL the supergraph names for that subgraph. Keys are the env-style names.
   */
  subgraphUrlOverrides: Readonly<Record<string, string>>;
  /**
   * SUBGRAPH_TIMEOUT_MS, default 5000: how long one call to a department may take, from connecting
   * to the last byte of its answer. Past it the call is abandoned with SUBGRAPH_TIMEOUT.
   */
  subgraphTimeoutMs: number;
  /** SUBGRAPH_TIMEOUT_MS_<NAME>: per-department timeout overrides, keyed by env-style name. */
  subgraphTimeoutOverrides: Readonly<Record<string, number>>;
  /**
   * SUBGRAPH_RETRIES, default 2: extra attempts after a connection failure or an HTTP 502/503/504,
   * for queries only (never when the client's operation is a mutation); 0 disables retries.
   */
  subgraphRetries: number;
  /** SUBGRAPH_RETRY_BACKOFF_MS, default 50: retry n waits a random time up to this × 2^n (full jitter). */
  subgraphRetryBackoffMs: number;
  /**
   * SUBGRAPH_RETRY_BUDGET_PERCENT, default 10: retries to one department may be at most this share
   * of the calls to it (plus a reserve of 10), so retries cannot multiply the load on a failing one.
   */
  subgraphRetryBudgetPercent: number;
  /**
   * SUBGRAPH_DEDUPLICATION, default true: an identical query to a department (same text, variables
   * and caller) already in flight is shared instead of sent again.
   */
  subgraphDeduplication: boolean;
  /** SUBGRAPH_BREAKER_FAILURES, default 5: consecutive failed calls that open a department's breaker. */
  breakerFailureThreshold: number;
  /**
   * SUBGRAPH_BREAKER_OPEN_MS, default 10000: how long an open breaker fails fast
   * (SUBGRAPH_CIRCUIT_OPEN) before one trial call is let through; its success closes the breaker.
   */
  breakerOpenMs: number;
  /** SUBGRAPH_PROBE_TIMEOUT_MS, default 1000: timeout of the probes /health/ready sends to each department. */
  subgraphProbeTimeoutMs: number;
  /** QUERY_PLAN_CACHE_SIZE, default 500: query plans kept (least recently used are dropped). */
  queryPlanCacheSize: number;
  /** SHUTDOWN_DRAIN_MS, default 10000: on SIGTERM, how long in-flight requests may take before connections are cut. */
  shutdownDrainMs: number;
  /** LOG_LEVEL, default info. */
  logLevel: string;
  /** MAX_BODY_BYTES, default 1 MiB. */
  maxBodyBytes: number;
  /**
   * GATEWAY_MODE, default development. In production, anonymous callers get no introspection (the
   * explorer and the published schema are for signed-in users).
   */
  mode: 'development' | 'production';
  /**
   * How callers' bearer tokens are verified. AUTH_JWT_ALGORITHM (default HS256 — development only;
   * RS256 or ES256 in production), AUTH_JWT_SECRET (HS256, ≥ 32 bytes), AUTH_JWT_PUBLIC_KEY_PATH or
   * AUTH_JWKS_PATH (RS256/ES256), AUTH_JWT_ISSUER (default village-graph-dev), AUTH_JWT_AUDIENCE
   * (default village-graph). With no key at all, every caller is public and a bearer token is refused.
   */
  authentication: AuthenticationConfig | null;
  /**
   * GATEWAY_IDENTITY_PRIVATE_KEY_PATH: the ES256 key the gateway signs the identity it forwards to
   * departments with. Without it departments see every caller as public.
   */
  identityPrivateKeyPath: string | null;
  /** TRUSTED_DOCUMENTS_PATH, default gateway/trusted-documents.json (built by `pnpm trusted-documents`). */
  trustedDocumentsPath: string;
  /**
   * TRUSTED_DOCUMENTS, `enforce` or `off`; default `enforce` in production, `off` in development.
   * Enforcing, callers outside TRUSTED_DOCUMENTS_AD_HOC_ROLES may send only manifest operations.
   * Either way, manifest operations may be sent by hash or name and their plans are warmed.
   */
  enforceTrustedDocuments: boolean;
  /** TRUSTED_DOCUMENTS_AD_HOC_ROLES, default ANALYST: comma-separated roles that may send ad-hoc operations. */
  adHocRoles: readonly Role[];
}

const URL_PREFIX = 'SUBGRAPH_URL_';
const TIMEOUT_PREFIX = 'SUBGRAPH_TIMEOUT_MS_';
const TIMEOUT_RANGE = { min: 10, max: 600_000 };

export function readGatewayConfig(env: Env): Readonly<GatewayConfig> {
  const urlOverrides: Record<string, string> = {};
  const timeoutOverrides: Record<string, number> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (name.startsWith(URL_PREFIX)) {
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      } catch {
        throw new ConfigError(`${name} must be an http(s) URL, got "${value}".`);
      }
      urlOverrides[name.slice(URL_PREFIX.length)] = value;
    } else if (name.startsWith(TIMEOUT_PREFIX)) {
      timeoutOverrides[name.slice(TIMEOUT_PREFIX.length)] = envInt(env, name, 0, TIMEOUT_RANGE);
    }
  }
  const mode = envEnum(env, 'GATEWAY_MODE', ['development', 'production'] as const, 'development');
  return Object.freeze({
    port: envPort(env, 'PORT', 4000),
    host: envString(env, 'HOST', '127.0.0.1'),
    supergraphPath: path.resolve(envString(env, 'SUPERGRAPH_PATH', path.join(repoRoot, 'gateway', 'supergraph.graphql'))),
    supergraphWatch: envBoolean(env, 'SUPERGRAPH_WATCH', true),
    supergraphWatchDebounceMs: envInt(env, 'SUPERGRAPH_WATCH_DEBOUNCE_MS', 250, { min: 0, max: 60_000 }),
    subgraphUrlOverrides: Object.freeze(urlOverrides),
    subgraphTimeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', 5000, TIMEOUT_RANGE),
    subgraphTimeoutOverrides: Object.freeze(timeoutOverrides),
    subgraphRetries: envInt(env, 'SUBGRAPH_RETRIES', 2, { min: 0, max: 5 }),
    subgraphRetryBackoffMs: envInt(env, 'SUBGRAPH_RETRY_BACKOFF_MS', 50, { min: 0, max: 10_000 }),
    subgraphRetryBudgetPercent: envInt(env, 'SUBGRAPH_RETRY_BUDGET_PERCENT', 10, { min: 0, max: 100 }),
    subgraphDeduplication: envBoolean(env, 'SUBGRAPH_DEDUPLICATION', true),
    breakerFailureThreshold: envInt(env, 'SUBGRAPH_BREAKER_FAILURES', 5, { min: 1, max: 1000 }),
    breakerOpenMs: envInt(env, 'SUBGRAPH_BREAKER_OPEN_MS', 10_000, { min: 100, max: 3_600_000 }),
    subgraphProbeTimeoutMs: envInt(env, 'SUBGRAPH_PROBE_TIMEOUT_MS', 1000, { min: 10, max: 60_000 }),
    queryPlanCacheSize: envInt(env, 'QUERY_PLAN_CACHE_SIZE', 500, { min: 1, max: 1_000_000 }),
    shutdownDrainMs: envInt(env, 'SHUTDOWN_DRAIN_MS', 10_000, { min: 0, max: 600_000 }),
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024, { min: 1024 }),
    mode,
    authentication: readAuthentication(env),
    identityPrivateKeyPath: readableFile(env, 'GATEWAY_IDENTITY_PRIVATE_KEY_PATH'),
    trustedDocumentsPath: readableFile(env, 'TRUSTED_DOCUMENTS_PATH') ?? trustedDocumentsPath,
    enforceTrustedDocuments: envEnum(env, 'TRUSTED_DOCUMENTS', ['enforce', 'off'] as const, mode === 'production' ? 'enforce' : 'off') === 'enforce',
    adHocRoles: readRoles(env, 'TRUSTED_DOCUMENTS_AD_HOC_ROLES', ['ANALYST']),
  });
}

function readRoles(env: Env, name: string, fallback: Role[]): Role[] {
  const value = envOptional(env, name);
  if (value === undefined) return fallback;
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new ConfigError(`${name} names unknown roles (${unknown.join(', ')}); roles are ${ROLES.join(', ')}.`);
  return roles as Role[];
}

function readableFile(env: Env, name: string): string | null {
  const value = envOptional(env, name);
  if (value === undefined) return null;
  const file = path.resolve(value);
  if (!fs.existsSync(file)) throw new ConfigError(`${name} names a file that does not exist: ${file}`);
  return file;
}

function readAuthentication(env: Env): AuthenticationConfig | null {
  const algorithm = envEnum(env, 'AUTH_JWT_ALGORITHM', ['HS256', 'RS256', 'ES256'] as const, 'HS256');
  const secret = envOptional(env, 'AUTH_JWT_SECRET');
  const publicKeyPath = readableFile(env, 'AUTH_JWT_PUBLIC_KEY_PATH');
  const jwksPath = readableFile(env, 'AUTH_JWKS_PATH');
  const issuer = envString(env, 'AUTH_JWT_ISSUER', 'village-graph-dev');
  const audience = envString(env, 'AUTH_JWT_AUDIENCE', 'village-graph');
  if (algorithm === 'HS256') {
    if (secret === undefined) return null;
    if (Buffer.byteLength(secret) < 32) throw new ConfigError('AUTH_JWT_SECRET must be at least 32 bytes.');
    return { algorithm, secret, issuer, audience };
  }
  if (!publicKeyPath && !jwksPath) throw new ConfigError(`AUTH_JWT_ALGORITHM=${algorithm} needs AUTH_JWT_PUBLIC_KEY_PATH or AUTH_JWKS_PATH.`);
  return { algorithm, issuer, audience, ...(publicKeyPath ? { publicKeyPath } : {}), ...(jwksPath ? { jwksPath } : {}) };
}
