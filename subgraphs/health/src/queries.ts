import { createAccessLog, createSmallCellGuard, createSubtreeRollup, subtreeRange, type SqliteDatabase } from '@village-graph/shared';
import { MANAGED_CONDITIONS, type ChronicCondition } from './db/schema.ts';
import { STATISTICS_COLUMNS } from './seeding/rollup.ts';
import { DISCLOSURE_CELLS } from './statistics.ts';

/*
 * Every statement the subgraph runs, prepared once per process. Keyed statements take the whole
 * key list as ONE JSON parameter (`json_each(@keys)`), so a DataLoader batch of any size is one
 * statement; region lists take a code range and walk the `(village_code, resident_id)` indexes in
 * order, so a page costs the page, not the region.
 */

export interface ClinicRow {
  villageCode: string;
  name: string;
  standardized: boolean;
  areaSquareMeters: number;
  doctorCount: number;
}
export interface DoctorRow {
  id: string;
  villageCode: string;
  name: string;
  sex: 'MALE' | 'FEMALE';
  age: number;
  qualification: string;
}
export interface TeamRow {
  id: string;
  townshipCode: string;
  name: string;
  memberCount: number;
}
export interface CommitteeRow {
  villageCode: string;
  establishedOn: string;
  memberCount: number;
  villageDoctorIsMember: boolean;
}
export interface HealthRecordRow {
  residentId: string;
  householdId: string;
  villageCode: string;
  establishedOn: string;
  bloodType: string;
  allergies: string[];
}
export interface ConditionRow {
  residentId: string;
  condition: ChronicCondition;
}
export interface FollowUpRow {
  id: number;
  residentId: string;
  condition: string;
  visitedOn: string;
  method: string;
  doctorId: string | null;
  systolicPressure: number | null;
  diastolicPressure: number | null;
  fastingGlucose: number | null;
}
/** Follow-up records of one resident for one condition in a date range. */
export interface FollowUpStatRow {
  residentId: string;
  condition: string;
  count: number;
  lastVisitedOn: string;
}
export interface MentalHealthRow {
  residentId: string;
  householdId: string;
  villageCode: string;
  diagnosis: string;
  riskGrade: number;
  registeredOn: string;
  lastVisitOn: string | null;
  nextVisitDue: string;
}
export interface ElderlyCareRow {
  residentId: string;
  householdId: string;
  villageCode: string;
  dependencyLevel: string;
  lastCheckOn: string | null;
}
export interface ContractRow {
  residentId: string;
  householdId: string;
  villageCode: string;
  teamId: string;
  teamName: string;
  doctorId: string | null;
  signedOn: string;
  keyPopulation: boolean;
}
export interface ChronicPatientRow {
  residentId: string;
  villageCode: string;
}

/** A resident-keyed list position: rows sort by village code, then resident id. */
export interface ResidentCursor {
  villageCode: string;
  residentId: string;
}

const KEYS = 'SELECT value FROM json_each(@keys)';
const MANAGED = MANAGED_CONDITIONS.map((c) => `'${c}'`).join(',');

/** Range and cursor bounds for a resident-keyed region list. */
const RESIDENT_PAGE = (alias: string) =>
  `${alias}.village_code BETWEEN @low AND @high
   AND (@afterResident IS NULL OR ${alias}.village_code > @afterVillage OR ${alias}.resident_id > @afterResident)`;

const bool = (value: unknown) => value === 1 || value === true;

const COLUMNS = {
  clinic: 'village_code AS villageCode, name, standardized, area_square_meters AS areaSquareMeters, doctor_count AS doctorCount',
  doctor: 'id, village_code AS villageCode, name, sex, age, qualification',
  team: 'id, township_code AS townshipCode, name, member_count AS memberCount',
  committee: 'village_code AS villageCode, established_on AS establishedOn, member_count AS memberCount, village_doctor_is_member AS villageDoctorIsMember',
  record: 'resident_id AS residentId, household_id AS householdId, village_code AS villageCode, established_on AS establishedOn, blood_type AS bloodType, allergies',
  followUp: `id, resident_id AS residentId, condition, visited_on AS visitedOn, method, doctor_id AS doctorId,
             systolic_pressure AS systolicPressure, diastolic_pressure AS diastolicPressure, fasting_glucose AS fastingGlucose`,
  mental: `resident_id AS residentId, household_id AS householdId, village_code AS villageCode, diagnosis, risk_grade AS riskGrade,
           registered_on AS registeredOn, last_visit_on AS lastVisitOn, next_visit_due AS nextVisitDue`,
  elderly: 'resident_id AS residentId, household_id AS householdId, village_code AS villageCode, dependency_level AS dependencyLevel, last_check_on AS lastCheckOn',
  contract: `c.resident_id AS residentId, c.household_id AS householdId, c.village_code AS villageCode, c.team_id AS teamId, t.name AS teamName,
             c.doctor_id AS doctorId, c.signed_on AS signedOn, c.key_population AS keyPopulation`,
};

const toClinic = (r: Record<string, unknown>): ClinicRow => ({ ...(r as unknown as ClinicRow), standardized: bool(r.standardized) });
const toCommittee = (r: Record<string, unknown>): CommitteeRow => ({ ...(r as unknown as CommitteeRow), villageDoctorIsMember: bool(r.villageDoctorIsMember) });
const toRecord = (r: Record<string, unknown>): HealthRecordRow => ({ ...(r as unknown as HealthRecordRow), allergies: JSON.parse(r.allergies as string) as string[] });
const toContract = (r: Record<string, unknown>): ContractRow => ({ ...(r as unknown as ContractRow), keyPopulation: bool(r.keyPopulation) });

/** Bounds of a region list page: the region's code range narrowed to start at the cursor. */
function residentPageParams(region: string, after: ResidentCursor | null, limit: number) {
  const { low, high } = subtreeRange(region);
  return {
    low: after && after.villageCode > low ? after.villageCode : low,
    high,
    afterVillage: after?.villageCode ?? null,
    afterResident: after?.residentId ?? null,
    limit,
  };
}

export function createQueries(sqlite: SqliteDatabase) {
  const keyed = (sql: string) => {
    const statement = sqlite.prepare(sql);
    return (keys: readonly (string | number)[], extra: Record<string, unknown> = {}) =>
      statement.all({ keys: JSON.stringify(keys), ...extra }) as Record<string, unknown>[];
  };

  const statements = {
    clinics: keyed(`SELECT ${COLUMNS.clinic} FROM village_clinics WHERE village_code IN (${KEYS})`),
    doctorsByVillage: keyed(`SELECT ${COLUMNS.doctor} FROM village_doctors WHERE village_code IN (${KEYS}) ORDER BY id`),
    doctorsById: keyed(`SELECT ${COLUMNS.doctor} FROM village_doctors WHERE id IN (${KEYS})`),
    teams: keyed(`SELECT ${COLUMNS.team} FROM family_doctor_teams WHERE id IN (${KEYS})`),
    committees: keyed(`SELECT ${COLUMNS.committee} FROM public_health_committees WHERE village_code IN (${KEYS})`),
    records: keyed(`SELECT ${COLUMNS.record} FROM health_records WHERE resident_id IN (${KEYS})`),
    conditions: keyed(`SELECT resident_id AS residentId, condition FROM chronic_conditions WHERE resident_id IN (${KEYS})`),
    mental: keyed(`SELECT ${COLUMNS.mental} FROM mental_health_patients WHERE resident_id IN (${KEYS})`),
    elderly: keyed(`SELECT ${COLUMNS.elderly} FROM elderly_care WHERE resident_id IN (${KEYS})`),
    contracts: keyed(
      `SELECT ${COLUMNS.contract} FROM family_doctor_contracts c JOIN family_doctor_teams t ON t.id = c.team_id WHERE c.resident_id IN (${KEYS})`,
    ),
    householdsWithContract: keyed(`SELECT DISTINCT household_id AS householdId FROM family_doctor_contracts WHERE household_id IN (${KEYS})`),
    // Where a household lives, as far as health knows (from its members' records): for row scoping.
    householdVillages: keyed(
      `SELECT household_id AS householdId, min(village_code) AS villageCode FROM health_records WHERE household_id IN (${KEYS}) GROUP BY household_id`,
    ),
    followUpStats: keyed(
      `SELECT resident_id AS residentId, condition, count(*) AS count, max(visited_on) AS lastVisitedOn
       FROM chronic_follow_ups
       WHERE resident_id IN (${KEYS}) AND (@from IS NULL OR visited_on >= @from) AND (@to IS NULL OR visited_on <= @to)
       GROUP BY resident_id, condition`,
    ),
    // Per-resident pages for many residents at once: ranked per resident with a window function.
    followUpPages: keyed(
      `SELECT * FROM (
         SELECT ${COLUMNS.followUp}, row_number() OVER (PARTITION BY resident_id ORDER BY visited_on, id) AS _rank
         FROM chronic_follow_ups
         WHERE resident_id IN (${KEYS}) AND (@from IS NULL OR visited_on >= @from) AND (@to IS NULL OR visited_on <= @to)
           AND (@afterDate IS NULL OR visited_on > @afterDate OR (visited_on = @afterDate AND id > @afterId))
       ) WHERE _rank <= @limit ORDER BY residentId, visitedOn, id`,
    ),

    mentalDuePage: sqlite.prepare(
      `SELECT ${COLUMNS.mental} FROM mental_health_patients m
       WHERE ${RESIDENT_PAGE('m')} AND m.next_visit_due <= @asOf AND (@minRiskGrade IS NULL OR m.risk_grade >= @minRiskGrade)
       ORDER BY m.village_code, m.resident_id LIMIT @limit`,
    ),
    mentalDueCount: sqlite.prepare(
      `SELECT count(*) AS n FROM mental_health_patients m
       WHERE m.village_code BETWEEN @low AND @high AND m.next_visit_due <= @asOf AND (@minRiskGrade IS NULL OR m.risk_grade >= @minRiskGrade)`,
    ),
    elderlyOverduePage: sqlite.prepare(
      `SELECT ${COLUMNS.elderly} FROM elderly_care e
       WHERE ${RESIDENT_PAGE('e')} AND (e.last_check_on IS NULL OR e.last_check_on <= @cutoff)
         AND (@dependencyLevel IS NULL OR e.dependency_level = @dependencyLevel)
       ORDER BY e.village_code, e.resident_id LIMIT @limit`,
    ),
    elderlyOverdueCount: sqlite.prepare(
      `SELECT count(*) AS n FROM elderly_care e
       WHERE e.village_code BETWEEN @low AND @high AND (e.last_check_on IS NULL OR e.last_check_on <= @cutoff)
         AND (@dependencyLevel IS NULL OR e.dependency_level = @dependencyLevel)`,
    ),
    chronicPatientPage: sqlite.prepare(
      `SELECT c.village_code AS villageCode, c.resident_id AS residentId FROM chronic_conditions c
       WHERE ${RESIDENT_PAGE('c')}
         AND CASE WHEN @condition IS NULL THEN c.condition IN (${MANAGED}) ELSE c.condition = @condition END
       GROUP BY c.village_code, c.resident_id ORDER BY c.village_code, c.resident_id LIMIT @limit`,
    ),
    chronicPatientCount: sqlite.prepare(
      `SELECT count(*) AS n FROM (
         SELECT 1 FROM chronic_conditions c
         WHERE c.village_code BETWEEN @low AND @high
           AND CASE WHEN @condition IS NULL THEN c.condition IN (${MANAGED}) ELSE c.condition = @condition END
         GROUP BY c.village_code, c.resident_id)`,
    ),
    contractPage: sqlite.prepare(
      `SELECT ${COLUMNS.contract} FROM family_doctor_contracts c JOIN family_doctor_teams t ON t.id = c.team_id
       WHERE ${RESIDENT_PAGE('c')}
         AND (@from IS NULL OR c.signed_on >= @from) AND (@to IS NULL OR c.signed_on <= @to)
         AND (@keyPopulation IS NULL OR c.key_population = @keyPopulation)
       ORDER BY c.village_code, c.resident_id LIMIT @limit`,
    ),
    contractCount: sqlite.prepare(
      `SELECT count(*) AS n FROM family_doctor_contracts c
       WHERE c.village_code BETWEEN @low AND @high
         AND (@from IS NULL OR c.signed_on >= @from) AND (@to IS NULL OR c.signed_on <= @to)
         AND (@keyPopulation IS NULL OR c.key_population = @keyPopulation)`,
    ),
    doctorPage: sqlite.prepare(
      `SELECT ${COLUMNS.doctor} FROM village_doctors
       WHERE village_code BETWEEN @low AND @high AND (@after IS NULL OR id > @after)
         AND (@qualification IS NULL OR qualification = @qualification)
       ORDER BY id LIMIT @limit`,
    ),
    doctorCount: sqlite.prepare(
      `SELECT count(*) AS n FROM village_doctors
       WHERE village_code BETWEEN @low AND @high AND (@qualification IS NULL OR qualification = @qualification)`,
    ),
  };

  const statistics = createSubtreeRollup(sqlite, { table: 'region_statistics', regionColumn: 'region_code', columns: STATISTICS_COLUMNS });
  // Small-cell suppression looks at every count of people and at what subtraction reveals (the view).
  const smallCells = createSmallCellGuard(sqlite, { table: 'region_disclosure_cells', regionColumn: 'region_code', columns: DISCLOSURE_CELLS });
  const accessLog = createAccessLog(sqlite);
  const count = (statement: { get(params: unknown): unknown }, params: Record<string, unknown>) => (statement.get(params) as { n: number }).n;

  return {
    clinics: (codes: readonly string[]) => statements.clinics(codes).map(toClinic),
    doctorsByVillage: (codes: readonly string[]) => statements.doctorsByVillage(codes) as unknown as DoctorRow[],
    doctorsById: (ids: readonly string[]) => statements.doctorsById(ids) as unknown as DoctorRow[],
    teams: (ids: readonly string[]) => statements.teams(ids) as unknown as TeamRow[],
    committees: (codes: readonly string[]) => statements.committees(codes).map(toCommittee),
    records: (ids: readonly string[]) => statements.records(ids).map(toRecord),
    conditions: (ids: readonly string[]) => statements.conditions(ids) as unknown as ConditionRow[],
    mental: (ids: readonly string[]) => statements.mental(ids) as unknown as MentalHealthRow[],
    elderly: (ids: readonly string[]) => statements.elderly(ids) as unknown as ElderlyCareRow[],
    contracts: (ids: readonly string[]) => statements.contracts(ids).map(toContract),
    householdsWithContract: (ids: readonly string[]) => statements.householdsWithContract(ids).map((r) => r.householdId as string),
    householdVillages: (ids: readonly string[]) => statements.householdVillages(ids) as { householdId: string; villageCode: string }[],
    /** The access log's entries about these residents or households, oldest first per subject (one statement). */
    accessLogEntries: (subjectIds: readonly string[]) => accessLog.entriesFor(subjectIds),
    followUpStats: (ids: readonly string[], from: string | null, to: string | null) =>
      statements.followUpStats(ids, { from, to }) as unknown as FollowUpStatRow[],
    followUpPages: (ids: readonly string[], range: { from: string | null; to: string | null }, limit: number, after: { visitedOn: string; id: number } | null) =>
      statements.followUpPages(ids, { ...range, limit, afterDate: after?.visitedOn ?? null, afterId: after?.id ?? null }) as unknown as (FollowUpRow & { _rank: number })[],

    /** Column sums of `region_statistics` per region subtree. */
    statistics: (codes: readonly string[]) => statistics.sums(codes),
    /** Cells to withhold per region for callers who see statistics with small cells suppressed (one statement). */
    suppressedCells: (codes: readonly string[]) => smallCells.suppressed(codes),

    mentalDue(region: string, filter: { asOf: string; minRiskGrade: number | null }, after: ResidentCursor | null, limit: number) {
      const params = { ...residentPageParams(region, after, limit), ...filter };
      return { rows: statements.mentalDuePage.all(params) as MentalHealthRow[], total: () => count(statements.mentalDueCount, { ...params, ...subtreeRange(region) }) };
    },
    elderlyOverdue(region: string, filter: { cutoff: string; dependencyLevel: string | null }, after: ResidentCursor | null, limit: number) {
      const params = { ...residentPageParams(region, after, limit), ...filter };
      return { rows: statements.elderlyOverduePage.all(params) as ElderlyCareRow[], total: () => count(statements.elderlyOverdueCount, { ...params, ...subtreeRange(region) }) };
    },
    chronicPatients(region: string, filter: { condition: string | null }, after: ResidentCursor | null, limit: number) {
      const params = { ...residentPageParams(region, after, limit), ...filter };
      return { rows: statements.chronicPatientPage.all(params) as ChronicPatientRow[], total: () => count(statements.chronicPatientCount, { ...params, ...subtreeRange(region) }) };
    },
    contractList(region: string, filter: { from: string | null; to: string | null; keyPopulation: boolean | null }, after: ResidentCursor | null, limit: number) {
      const keyPopulation = filter.keyPopulation == null ? null : filter.keyPopulation ? 1 : 0;
      const params = { ...residentPageParams(region, after, limit), ...filter, keyPopulation };
      return {
        rows: (statements.contractPage.all(params) as Record<string, unknown>[]).map(toContract),
        total: () => count(statements.contractCount, { ...params, ...subtreeRange(region) }),
      };
    },
    doctorList(region: string, filter: { qualification: string | null }, after: string | null, limit: number) {
      const params = { ...subtreeRange(region), ...filter, after, limit };
      return { rows: statements.doctorPage.all(params) as DoctorRow[], total: () => count(statements.doctorCount, params) };
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
