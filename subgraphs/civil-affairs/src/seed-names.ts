import type { Random, Sex } from '@village-graph/shared';

/**
 * Names for the people civil affairs appoints (committee members, grid workers, child directors and
 * supervisors): these posts are full-count facts, independent of the world's scaled residents.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 90], ['李', 85], ['张', 80], ['刘', 70], ['赵', 40], ['孙', 38], ['杨', 35], ['于', 30], ['高', 28], ['徐', 25],
  ['陈', 25], ['马', 22], ['郭', 20], ['宋', 18], ['韩', 18], ['吴', 16], ['周', 16], ['曲', 14], ['姜', 14], ['崔', 12],
  ['金', 10], ['朴', 6], ['董', 12], ['田', 12], ['冯', 10], ['曹', 10], ['孟', 10], ['吕', 8], ['付', 8], ['关', 5],
];
const MALE = ['国', '建', '志', '明', '伟', '海', '军', '强', '东', '春', '宝', '忠', '长', '福', '文', '永', '庆', '德', '学', '立', '成', '刚', '峰', '鹏', '磊'];
const FEMALE = ['秀', '丽', '红', '艳', '玉', '凤', '霞', '梅', '兰', '英', '静', '敏', '芳', '娟', '华', '杰', '淑', '春', '燕', '晶', '雪', '颖', '萍', '琳', '莉'];

export function personName(random: Random, sex: Sex): string {
  const chars = sex === 'MALE' ? MALE : FEMALE;
  const given = random.chance(0.7) ? random.pick(chars) + random.pick(chars) : random.pick(chars);
  return random.weighted(SURNAMES) + given;
}

/** `永红村委会` → `永红村`: the short name villagers use. */
export function villageShortName(name: string): string {
  return name.replace(/(村民委员会|村委会|委员会)$/, '').replace(/([^村])$/, '$1村');
}
