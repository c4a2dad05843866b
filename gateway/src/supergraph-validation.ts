import { Worker } from 'node:worker_threads';
import { subgraphsOf } from './supergraph-source.ts';

const worker = new URL('./supergraph-validation-worker.mjs', import.meta.url);

/** Past this, a validation is abandoned and the supergraph rejected. */
const VALIDATION_TIMEOUT_MS = 60_000;

/**
 * Everything the gateway will do with a supergraph before serving it: parse it, find a URL for
 * every subgraph (`urlOf` throws when there is none), and — on a worker thread, so the requests
 * being served do not wait — build its schemas and a query planner on a throwaway gateway. A
 * supergraph that passes can be swapped in without leaving the serving gateway half-updated.
 */
export async function validateSupergraph(supergraphSdl: string, urlOf: (name: string, url: string | undefined) => string): Promise<void> {
  for (const { name, url } of subgraphsOf(supergraphSdl)) urlOf(name, url);
  const thread = new Worker(worker, { workerData: { supergraphSdl } });
  try {
    const outcome = await new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`validation took longer than ${VALIDATION_TIMEOUT_MS} ms`)), VALIDATION_TIMEOUT_MS);
      thread.once('message', (message: { ok: boolean; error?: string }) => {
        clearTimeout(timer);
        resolve(message);
      });
      thread.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      thread.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`validation worker exited with code ${code}`));
      });
    });
    if (!outcome.ok) throw new Error(outcome.error ?? 'invalid supergraph');
  } finally {
    await thread.terminate();
  }
}
