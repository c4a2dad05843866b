import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (`traceparent: 00-<trace-id>-<parent-id>-<flags>`), just enough to carry a
 * caller's trace through the graph: read it, log its trace id, and pass it on to each department
 * with a fresh parent id for the hop.
 */
export interface TraceParent {
  traceId: string;
  parentId: string;
  flags: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The parsed header, or undefined when it is absent or malformed (then it is ignored, not an error). */
export function parseTraceparent(value: string | string[] | null | undefined): TraceParent | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return undefined;
  const [, traceId, parentId, flags] = match as unknown as [string, string, string, string];
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

/** The header to send downstream: same trace and flags, a new parent id for this hop. */
export function childTraceparent(parent: TraceParent): string {
  return `00-${parent.traceId}-${randomBytes(8).toString('hex')}-${parent.flags}`;
}
