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

  it('fails at start-up naming the variable that is wrong', () => {
    expect(() => readGatewayConfig({ PORT: 'forty' })).toThrowError(/PORT must be an integer/);
    expect(() => readGatewayConfig({ PORT: '70000' })).toThrowError(/PORT must be between/);
    expect(() => readGatewayConfig({ SUBGRAPH_URL_HEALTH: 'not a url' })).toThrowError(/SUBGRAPH_URL_HEALTH must be an http\(s\) URL/);
  });
});
