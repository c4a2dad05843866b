import type { DepartmentSeeder } from '@village-graph/shared';

/**
 * Village clinics: nearly every rural village has one (the provincial target is full coverage);
 * most are standardised (≥ 60 m², separate consulting, treatment and pharmacy rooms).
 */
export const seed: DepartmentSeeder = (sqlite, world) => {
  const insert = sqlite.prepare(
    'INSERT INTO village_clinics (village_code, name, standardized, area_square_meters, doctor_count) VALUES (?, ?, ?, ?, ?)',
  );
  for (const village of world.ruralVillages) {
    const random = world.random(`health:clinic:${village.code}`);
    if (!random.chance(0.97)) continue;
    const standardized = random.chance(0.88);
    const area = standardized ? random.int(60, 160) : random.int(25, 59);
    const villageName = village.name.replace(/(村民委员会|村委会)$/, '村');
    insert.run(village.code, `${villageName}卫生室`, standardized ? 1 : 0, area, random.weighted([[1, 45], [2, 40], [3, 15]] as const));
  }
};
