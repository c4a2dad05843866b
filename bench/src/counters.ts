/**
 * What one operation costs the departments, from their own /metrics: GraphQL requests answered
 * (`graphql_requests_total`, shared/src/metrics.ts) and SQL statements executed
 * (`subgraph_sql_duration_seconds_count`, shared/src/subgraph-metrics.ts), read before and after a
 * single request with nothing else running.
 */

export interface Series {
  labels: Record<string, string>;
  value: number;
}

/** Every series of `name` in a Prometheus text page. */
export function seriesOf(text: string, name: string): Series[] {
  const found: Series[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    found.push({ labels, value: Number(match[3]) });
  }
  return found;
}

export interface DepartmentCounters {
  requests: number;
  statements: number;
  /** Statements by kind (`select`, `insert`, …; inserts are the access log's entries). */
  statementsByKind: Record<string, number>;
}

export function countersOf(text: string): DepartmentCounters {
  const statementsByKind: Record<string, number> = {};
  for (const { labels, value } of seriesOf(text, 'subgraph_sql_duration_seconds_count')) {
    const kind = labels.statement ?? 'other';
    statementsByKind[kind] = (statementsByKind[kind] ?? 0) + value;
  }
  return {
    requests: seriesOf(text, 'graphql_requests_total').reduce((sum, s) => sum + s.value, 0),
    statements: Object.values(statementsByKind).reduce((sum, n) => sum + n, 0),
    statementsByKind,
  };
}

/** `after - before`, per field. */
export function counterDelta(before: DepartmentCounters, after: DepartmentCounters): DepartmentCounters {
  const kinds = new Set([...Object.keys(before.statementsByKind), ...Object.keys(after.statementsByKind)]);
  const statementsByKind: Record<string, number> = {};
  for (const kind of kinds) {
    const delta = (after.statementsByKind[kind] ?? 0) - (before.statementsByKind[kind] ?? 0);
    if (delta) statementsByKind[kind] = delta;
  }
  return { requests: after.requests - before.requests, statements: after.statements - before.statements, statementsByKind };
}

/** The counters of each department (by name) from its /metrics. */
export async function readCounters(metricsUrls: Readonly<Record<string, string>>): Promise<Record<string, DepartmentCounters>> {
  const entries = await Promise.all(
    Object.entries(metricsUrls).map(async ([name, url]) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return [name, countersOf(await response.text())] as const;
    }),
  );
  return Object.fromEntries(entries);
}
