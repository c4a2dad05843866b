import { describe, expect, it } from 'vitest';
import { counterDelta, countersOf } from '../src/counters.ts';
import { MARKERS, replaceSection } from '../src/report.ts';

describe('the generated section of docs/benchmarks.md', () => {
  const section = `${MARKERS.start}\nnew figures\n${MARKERS.end}`;

  it('replaces only what is between the markers', () => {
    const before = `# Benchmarks\n\nGeneration times.\n\n${MARKERS.start}\nold figures\n${MARKERS.end}\n\n## Notes kept by hand\n`;
    expect(replaceSection(before, section)).toBe(`# Benchmarks\n\nGeneration times.\n\n${section}\n\n## Notes kept by hand\n`);
  });

  it('is appended, with its markers, to a file that has none yet', () => {
    expect(replaceSection('# Benchmarks\n\nGeneration times.\n', section)).toBe(`# Benchmarks\n\nGeneration times.\n\n${section}\n`);
  });
});

describe('department counters from /metrics', () => {
  const page = (requests: number, selects: number, inserts: number) => `# HELP graphql_requests_total GraphQL requests answered, by operation name.
# TYPE graphql_requests_total counter
graphql_requests_total{operation_name="(anonymous)",service="civil-affairs"} ${requests}
graphql_requests_total{operation_name="VillageDashboard",service="civil-affairs"} 1
subgraph_sql_duration_seconds_bucket{le="0.0001",statement="select",table="residents",service="civil-affairs"} 3
subgraph_sql_duration_seconds_count{statement="select",table="residents",service="civil-affairs"} ${selects}
subgraph_sql_duration_seconds_count{statement="select",table="households",service="civil-affairs"} 2
subgraph_sql_duration_seconds_count{statement="insert",table="access_log",service="civil-affairs"} ${inserts}
`;

  it('sums requests over operations and statements over tables, by kind', () => {
    expect(countersOf(page(4, 10, 1))).toEqual({ requests: 5, statements: 13, statementsByKind: { select: 12, insert: 1 } });
  });

  it('subtracts one reading from the next', () => {
    expect(counterDelta(countersOf(page(4, 10, 1)), countersOf(page(6, 17, 2)))).toEqual({ requests: 2, statements: 8, statementsByKind: { select: 7, insert: 1 } });
  });
});
