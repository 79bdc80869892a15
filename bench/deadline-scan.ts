/**
 * Benchmark 8: the deadline scan of the notification subgraph at national scale (issue 19). Fills a database of its
 * own (`notification_bench_scan`, made anew) with COPY: the union tree (130,000 units by default), one officer
 * account per unit, running campaigns (a national one, one per province, one per upper-grassroots union) with every
 * grassroots union enrolled in each, their reported periods (a share of the last period missing), and member
 * enrolments that the scan must not read, nominations waiting at councils of every level (some past their days) and
 * campaigns ended without a summary; then runs the scan as the service does (one transaction), first when every
 * deadline is new, then again when all are known already (the hourly steady state). The reminder before a period
 * ends is given a week, so every weekly enrolment is due soon (the worst case).
 *   npx tsx bench/deadline-scan.ts [--units 130000] [--member-enrollments 1100000] [--late-percent 10] [--early-percent 30] [--nominations 100000]
 */
import { Client } from 'pg';
import { createDataSource, databaseOwnerUrl, databaseUrl, todayInVietnam } from '@thidua/common';
import { prepareDatabases } from '../infra/databases';
import { OVERDUE_REPORTS, scanDeadlines, type DeadlineScan } from '../services/notification/src/application/deadlines';
import { DAYS_ALLOWED_AT_LEVEL } from '../services/notification/src/domain/regulation';
import { SEED_AD_HOC_TIME_LIMIT } from '../services/reward/src/migrations/seed-council';
import type { UnitLevel } from '@thidua/common';
import { copy, type Value } from '../infra/copy';
import { machine, numberOption, writeResults } from './support';

const SUFFIX = '_bench_scan';
const PROVINCES = 34;
const UPPER_PER_PROVINCE = 20;
/** Periods before the last complete one, all reported: the history the anti-join has to look through. */
const MONTHLY_HISTORY = 6;
const WEEKLY_HISTORY = 26;
/** Days before a period's end the bench reminds: a week, so every weekly enrolment is due soon whatever the weekday. */
const REMINDER_DAYS = 7;
/** Campaigns of provinces that ended yesterday with no summary. */
const ENDED_CAMPAIGNS = 68;
/** Nominations are opened over this many days back; a share is past its level's days. */
const NOMINATION_SPREAD_DAYS = 40;

/** Deterministic ids: a counter in a UUID's shape (namespace byte first), so runs compare. */
function id(namespace: number, n: number): string {
  const hex = n.toString(16).padStart(20, '0');
  return `${namespace.toString(16).padStart(8, '0')}-${hex.slice(0, 4)}-4${hex.slice(5, 8)}-8${hex.slice(9, 12)}-${hex.slice(12, 20)}0000`;
}

/** A small deterministic generator (mulberry32): which enrolments are late is the same at every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthStart(iso: string, monthsBack: number): string {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

function weekStart(iso: string, weeksBack: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return addDays(iso, -((date.getUTCDay() + 6) % 7) - 7 * weeksBack);
}

interface Unit {
  id: string;
  path: string;
  level: string;
  province: number;
  upper: number;
}

function tree(total: number): Unit[] {
  const units: Unit[] = [{ id: id(1, 0), path: '/vn/', level: 'NATIONAL', province: -1, upper: -1 }];
  for (let p = 0; p < PROVINCES; p++) units.push({ id: id(1, units.length), path: `/vn/p${p}/`, level: 'PROVINCIAL', province: p, upper: -1 });
  const uppers = PROVINCES * UPPER_PER_PROVINCE;
  for (let u = 0; u < uppers; u++) units.push({ id: id(1, units.length), path: `/vn/p${u % PROVINCES}/u${u}/`, level: 'UPPER_GRASSROOTS', province: u % PROVINCES, upper: u });
  for (let g = 0; units.length < total; g++) {
    const upper = g % uppers;
    units.push({ id: id(1, units.length), path: `/vn/p${upper % PROVINCES}/u${upper}/g${g}/`, level: 'GRASSROOTS', province: upper % PROVINCES, upper });
  }
  return units;
}

interface Campaign {
  id: string;
  cadence: 'MONTHLY' | 'WEEKLY';
  /** Which grassroots unions enrol: every one, a province's, an upper-grassroots union's. */
  covers(unit: Unit): boolean;
}

async function main(): Promise<void> {
  const totalUnits = numberOption('units', 130_000);
  const memberEnrollments = numberOption('member-enrollments', 1_100_000);
  const latePercent = numberOption('late-percent', 10);
  const earlyPercent = numberOption('early-percent', 30);
  const nominationCount = numberOption('nominations', 100_000);
  const today = todayInVietnam();
  await prepareDatabases({ test: false, suffix: SUFFIX, only: 'notification' });
  const env = { ...process.env, DATABASE_SUFFIX: SUFFIX };
  const owner = new Client({ connectionString: databaseOwnerUrl('notification', env) });
  await owner.connect();
  const started = Date.now();
  const units = tree(totalUnits);
  const grassroots = units.filter((u) => u.level === 'GRASSROOTS');
  const campaigns: Campaign[] = [
    { id: id(2, 0), cadence: 'MONTHLY', covers: () => true },
    ...Array.from({ length: PROVINCES }, (_, p): Campaign => ({ id: id(2, 1 + p), cadence: 'MONTHLY', covers: (u) => u.province === p })),
    ...Array.from({ length: PROVINCES * UPPER_PER_PROVINCE }, (_, u): Campaign => ({ id: id(2, 1 + PROVINCES + u), cadence: 'WEEKLY', covers: (unit) => unit.upper === u })),
  ];
  const byUpper = new Map<number, Unit[]>();
  const byProvince = new Map<number, Unit[]>();
  for (const g of grassroots) {
    byUpper.set(g.upper, [...(byUpper.get(g.upper) ?? []), g]);
    byProvince.set(g.province, [...(byProvince.get(g.province) ?? []), g]);
  }
  const enrolled = (c: Campaign, index: number): Unit[] =>
    index === 0 ? grassroots : index <= PROVINCES ? byProvince.get(index - 1) ?? [] : byUpper.get(index - 1 - PROVINCES) ?? [];
  const unitEnrollments = campaigns.reduce((sum, c, i) => sum + enrolled(c, i).length, 0);

  await copy(owner, 'unit_refs', 'unit_refs', ['id', 'name', 'path', 'level'], units.length,
    units.map((u): Value[] => [u.id, `Công đoàn ${u.path}`, u.path, u.level]));
  await copy(owner, 'account_refs (one officer per unit)', 'account_refs', ['id', 'username', 'full_name', 'email', 'roles', 'unit_id', 'unit_path', 'member_id', 'enabled'], units.length,
    units.map((u, i): Value[] => [id(3, i), `canbo${i}`, `Cán bộ ${i}`, `canbo${i}@congdoan.vn`, ['UNIT_OFFICER'], u.id, u.path, null, true]));
  await copy(owner, 'campaign_refs', 'campaign_refs', ['id', 'title', 'launching_unit_path', 'status', 'starts_on', 'ends_on', 'reporting_cadence'], campaigns.length,
    campaigns.map((c, i): Value[] => [c.id, `Phong trào ${i}`, '/vn/', 'IN_PROGRESS', monthStart(today, 7), addDays(today, 365), c.cadence]));
  // which unit enrolments miss the last complete period, in the order they are generated
  const late = random(42);
  const isLate = Array.from({ length: unitEnrollments }, () => late() * 100 < latePercent);
  // and which have reported the current period already (early reporters, late or not): the scan looks up their reports
  const isEarly = Array.from({ length: unitEnrollments }, () => late() * 100 < earlyPercent);
  const expectedLate = isLate.filter(Boolean).length;
  const periodStart = (c: Campaign, back: number) => (c.cadence === 'MONTHLY' ? monthStart(today, back) : weekStart(today, back));
  function* enrollments(): Generator<Value[]> {
    let n = 0;
    // back = 1 is the last complete period; a late enrolment has every report but that one
    for (const [i, c] of campaigns.entries()) {
      for (const u of enrolled(c, i)) {
        yield [id(4, n), c.id, u.id, u.path, null, periodStart(c, isEarly[n] ? 0 : isLate[n] ? 2 : 1)];
        n++;
      }
    }
    for (let m = 0; m < memberEnrollments; m++) {
      const u = grassroots[m % grassroots.length]!;
      yield [id(5, m), campaigns[0]!.id, u.id, u.path, id(6, m), null];
    }
  }
  await copy(owner, 'enrollment_refs (units, then members)', 'enrollment_refs', ['id', 'campaign_id', 'unit_id', 'unit_path', 'member_id', 'last_reported_period'],
    unitEnrollments + memberEnrollments, enrollments());
  function* reports(): Generator<Value[]> {
    let n = 0;
    for (const [i, c] of campaigns.entries()) {
      const history = c.cadence === 'MONTHLY' ? MONTHLY_HISTORY : WEEKLY_HISTORY;
      for (const _u of enrolled(c, i)) {
        const enrollment = id(4, n);
        if (isEarly[n]) yield [enrollment, periodStart(c, 0)];
        for (let back = isLate[n] ? 2 : 1; back <= history + 1; back++) yield [enrollment, periodStart(c, back)];
        n++;
      }
    }
  }
  const reportRows = await copy(owner, 'reported_periods', 'reported_periods', ['enrollment_id', 'period_start'], unitEnrollments * 20, reports());
  await copy(owner, 'campaign_refs (ended, no summary)', 'campaign_refs', ['id', 'title', 'launching_unit_path', 'status', 'starts_on', 'ends_on', 'reporting_cadence'], ENDED_CAMPAIGNS,
    Array.from({ length: ENDED_CAMPAIGNS }, (_, i): Value[] => [id(7, i), `Phong trào đã kết thúc ${i}`, `/vn/p${i % PROVINCES}/`, 'IN_PROGRESS', monthStart(today, 12), addDays(today, -1), 'MONTHLY']));
  // nominations at the councils of grassroots and upper-grassroots unions and of provinces, some ad hoc
  const councils = units.filter((u) => u.level !== 'NATIONAL');
  const opened = random(7);
  let expectedHeld = 0;
  // an ad-hoc one is decided within reward's days of its achievement, here the day it was opened
  const adHocDays = SEED_AD_HOC_TIME_LIMIT.days;
  function* nominations(): Generator<Value[]> {
    for (let n = 0; n < nominationCount; n++) {
      const council = councils[Math.floor(opened() * councils.length)]!;
      const adHoc = opened() < 0.05;
      const daysAgo = Math.floor(opened() * NOMINATION_SPREAD_DAYS);
      if (daysAgo > (adHoc ? adHocDays : DAYS_ALLOWED_AT_LEVEL[council.level as UnitLevel])) expectedHeld++;
      yield [id(8, n), adHoc ? 'AD_HOC' : 'OFFICER', `Người được đề nghị ${n}`, council.id, council.id, council.path, council.level, addDays(today, -daysAgo),
        adHoc ? addDays(today, adHocDays - daysAgo) : null, adHoc ? adHocDays : null];
    }
  }
  await copy(owner, 'nomination_refs', 'nomination_refs',
    ['id', 'source', 'subject_name', 'unit_id', 'granting_unit_id', 'granting_unit_path', 'granting_level', 'opened_on', 'decide_by', 'decide_within_days'], nominationCount, nominations());
  await owner.query('VACUUM ANALYZE');
  const generatedSeconds = Math.round((Date.now() - started) / 1000);
  const { rows: sizes } = await owner.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  const { rows: plan } = await owner.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${OVERDUE_REPORTS} SELECT count(*) FROM candidates`, [today]);
  await owner.end();

  const db = createDataSource({ url: databaseUrl('notification', env), entities: [], migrations: [] });
  await db.initialize();
  const timed = async (): Promise<{ ms: number; scan: DeadlineScan }> => {
    const begun = performance.now();
    const scan = await db.transaction((manager) => scanDeadlines(manager, today, REMINDER_DAYS));
    return { ms: Math.round(performance.now() - begun), scan };
  };
  const first = await timed();
  const again = [await timed(), await timed(), await timed()];
  await db.destroy();
  console.log({ first, again: again.map((a) => a.ms) });
  if (first.scan.overdueReports !== expectedLate) throw new Error(`expected ${expectedLate} overdue enrolments, the scan found ${first.scan.overdueReports}`);
  if (first.scan.nominationsHeld !== expectedHeld) throw new Error(`expected ${expectedHeld} nominations held, the scan found ${first.scan.nominationsHeld}`);
  if (first.scan.summariesOverdue !== ENDED_CAMPAIGNS) throw new Error(`expected ${ENDED_CAMPAIGNS} summaries overdue, the scan found ${first.scan.summariesOverdue}`);
  if (again.some((a) => a.scan.notified !== 0)) throw new Error('a repeated scan notified again');

  const fmt = (n: number) => n.toLocaleString('en-US');
  const file = writeResults('deadline-scan', `# Benchmark 8: the deadline scan at national scale

${new Date().toISOString()} · ${machine()} · \`npx tsx bench/deadline-scan.ts\` (${generatedSeconds} s to generate with COPY; database ${sizes[0].size}).
Today (Việt Nam): ${today}.

| data | rows |
|---|---:|
| units (1 national, ${PROVINCES} provinces, ${PROVINCES * UPPER_PER_PROVINCE} upper-grassroots, the rest grassroots) | ${fmt(units.length)} |
| officer accounts (one per unit, each with an e-mail) | ${fmt(units.length)} |
| running campaigns (1 national and ${PROVINCES} provincial, monthly; ${PROVINCES * UPPER_PER_PROVINCE} upper-grassroots, weekly) | ${fmt(campaigns.length)} |
| unit enrolments (every grassroots union in three campaigns) | ${fmt(unitEnrollments)} |
| member enrolments (the scan must not read them) | ${fmt(memberEnrollments)} |
| reported periods (${MONTHLY_HISTORY} months or ${WEEKLY_HISTORY} weeks of history each; ${latePercent}% missing the last period; ${earlyPercent}% with the current one already) | ${fmt(reportRows)} |
| campaigns of provinces ended yesterday without a summary | ${fmt(ENDED_CAMPAIGNS)} |
| open nominations (councils of every level below the national one, opened over ${NOMINATION_SPREAD_DAYS} days, 5% ad hoc) | ${fmt(nominationCount)} |

| scan | ms | overdue enrolments | due within ${REMINDER_DAYS} days | summaries overdue | nominations held | notifications made | e-mails queued |
|---|---:|---:|---:|---:|---:|---:|---:|
${[['first (every deadline new)', first] as const, ...again.map((a, i) => [`again, ${i + 1} (all known: the hourly steady state)`, a] as const)]
  .map(([name, a]) => `| ${name} | ${fmt(a.ms)} | ${fmt(a.scan.overdueReports)} | ${fmt(a.scan.reportsDueSoon)} | ${fmt(a.scan.summariesOverdue)} | ${fmt(a.scan.nominationsHeld)} | ${fmt(a.scan.notified)} | ${fmt(a.scan.mailed)} |`).join('\n')}

What it means: the scan reads unit enrolments only (member enrolments are left out by the partial index
\`enrollment_refs_campaign … WHERE member_id IS NULL\`), so its cost follows the number of unit enrolments of running
campaigns, not the 11 M members. Here the tree is national-size (${fmt(units.length)} units) and every grassroots union is
in three running campaigns at once; a platform with more campaigns running scales the figures with the unit enrolments
(linear). Whether a unit reported a period is decided by the latest period it reported, kept on its enrolment: one
comparison, except for those that reported the current period already (${earlyPercent}% here), whose reports are looked up
by the primary key to see whether the period before was skipped. The member enrolments generated are
${fmt(memberEnrollments)}, a tenth of 11 M: they are not read, so more of them change nothing but the table's size.

The first scan is the worst case: every deadline is new, and its notifications and e-mails are written in one
transaction (most of its time is those inserts). Later scans, the hourly steady state, find the same deadlines and
insert nothing: the candidates are built again and each meets its dedup key. A scan holds no lock anyone waits for (the
claimed job's row only). The reminder before a period's end is set to a week here, so every weekly enrolment not yet
reported is due soon at once; the default (3 days) makes them due only on a week's last days. The nominations held are
read from the partial index of open ones, and each province's officers get one notification listing its subtree's (not
one per unit), its nominations matched to it by their ancestor's path (by equality); appeal windows are none here.

Plan of the candidates (EXPLAIN ANALYZE, before the first scan):

\`\`\`
${plan.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}
\`\`\`
`);
  console.log(`→ ${file}`);
}

main().catch((error: unknown) => {
  console.error('[deadline-scan] failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
