import type { Random } from '@village-graph/shared';

/** Common northern surnames, roughly by frequency. */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '于', '高', '徐', '马', '郭', '周', '吴', '朱', '姜', '崔', '金', '宋'] as const;
const MALE_GIVEN = ['建国', '志强', '永刚', '国庆', '德胜', '海涛', '明', '军', '伟', '宏伟', '立新', '春雷', '振华', '文学', '玉林'] as const;
const FEMALE_GIVEN = ['桂兰', '秀英', '丽华', '淑珍', '玉梅', '红霞', '艳', '敏', '静', '春燕', '晓梅', '凤霞', '雪梅', '丽娟', '海燕'] as const;

/** A village doctor's name (doctors are named staff of a clinic, not residents of the world). */
export const doctorName = (random: Random, sex: 'MALE' | 'FEMALE'): string =>
  random.pick(SURNAMES) + random.pick(sex === 'MALE' ? MALE_GIVEN : FEMALE_GIVEN);

/** Township name without an administrative suffix that would repeat in a team name. */
export const shortTownshipName = (name: string): string => name.replace(/(人民政府|街道办事处)$/, '');
