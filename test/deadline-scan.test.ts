import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { createDataSource, databaseUrl, type CampaignLaunchedV1, type EventPayloads } from '@thidua/common';
import { prepareDatabases } from '../infra/databases';
import { scanDeadlines } from '../services/notification/src/application/deadlines';
import { recordCampaign, recordEnrollment, recordReportedPeriod } from '../services/notification/src/application/references';

/**
 * The deadline scan's reading of reports, on the real PostgreSQL (a database of this file's own): whatever weeks a
 * unit reported, late or early, heard in any order, before or after its enrolment, the scan finds it
 * overdue exactly when the last complete week has no report, and due soon exactly when the current week has none.
 * The scan decides most by the enrolment's latest reported week and looks up the reports of only those that reported
 * a later week already (benchmark 8): this checks both paths against a plain reading of the reports.
 */
const SUFFIX = '_scan_property';
const TODAY = '2026-12-02'; // a Wednesday: the current week is 30/11–06/12, the last complete one 23/11–29/11
const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'];
const LAST_COMPLETE = '2026-11-23';
const CURRENT = '2026-11-30';
const CAMPAIGN = '00000000-0000-4000-8000-00000000c001';
const UNIT_PATH = '/vn/p/';

let db: DataSource;

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function launched(): CampaignLaunchedV1 {
  return {
    campaignId: CAMPAIGN, title: 'Phong trào tuần', category: 'FOR_WORKERS', launchingUnitId: uuid(9999), launchingUnitPath: UNIT_PATH,
    startsOn: WEEKS[0]!, endsOn: '2027-12-31', targets: [{ targetId: uuid(9998), name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 1, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
    scope: { unitId: uuid(9999), unitPath: UNIT_PATH, organisationTypes: [], occupationCodes: [] }, derivedFromId: null, reportingCadence: 'WEEKLY',
  };
}

function enrolment(n: number): EventPayloads['EnrollmentCreated'] {
  return { enrollmentId: uuid(n), campaignId: CAMPAIGN, unitId: uuid(1000 + n), unitPath: `${UNIT_PATH}g${n}/`, memberId: null, commitments: [{ targetId: uuid(9998), committedValue: 1 }] };
}

function report(n: number, periodStart: string): EventPayloads['ProgressReported'] {
  return {
    reportId: uuid(5000 + n), enrollmentId: uuid(n), campaignId: CAMPAIGN, unitId: uuid(1000 + n), unitPath: `${UNIT_PATH}g${n}/`, memberId: null,
    targetId: uuid(9998), periodStart, periodEnd: periodStart, value: 1, currentValue: 1, committedValue: 1,
  };
}

beforeAll(async () => {
  // its line of progress would be printed with where it came from, which the suite's runner reads as a stack trace
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await prepareDatabases({ test: true, suffix: SUFFIX, only: 'notification' }).finally(() => quiet.mockRestore());
  db = createDataSource({ url: databaseUrl('notification', { ...process.env, DATABASE_SUFFIX: SUFFIX }), entities: [], migrations: [] });
  await db.initialize();
});

afterAll(async () => {
  await db?.destroy();
});

/** One unit: the weeks it reported, and whether its reports were heard before its enrolment. */
const unitArbitrary = fc.record({ reported: fc.shuffledSubarray(WEEKS), reportsFirst: fc.boolean() });

it('finds a unit overdue or due soon exactly when the week has no report, whatever the order of its reports', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(unitArbitrary, { minLength: 1, maxLength: 12 }), async (units) => {
      const expected = {
        overdue: units.filter((u) => !u.reported.includes(LAST_COMPLETE)).length,
        dueSoon: units.filter((u) => !u.reported.includes(CURRENT)).length,
      };
      const scan = await db.transaction(async (manager) => {
        for (const table of ['email_deliveries', 'notifications', 'reported_periods', 'enrollment_refs', 'campaign_refs']) await manager.query(`DELETE FROM ${table}`);
        await recordCampaign(manager, launched());
        for (const [n, unit] of units.entries()) {
          // in any order: a later week heard first must not hide an earlier week's absence
          const reports = unit.reported.map((week) => () => recordReportedPeriod(manager, report(n, week)));
          const enrol = () => recordEnrollment(manager, enrolment(n));
          for (const step of unit.reportsFirst ? [...reports, enrol] : [enrol, ...reports]) await step();
        }
        return scanDeadlines(manager, TODAY, 7);
      });
      expect({ overdue: scan.overdueReports, dueSoon: scan.reportsDueSoon }).toEqual(expected);
    }),
    { numRuns: 40 },
  );
});
