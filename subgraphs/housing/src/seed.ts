import type { DepartmentSeeder } from '@village-graph/shared';

/** Garbage collection: ≥ 94% of villages covered (Jilin, end of 2022); uncovered villages have few bins and no vehicle. */
export const seed: DepartmentSeeder = (sqlite, world) => {
  const insert = sqlite.prepare(
    'INSERT INTO garbage_services (village_code, covered, bin_count, vehicle_count, collections_per_week) VALUES (?, ?, ?, ?, ?)',
  );
  for (const village of world.ruralVillages) {
    const random = world.random(`housing:garbage:${village.code}`);
    const covered = random.chance(0.945);
    insert.run(village.code, covered ? 1 : 0, covered ? random.int(60, 230) : random.int(0, 10), covered ? random.int(1, 5) : 0, covered ? random.int(1, 7) : 0);
  }
};
