import type { SqliteDatabase } from '@village-graph/shared';
import { fillRegionStatistics } from '../src/statistics.ts';

/**
 * A hand-built slice of 双阳区 (220112) and one village of another county (220212):
 *
 * 220112001201  D00001 A (H01) · D00002 D (H02, main) + R00001 IN_PROGRESS · D00003 C (H02, old house) · D00004 C (H03) + R00002 APPLIED
 * 220112001200  D00001 C (H04)
 * 220112002200  D00001 A (H05) + R00001 COMPLETED (rebuilt)
 * 220212001200  D00001 D (H06) + R00001 REJECTED
 */
export const H = (n: number) => `H${String(n).padStart(16, '0')}`;

export function fill(sqlite: SqliteDatabase) {
  const garbage = sqlite.prepare('INSERT INTO garbage_services (village_code, covered, bin_count, vehicle_count, collections_per_week) VALUES (?, ?, ?, ?, ?)');
  garbage.run('220112001201', 1, 120, 2, 3);
  garbage.run('220112001200', 0, 4, 0, 0);
  garbage.run('220112002200', 1, 80, 1, 2);
  garbage.run('220212001200', 1, 150, 3, 7);

  const sewage = sqlite.prepare(
    'INSERT INTO sewage_facilities (village_code, has_facility, facility_type, capacity_cubic_meters_per_day, commissioned_year, working) VALUES (?, ?, ?, ?, ?, ?)',
  );
  sewage.run('220112001201', 1, 'VILLAGE_STATION', 50, 2019, 1);
  sewage.run('220112001200', 0, null, null, null, 0);
  sewage.run('220112002200', 1, 'CONSTRUCTED_WETLAND', 30, 2017, 0);
  sewage.run('220212001200', 1, 'TOWN_NETWORK', 120, 2020, 1);

  const appearance = sqlite.prepare('INSERT INTO village_appearances (village_code, greening_rate, clean_village_status, inspected_on) VALUES (?, ?, ?, ?)');
  appearance.run('220112001201', 0.32, 'MODEL', '2022-09-01');
  appearance.run('220112001200', 0.2, 'IN_PROGRESS', '2022-08-15');
  appearance.run('220112002200', 0.28, 'PASSED', '2022-10-10');
  appearance.run('220212001200', 0.4, 'FAILED', '2022-06-30');

  const dwelling = sqlite.prepare(
    `INSERT INTO dwellings (id, household_id, village_code, grid_code, is_main, structure, build_year, floor_area_square_meters, safety_grade, assessed_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  dwelling.run('220112001201-D00001', H(1), '220112001201', '220112001201001', 1, 'BRICK_CONCRETE', 2010, 120.5, 'A', '2021-05-01');
  dwelling.run('220112001201-D00002', H(2), '220112001201', '220112001201001', 1, 'EARTH_WOOD', 1975, 60, 'D', '2021-06-01');
  dwelling.run('220112001201-D00003', H(2), '220112001201', '220112001201001', 0, 'BRICK_WOOD', 1985, 50, 'C', '2021-06-01');
  dwelling.run('220112001201-D00004', H(3), '220112001201', '220112001201002', 1, 'BRICK_WOOD', 1988, 75, 'C', '2022-10-20');
  dwelling.run('220112001200-D00001', H(4), '220112001200', '220112001200001', 1, 'EARTH_WOOD', 1970, 55, 'C', '2021-07-01');
  dwelling.run('220112002200-D00001', H(5), '220112002200', '220112002200001', 1, 'STEEL_FRAME', 2021, 60, 'A', '2021-08-01');
  dwelling.run('220212001200-D00001', H(6), '220212001200', '220212001200001', 1, 'BRICK_WOOD', 1990, 70, 'D', '2022-01-10');

  const application = sqlite.prepare(
    `INSERT INTO renovation_applications (id, dwelling_id, household_id, village_code, grid_code, priority_group, grade_at_application, method, status,
       subsidy_yuan, applied_on, decided_on, completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  application.run('220112001201-R00001', '220112001201-D00002', H(2), '220112001201', '220112001201001', 'POVERTY_MONITORED', 'D', 'REBUILD', 'IN_PROGRESS', 40000, '2022-03-01', '2022-04-01', null);
  application.run('220112001201-R00002', '220112001201-D00004', H(3), '220112001201', '220112001201002', 'SUBSISTENCE_ALLOWANCE', 'C', 'REPAIR', 'APPLIED', null, '2022-11-15', null, null);
  application.run('220112002200-R00001', '220112002200-D00001', H(5), '220112002200', '220112002200001', 'EXTREME_POVERTY', 'D', 'REBUILD', 'COMPLETED', 42000, '2020-05-01', '2020-06-01', '2021-08-01');
  application.run('220212001200-R00001', '220212001200-D00001', H(6), '220212001200', '220212001200001', 'LOW_INCOME_MARGINAL', 'D', 'REPAIR', 'REJECTED', null, '2022-06-01', '2022-07-01', null);

  const station = sqlite.prepare('INSERT INTO transfer_stations (id, township_code, name, capacity_tons_per_day, commissioned_year) VALUES (?, ?, ?, ?, ?)');
  station.run('220112001000-T1', '220112001000', '云山街道生活垃圾中转站', 20, 2016);
  station.run('220112002000-T1', '220112002000', '平湖街道生活垃圾中转站', 12.5, 2018);
  station.run('220212001000-T1', '220212001000', '其他镇生活垃圾中转站', 30, 2020);

  fillRegionStatistics(sqlite);
}
