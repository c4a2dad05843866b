import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@village-graph/shared';

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** What profiled.ts writes: the profile and the wall-clock time (ms) its clock started at. */
export interface RecordedProfile {
  startedAtMs: number;
  profile: CpuProfile;
}

export interface SelfTime {
  name: string;
  selfMs: number;
  /** Share of the busy (non-idle) samples in the windows. */
  share: number;
}

export interface ProfileSummary {
  process: string;
  file: string;
  /** Sampled time inside the load windows (busy and idle). */
  windowMs: number;
  busyMs: number;
  functions: SelfTime[];
  modules: SelfTime[];
}

/**
 * Where a frame's code lives, at the grain one would optimise: the npm package for dependencies,
 * the file for this repository's code, the internal module for Node's, and V8's own buckets
 * ("(garbage collector)", "(program)") as they are.
 */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const packages = file.split('/node_modules/');
  if (packages.length > 1) {
    const inner = packages[packages.length - 1]!.split('/');
    return inner[0]!.startsWith('@') ? `${inner[0]}/${inner[1]}` : inner[0]!;
  }
  return file.startsWith(repoRoot) ? path.relative(repoRoot, file) : file;
}

const frameName = (frame: CpuProfile['nodes'][number]['callFrame']): string => {
  if (!frame.url) return frame.functionName || '(anonymous)';
  // Line numbers of this repository's TypeScript are those of tsx's output, not of the source: left out.
  const line = frame.url.startsWith('node:') || frame.url.includes('/node_modules/') ? `:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url, frame.functionName)}${line}`;
};

/**
 * Self time by function and by module, counting only samples taken inside `windows` (wall-clock
 * ms; all samples when null) — the load windows of the profiled process, not its start-up.
 */
export function summarizeProfile(processName: string, file: string, windows: { start: number; end: number }[] | null, top = 25): ProfileSummary {
  const { startedAtMs, profile } = JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let windowUs = 0;
  let idleUs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const wall = startedAtMs + (at - profile.startTime) / 1000;
    if (windows && !windows.some((w) => wall >= w.start && wall <= w.end)) continue;
    const frame = byId.get(profile.samples[i]!);
    if (!frame) continue;
    windowUs += delta;
    if (frame.functionName === '(idle)') {
      idleUs += delta;
      continue;
    }
    const name = frameName(frame);
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const module = moduleOf(frame.url, frame.functionName);
    modules.set(module, (modules.get(module) ?? 0) + delta);
  }
  const busyUs = windowUs - idleUs;
  const ranked = (totals: Map<string, number>): SelfTime[] =>
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, share: busyUs ? us / busyUs : 0 }));
  return { process: processName, file, windowMs: Math.round(windowUs / 1000), busyMs: Math.round(busyUs / 1000), functions: ranked(functions), modules: ranked(modules) };
}

/** The summary as text for the terminal. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `CPU profile of ${summary.process} under load: ${summary.busyMs} ms busy of ${summary.windowMs} ms sampled (${summary.file})`,
    '  top modules by self time:',
    ...summary.modules.slice(0, 15).map((m) => `    ${pct(m.share)}  ${String(m.selfMs).padStart(8)} ms  ${m.name}`),
    '  top functions by self time:',
    ...summary.functions.map((f) => `    ${pct(f.share)}  ${String(f.selfMs).padStart(8)} ms  ${f.name}`),
  ];
  return lines.join('\n');
}
