import { ensureE2eDataset } from './harness.ts';

/** Generates the end-to-end dataset once per test run (reused when already present). */
export default async function setup(): Promise<void> {
  await ensureE2eDataset();
}
