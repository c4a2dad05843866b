import fs from 'node:fs';
import path from 'node:path';
import { groupedBarsSvg, type Bar } from './chart.ts';
import { CONTENDERS, type ContenderId } from './graph.ts';
import { CONCURRENT, type BenchResults, type CellResult, type OperationCost } from './run.ts';
import { HIVE_UNSUPPORTED_TYPE } from './supergraph.ts';

export const BASELINES = { stock: 'apollo-gateway', floor: 'monolith' } as const satisfies Record<string, ContenderId>;
export const MARKERS = { start: '<!-- bench:start -->', end: '<!-- bench:end -->' };

const label = (id: ContenderId) => CONTENDERS[id].label;
const plural = (n: number) => `${n} connection${n === 1 ? '' : 's'}`;
const fixed = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const times = (value: number | undefined, base: number | undefined) => (value === undefined || base === undefined || !base ? '—' : `${(value / base).toFixed(2)}×`);

/** One row of the results table, with its ratios to the baselines of the same operation and level. */
interface Row {
  cell: CellResult;
  rpsVsStock: string;
  rpsVsFloor: string;
  p50VsStock: string;
  p50VsFloor: string;
  departmentsCpu: number;
}

function rowsOf(results: BenchResults, connections: number): Row[] {
  const cells = results.cells.filter((c) => c.connections === connections);
  const find = (contender: string, operation: string) => cells.find((c) => c.contender === contender && c.operation === operation);
  const order = results.contenders.map((c) => c.id);
  return results.operations.flatMap((operation) =>
    order.flatMap((id) => {
      const cell = find(id, operation.id);
      if (!cell) return [];
      const stock = find(BASELINES.stock, operation.id);
      const floor = find(BASELINES.floor, operation.id);
      const departmentsCpu = Object.entries(cell.cpuMsPerRequest)
        .filter(([name]) => name !== cell.contender && name !== 'client')
        .reduce((sum, [, ms]) => sum + ms, 0);
      return [
        {
          cell,
          rpsVsStock: times(cell.requestsPerSecond, stock?.requestsPerSecond),
          rpsVsFloor: times(cell.requestsPerSecond, floor?.requestsPerSecond),
          p50VsStock: times(cell.latencyMs.p50, stock?.latencyMs.p50),
          p50VsFloor: times(cell.latencyMs.p50, floor?.latencyMs.p50),
          departmentsCpu,
        },
      ];
    }),
  );
}

const troubleOf = (cell: CellResult) => cell.errors + cell.wrong;

const HEADERS = ['operation', 'contender', 'req/s', '×stock', '×mono', 'p50 ms', '×stock', '×mono', 'p99 ms', 'errors', 'CPU ms/req', 'dept CPU ms/req', 'peak RSS MB'];

const cellsOf = (row: Row): string[] => [
  row.cell.operation,
  label(row.cell.contender),
  fixed(row.cell.requestsPerSecond),
  row.rpsVsStock,
  row.rpsVsFloor,
  fixed(row.cell.latencyMs.p50, 2),
  row.p50VsStock,
  row.p50VsFloor,
  fixed(row.cell.latencyMs.p99, 2),
  String(troubleOf(row.cell)),
  fixed(row.cell.cpuMsPerRequest[row.cell.contender], 2),
  fixed(row.departmentsCpu, 2),
  fixed(row.cell.peakRssMb, 0),
];

/** The results as fixed-width tables for the terminal, one per connection level. */
export function formatTable(results: BenchResults): string {
  const out: string[] = [];
  for (const connections of results.options.connections) {
    const rows = rowsOf(results, connections).map(cellsOf);
    const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    out.push(`\n${plural(connections)} (×stock: against ${label(BASELINES.stock)}; ×mono: against the ${label(BASELINES.floor)}; p50 ratios below 1 are faster)`);
    out.push(line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  }
  const costs = costLines(results);
  if (costs.length) out.push('\nWhat one request costs the departments (GraphQL requests · SQL statements (writes); the monolith: its own statements per department):', ...costs.map((l) => `  ${l}`));
  return out.join('\n');
}

/** `requests · statements (writes)` of one department for one cost; the monolith's own statements when it is the contender. */
function costCell(cost: OperationCost, department: string): string {
  const own = cost.inProcess?.[department];
  const c = own ?? cost.departments[department];
  if (!c) return '—';
  const writes = c.statements - (c.statementsByKind.select ?? 0);
  return `${own ? '–' : c.requests} · ${c.statements}${writes ? ` (${writes} writes)` : ''}`;
}

function costLines(results: BenchResults): string[] {
  return results.costs.map(
    (cost) =>
      `${cost.operation.padEnd(17)} ${label(cost.contender).padEnd(24)} ${Object.keys(cost.departments)
        .map((d) => `${d} ${costCell(cost, d)}`)
        .join(', ')}; ${CONCURRENT} at once: ${cost.concurrentDepartmentRequests} dept requests; ${cost.responseBytes} bytes`,
  );
}

const markdownTable = (headers: string[], rows: string[][]) =>
  [`| ${headers.join(' | ')} |`, `|${headers.map((_, i) => (i < 2 ? '---' : '--:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The generated section of docs/benchmarks.md (between the markers). */
export function markdownSection(results: BenchResults, charts: { throughput: string; latency: string }): string {
  const m = results.machine;
  const o = results.options;
  const departments = Object.keys(results.costs[0]?.departments ?? {});
  const lines = [
    MARKERS.start,
    '## Gateway benchmark (issue 6)',
    '',
    `_Generated by \`pnpm bench\` on ${results.finishedAt.slice(0, 10)}; everything between the bench markers is rewritten by the next run._`,
    '',
    `- **Command:** \`${results.command}\` (${Math.round(results.seconds / 60)} min)`,
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; load generator (autocannon) and all servers on the same cores; load average ${results.loadAverage.start} at the start, ${results.loadAverage.end} at the end`,
    `- **Data:** scale ${results.dataset.scale}, seed ${results.dataset.seed}, with the end-to-end tests' dense village (${o.dataDir})`,
    `- **Load:** autocannon, HTTP/1.1 keep-alive, every connection sending the same request back to back. A ${o.warmup} s warm-up per contender and operation, then per connection level ${o.rounds} round(s) of windows, contenders and operations interleaved (order rotated every round). A window is measured for ${o.duration} s from the moment every connection has had its first answer (the queue is full and the load steady), and the next starts once the processes are idle again. Only answers equal to the contender's checked answer count; CPU is read from /proc at the start and end of the measured time`,
    `- **Contenders:** ${results.contenders.map((c) => `**${c.label}** — ${c.description}`).join('; ')}`,
    `- **Operations:** ${results.operations.map((op) => `${op.id} (\`${op.file}\`, ${op.role}${op.purpose ? `, ${op.purpose}` : ''})`).join(', ')}`,
    '- **Identical requests:** all connections send the same operation as the same persona, so identical subgraph fetches in flight at once are shared by whoever de-duplicates them (this gateway, per caller; Hive Gateway, per identical request) — the best case for de-duplication; the column "dept requests for 10 at once" below shows how much each one shares.',
    '- **Before timing,** every contender must answer every operation with the same `data`; one request each, with nothing else running, counts what it costs the departments (table at the end). Each run serves a copy of the dataset, so the access-log entries the load writes do not pile up between runs.',
    '- **Run it:** `pnpm bench` (`pnpm bench -- --help` for the options). Where the gateway\'s CPU goes under load: `pnpm bench -- --profile --contenders gateway --ops grid-roster --connections 50` (V8\'s sampling profiler; a summary by module and function, the raw profile in `bench/results/` for Chrome DevTools; `--profile gateway,civil-affairs` profiles a department too).',
    '',
    `![Requests per second](${charts.throughput})`,
    '',
    `![p99 latency](${charts.latency})`,
    '',
  ];
  for (const connections of o.connections) {
    lines.push(`### ${plural(connections)}`, '', markdownTable(HEADERS, rowsOf(results, connections).map(cellsOf)), '');
  }
  lines.push(
    '`×stock` / `×mono`: the ratio to stock @apollo/gateway / to the monolith (for p50, below 1 is faster). CPU ms/req: CPU time of the contender process per completed request; dept: of the five departments together. Peak RSS: the contender\'s, during its windows. Errors: connection errors and answers other than the checked one (non-2xx included); req/s counts only right answers.',
    '',
    '### What one request costs the departments',
    '',
    markdownTable(
      ['operation', 'contender', ...departments.map((d) => `${d} (req · SQL)`), `dept requests for ${CONCURRENT} at once`, 'response bytes'],
      results.costs.map((cost) => [
        cost.operation,
        label(cost.contender),
        ...departments.map((d) => costCell(cost, d)),
        String(cost.concurrentDepartmentRequests),
        String(cost.responseBytes),
      ]),
    ),
    '',
    `Measured with one request and nothing else running, from the departments' \`graphql_requests_total\` and \`subgraph_sql_duration_seconds_count\` (the monolith's own per-department SQL counters for its row); writes are access-log entries. "${CONCURRENT} at once": department requests for ${CONCURRENT} identical requests sent together — below ${CONCURRENT}× the single request's, in-flight de-duplication merged some. The load sends identical requests too: to the peers and the monolith with one identity token per window, to this gateway with a token it signs per request.`,
  );
  const notes = [...results.notes];
  if (results.contenders.some((c) => c.id.startsWith('hive'))) {
    notes.push(`Hive Gateway cannot load this supergraph as composed (graphql-tools marks \`${HIVE_UNSUPPORTED_TYPE}\`, returned by \`@requires\` fields of four departments, canonical four times); it serves the same supergraph without the data tracker's \`${HIVE_UNSUPPORTED_TYPE}\` fields, which none of these operations reads.`);
  }
  if (o.profile.length) notes.push(`Run with \`--profile ${o.profile.join(',')}\`: the profiled processes ran under V8's sampling profiler, which slows them.`);
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push(MARKERS.end);
  return lines.join('\n');
}

/** Replaces the generated section of a markdown file (or appends it), keeping everything else. */
export function replaceSection(markdown: string, section: string): string {
  const start = markdown.indexOf(MARKERS.start);
  const end = markdown.indexOf(MARKERS.end);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + MARKERS.end.length);
  return `${markdown.replace(/\s*$/, '')}\n\n${section}\n`;
}

/** The bars of one metric, one panel per connection level. */
function barsOf(results: BenchResults, value: (cell: CellResult) => number): Bar[] {
  const panelOf = (connections: number) => {
    const skipped = results.skipped.filter((s) => s.connections === connections).map((s) => s.operation);
    return `${plural(connections)}${skipped.length ? ` (not measured: ${skipped.join(', ')}; see the notes)` : ''}`;
  };
  return results.cells.map((cell) => ({
    panel: panelOf(cell.connections),
    panelOrder: results.options.connections.indexOf(cell.connections),
    operation: cell.operation,
    contender: label(cell.contender),
    value: value(cell),
  }));
}

/** Writes the charts and the generated section of docs/benchmarks.md. */
export async function writeDocs(results: BenchResults, markdownPath: string): Promise<string[]> {
  const dir = path.join(path.dirname(markdownPath), 'benchmarks');
  fs.mkdirSync(dir, { recursive: true });
  const common = { contenders: results.contenders.map((c) => c.label), operations: results.operations.map((o) => o.id) };
  const throughput = path.join(dir, 'throughput.svg');
  const latency = path.join(dir, 'latency.svg');
  fs.writeFileSync(throughput, await groupedBarsSvg(barsOf(results, (c) => c.requestsPerSecond), { ...common, title: 'Requests per second (higher is better)', unit: 'requests/s' }));
  fs.writeFileSync(latency, await groupedBarsSvg(barsOf(results, (c) => c.latencyMs.p99), { ...common, title: 'p99 latency (lower is better)', unit: 'ms' }));
  const relative = (file: string) => path.relative(path.dirname(markdownPath), file);
  const existing = fs.existsSync(markdownPath) ? fs.readFileSync(markdownPath, 'utf8') : '# Benchmarks\n';
  fs.writeFileSync(markdownPath, replaceSection(existing, markdownSection(results, { throughput: relative(throughput), latency: relative(latency) })));
  return [throughput, latency, markdownPath];
}
