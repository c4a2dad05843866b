import type { Identity } from '../auth/claims.ts';
import type { AccessEntry, AccessLog } from './access-log.ts';

/**
 * Collects, during one request, which sensitive fields of which residents a department served,
 * and appends them to the department's access log when the request ends — one entry per resident
 * with every field read, in one statement. Resolvers of sensitive personal fields call `read`.
 */
export interface AccessRecorder {
  /** Notes that `fields` of resident `residentId` are being returned to the caller. */
  read(residentId: string, fields: readonly string[]): void;
  /** Writes what was noted (called by the subgraph runtime at the end of the request). */
  flush(): void;
}

export function createAccessRecorder(log: AccessLog, identity: Identity, now: () => Date = () => new Date()): AccessRecorder {
  const reads = new Map<string, Set<string>>();
  return {
    read(residentId, fields) {
      const set = reads.get(residentId) ?? new Set<string>();
      for (const field of fields) set.add(field);
      reads.set(residentId, set);
    },
    flush() {
      if (reads.size === 0) return;
      const at = now().toISOString();
      const entries: AccessEntry[] = [...reads].map(([residentId, fields]) => ({
        at,
        requestId: identity.requestId,
        actor: identity.subject,
        role: identity.role,
        purpose: identity.purpose,
        caseReference: identity.caseReference,
        residentId,
        fields: [...fields].sort(),
      }));
      reads.clear();
      log.append(entries);
    },
  };
}
