import type { SeedWorld, WorldHousehold, WorldResident } from '@village-graph/shared';
import { createTestSubgraph, type TestSubgraph } from '@village-graph/shared/testing';
import { health } from '../src/subgraph.ts';
import { seed } from '../src/seed.ts';
import { ageOn } from '../src/dates.ts';
import { createFakeWorld } from './fake-world.ts';

export interface Person {
  resident: WorldResident;
  household: WorldHousehold;
  villageCode: string;
  age: number;
}

/** Everyone in the fake world, in village then household order. */
export function peopleOf(world: SeedWorld): Person[] {
  const people: Person[] = [];
  for (const village of world.villages()) {
    for (const household of village.households) {
      for (const resident of household.members) {
        people.push({ resident, household, villageCode: village.region.code, age: ageOn(resident.birthDate, world.asOf) });
      }
    }
  }
  return people;
}

/** The health subgraph over an in-memory database seeded from the fake world. */
export async function createSeededSubgraph(world: SeedWorld = createFakeWorld()): Promise<TestSubgraph> {
  return createTestSubgraph(health, (sqlite) => sqlite.transaction(() => seed(sqlite, world))());
}

type Rows = Record<string, unknown>[];
export const all = (subgraph: TestSubgraph, sql: string, ...params: unknown[]): Rows => subgraph.sqlite.prepare(sql).all(...params) as Rows;
export const one = <T = number>(subgraph: TestSubgraph, sql: string, ...params: unknown[]): T =>
  Object.values(subgraph.sqlite.prepare(sql).get(...params) as Record<string, unknown>)[0] as T;

/** The GraphQL error's extensions (first error), for bad-input assertions. */
export const firstErrorExtensions = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions;

/**
 * Statements the runtime runs at the end of a request that served sensitive fields, to append its
 * access-log entries (all of them in one INSERT): BEGIN, read the last hash, INSERT, COMMIT.
 * Constant whatever the number of entries.
 */
export const ACCESS_LOG_APPEND = 4;
