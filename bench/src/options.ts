import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@village-graph/shared';
import { DEFAULT_SCALE, DEFAULT_SEED } from '@village-graph/scripts/dataset';
import { departments } from '@village-graph/scripts/departments';
import { MAX_WINDOW_SECONDS } from './credentials.ts';
import { defaultBenchDataDir } from './dataset.ts';
import { CONTENDER_IDS, type ContenderId } from './graph.ts';
import { OPERATION_IDS } from './operations.ts';

export interface BenchOptions {
  scale: number;
  seed: number;
  dataDir: string;
  contenders: ContenderId[];
  operations: string[];
  connections: number[];
  /** Seconds per timed window. */
  duration: number;
  /** Seconds of untimed load per contender and operation before the first connection level's rounds. */
  warmup: number;
  rounds: number;
  out: string;
  docs: boolean;
  quick: boolean;
  /** Processes to run under the CPU profiler: `gateway` and/or department names. */
  profile: string[];
  /** Keep every process's output and print its last lines when the run fails. */
  logs: boolean;
  /** Serve the dataset itself rather than a copy (large scales; access-log entries then accumulate in it). */
  inPlace: boolean;
  /** Only render the table, charts and docs section from this results file (no run). */
  render: string | null;
}

export const USAGE = `pnpm bench [-- options]

Benchmarks this project's gateway against stock @apollo/gateway, Hive Gateway (with and without
in-flight de-duplication) and a monolith, on the same departments and data.

  --scale S            dataset scale (default ${DEFAULT_SCALE})
  --seed N             dataset seed (default ${DEFAULT_SEED})
  --data-dir DIR       dataset directory (default data/bench/scale-S-seed-N); an existing dataset of
                       the same scale and seed is reused, else one is generated. Each run serves a
                       copy of it, so the access-log entries the load writes never accumulate
  --in-place           serve the dataset itself, not a copy (for large scales: no copy time or disk)
  --contenders LIST    comma-separated, from ${CONTENDER_IDS.join(', ')} (default all)
  --ops LIST           comma-separated, from ${OPERATION_IDS.join(', ')} (default all)
  --connections LIST   concurrent connections per level (default 1,50)
  --duration S         seconds measured per window once the load is steady (default 3, at most ${MAX_WINDOW_SECONDS})
  --warmup S           seconds of untimed load per contender and operation before the first level
                       (default 2)
  --rounds N           timed windows per contender, operation and level (default 3)
  --out FILE           raw results as JSON (default docs/benchmarks/results.json)
  --no-docs            do not write docs/benchmarks.md and the charts
  --quick              a tiny run (1 and 10 connections, 1 round of 1 s, 1 s warm-up) unless set otherwise
  --profile [LIST]     run these processes under V8's CPU profiler and print where their time went
                       while under load (default: gateway; also department names, e.g. gateway,civil-affairs)
  --render FILE        no run: print the table and write the docs from a results file (after
                       changing the report, without measuring again)
  --logs               keep the processes' logs and print their last lines if the run fails (costs
                       the load generator some CPU; for diagnosing, not for figures)
  --help`;

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function number(name: string, value: string, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** Reads the command line; throws with a message naming the bad option. Returns null for --help. */
export function parseOptions(argv: string[]): BenchOptions | null {
  // `--profile` with no list means the gateway.
  const args = argv.flatMap((arg, i) => (arg === '--profile' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? ['--profile=gateway'] : [arg]));
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      contenders: { type: 'string' },
      ops: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      out: { type: 'string' },
      'no-docs': { type: 'boolean' },
      quick: { type: 'boolean' },
      profile: { type: 'string' },
      logs: { type: 'boolean' },
      'in-place': { type: 'boolean' },
      render: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const quick = values.quick ?? false;
  const scale = values.scale !== undefined ? number('scale', values.scale, { min: 0.0001, max: 1 }) : DEFAULT_SCALE;
  const seed = values.seed !== undefined ? number('seed', values.seed, { min: 0, max: 2 ** 31, integer: true }) : DEFAULT_SEED;

  const contenders = values.contenders !== undefined ? list(values.contenders) : [...CONTENDER_IDS];
  for (const c of contenders) if (!(CONTENDER_IDS as readonly string[]).includes(c)) throw new Error(`--contenders: unknown contender "${c}" (known: ${CONTENDER_IDS.join(', ')})`);
  const operations = values.ops !== undefined ? list(values.ops) : [...OPERATION_IDS];
  for (const o of operations) if (!OPERATION_IDS.includes(o)) throw new Error(`--ops: unknown operation "${o}" (known: ${OPERATION_IDS.join(', ')})`);
  if (!contenders.length || !operations.length) throw new Error('--contenders and --ops need at least one entry each');
  const connections = values.connections !== undefined ? list(values.connections).map((c) => number('connections', c, { min: 1, max: 1000, integer: true })) : quick ? [1, 10] : [1, 50];
  if (!connections.length) throw new Error('--connections needs at least one level');

  const profile = values.profile !== undefined ? list(values.profile) : [];
  const profilable = ['gateway', ...departments.map((d) => d.name)];
  for (const p of profile) if (!profilable.includes(p)) throw new Error(`--profile: cannot profile "${p}" (one of ${profilable.join(', ')})`);
  if (profile.includes('gateway') && !contenders.includes('gateway')) throw new Error('--profile gateway needs the gateway among --contenders');

  const window = { min: 0.5, max: MAX_WINDOW_SECONDS };
  return {
    scale,
    seed,
    dataDir: path.resolve(values['data-dir'] ?? defaultBenchDataDir(scale, seed)),
    contenders: [...new Set(contenders)] as ContenderId[],
    operations: [...new Set(operations)],
    connections: [...new Set(connections)],
    duration: values.duration !== undefined ? number('duration', values.duration, window) : quick ? 1 : 3,
    warmup: values.warmup !== undefined ? number('warmup', values.warmup, { min: 0, max: MAX_WINDOW_SECONDS }) : quick ? 1 : 2,
    rounds: values.rounds !== undefined ? number('rounds', values.rounds, { min: 1, max: 100, integer: true }) : quick ? 1 : 3,
    out: path.resolve(values.out ?? path.join(repoRoot, 'docs', 'benchmarks', 'results.json')),
    docs: !values['no-docs'],
    quick,
    profile,
    logs: values.logs ?? false,
    inPlace: values['in-place'] ?? false,
    render: values.render !== undefined ? path.resolve(values.render) : null,
  };
}
