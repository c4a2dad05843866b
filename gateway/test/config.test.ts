import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../src/config.ts';

describe('gateway configuration', () => {
  it('defaults to loopback, port 4000 and the committed supergraph', () => {
    const config = readGatewayConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.supergraphPath).toMatch(/gateway[/\\]supergraph\.graphql$/);
    expect(config.subgraphUrlOverrides).toEqual({});
  });

  it('collects per-subgraph URL overrides by environment name', () => {
    const config = readGatewayConfig({ SUBGRAPH_URL_CIVIL_AFFAIRS: 'http://127.0.0.1:5001/graphql', SUBGRAPH_URL_HEALTH: 'http://127.0.0.1:5005/graphql' });
    expect(config.subgraphUrlOverrides).toEqual({ CIVIL_AFFAIRS: 'http://127.0.0.1:5001/graphql', HEALTH: 'http://127.0.0.1:5005/graphql' });
  });

  it('has resilience defaults and per-department timeouts', () => {
    const defaults = readGatewayConfig({});
    expect(defaults).toMatchObject({
      subgraphTimeoutMs: 5000,
      subgraphTimeoutOverrides: {},
      subgraphRetries: 2,
      subgraphRetryBackoffMs: 50,
      subgraphRetryBudgetPercent: 10,
      breakerFailureThreshold: 5,
      breakerOpenMs: 10_000,
      subgraphProbeTimeoutMs: 1000,
      shutdownDrainMs: 10_000,
      supergraphWatch: true,
      supergraphWatchDebounceMs: 250,
      queryPlanCacheSize: 500,
    });
    const tuned = readGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '2000', SUBGRAPH_TIMEOUT_MS_HEALTH: '800', SUPERGRAPH_WATCH: 'false' });
    expect(tuned).toMatchObject({ subgraphTimeoutMs: 2000, subgraphTimeoutOverrides: { HEALTH: 800 }, supergraphWatch: false });
    expect(() => readGatewayConfig({ SUBGRAPH_TIMEOUT_MS_HEALTH: 'soon' })).toThrowError(/SUBGRAPH_TIMEOUT_MS_HEALTH must be an integer/);
    expect(() => readGatewayConfig({ SUBGRAPH_BREAKER_FAILURES: '0' })).toThrowError(/SUBGRAPH_BREAKER_FAILURES must be between 1/);
    expect(() => readGatewayConfig({ SUBGRAPH_RETRIES: '9' })).toThrowError(/SUBGRAPH_RETRIES must be between 0 and 5/);
    expect(() => readGatewayConfig({ SUPERGRAPH_WATCH: 'maybe' })).toThrowError(/SUPERGRAPH_WATCH must be true or false/);
  });

  it('enforces trusted documents in production only, with analysts allowed ad-hoc queries', () => {
    expect(readGatewayConfig({})).toMatchObject({ enforceTrustedDocuments: false, adHocRoles: ['ANALYST'] });
    expect(readGatewayConfig({ GATEWAY_MODE: 'production' }).enforceTrustedDocuments).toBe(true);
    expect(readGatewayConfig({ GATEWAY_MODE: 'production', TRUSTED_DOCUMENTS: 'off' }).enforceTrustedDocuments).toBe(false);
    expect(readGatewayConfig({ TRUSTED_DOCUMENTS_AD_HOC_ROLES: 'ANALYST, ADMINISTRATOR' }).adHocRoles).toEqual(['ANALYST', 'ADMINISTRATOR']);
    expect(() => readGatewayConfig({ TRUSTED_DOCUMENTS_AD_HOC_ROLES: 'ANALYST,BOSS' })).toThrowError(/unknown roles \(BOSS\)/);
    expect(() => readGatewayConfig({ TRUSTED_DOCUMENTS_PATH: '/nowhere/manifest.json' })).toThrowError(/TRUSTED_DOCUMENTS_PATH names a file that does not exist/);
  });

  it('fails at start-up naming the variable that is wrong', () => {
    expect(() => readGatewayConfig({ PORT: 'forty' })).toThrowError(/PORT must be an integer/);
    expect(() => readGatewayConfig({ PORT: '70000' })).toThrowError(/PORT must be between/);
    expect(() => readGatewayConfig({ SUBGRAPH_URL_HEALTH: 'not a url' })).toThrowError(/SUBGRAPH_URL_HEALTH must be an http\(s\) URL/);
  });
});
