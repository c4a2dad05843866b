import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file so it is right whatever the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where generated databases live by default (git-ignored). Overridable per process with DATA_DIR. */
export const defaultDataDir = path.join(repoRoot, 'data');
