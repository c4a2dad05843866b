import type { SqliteDatabase } from '@village-graph/shared';
import { fillRegionStatistics } from '../src/statistics.ts';

/**
 * A hand-made justice database for API tests: two townships of one county, three villages.
 *
 * Households and residents (civil affairs' keys): H1 = {R1, R2}, H2 = {R3}, H3 = {R4} in 永红村
 * (220112001201); H4 = {R5}, H5 = {R6} in 前进村 (220112001202); H6 = {R7}, H7 = {R8} in 双桥村
 * (220112002201, the other township).
 */
export const V1 = '220112001201';
export const V2 = '220112001202';
export const V3 = '220112002201';

export const DISPUTES = {
  D1: `${V1}-2021-001`, // LAND_CONTRACT, RESOLVED, R1(H1) v R3(H2), follow-up
  D2: `${V1}-2022-001`, // MARRIAGE_FAMILY, MEDIATING, R1(H1) v R2(H1)
  D3: `${V1}-2022-002`, // NEIGHBOUR, RECEIVED, R3(H2) v R4(H3), grid 002
  D4: `${V1}-2022-003`, // DAMAGES, REFERRED, R4(H3) v R1(H1)
  D5: `${V2}-2020-001`, // CONTRACT, FAILED, R5(H4) v R6(H5)
  D6: `${V3}-2022-001`, // LABOUR, MEDIATING, R7(H6) v R8(H7)
} as const;

export function fillFixture(sqlite: SqliteDatabase): void {
  const run = (sql: string, rows: unknown[][]) => {
    const statement = sqlite.prepare(sql);
    for (const row of rows) statement.run(...row);
  };
  run('INSERT INTO mediation_committees (village_code, name, mediator_count, established_year) VALUES (?, ?, ?, ?)', [
    [V1, '永红村人民调解委员会', 3, 1995],
    [V2, '前进村人民调解委员会', 3, 2001],
    [V3, '双桥村人民调解委员会', 4, 2010],
  ]);
  run('INSERT INTO mediators (id, village_code, name, role, appointed_year) VALUES (?, ?, ?, ?, ?)', [
    [`${V1}-M01`, V1, '王国华', 'CHAIR', 2015],
    [`${V1}-M02`, V1, '李丽', 'MEMBER', 2018],
    [`${V1}-M03`, V1, '张明', 'MEMBER', 2020],
    [`${V2}-M01`, V2, '刘建', 'CHAIR', 2012],
    [`${V2}-M02`, V2, '陈芳', 'MEMBER', 2019],
    [`${V2}-M03`, V2, '赵强', 'MEMBER', 2021],
    [`${V3}-M01`, V3, '孙玉', 'MEMBER', 2016],
    [`${V3}-M02`, V3, '周海', 'CHAIR', 2011],
    [`${V3}-M03`, V3, '吴兰', 'MEMBER', 2017],
    [`${V3}-M04`, V3, '郑刚', 'MEMBER', 2022],
  ]);
  run(
    `INSERT INTO disputes (id, village_code, grid_code, type, source, status, received_on, mediator_id, summary, closed_on,
      agreement_text, agreement_amount_yuan, referred_to, followed_up_on, follow_up_outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      [DISPUTES.D1, V1, `${V1}001`, 'LAND_CONTRACT', 'PARTY_APPLICATION', 'RESOLVED', '2021-04-02', `${V1}-M01`, '两户因承包地地界不清发生争议', '2021-04-20',
        '双方依据承包合同和确权证书重新确认地界', 2000, null, '2021-05-20', 'FULFILLED'],
      [DISPUTES.D2, V1, `${V1}001`, 'MARRIAGE_FAMILY', 'PROACTIVE_SCREENING', 'MEDIATING', '2022-11-03', `${V1}-M02`, '夫妻因家庭琐事发生矛盾', null, null, null, null, null, null],
      [DISPUTES.D3, V1, `${V1}002`, 'NEIGHBOUR', 'PARTY_APPLICATION', 'RECEIVED', '2022-12-20', null, '邻里因院墙排水问题发生争执', null, null, null, null, null, null],
      [DISPUTES.D4, V1, `${V1}002`, 'DAMAGES', 'REFERRED_BY_AGENCY', 'REFERRED', '2022-06-01', `${V1}-M03`, '因争执致人受伤发生赔偿争议', '2022-06-10', null, null, 'PEOPLES_COURT', null, null],
      [DISPUTES.D5, V2, `${V2}001`, 'CONTRACT', 'COURT_ENTRUSTED', 'FAILED', '2020-03-05', `${V2}-M01`, '因民间借贷到期未还发生争议', '2020-03-20', null, null, null, null, null],
      [DISPUTES.D6, V3, `${V3}001`, 'LABOUR', 'PARTY_APPLICATION', 'MEDIATING', '2022-10-10', `${V3}-M02`, '因务工工资被拖欠发生争议', null, null, null, null, null, null],
    ],
  );
  run('INSERT INTO dispute_parties (dispute_id, resident_id, household_id, role) VALUES (?, ?, ?, ?)', [
    [DISPUTES.D1, 'R1', 'H1', 'APPLICANT'], [DISPUTES.D1, 'R3', 'H2', 'RESPONDENT'],
    [DISPUTES.D2, 'R1', 'H1', 'APPLICANT'], [DISPUTES.D2, 'R2', 'H1', 'RESPONDENT'],
    [DISPUTES.D3, 'R3', 'H2', 'APPLICANT'], [DISPUTES.D3, 'R4', 'H3', 'RESPONDENT'],
    [DISPUTES.D4, 'R4', 'H3', 'APPLICANT'], [DISPUTES.D4, 'R1', 'H1', 'RESPONDENT'],
    [DISPUTES.D5, 'R5', 'H4', 'APPLICANT'], [DISPUTES.D5, 'R6', 'H5', 'RESPONDENT'],
    [DISPUTES.D6, 'R7', 'H6', 'APPLICANT'], [DISPUTES.D6, 'R8', 'H7', 'RESPONDENT'],
  ]);
  run('INSERT INTO legal_advisers (id, name, law_firm, county_code) VALUES (?, ?, ?, ?)', [
    ['LA220112-001', '尹文英', '吉林衡正律师事务所', '220112000000'],
    ['LA220112-002', '金明', '吉林正大律师事务所', '220112000000'],
  ]);
  run('INSERT INTO village_legal_advisers (village_code, adviser_id, contracted_year) VALUES (?, ?, ?)', [
    [V1, 'LA220112-001', 2018], [V2, 'LA220112-001', 2019], [V3, 'LA220112-002', 2020],
  ]);
  run('INSERT INTO legal_aid_contact_points (township_code, name, established_year) VALUES (?, ?, ?)', [
    ['220112001000', '太平镇法律援助联络点', 2012], ['220112002000', '平湖街道法律援助联络点', 2015],
  ]);
  run('INSERT INTO legal_aid_cases (id, village_code, township_code, resident_id, household_id, type, status, accepted_on, closed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    [`${V1}-A2021001`, V1, '220112001000', 'R1', 'H1', 'WAGE_ARREARS', 'CLOSED', '2021-02-01', '2021-05-01'],
    [`${V1}-A2022001`, V1, '220112001000', 'R1', 'H1', 'SUPPORT_PAYMENTS', 'IN_PROGRESS', '2022-10-01', null],
    [`${V1}-A2022002`, V1, '220112001000', 'R3', 'H2', 'TRAFFIC_ACCIDENT', 'IN_PROGRESS', '2022-11-15', null],
    [`${V3}-A2022001`, V3, '220112002000', 'R7', 'H6', 'WAGE_ARREARS', 'ACCEPTED', '2022-12-28', null],
  ]);
  run('INSERT INTO community_corrections (id, village_code, resident_id, household_id, type, status, starts_on, ends_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    [`${V1}-C001`, V1, 'R4', 'H3', 'PROBATION', 'ACTIVE', '2021-06-01', '2023-06-01'],
    [`${V3}-C001`, V3, 'R8', 'H7', 'PAROLE', 'COMPLETED', '2019-03-01', '2020-09-01'],
  ]);
  run('INSERT INTO post_release_placements (id, village_code, resident_id, household_id, released_on, assistance_ends_on, placement_status) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    [`${V2}-P001`, V2, 'R6', 'H5', '2020-05-01', '2025-05-01', 'PLACED'],
    [`${V3}-P001`, V3, 'R7', 'H6', '2022-11-01', '2027-11-01', 'PENDING'],
  ]);
  run('INSERT INTO rule_of_law_model_villages (village_code, level, year) VALUES (?, ?, ?)', [
    [V1, 'NATIONAL', 2019], [V3, 'MUNICIPAL', 2015],
  ]);
  fillRegionStatistics(sqlite);
}
