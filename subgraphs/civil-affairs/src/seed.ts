import type { DepartmentSeeder } from '@village-graph/shared';

/** Writes the real region tree: civil affairs is its only source. */
export const seed: DepartmentSeeder = (sqlite, world) => {
  const insert = sqlite.prepare('INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)');
  for (const r of world.regions) insert.run(r.code, r.name, r.level, r.parentCode);
};
