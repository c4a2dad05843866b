import type { Random } from '@village-graph/shared';
import type { DisputeType } from '../db/schema.ts';

// Synthetic names and ledger phrases. Dispute summaries and agreements never name the parties: the
// parties are sensitive and are only ever referred to by key.

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '肖', '田', '董', '袁', '于', '蒋', '杜', '程', '苏',
  '魏', '吕', '丁', '任', '姚', '卢', '姜', '崔', '金', '石', '贾', '付', '白', '孟', '秦', '尹', '薛', '闫', '段', '侯',
];
const GIVEN = [
  '国', '建', '华', '明', '军', '伟', '强', '丽', '红', '霞', '英', '芳', '玉', '凤', '春', '秀', '志', '海', '永', '德',
  '福', '宝', '文', '立', '成', '洪', '桂', '兰', '淑', '云', '平', '刚', '亮', '杰', '彬', '新', '利', '东', '晶', '颖',
];
const FIRM_WORDS = ['正大', '衡正', '益民', '金诚', '博文', '德信', '长春', '中贤', '吉大', '松原', '天元', '鼎新', '弘德', '嘉和', '信达', '昊天'];

export const personName = (random: Random): string =>
  random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.7) ? random.pick(GIVEN) : '');

export const lawFirmName = (random: Random): string => `吉林${random.pick(FIRM_WORDS)}律师事务所`;

export const SUMMARIES: Record<DisputeType, readonly string[]> = {
  MARRIAGE_FAMILY: [
    '夫妻因家庭琐事及子女抚养问题发生矛盾',
    '子女之间因老人赡养费用分担发生争执',
    '家庭成员因分家析产发生纠纷',
    '夫妻因一方长期外出务工、感情不和发生矛盾',
    '亲属之间因父母遗产继承发生争议',
  ],
  NEIGHBOUR: [
    '邻里因院墙排水问题发生争执',
    '邻里因通行道路被占用发生矛盾',
    '邻里因家禽家畜毁损庄稼发生纠纷',
    '邻里因柴草堆放引发矛盾',
    '邻里因生活琐事发生口角',
  ],
  HOUSING_HOMESTEAD: [
    '两户因宅基地四至界限不清发生争议',
    '一方翻建房屋影响相邻房屋采光通风',
    '两户因房前屋后空地使用发生争执',
    '因房屋买卖后过户问题发生纠纷',
  ],
  LAND_CONTRACT: [
    '两户因承包地地界不清发生争议',
    '因土地流转费用支付发生纠纷',
    '因承包地确权面积不一致发生争执',
    '因林地、草地边界发生争议',
    '因承包地灌溉用水及机耕道发生纠纷',
  ],
  CONTRACT: ['因农资赊购欠款未还发生纠纷', '因民间借贷到期未还发生争议', '因农机作业费用结算发生纠纷', '因粮食买卖货款结算发生争执'],
  DAMAGES: ['因交通事故赔偿问题发生纠纷', '因饲养的犬只咬伤他人发生赔偿争议', '因施工损坏他人财物发生赔偿纠纷', '因争执致人受伤发生赔偿争议'],
  LABOUR: ['因务工工资被拖欠发生争议', '因务工期间受伤赔偿发生纠纷', '因季节性雇工报酬结算发生争执'],
  OTHER: ['因村内公共设施使用发生矛盾', '因赡养协议履行问题发生争执', '因集体收益分配发生意见分歧'],
};

export const AGREEMENTS: Record<DisputeType, readonly string[]> = {
  MARRIAGE_FAMILY: ['双方同意和好，互相体谅，共同承担家庭责任', '子女按约定每月分担老人赡养费用', '双方就财产分割和子女抚养达成一致'],
  NEIGHBOUR: ['双方互谅互让，恢复原有通行', '一方赔礼道歉并赔偿损失，双方和好', '双方约定共同修建排水沟'],
  HOUSING_HOMESTEAD: ['双方依据宅基地使用证确认界址', '一方调整建房方案，另一方不再主张权利'],
  LAND_CONTRACT: ['双方依据承包合同和确权证书重新确认地界', '一方按约定补付土地流转费', '双方约定按确权面积调整耕种范围'],
  CONTRACT: ['一方按约定分期偿还欠款', '双方核对账目后一次性结清'],
  DAMAGES: ['一方一次性赔偿医疗费等损失', '双方按责任比例分担损失'],
  LABOUR: ['雇主按约定结清拖欠工资', '雇主一次性支付医疗费和误工费'],
  OTHER: ['双方协商一致，矛盾化解'],
};

/** Share of agreements of each type that involve money, and its range in yuan. */
export const AGREEMENT_AMOUNTS: Record<DisputeType, readonly [share: number, min: number, max: number]> = {
  MARRIAGE_FAMILY: [0.3, 1_000, 20_000],
  NEIGHBOUR: [0.2, 100, 3_000],
  HOUSING_HOMESTEAD: [0.2, 500, 20_000],
  LAND_CONTRACT: [0.4, 300, 10_000],
  CONTRACT: [1, 2_000, 80_000],
  DAMAGES: [1, 500, 50_000],
  LABOUR: [1, 1_000, 40_000],
  OTHER: [0.1, 200, 5_000],
};
