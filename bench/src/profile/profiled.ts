/**
 * Runs a process's entry point under V8's sampling profiler (what `node --cpu-prof` does; the
 * benchmark starts processes through scripts/lib/processes.ts, which takes no node flags, and
 * NODE_OPTIONS refuses --cpu-prof). The profile is written when the process exits — the graph's
 * processes exit on SIGTERM after draining — together with the wall-clock time it started, so
 * the benchmark can keep only the samples taken while that process was under load.
 *
 * Environment: PROFILE_ENTRY (the entry point to run), PROFILE_OUT (where to write the JSON).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import { pathToFileURL } from 'node:url';

const entry = process.env.PROFILE_ENTRY;
const out = process.env.PROFILE_OUT;
if (!entry || !out) throw new Error('PROFILE_ENTRY and PROFILE_OUT are required');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
const startedAtMs = Date.now();
// An in-process inspector session answers synchronously, so the profile is on disk before exit.
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) fs.writeFileSync(out, JSON.stringify({ startedAtMs, profile: result.profile }));
  });
});

await import(pathToFileURL(entry).href);
