import type { DepartmentSeeder } from '@village-graph/shared';
import { COOPERATIVE_TYPES } from './db/schema.ts';

const NAME_WORDS = ['丰收', '兴农', '绿源', '金穗', '福民', '鑫达', '宏盛', '惠农', '沃土', '益民', '长兴', '鸿运'];
const TYPE_WORDS: Record<(typeof COOPERATIVE_TYPES)[number], string> = {
  PLANTING: '种植', LIVESTOCK: '养殖', FISHERY: '稻渔', MACHINERY: '农机', TOURISM: '休闲农业', PROCESSING: '农产品加工',
};

/** Cooperatives: Jilin has roughly 8 per village; about one in ten is a rated model cooperative. */
export const seed: DepartmentSeeder = (sqlite, world) => {
  const insert = sqlite.prepare(
    'INSERT INTO cooperatives (id, village_code, name, type, member_count, is_model_cooperative) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const village of world.ruralVillages) {
    const random = world.random(`agriculture:cooperatives:${village.code}`);
    const villageName = village.name.replace(/(村民委员会|村委会)$/, '');
    const count = random.int(2, 14);
    for (let i = 1; i <= count; i++) {
      const type = random.weighted([['PLANTING', 50], ['LIVESTOCK', 22], ['FISHERY', 6], ['MACHINERY', 12], ['TOURISM', 4], ['PROCESSING', 6]] as const);
      const name = `${villageName}${random.pick(NAME_WORDS)}${TYPE_WORDS[type]}专业合作社`;
      insert.run(`${village.code}-C${String(i).padStart(2, '0')}`, village.code, name, type, random.int(5, 120), random.chance(0.1) ? 1 : 0);
    }
  }
};
