/**
 * Notifications (issue 19): a reporting period passes unreported, and the grassroots union's officers and the
 * officers one level up each get one notification, in their inbox and by e-mail, on the channels each chose; also
 * with two replicas of the notification subgraph scanning and sending at once. E-mails arrive at a real SMTP server
 * this test starts (smtp-server), parsed as a mail client would (mailparser).
 */
import { Client } from 'pg';
import { databaseUrl, startSubgraph, todayInVietnam, type Role, type RunningSubgraph } from '@thidua/common';
import { subgraphs } from '../infra/subgraphs';
import { watchAccessibility } from './support/accessibility';
import { launchBrowser, signIn } from './support/browser';
import { eventually } from './support/graphql';
import { usePlatform } from './support/platform';
import { eventuallyCounted } from './support/read-models';
import { startSmtp, withEnvironment, type Received, type TestSmtp } from './support/smtp';
import { issueTestToken } from './support/tokens';
import { BAC_NINH_ZONE, buildUnionTree, uniqueRun, type UnionTree } from './support/union-tree';

let smtp: TestSmtp;
let received: Received[];
let refuseOnce: Set<string>;
let refused: string[];
let restoreEnvironment: () => void;

// the SMTP server first: the notification subgraph reads SMTP_URL when it starts (usePlatform's beforeAll, below)
beforeAll(async () => {
  smtp = await startSmtp();
  ({ received, refuseOnce, refused } = smtp);
  restoreEnvironment = withEnvironment({ SMTP_URL: smtp.url, NOTIFICATION_POLL_MS: '200', EMAIL_RETRY_BASE_SECONDS: '1' });
});

const env = usePlatform();

afterAll(async () => {
  await smtp.close();
  restoreEnvironment();
});

/** The first day of the month before today's (Việt Nam): that month is the last complete monthly period. */
function previousMonthStart(): string {
  const [year, month] = todayInVietnam().split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 2, 1));
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week before this one. */
function previousWeekStart(): string {
  const today = new Date(`${todayInVietnam()}T00:00:00Z`);
  today.setUTCDate(today.getUTCDate() - ((today.getUTCDay() + 6) % 7) - 7);
  return today.toISOString().slice(0, 10);
}

interface Person {
  id: string;
  username: string;
  temporaryPassword: string;
  email: string | null;
  token: string;
}

let tree: UnionTree;
let admin: string;
let people: Record<'may' | 'mayInboxOnly' | 'mayEmailOnly' | 'kcn' | 'kcnDigest' | 'bn' | 'det' | 'outsider', Person>;
let run: string;

async function account(key: string, unit: string, email: string | null): Promise<Person> {
  const username = `tb.${run}.${key.toLowerCase()}`;
  const created = await env.api.ok(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } temporaryPassword } }`, {
    i: { username, fullName: `Cán bộ ${key}`, email, unitId: tree.units[unit]!.id, roles: ['UNIT_OFFICER'] },
  }, admin);
  const id = created.createAccount.account.id as string;
  const roles: Role[] = ['UNIT_OFFICER'];
  return { id, username, temporaryPassword: created.createAccount.temporaryPassword, email, token: await issueTestToken({ sub: id, name: `Cán bộ ${key}`, roles, unitPath: tree.units[unit]!.path }) };
}

/** A launched campaign of the KCN's subtree with may (never reports) and det (reports for the period) enrolled. */
async function campaignWithLateUnit(title: string, cadence: 'MONTHLY' | 'WEEKLY', periodStart: string): Promise<string> {
  const year = Number(todayInVietnam().slice(0, 4));
  const created = (await env.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id targets { id } } }`, {
    input: {
      launchingUnitId: tree.units.kcn!.id, title, goal: 'Mỗi tổ công đoàn một sáng kiến trong kỳ', category: 'FOR_WORKERS',
      startsOn: periodStart, endsOn: `${year + 1}-12-31`, reportingCadence: cadence,
      targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 12, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
    },
  }, admin)).createCampaign;
  const enrol = async (unit: string) =>
    (await env.api.ok(`mutation($input: EnrollUnitInput!) { enrollUnit(input: $input) { id } }`, { input: { campaignId: created.id, unitId: tree.units[unit]!.id } }, admin)).enrollUnit.id as string;
  await enrol('may');
  const det = await enrol('det');
  await env.api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { periodStart } }`, {
    input: { enrollmentId: det, targetId: created.targets[0].id, periodStart, value: 2 },
  }, admin);
  await eventuallyCounted('notification', 'enrollment_refs WHERE campaign_id = $1', [created.id], 2, 'enrolments in notification');
  await eventuallyCounted('notification', 'reported_periods WHERE enrollment_id = $1', [det], 1, "det's report in notification");
  return created.id as string;
}

const INBOX = `query { myNotifications(first: 50) { edges { node { id kind title body link readAt } } } myUnreadNotificationCount }`;

interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
}

async function inbox(person: Person, campaignId?: string): Promise<InboxItem[]> {
  const data = await env.api.ok(INBOX, {}, person.token);
  const items = data.myNotifications.edges.map((e: { node: InboxItem }) => e.node) as InboxItem[];
  // the reminder before the current period ends links to the same screen: on the last days of a period it is there too
  return campaignId ? items.filter((item) => item.link.includes(campaignId) && item.kind !== 'PROGRESS_DUE_SOON') : items;
}

function mailsTo(address: string, campaignId: string): Received[] {
  return received.filter((r) => r.to.includes(address) && (r.mail.text ?? '').includes(campaignId) && !(r.mail.subject ?? '').startsWith('Sắp đến hạn'));
}

async function scanNow(): Promise<void> {
  expect((await env.api.ok(`mutation { runDeadlineScan }`, {}, admin)).runDeadlineScan).toBe(true);
}

/** Waits until the scan job has run once more than `before` times (by whichever replica). */
async function scanRuns(): Promise<number> {
  const db = new Client({ connectionString: databaseUrl('notification') });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT runs FROM scheduled_jobs WHERE name = 'deadline-scan'`);
    return rows[0]?.runs ?? 0;
  } finally {
    await db.end();
  }
}

async function scanAndWait(): Promise<void> {
  const before = await scanRuns();
  await scanNow();
  await eventually(async () => ((await scanRuns()) > before ? true : null), 20000, 'a deadline scan');
}

beforeAll(async () => {
  run = uniqueRun();
  admin = await env.platform.token(['NATIONAL_ADMIN'], null);
  tree = await buildUnionTree(env.api, admin, {
    units: BAC_NINH_ZONE,
  }, run);
  const mail = (key: string) => `${key}.${run}@congdoan.test`;
  people = {
    may: await account('may', 'may', mail('may')),
    mayInboxOnly: await account('mayinbox', 'may', mail('mayinbox')),
    mayEmailOnly: await account('mayemail', 'may', mail('mayemail')),
    kcn: await account('kcn', 'kcn', mail('kcn')),
    kcnDigest: await account('kcndigest', 'kcn', mail('kcndigest')),
    bn: await account('bn', 'bn', mail('bn')),
    det: await account('det', 'det', mail('det')),
    outsider: await account('kh', 'kh', mail('kh')),
  };
  const ids = Object.values(people).map((p) => p.id);
  await eventuallyCounted('notification', 'account_refs WHERE id = ANY($1::uuid[])', [ids], ids.length, 'accounts in notification');
  const choose = (person: Person, channels: { inbox: boolean; email: boolean }) =>
    env.api.ok(`mutation($c: NotificationChannelsInput!) { setNotificationPreference(kind: PROGRESS_OVERDUE, channels: $c) { kind inbox email } }`, { c: channels }, person.token);
  expect((await choose(people.mayInboxOnly, { inbox: true, email: false })).setNotificationPreference).toEqual({ kind: 'PROGRESS_OVERDUE', inbox: true, email: false });
  await choose(people.mayEmailOnly, { inbox: false, email: true });
  refuseOnce.add(people.mayEmailOnly.email!);
  const digest = await env.api.ok(`mutation { setNotificationPreference(kind: PROGRESS_OVERDUE_BELOW, channels: { inbox: true, email: true, digest: true }) { digest } }`, {}, people.kcnDigest.token);
  expect(digest.setNotificationPreference.digest).toBe(true);
  const notAChoice = await env.api.refused(`mutation { setNotificationPreference(kind: DAILY_DIGEST, channels: { inbox: false, email: false }) { kind } }`, {}, people.kcnDigest.token);
  expect(notAChoice.code).toBe('BAD_USER_INPUT');
  expect(notAChoice.problems.map((p) => p.field)).toEqual(['kind']);
}, 120_000);

describe('a reporting period passes unreported', () => {
  let campaignId: string;

  beforeAll(async () => {
    campaignId = await campaignWithLateUnit(`Sáng kiến tiết kiệm ${run}`, 'MONTHLY', previousMonthStart());
    await scanAndWait();
  }, 120_000);

  it('tells the grassroots officer once, in the inbox and by e-mail, in Vietnamese with the screen to report on', async () => {
    const items = await eventually(async () => ((await inbox(people.may, campaignId)).length > 0 ? inbox(people.may, campaignId) : null), 20000, "may's inbox");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'PROGRESS_OVERDUE', readAt: null, link: `/work/progress?campaign=${campaignId}` });
    expect(items[0]!.title).toBe(`Quá hạn báo cáo tiến độ: Sáng kiến tiết kiệm ${run}`);
    expect(items[0]!.body).toContain('Công đoàn Công ty May Bắc Giang chưa báo cáo tiến độ kỳ');
    const mails = await eventually(async () => (mailsTo(people.may.email!, campaignId).length > 0 ? mailsTo(people.may.email!, campaignId) : null), 20000, "may's e-mail");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toBe(items[0]!.title);
    expect(mails[0]!.mail.messageId).toBe(`<${items[0]!.id}@thidua.vn>`);
    expect(mails[0]!.mail.text).toContain(`http://127.0.0.1:4000/work/progress?campaign=${campaignId}`);
  });

  it('tells the officers one level up once, listing the late unit, and not the level above them nor the unit that reported', async () => {
    const items = await eventually(async () => ((await inbox(people.kcn, campaignId)).length > 0 ? inbox(people.kcn, campaignId) : null), 20000, "kcn's inbox");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'PROGRESS_OVERDUE_BELOW', link: `/campaigns/${campaignId}` });
    expect(items[0]!.title).toBe(`1 đơn vị trực thuộc quá hạn báo cáo tiến độ: Sáng kiến tiết kiệm ${run}`);
    expect(items[0]!.body).toContain('Công đoàn Công ty May Bắc Giang');
    expect(items[0]!.body).not.toContain('Dệt Quế Võ');
    await eventually(async () => (mailsTo(people.kcn.email!, campaignId).length > 0 ? true : null), 20000, "kcn's e-mail");
    expect(mailsTo(people.kcn.email!, campaignId)).toHaveLength(1);
    for (const person of [people.bn, people.det, people.outsider]) {
      expect(await inbox(person, campaignId)).toEqual([]);
      expect(mailsTo(person.email!, campaignId)).toEqual([]);
    }
  });

  it("respects each account's channels: inbox only, e-mail only (that one refused once by the SMTP server, then sent once)", async () => {
    await eventually(async () => (mailsTo(people.mayEmailOnly.email!, campaignId).length > 0 ? true : null), 20000, 'the e-mail-only officer');
    expect(refused).toEqual([people.mayEmailOnly.email]);
    expect(mailsTo(people.mayEmailOnly.email!, campaignId)).toHaveLength(1);
    const db = new Client({ connectionString: databaseUrl('notification') });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT d.status, d.attempts, d.last_error IS NULL AS cleared FROM email_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.account_id = $1 AND n.kind = 'PROGRESS_OVERDUE'`, [people.mayEmailOnly.id]);
      expect(rows).toEqual([{ status: 'SENT', attempts: 2, cleared: true }]);
    } finally {
      await db.end();
    }
    expect(await inbox(people.mayEmailOnly, campaignId)).toEqual([]);
    expect(await inbox(people.mayInboxOnly, campaignId)).toHaveLength(1);
    expect(mailsTo(people.mayInboxOnly.email!, campaignId)).toEqual([]);
    const prefs = await env.api.ok(`query { myNotificationPreferences { kind label inbox email } }`, {}, people.mayEmailOnly.token);
    expect(prefs.myNotificationPreferences.slice(0, 2)).toEqual([
      { kind: 'PROGRESS_OVERDUE', label: 'Đơn vị của tôi quá hạn báo cáo tiến độ', inbox: false, email: true },
      { kind: 'PROGRESS_OVERDUE_BELOW', label: 'Đơn vị trực thuộc quá hạn báo cáo tiến độ', inbox: true, email: true },
    ]);
    // every kind is there to choose, with its own label
    expect(new Set(prefs.myNotificationPreferences.map((p: { label: string }) => p.label)).size).toBe(prefs.myNotificationPreferences.length);
  });

  it('gathers what the account chose into one daily digest, sent once a day', async () => {
    expect(await inbox(people.kcnDigest, campaignId)).toHaveLength(1);
    expect(mailsTo(people.kcnDigest.email!, campaignId)).toEqual([]);
    const digestRuns = async () => {
      const db = new Client({ connectionString: databaseUrl('notification') });
      await db.connect();
      try {
        return (await db.query(`SELECT runs FROM scheduled_jobs WHERE name = 'daily-digest'`)).rows[0].runs as number;
      } finally {
        await db.end();
      }
    };
    for (let round = 0; round < 2; round++) {
      const before = await digestRuns();
      expect((await env.api.ok(`mutation { runDailyDigest }`, {}, admin)).runDailyDigest).toBe(true);
      await eventually(async () => ((await digestRuns()) > before ? true : null), 20000, 'a digest run');
    }
    const digests = await eventually(async () => (mailsTo(people.kcnDigest.email!, campaignId).length > 0 ? mailsTo(people.kcnDigest.email!, campaignId) : null), 20000, 'the digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.mail.subject).toMatch(/^Tổng hợp thông báo ngày \d{2}\/\d{2}\/\d{4}: 1 việc cần xử lý$/);
    expect(digests[0]!.mail.text).toContain(`1 đơn vị trực thuộc quá hạn báo cáo tiến độ: Sáng kiến tiết kiệm ${run} — http://127.0.0.1:4000/campaigns/${campaignId}`);
    expect((await inbox(people.kcnDigest)).map((n) => n.kind)).not.toContain('DAILY_DIGEST');
    expect((await env.api.refused(`mutation { runDailyDigest }`, {}, people.kcn.token)).code).toBe('FORBIDDEN');
  });

  it('scanned again, notifies nobody twice', async () => {
    await scanAndWait();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await inbox(people.may, campaignId)).toHaveLength(1);
    expect(await inbox(people.kcn, campaignId)).toHaveLength(1);
    expect(mailsTo(people.may.email!, campaignId)).toHaveLength(1);
    expect(mailsTo(people.kcn.email!, campaignId)).toHaveLength(1);
  });

  it('marks read what is the reader’s own, and refuses what is not a choice', async () => {
    const [mine] = await inbox(people.may, campaignId);
    const [theirs] = await inbox(people.kcn, campaignId);
    const before = (await env.api.ok(INBOX, {}, people.may.token)).myUnreadNotificationCount as number;
    const marked = await env.api.ok(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`, { ids: [mine!.id, theirs!.id] }, people.may.token);
    expect(marked.markNotificationsRead).toEqual([{ id: mine!.id, readAt: expect.any(String) }]);
    expect((await env.api.ok(INBOX, {}, people.may.token)).myUnreadNotificationCount).toBe(before - 1);
    expect((await inbox(people.kcn, campaignId))[0]!.readAt).toBeNull();

    const tooMany = await env.api.refused(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`, { ids: Array.from({ length: 101 }, () => mine!.id) }, people.may.token);
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    expect(tooMany.problems.map((p) => p.field)).toEqual(['ids']);
    expect(tooMany.message).toContain('tối đa 100');
    const empty = await env.api.refused(`mutation { markNotificationsRead(ids: []) { id } }`, {}, people.may.token);
    expect(empty.code).toBe('BAD_USER_INPUT');
    expect((await env.api.refused(`query { myUnreadNotificationCount }`)).code).toBe('UNAUTHENTICATED');
    expect((await env.api.refused(`mutation { runDeadlineScan }`, {}, people.kcn.token)).code).toBe('FORBIDDEN');
    const noAccount = await env.platform.token(['UNIT_OFFICER'], tree.units.may!.path);
    expect((await env.api.ok(INBOX, {}, noAccount)).myUnreadNotificationCount).toBe(0);
    expect((await env.api.refused(`mutation { setNotificationPreference(kind: PROGRESS_OVERDUE, channels: { inbox: false, email: false }) { kind } }`, {}, noAccount)).code).toBe('FORBIDDEN');

    const all = await env.api.ok(`mutation { markAllNotificationsRead }`, {}, people.kcn.token);
    expect(all.markAllNotificationsRead).toBeGreaterThanOrEqual(1);
    expect((await env.api.ok(INBOX, {}, people.kcn.token)).myUnreadNotificationCount).toBe(0);
  });
});

describe('with two replicas of the notification subgraph', () => {
  let second: RunningSubgraph;

  beforeAll(async () => {
    second = await startSubgraph(subgraphs.notification, { port: 0, metricsPort: 0, runMigrationsOnStart: false });
  });

  afterAll(async () => {
    await second?.stop();
  });

  it('a period passed unreported still notifies each officer once, in the inbox and by e-mail', async () => {
    const campaignId = await campaignWithLateUnit(`Tuần lễ an toàn ${run}`, 'WEEKLY', previousWeekStart());
    // both replicas poll every 200 ms; asked three times, the scan still notifies once
    await Promise.all([scanNow(), scanNow(), scanNow()]);
    await eventually(async () => (mailsTo(people.kcn.email!, campaignId).length > 0 && mailsTo(people.may.email!, campaignId).length > 0 ? true : null), 30000, 'both e-mails');
    await scanAndWait();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await inbox(people.may, campaignId)).toHaveLength(1);
    expect(await inbox(people.kcn, campaignId)).toHaveLength(1);
    expect(mailsTo(people.may.email!, campaignId)).toHaveLength(1);
    expect(mailsTo(people.kcn.email!, campaignId)).toHaveLength(1);
    expect(mailsTo(people.mayEmailOnly.email!, campaignId)).toHaveLength(1);
    expect(mailsTo(people.bn.email!, campaignId)).toEqual([]);
  });
});

describe('the inbox in the portal', () => {
  it('shows the unread count in the header, marks read from the inbox, and saves the channels chosen', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const audit = watchAccessibility(page);
      const base = env.platform.gatewayUrl.replace(/\/graphql$/, '');
      const person = people.mayInboxOnly;
      const unread = (await env.api.ok(INBOX, {}, person.token)).myUnreadNotificationCount as number;
      expect(unread).toBeGreaterThanOrEqual(2);
      await signIn(page, base, person.username, person.temporaryPassword, `Mat-khau-${run}-2026`);
      await expect(page.getByTestId('unread-count').textContent()).resolves.toBe(String(unread));
      await page.getByTestId('notifications-link').click();
      await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
      const first = page.getByTestId('notification').filter({ hasText: `Quá hạn báo cáo tiến độ: Sáng kiến tiết kiệm ${run}` });
      await expect(first.getByRole('heading').textContent()).resolves.toContain(`Quá hạn báo cáo tiến độ: Sáng kiến tiết kiệm ${run}`);
      await expect(first.getByRole('link', { name: 'Đến màn hình xử lý' }).getAttribute('href')).resolves.toMatch(/^\/work\/progress\?campaign=/);
      await first.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
      await page.getByText('Đã đánh dấu đã đọc.').waitFor();
      await page.waitForFunction((n) => document.querySelector('[data-testid="unread-count"]')?.textContent === String(n), unread - 1);
      // the box shows what the API saved: it turns checked once the choice is stored
      const byEmail = page.getByLabel('Đơn vị của tôi quá hạn báo cáo tiến độ: qua thư điện tử');
      expect(await byEmail.isChecked()).toBe(false);
      await byEmail.click();
      await page.getByText('Đã lưu cách nhận «Đơn vị của tôi quá hạn báo cáo tiến độ».').waitFor();
      await page.waitForFunction(() => (document.querySelector('input[aria-label="Đơn vị của tôi quá hạn báo cáo tiến độ: qua thư điện tử"]') as HTMLInputElement | null)?.checked === true);
      await page.screenshot({ path: '.data/notifications.png', fullPage: true });
      const prefs = await env.api.ok(`query { myNotificationPreferences { kind inbox email } }`, {}, person.token);
      expect(prefs.myNotificationPreferences[0]).toEqual({ kind: 'PROGRESS_OVERDUE', inbox: true, email: true });
      await audit.check();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
