import type { Random } from '@village-graph/shared';

/** Common surnames of north-east China, roughly by frequency. */
export const HAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 90], ['李', 85], ['张', 80], ['刘', 70], ['赵', 40], ['孙', 38], ['杨', 35], ['于', 30], ['高', 28], ['徐', 25],
  ['陈', 25], ['马', 22], ['郭', 20], ['宋', 18], ['韩', 18], ['吴', 16], ['周', 16], ['曲', 14], ['姜', 14], ['崔', 12],
  ['董', 12], ['田', 12], ['冯', 10], ['曹', 10], ['孟', 10], ['鲁', 8], ['吕', 8], ['邢', 8], ['谭', 6], ['付', 8],
  ['何', 6], ['梁', 6], ['郑', 6], ['范', 6], ['唐', 5], ['许', 5], ['邹', 5], ['隋', 4], ['程', 5], ['侯', 5],
  ['白', 5], ['关', 5], ['佟', 4], ['那', 3], ['富', 3],
];

/** Korean (朝鲜族) surnames as written in Chinese. */
export const KOREAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['金', 60], ['李', 40], ['朴', 30], ['崔', 18], ['郑', 12], ['姜', 10], ['赵', 8], ['尹', 7], ['张', 6], ['韩', 6],
  ['申', 5], ['权', 5], ['许', 4], ['南', 3], ['玄', 3], ['全', 3], ['池', 3], ['黄', 3], ['安', 3], ['吴', 3],
];

/** Given names by generation: people are named in the fashion of the years they were born. */
const HAN_GIVEN: Record<'old' | 'middle' | 'young' | 'child', { MALE: readonly string[]; FEMALE: readonly string[] }> = {
  old: {
    MALE: ['德胜', '国庆', '建国', '福林', '玉林', '长海', '振东', '树林', '宝山', '春生', '广福', '占山', '志和', '永祥', '凤山', '德才', '万福', '庆余'],
    FEMALE: ['桂兰', '淑珍', '玉兰', '秀英', '凤琴', '桂芝', '素芬', '玉珍', '淑华', '秀兰', '凤霞', '桂荣', '玉芝', '淑兰', '翠花', '秀云'],
  },
  middle: {
    MALE: ['建华', '志强', '立军', '海涛', '国华', '春雷', '长春', '永生', '晓东', '红军', '卫东', '立新', '宏伟', '振华', '庆林', '德军', '喜军', '铁柱'],
    FEMALE: ['丽华', '春梅', '海燕', '秀梅', '艳华', '玉梅', '桂香', '丽娟', '红霞', '凤玲', '淑芬', '晓红', '丽萍', '金凤', '春燕', '艳玲'],
  },
  young: {
    MALE: ['伟', '磊', '强', '鹏', '超', '涛', '斌', '明', '刚', '浩', '鑫', '宇', '东旭', '俊杰', '海龙', '金龙', '佳明', '志远'],
    FEMALE: ['娜', '静', '敏', '丽', '艳', '娟', '婷', '雪', '莹', '丹', '欢', '晶晶', '雪梅', '佳琪', '思琪', '美玲'],
  },
  child: {
    MALE: ['浩然', '梓轩', '子豪', '宇航', '博文', '一鸣', '俊熙', '睿', '子墨', '皓轩', '天佑', '晨阳', '嘉懿', '铭泽'],
    FEMALE: ['欣怡', '雨桐', '梓涵', '一诺', '可馨', '思涵', '诗琪', '语嫣', '佳怡', '若汐', '紫萱', '梦瑶', '雨欣', '子琪'],
  },
};

const KOREAN_GIVEN: { MALE: readonly string[]; FEMALE: readonly string[] } = {
  MALE: ['英哲', '明浩', '成日', '永男', '光洙', '哲洙', '东日', '龙哲', '成浩', '正男', '俊秀', '在元', '昌浩', '学哲'],
  FEMALE: ['顺姬', '英子', '美玉', '贞淑', '京花', '春姬', '英淑', '明姬', '玉顺', '恩惠', '秀贤', '美兰', '善花', '真英'],
};

const generation = (birthYear: number) => (birthYear < 1956 ? 'old' : birthYear < 1976 ? 'middle' : birthYear < 2006 ? 'young' : 'child');

export function pickGivenName(random: Random, sex: 'MALE' | 'FEMALE', birthYear: number, korean: boolean): string {
  return random.pick(korean ? KOREAN_GIVEN[sex] : HAN_GIVEN[generation(birthYear)][sex]);
}

export function pickSurname(random: Random, korean: boolean): string {
  return random.weighted(korean ? KOREAN_SURNAMES : HAN_SURNAMES);
}
