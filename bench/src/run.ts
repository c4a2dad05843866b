import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { repoRoot } from '@village-graph/shared';
import { stopAll } from '@village-graph/scripts/processes';
import { diffData, formatDifferences } from './compare.ts';
import { counterDelta, readCounters, type DepartmentCounters } from './counters.ts';
import { HEADERS_VALID_SECONDS, createCredentials, type Credentials } from './credentials.ts';
import { copyDatabases, ensureBenchDataset } from './dataset.ts';
import { CONTENDERS, startContender, startDepartments, tailOf, type ContenderId, type ContenderSpec, type RunningProcess, type StartOptions } from './graph.ts';
import { latencySummary, runWindow, stopLoad, type ExpectedAnswer, type LatencySummary, type LoadTarget, type WindowResult } from './load.ts';
import { loadOperations, type BenchOperation } from './operations.ts';
import type { BenchOptions } from './options.ts';
import { cpuMs, machine, peakRssMb, resetPeakRss } from './proc.ts';
import { summarizeProfile, type ProfileSummary } from './profile/summary.ts';
import { writePeerSupergraphs } from './supergraph.ts';

/** What one operation costs the departments through one contender (one request, nothing else running). */
export interface OperationCost {
  contender: ContenderId;
  operation: string;
  /** Per department: GraphQL requests it answered and SQL statements it ran. */
  departments: Record<string, DepartmentCounters>;
  /** Per department, the SQL statements the contender ran itself (the monolith, from its /metrics/<department>). */
  inProcess: Record<string, DepartmentCounters> | null;
  responseBytes: number;
  /** Department requests (all departments) for CONCURRENT identical requests sent at once: what in-flight de-duplication saves. */
  concurrentDepartmentRequests: number;
}

/** The figures of one contender × operation × connection level, over all rounds. */
export interface CellResult {
  contender: ContenderId;
  operation: string;
  connections: number;
  /** Right answers per second of measured (steady) time, over all rounds. */
  requestsPerSecond: number;
  roundsRequestsPerSecond: number[];
  /** Latency of the answers received in the measured time. */
  latencyMs: LatencySummary;
  /** Answers received in the measured time. */
  requests: number;
  /** Measured seconds, and the mean seconds until the load was steady (every connection answered once; not measured). */
  seconds: number;
  rampSeconds: number;
  /** Connection errors and timeouts; answers other than the checked one (non-2xx included); non-2xx answers. */
  errors: number;
  wrong: number;
  non2xx: number;
  /** The first wrong answer seen, cut short. */
  wrongAnswer: string | null;
  /** CPU ms per answer of each process, over the measured time: the contender (by its id), each department, and the load generator (`client`). */
  cpuMsPerRequest: Record<string, number>;
  /** The contender's peak RSS during its windows of this cell (VmHWM reset before each window). */
  peakRssMb: number | null;
}

export interface BenchResults {
  command: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: ReturnType<typeof machine>;
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
  options: Omit<BenchOptions, 'dataDir' | 'out'> & { dataDir: string };
  dataset: { scale: number; seed: number; generator: string; generatedAt: string };
  contenders: ContenderSpec[];
  operations: { id: string; file: string; operationName: string; role: string; purpose: string | null; variables: Record<string, unknown> }[];
  costs: OperationCost[];
  /** Operations not measured at a connection level, and why. */
  skipped: { operation: string; connections: number; reason: string }[];
  cells: CellResult[];
  profiles: ProfileSummary[];
  /** Raw V8 profiles kept for Chrome DevTools (git-ignored). */
  profileFiles: string[];
  notes: string[];
}

/**
 * After a window, the servers finish the requests still in flight (and a gateway its subgraph
 * fetches) before the next window starts and CPU is read again: until the contender and the
 * departments use less than QUIET_CPU_SHARE of a core over QUIET_SAMPLE_MS, at most QUIET_MAX_MS.
 */
const QUIET_SAMPLE_MS = 100;
const QUIET_CPU_SHARE = 0.03;
const QUIET_MAX_MS = 15_000;
const READY_TIMEOUT_MS = 90_000;
const CHECK_TIMEOUT_MS = 60_000;
/** The longest a request may queue at a connection level for the operation to be measured there (autocannon times out at 30 s). */
const MAX_QUEUE_SECONDS = 12;
/** Identical requests sent at once to see in-flight de-duplication (the load sends identical requests too). */
export const CONCURRENT = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `processes` are (nearly) idle; returns how long that took, in ms. */
async function waitForQuiet(processes: RunningProcess[]): Promise<number> {
  const started = Date.now();
  const total = () => processes.reduce((sum, p) => sum + (p.process.child.pid ? (cpuMs(p.process.child.pid) ?? 0) : 0), 0);
  let last = total();
  while (Date.now() - started < QUIET_MAX_MS) {
    await sleep(QUIET_SAMPLE_MS);
    const now = total();
    if (now - last <= QUIET_SAMPLE_MS * QUIET_CPU_SHARE) break;
    last = now;
  }
  return Date.now() - started;
}
const rotate = <T>(items: readonly T[], by: number): T[] => items.slice(by % items.length).concat(items.slice(0, by % items.length));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Processes started by the run in progress and its directory, for the Ctrl-C handler. */
const started: RunningProcess[] = [];
let currentRunDir: string | undefined;

/** Stops the load and every process the run started, and removes its directory (Ctrl-C). */
export async function abortRun(): Promise<void> {
  stopLoad();
  await stopAll(started.map((p) => p.process));
  if (currentRunDir) fs.rmSync(currentRunDir, { recursive: true, force: true });
}

const requestBody = (operation: BenchOperation) => JSON.stringify({ query: operation.query, operationName: operation.operationName, variables: operation.variables });

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
  return { status: response.status, text: await response.text() };
}

/** The monolith's own SQL counters per department (`/metrics/<department>`); null for a contender without them. */
async function inProcessCounters(running: RunningProcess, departmentNames: string[]): Promise<Record<string, DepartmentCounters> | null> {
  if (running.name !== 'monolith') return null;
  const base = running.metricsUrl;
  try {
    return await readCounters(Object.fromEntries(departmentNames.map((name) => [name, `${base}/${name}`])));
  } catch {
    return null;
  }
}

/**
 * Errors that shape an answer rather than break it, accepted when every contender returns as many
 * of each and the same data (nulls included): small-cell suppression withholds counts of fewer
 * than five people from analysts, so a small dataset's rollups carry SUPPRESSED; a field the
 * persona may not read is null with FORBIDDEN / PURPOSE_REQUIRED — which for a documented
 * operation and its documented persona is a defect, reported as a warning. Any other error (or a
 * refused operation) stops the run.
 */
const ANSWER_ERRORS = new Set(['SUPPRESSED', 'FORBIDDEN', 'PURPOSE_REQUIRED']);

interface GraphQLAnswer {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

const errorKeys = (answer: GraphQLAnswer) => (answer.errors ?? []).map((e) => `${e.extensions?.code ?? '?'} at ${(e.path ?? []).join('.') || '(root)'}`).sort();

/**
 * Before anything is timed: every contender answers every operation with the same `data` as the
 * first contender, and no errors but the same small-cell suppressions, or the run stops with the
 * difference. A second request per contender and operation, with nothing else running, gives what
 * it costs the departments, and whether the contender's answer is byte-for-byte stable (then the
 * load checks every answer against it).
 */
async function check(
  contenders: { spec: ContenderSpec; running: RunningProcess }[],
  departmentsRunning: RunningProcess[],
  operations: BenchOperation[],
  credentials: Credentials,
  log: (line: string) => void,
): Promise<{ costs: OperationCost[]; expected: Map<string, ExpectedAnswer>; singleRequestMs: Map<string, number>; notes: string[] }> {
  const costs: OperationCost[] = [];
  const expected = new Map<string, ExpectedAnswer>();
  const singleRequestMs = new Map<string, number>();
  const notes: string[] = [];
  const departmentMetrics = Object.fromEntries(departmentsRunning.map((d) => [d.name, d.metricsUrl]));
  for (const operation of operations) {
    const body = requestBody(operation);
    let reference: { label: string; data: unknown; errors: string[] } | undefined;
    for (const { spec, running } of contenders) {
      const headers = await credentials.headersFor(spec.credentials, operation);
      const first = await post(running.url, body, headers);
      let answer: GraphQLAnswer;
      try {
        answer = JSON.parse(first.text);
      } catch {
        throw new Error(`${spec.label} answered ${operation.id} with HTTP ${first.status} and no JSON: ${first.text.slice(0, 300)}`);
      }
      const unexpected = (answer.errors ?? []).filter((e) => !ANSWER_ERRORS.has(e.extensions?.code ?? ''));
      if (first.status !== 200 || unexpected.length || answer.data === undefined) {
        const errors = unexpected.slice(0, 5).map((e) => `  ${e.extensions?.code ?? '?'} at ${(e.path ?? []).join('.') || '(root)'}: ${e.message}`);
        throw new Error(`${spec.label} answered ${operation.id} with HTTP ${first.status}${errors.length ? ` and errors:\n${errors.join('\n')}` : ''}`);
      }
      const errors = errorKeys(answer);
      if (!reference) {
        reference = { label: spec.label, data: answer.data, errors };
        const suppressed = errors.filter((e) => e.startsWith('SUPPRESSED ')).length;
        if (suppressed) notes.push(`${operation.id}: ${suppressed} small-cell suppression(s) (SUPPRESSED) for its ${operation.persona.role} persona at this scale, the same at every contender.`);
        for (const refusal of (answer.errors ?? []).filter((e) => e.extensions?.code !== 'SUPPRESSED')) {
          const warning = `warning: ${operation.id} (docs/queries/${operation.file}) is refused in part to its documented persona (${operation.persona.role}): ${refusal.extensions?.code} at ${(refusal.path ?? []).join('.')}: ${refusal.message} — the same at every contender; the operation or its persona needs fixing.`;
          notes.push(warning);
          log(`  ${warning}`);
        }
      } else {
        const differences = diffData(reference.data, answer.data);
        if (differences.length) {
          throw new Error(`${spec.label} answers ${operation.id} with other data than ${reference.label} (expected = ${reference.label}):\n${formatDifferences(differences)}`);
        }
        // The nulls are in the data (compared above); the errors must be as many, of the same codes.
        // Where they point is the gateway's rendering, which differs between implementations.
        const codes = (keys: string[]) => keys.map((k) => k.split(' ')[0]).join(',');
        if (codes(errors) !== codes(reference.errors)) {
          throw new Error(`${spec.label} answers ${operation.id} with other errors than ${reference.label}:\n  expected ${reference.errors.join(', ') || 'none'}\n  got ${errors.join(', ') || 'none'}`);
        }
        if (diffData(reference.errors, errors).length) {
          notes.push(`${spec.label} reports ${operation.id}'s ${errors.length} errors at other paths than ${reference.label} (e.g. ${errors.find((e) => !reference!.errors.includes(e))}); the data, nulls included, is the same.`);
        }
      }
      const names = Object.keys(departmentMetrics);
      const before = await readCounters(departmentMetrics);
      const ownBefore = await inProcessCounters(running, names);
      const sent = performance.now();
      const second = await post(running.url, body, headers);
      singleRequestMs.set(operation.id, Math.max(singleRequestMs.get(operation.id) ?? 0, performance.now() - sent));
      const after = await readCounters(departmentMetrics);
      const ownAfter = ownBefore ? await inProcessCounters(running, names) : null;
      const delta = (from: Record<string, DepartmentCounters>, to: Record<string, DepartmentCounters>) =>
        Object.fromEntries(names.map((name) => [name, counterDelta(from[name]!, to[name]!)]));
      costs.push({
        contender: spec.id,
        operation: operation.id,
        departments: delta(before, after),
        inProcess: ownBefore && ownAfter ? delta(ownBefore, ownAfter) : null,
        responseBytes: Buffer.byteLength(second.text),
        concurrentDepartmentRequests: 0,
      });
      const beforeBurst = await readCounters(departmentMetrics);
      await Promise.all(Array.from({ length: CONCURRENT }, () => post(running.url, body, headers)));
      const afterBurst = await readCounters(departmentMetrics);
      costs[costs.length - 1]!.concurrentDepartmentRequests = names.reduce((sum, name) => sum + afterBurst[name]!.requests - beforeBurst[name]!.requests, 0);
      expected.set(`${spec.id}|${operation.id}`, {
        body: second.status === 200 && second.text === first.text ? first.text : undefined,
        data: JSON.stringify(answer.data),
        dataValue: answer.data,
        withErrors: errors.length > 0,
      });
    }
    log(`  ${operation.id}: the same data from ${contenders.length} contender(s) (${Buffer.byteLength(JSON.stringify(reference?.data))} bytes${reference?.errors.length ? `, ${reference.errors.length} errors` : ''})`);
  }
  return { costs, expected, singleRequestMs, notes };
}

interface CellAccumulator {
  rounds: { completed: number; good: number; seconds: number; rampSeconds: number }[];
  wrongAnswer: string | null;
  latencies: number[];
  errors: number;
  non2xx: number;
  wrong: number;
  /** Windows in which the load never got steady (nothing measured). */
  rampTimeouts: number;
  cpuMs: Record<string, number>;
  peakRssMb: number | null;
}

export async function runBench(options: BenchOptions, command: string, log: (line: string) => void): Promise<BenchResults> {
  // Everything of one run — the copy of the databases, keys, supergraphs, profiles — lives here and goes with it.
  const runDir = (currentRunDir = fs.mkdtempSync(path.join(os.tmpdir(), 'village-graph-bench-')));
  try {
    return await runIn(runDir, options, command, log);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
    currentRunDir = undefined;
  }
}

async function runIn(runDir: string, options: BenchOptions, command: string, log: (line: string) => void): Promise<BenchResults> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const notes: string[] = [];
  const manifest = await ensureBenchDataset(options.dataDir, options.scale, options.seed, (line) => {
    log(line);
    if (line.startsWith('warning:')) notes.push(line);
  });
  const operations = loadOperations(options.operations, options.dataDir);
  let servedDir = options.dataDir;
  if (!options.inPlace) {
    log('copying the databases for this run…');
    servedDir = path.join(runDir, 'data');
    await copyDatabases(options.dataDir, servedDir);
  }
  const specs = options.contenders.map((id) => CONTENDERS[id]);
  const contenders: { spec: ContenderSpec; running: RunningProcess }[] = [];
  const cells = new Map<string, CellAccumulator>();
  const profileWindows: { start: number; end: number }[] = [];
  const skipped: BenchResults['skipped'] = [];
  let costs: OperationCost[] = [];
  const clientName = 'client';
  try {
    const credentials = await createCredentials(options.dataDir, runDir);
    const startOptions: StartOptions = { dataDir: servedDir, runDir, credentials, profile: new Set(options.profile), logs: options.logs, readyTimeoutMs: READY_TIMEOUT_MS };
    log('starting the departments…');
    const departmentsRunning = await startDepartments(startOptions);
    started.push(...departmentsRunning);
    const supergraphs = writePeerSupergraphs(runDir, Object.fromEntries(departmentsRunning.map((d) => [d.name, d.url])));

    log(`starting ${specs.map((s) => s.label).join(', ')}…`);
    const launched = await Promise.allSettled(specs.map((spec) => startContender(spec.id, departmentsRunning, supergraphs, startOptions)));
    for (const [i, outcome] of launched.entries()) {
      if (outcome.status !== 'fulfilled') continue;
      started.push(outcome.value);
      contenders.push({ spec: specs[i]!, running: outcome.value });
    }
    const failed = launched.flatMap((outcome, i) => (outcome.status === 'rejected' ? [`${specs[i]!.label}: ${(outcome.reason as Error).message}`] : []));
    if (failed.length) throw new Error(`could not start:\n${failed.join('\n')}`);

    log('checking that every contender returns the same data…');
    const checked = await check(contenders, departmentsRunning, operations, credentials, log);
    costs = checked.costs;
    notes.push(...checked.notes);

    // CPU of the contender under load, of every department and of this process (the load generator).
    const snapshot = (contender: RunningProcess) => {
      const watched = [contender, ...departmentsRunning];
      const cpu: Record<string, number | null> = Object.fromEntries(watched.map((p) => [p.name, p.process.child.pid ? cpuMs(p.process.child.pid) : null]));
      const own = process.cpuUsage();
      cpu[clientName] = (own.user + own.system) / 1000;
      return cpu;
    };
    let peakResetRefused = false;

    const cores = os.cpus().length;
    for (const connections of options.connections) {
      const targetFor = async (spec: ContenderSpec, running: RunningProcess, operation: BenchOperation): Promise<LoadTarget> => {
        const expected = checked.expected.get(`${spec.id}|${operation.id}`)!;
        return { url: running.url, headers: await credentials.headersFor(spec.credentials, operation), body: requestBody(operation), expected };
      };
      // How long each request waits once `connections` of them share the cores, estimated from
      // the slowest contender's p50 at the lowest level measured so far (else its single request
      // in the check): past MAX_QUEUE_SECONDS the level cannot be measured in a window (and
      // answers near autocannon's 30 s timeout would count as errors).
      const aloneMs = (operation: BenchOperation) => {
        const measuredBefore = [...cells.entries()].filter(([key]) => key.split('|')[1] === operation.id && Number(key.split('|')[2]) < connections);
        const lowest = Math.min(...measuredBefore.map(([key]) => Number(key.split('|')[2])));
        const p50s = measuredBefore.filter(([key]) => Number(key.split('|')[2]) === lowest).map(([, cell]) => latencySummary(cell.latencies).p50).filter(Number.isFinite);
        return p50s.length ? Math.max(...p50s) / Math.max(1, lowest / cores) : (checked.singleRequestMs.get(operation.id) ?? 0);
      };
      const queueSeconds = (operation: BenchOperation) => (aloneMs(operation) / 1000) * Math.max(1, connections / cores);
      const measured = operations.filter((operation) => {
        if (queueSeconds(operation) <= MAX_QUEUE_SECONDS) return true;
        const reason = `one request takes ~${Math.round(aloneMs(operation))} ms alone (the slowest contender's p50); ${connections} at once on ${cores} cores would wait ~${Math.round(queueSeconds(operation))} s each`;
        skipped.push({ operation: operation.id, connections, reason });
        log(`${connections} connection(s): not measuring ${operation.id}: ${reason}`);
        return false;
      });
      // Until every connection has had its first answer. A server that shares its core(s) among all
      // the requests it holds answers all of them at about the same time, after `connections` times
      // what one costs under load — far more than alone: the ramp may take all the time the
      // window's tokens leave.
      const maxRampS = HEADERS_VALID_SECONDS - options.duration;
      // Warm-up (JIT, plan caches, connection pools) before the first level only: the first level's
      // rounds keep everything warm for the next, whose ramps are not measured either.
      if (options.warmup > 0 && connections === options.connections[0]) {
        log(`warm-up at ${connections} connection(s), ${options.warmup} s per contender and operation…`);
        for (const operation of measured) {
          for (const { spec, running } of contenders) {
            await runWindow(await targetFor(spec, running, operation), { connections, durationS: options.warmup, maxRampS });
            await waitForQuiet([running, ...departmentsRunning]);
          }
        }
      }
      for (let round = 0; round < options.rounds; round++) {
        for (const [opIndex, operation] of rotate(measured, round).entries()) {
          for (const { spec, running } of rotate(contenders, round + opIndex)) {
            const target = await targetFor(spec, running, operation);
            const pid = running.process.child.pid!;
            if (!resetPeakRss(pid)) peakResetRefused = true;
            let before: Record<string, number | null> = {};
            let after: Record<string, number | null> = {};
            let start = 0;
            const window: WindowResult = await runWindow(target, {
              connections,
              durationS: options.duration,
              maxRampS,
              onMeasureStart: () => {
                before = snapshot(running);
                start = Date.now();
              },
              onMeasureEnd: () => {
                after = snapshot(running);
                if (spec.id === 'gateway') profileWindows.push({ start, end: Date.now() });
              },
            });
            const drainMs = await waitForQuiet([running, ...departmentsRunning]);
            const key = `${spec.id}|${operation.id}|${connections}`;
            const cell: CellAccumulator = cells.get(key) ?? { rounds: [], latencies: [], errors: 0, non2xx: 0, wrong: 0, cpuMs: {}, peakRssMb: null, wrongAnswer: null, rampTimeouts: 0 };
            cells.set(key, cell);
            if (window.rampTimedOut) cell.rampTimeouts++;
            cell.rounds.push({ completed: window.completed, good: window.good, seconds: window.seconds, rampSeconds: window.rampSeconds });
            cell.wrongAnswer ??= window.firstWrongAnswer;
            for (const latency of window.latenciesMs) cell.latencies.push(latency);
            cell.errors += window.errors;
            cell.non2xx += window.non2xx;
            cell.wrong += window.wrong;
            for (const [name, value] of Object.entries(after)) {
              const delta = value !== null && before[name] != null ? value - before[name]! : null;
              if (delta !== null) cell.cpuMs[name] = (cell.cpuMs[name] ?? 0) + delta;
            }
            const peak = peakRssMb(pid);
            if (peak !== null) cell.peakRssMb = Math.max(cell.peakRssMb ?? 0, peak);
            const rps = window.seconds ? window.good / window.seconds : 0;
            const latency = latencySummary(window.latenciesMs);
            const trouble = window.errors + window.wrong;
            log(
              `  ${connections} conn · round ${round + 1}/${options.rounds} · ${operation.id.padEnd(17)} · ${spec.label.padEnd(24)} ${rps.toFixed(1).padStart(8)} req/s  p50 ${latency.p50.toFixed(2).padStart(8)} ms  p99 ${latency.p99.toFixed(2).padStart(8)} ms` +
                `  (steady after ${window.rampSeconds.toFixed(1)} s${window.rampTimedOut ? ', never: not measured' : ''}${drainMs > 1000 ? `, drained in ${(drainMs / 1000).toFixed(1)} s` : ''})` +
                (trouble ? `  ${window.errors} connection errors, ${window.wrong} wrong answers (${window.non2xx} non-2xx), e.g. ${window.firstWrongAnswer ?? '—'}` : ''),
            );
          }
        }
      }
    }
    if (peakResetRefused) notes.push('The kernel refused to reset peak RSS (/proc/<pid>/clear_refs): peak RSS is each process\'s peak since it started.');
  } catch (error) {
    if (options.logs) {
      const tails = started.map((p) => `--- ${p.name}, last lines:\n${tailOf(p, 20).join('\n')}`);
      throw new Error(`${(error as Error).message}\n${tails.join('\n')}`);
    }
    throw new Error(`${(error as Error).message}\n(run again with --logs to see the processes' logs)`);
  } finally {
    stopLoad();
    await stopAll(started.splice(0).map((p) => p.process));
  }

  // Profiles are written as the profiled processes exit.
  const profiles: ProfileSummary[] = [];
  const profileFiles: string[] = [];
  for (const name of options.profile) {
    const file = path.join(runDir, `${name}.cpuprofile.json`);
    if (!fs.existsSync(file)) {
      notes.push(`No CPU profile was written for ${name} (did it exit before the end?).`);
      continue;
    }
    profiles.push(summarizeProfile(name, file, profileWindows));
    const kept = path.join(repoRoot, 'bench', 'results', `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.writeFileSync(kept, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')).profile));
    profileFiles.push(path.relative(repoRoot, kept));
  }

  for (const [key, cell] of cells) {
    const [contender, operation, connections] = key.split('|') as [ContenderId, string, string];
    const where = `${CONTENDERS[contender].label}, ${operation} at ${connections} connection(s)`;
    const failed = cell.errors + cell.wrong;
    if (failed) {
      const all = cell.rounds.reduce((sum, r) => sum + r.completed, 0) + cell.errors;
      notes.push(`${where}: ${failed} of ${all} requests failed or were answered wrongly${cell.wrongAnswer ? `, e.g. ${cell.wrongAnswer}` : ''}.`);
    }
    if (cell.rampTimeouts) notes.push(`${where}: in ${cell.rampTimeouts} of ${cell.rounds.length} window(s) not every connection got an answer within the ramp limit; nothing was measured in those.`);
  }
  for (const skip of skipped) notes.push(`${skip.operation} was not measured at ${skip.connections} connection(s): ${skip.reason}.`);

  const finishedAt = new Date();
  return {
    command,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    machine: machine(),
    loadAverage: { start: round2(loadAtStart), end: round2(os.loadavg()[0]!) },
    options: { ...options, dataDir: path.relative(repoRoot, options.dataDir) || options.dataDir },
    dataset: { scale: manifest.scale, seed: manifest.seed, generator: manifest.generator, generatedAt: manifest.generatedAt },
    contenders: specs,
    operations: operations.map((o) => ({
      id: o.id,
      file: `docs/queries/${o.file}`,
      operationName: o.operationName,
      role: o.persona.role,
      purpose: o.persona.purpose?.purpose ?? null,
      variables: o.variables,
    })),
    costs,
    skipped,
    cells: [...cells.entries()].map(([key, cell]) => {
      const [contender, operation, connections] = key.split('|') as [ContenderId, string, string];
      const requests = cell.rounds.reduce((sum, r) => sum + r.completed, 0);
      const good = cell.rounds.reduce((sum, r) => sum + r.good, 0);
      const seconds = cell.rounds.reduce((sum, r) => sum + r.seconds, 0);
      return {
        contender,
        operation,
        connections: Number(connections),
        requestsPerSecond: round2(seconds ? good / seconds : 0),
        roundsRequestsPerSecond: cell.rounds.map((r) => round2(r.seconds ? r.good / r.seconds : 0)),
        latencyMs: latencySummary(cell.latencies),
        requests,
        seconds: round2(seconds),
        rampSeconds: round2(cell.rounds.reduce((sum, r) => sum + r.rampSeconds, 0) / cell.rounds.length),
        errors: cell.errors,
        wrong: cell.wrong,
        non2xx: cell.non2xx,
        wrongAnswer: cell.wrongAnswer,
        cpuMsPerRequest: Object.fromEntries(Object.entries(cell.cpuMs).map(([name, ms]) => [name, requests ? round2(ms / requests) : 0])),
        peakRssMb: cell.peakRssMb === null ? null : Math.round(cell.peakRssMb),
      };
    }),
    profiles,
    profileFiles,
    notes,
  };
}
