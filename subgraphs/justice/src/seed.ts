import type { DepartmentSeeder } from '@village-graph/shared';

/** Every village has a people's mediation committee (调解 is one of the four sub-committees, 100%). */
export const seed: DepartmentSeeder = (sqlite, world) => {
  const insert = sqlite.prepare('INSERT INTO mediation_committees (village_code, name, mediator_count, established_year) VALUES (?, ?, ?, ?)');
  for (const village of world.ruralVillages) {
    const random = world.random(`justice:mediation:${village.code}`);
    const villageName = village.name.replace(/(村民委员会|村委会)$/, '村');
    insert.run(village.code, `${villageName}人民调解委员会`, random.int(3, 7), random.int(1989, 2021));
  }
};
