/**
 * Notifications of the work beyond progress reports (issue 19): a nomination held at its level past the days allowed
 * reaches that level's council and officers, and one daily digest of the province's whole subtree; a reward granted,
 * a nomination refused or returned and a story published reach the member's own account and the nominating officer; a
 * proposal to a deciding authority held at a union level past its days, or returned to a level, reaches that level's
 * officers; a campaign
 * ended without a summary, a report period about to end and a review assigned and not done reach the people who must
 * act, each once, on the channels each account chose. Everything goes through the real gateway, broker, databases and a real SMTP server.
 *
 * The platform cannot wait three weeks: the day a nomination reached its council (and the day a campaign ended) is
 * moved back in the notification subgraph's read model, as if the event had come that many days ago.
 */
import { Client } from 'pg';
import { databaseUrl, daysAgoInVietnam, todayInVietnam, type Role } from '@thidua/common';
import { eventually } from './support/graphql';
import { usePlatform } from './support/platform';
import { eventuallyCounted } from './support/read-models';
import { startSmtp, withEnvironment, type Received, type TestSmtp } from './support/smtp';
import { issueTestToken } from './support/tokens';
import { BAC_NINH_ZONE, buildUnionTree, uniqueRun, type UnionTree } from './support/union-tree';
import { ADD_COUNCIL_MEMBER, OPEN_MEETING, REVIEW } from './support/reward';

let smtp: TestSmtp;
let restoreEnvironment: () => void;

// the SMTP server first: the notification subgraph reads SMTP_URL when it starts (usePlatform's beforeAll, below)
beforeAll(async () => {
  smtp = await startSmtp();
  // a week of reminder: whatever the weekday, the current week's report is due within it
  restoreEnvironment = withEnvironment({ SMTP_URL: smtp.url, NOTIFICATION_POLL_MS: '200', EMAIL_RETRY_BASE_SECONDS: '1', REPORT_REMINDER_DAYS: '7' });
});

const env = usePlatform();
let db: Client;

afterAll(async () => {
  await db?.end();
  await smtp.close();
  restoreEnvironment();
});

interface Person {
  id: string;
  email: string;
  token: string;
}

interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
}

type Key = 'officerMay' | 'officerDet' | 'officerKcn' | 'councilKcn' | 'officerBn' | 'officerBnEach' | 'officerKh' | 'officerKhMay' | 'editorBn' | 'editorKh' | 'adminVn' | 'hoa' | 'lan';

let run: string;
let tree: UnionTree;
let admin: string;
let people: Record<Key, Person>;

async function account(key: string, roles: Role[], placed: { unit: string } | { member: string; unit: string }): Promise<Person> {
  const email = `${key.toLowerCase()}.${run}@congdoan.test`;
  const input = 'member' in placed
    ? { username: `tv.${run}.${key.toLowerCase()}`, fullName: `Đoàn viên ${key}`, email, memberId: tree.members[placed.member], roles }
    : { username: `cb.${run}.${key.toLowerCase()}`, fullName: `Cán bộ ${key}`, email, unitId: tree.units[placed.unit]!.id, roles };
  const created = await env.api.ok(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`, { i: input }, admin);
  const id = created.createAccount.account.id as string;
  const memberId = 'member' in placed ? tree.members[placed.member] : undefined;
  return { id, email, token: await issueTestToken({ sub: id, name: key, roles, unitPath: tree.units[placed.unit]!.path, memberId }) };
}

async function inbox(person: Person, kind?: string): Promise<InboxItem[]> {
  const data = await env.api.ok(`query { myNotifications(first: 100) { edges { node { id kind title body link } } } }`, {}, person.token);
  const items = data.myNotifications.edges.map((e: { node: InboxItem }) => e.node) as InboxItem[];
  return kind ? items.filter((item) => item.kind === kind) : items;
}

async function inboxOf(person: Person, kind: string, count: number): Promise<InboxItem[]> {
  return eventually(async () => {
    const items = await inbox(person, kind);
    return items.length >= count ? items : null;
  }, 30000, `${count} ${kind} in an inbox`);
}

function mailsTo(person: Person, containing: string): Received[] {
  return smtp.received.filter((r) => r.to.includes(person.email) && `${r.mail.subject}\n${r.mail.text}`.includes(containing));
}

async function mailOf(person: Person, containing: string): Promise<Received[]> {
  return eventually(async () => (mailsTo(person, containing).length > 0 ? mailsTo(person, containing) : null), 30000, `an e-mail with «${containing}»`);
}

async function jobRuns(name: string): Promise<number> {
  const { rows } = await db.query(`SELECT runs FROM scheduled_jobs WHERE name = $1`, [name]);
  return rows[0]?.runs ?? 0;
}

/** Asks for the job now and waits until some replica ran it once more. */
async function runJob(mutation: 'runDeadlineScan' | 'runDailyDigest', name: string): Promise<void> {
  const before = await jobRuns(name);
  expect((await env.api.ok(`mutation { ${mutation} }`, {}, admin))[mutation]).toBe(true);
  await eventually(async () => ((await jobRuns(name)) > before ? true : null), 30000, `a run of ${name}`);
}

const scan = () => runJob('runDeadlineScan', 'deadline-scan');

const NOMINATE = `mutation($input: NominateInput!) { nominate(input: $input) { id } }`;

async function nominate(officer: Person, input: Record<string, unknown>): Promise<string> {
  return (await env.api.ok(NOMINATE, { input: { achievedOn: todayInVietnam(), ...input } }, officer.token)).nominate.id;
}

/** Moves back the day a nomination reached its council (and an ad-hoc one's last day with it), as if it had waited `days` days. */
async function heldFor(nominationId: string, days: number): Promise<void> {
  await db.query(`UPDATE nomination_refs SET decide_by = decide_by + ($2::date - opened_on), opened_on = $2 WHERE id = $1`, [nominationId, daysAgoInVietnam(days)]);
}

beforeAll(async () => {
  run = uniqueRun();
  admin = await env.platform.token(['NATIONAL_ADMIN'], null);
  db = new Client({ connectionString: databaseUrl('notification') });
  await db.connect();
  tree = await buildUnionTree(env.api, admin, {
    units: {
      ...BAC_NINH_ZONE,
      khMay: { parent: 'kh', name: 'Công đoàn Công ty Thủy sản Nha Trang', level: 'GRASSROOTS', provinceCode: 'KH', organisationType: 'PRIVATE_ENTERPRISE' },
    },
    members: {
      hoa: { unit: 'may', fullName: 'Nguyễn Thị Hoa', occupationCode: 'CN_DET_MAY', direct: true },
      lan: { unit: 'may', fullName: 'Trần Thị Lan', occupationCode: 'CN_DET_MAY', direct: true },
      an: { unit: 'khMay', fullName: 'Lê Văn An', occupationCode: 'CN_DET_MAY', direct: true },
    },
  }, run);
  const officer: Role[] = ['UNIT_OFFICER'];
  people = {
    officerMay: await account('officerMay', officer, { unit: 'may' }),
    officerDet: await account('officerDet', officer, { unit: 'det' }),
    officerKcn: await account('officerKcn', officer, { unit: 'kcn' }),
    councilKcn: await account('councilKcn', ['COUNCIL_MEMBER'], { unit: 'kcn' }),
    officerBn: await account('officerBn', officer, { unit: 'bn' }),
    officerBnEach: await account('officerBnEach', officer, { unit: 'bn' }),
    officerKh: await account('officerKh', officer, { unit: 'kh' }),
    officerKhMay: await account('officerKhMay', officer, { unit: 'khMay' }),
    editorBn: await account('editorBn', ['EDITOR'], { unit: 'bn' }),
    editorKh: await account('editorKh', ['EDITOR'], { unit: 'kh' }),
    adminVn: await account('adminVn', ['NATIONAL_ADMIN'], { unit: 'vn' }),
    hoa: await account('hoa', ['MEMBER'], { member: 'hoa', unit: 'may' }),
    lan: await account('lan', ['MEMBER'], { member: 'lan', unit: 'may' }),
  };
  const accounts = Object.values(people).map((p) => p.id);
  await eventuallyCounted('notification', 'account_refs WHERE id = ANY($1::uuid[])', [accounts], accounts.length, 'accounts in notification');
  await eventuallyCounted('reward', 'member_refs WHERE id = ANY($1::uuid[])', [Object.values(tree.members)], 3, 'members in reward');
  await eventuallyCounted('reward', 'unit_refs WHERE id = ANY($1::uuid[])', [Object.values(tree.units).map((u) => u.id)], 7, 'units in reward');
  const choose = async (person: Person, kind: string, channels: { inbox: boolean; email: boolean; digest?: boolean }) =>
    (await env.api.ok(`mutation($k: NotificationKind!, $c: NotificationChannelsInput!) { setNotificationPreference(kind: $k, channels: $c) { kind inbox email digest } }`,
      { k: kind, c: channels }, person.token)).setNotificationPreference;
  // one officer of the province wants each one at once; Hoa wants her rewards in the inbox only
  expect(await choose(people.officerBnEach, 'NOMINATIONS_HELD_IN_SUBTREE', { inbox: true, email: true, digest: false }))
    .toEqual({ kind: 'NOMINATIONS_HELD_IN_SUBTREE', inbox: true, email: true, digest: false });
  await choose(people.hoa, 'REWARD_GRANTED', { inbox: true, email: false });
}, 180_000);

describe('a nomination held at its level longer than the days allowed', () => {
  const ids = {} as Record<'adHoc' | 'officer' | 'fresh' | 'khanhHoa', string>;
  let adHocDays: number;

  beforeAll(async () => {
    ids.adHoc = await nominate(people.officerMay, {
      source: 'AD_HOC', memberId: tree.members.hoa, grantingUnitId: tree.units.kcn!.id, formCode: 'GIAY_KHEN',
      reason: 'Dũng cảm cứu công nhân bị điện giật trong ca đêm',
    });
    ids.officer = await nominate(people.officerMay, {
      source: 'OFFICER', memberId: tree.members.lan, grantingUnitId: tree.units.kcn!.id, reason: 'Ba năm liền hoàn thành xuất sắc nhiệm vụ, hai sáng kiến được công nhận',
    });
    ids.fresh = await nominate(people.officerMay, {
      source: 'OFFICER', unitId: tree.units.may!.id, grantingUnitId: tree.units.kcn!.id, reason: 'Tập thể dẫn đầu phong trào thi đua của khu công nghiệp',
    });
    ids.khanhHoa = await nominate(people.officerKhMay, {
      source: 'OFFICER', memberId: tree.members.an, grantingUnitId: tree.units.kh!.id, reason: 'Sáng kiến cải tiến dây chuyền chế biến thủy sản',
    });
    await eventuallyCounted('notification', 'nomination_refs WHERE id = ANY($1::uuid[]) AND opened_on IS NOT NULL', [Object.values(ids)], 4, 'nominations in notification');
    adHocDays = (await env.api.ok(`{ adHocTimeLimit { days } }`)).adHocTimeLimit.days;
    // reward names the ad-hoc one's last day: its achievement (today) and the catalogue's days, the dashboard's figure
    const { rows: [named] } = await db.query(`SELECT decide_by::text AS "decideBy", decide_within_days AS days FROM nomination_refs WHERE id = $1`, [ids.adHoc]);
    expect(named).toEqual({ decideBy: daysAgoInVietnam(-adHocDays), days: adHocDays });
    const { rows: [other] } = await db.query(`SELECT decide_by FROM nomination_refs WHERE id = $1`, [ids.officer]);
    expect(other).toEqual({ decide_by: null });
    await heldFor(ids.adHoc, adHocDays + 2); // ad hoc: decided within the catalogue's days of the achievement (today)
    await heldFor(ids.officer, 20); // an upper grassroots union's council: 15
    await heldFor(ids.fresh, 10); // within its 15 days
    await heldFor(ids.khanhHoa, 25); // a province's council: 20
    await scan();
  }, 120_000);

  it("tells the granting unit's officers and council once per nomination held, not of the one within its days", async () => {
    for (const person of [people.officerKcn, people.councilKcn]) {
      const items = await inboxOf(person, 'NOMINATION_HELD', 2);
      expect(items.map((i) => i.title).sort()).toEqual(['Đề nghị khen thưởng chờ xét quá hạn: Nguyễn Thị Hoa', 'Đề nghị khen thưởng chờ xét quá hạn: Trần Thị Lan']);
      const adHoc = items.find((i) => i.title.endsWith('Hoa'))!;
      expect(adHoc.body).toContain(`Đề nghị khen thưởng đột xuất cho Nguyễn Thị Hoa đã chờ Hội đồng thi đua – khen thưởng của Công đoàn các khu công nghiệp Bắc Ninh ${adHocDays + 2} ngày`);
      expect(adHoc.body).toContain(`quá hạn quyết định ngày ${daysAgoInVietnam(2).split('-').reverse().join('/')} (khen thưởng đột xuất được quyết định trong ${adHocDays} ngày kể từ khi lập thành tích)`);
      expect(adHoc.link).toBe('/work/council');
      expect(items.find((i) => i.title.endsWith('Lan'))!.body).toContain('20 ngày');
      expect(items.find((i) => i.title.endsWith('Lan'))!.body).toContain('quá thời hạn 15 ngày');
    }
    const mails = await mailOf(people.officerKcn, 'chờ xét quá hạn');
    await eventually(async () => (mailsTo(people.officerKcn, 'chờ xét quá hạn').length === 2 ? true : null), 30000, 'both e-mails');
    expect(mails[0]!.mail.text).toContain('http://127.0.0.1:4000/work/council');
    expect(await inbox(people.officerMay, 'NOMINATION_HELD')).toEqual([]);
    expect(await inbox(people.officerKh, 'NOMINATION_HELD')).toHaveLength(1);
  });

  it("gathers every nomination held in the province's subtree into one notification, sent in its officers' daily digest", async () => {
    const [held] = await inboxOf(people.officerBn, 'NOMINATIONS_HELD_IN_SUBTREE', 1);
    expect(held!.title).toBe('2 đề nghị khen thưởng chờ xét quá hạn trong Liên đoàn Lao động tỉnh Bắc Ninh');
    expect(held!.body).toContain(`Trần Thị Lan (Công đoàn các khu công nghiệp Bắc Ninh, 20 ngày); Nguyễn Thị Hoa (Công đoàn các khu công nghiệp Bắc Ninh, ${adHocDays + 2} ngày)`);
    expect(held!.body).not.toContain('Lê Văn An');
    expect(held!.body).not.toContain('Công đoàn Công ty May Bắc Giang');
    // the officer who chose one e-mail each has it now; the others wait for the digest
    const each = await mailOf(people.officerBnEach, 'chờ xét quá hạn trong');
    expect(each).toHaveLength(1);
    expect(each[0]!.mail.subject).toBe(held!.title);
    expect(mailsTo(people.officerBn, 'chờ xét quá hạn')).toEqual([]);

    await runJob('runDailyDigest', 'daily-digest');
    const [digest] = await mailOf(people.officerBn, 'Tổng hợp thông báo ngày');
    expect(digest!.mail.subject).toMatch(/^Tổng hợp thông báo ngày \d{2}\/\d{2}\/\d{4}: 1 việc cần xử lý$/);
    expect(digest!.mail.text).toContain('• 2 đề nghị khen thưởng chờ xét quá hạn trong Liên đoàn Lao động tỉnh Bắc Ninh — http://127.0.0.1:4000/work/council');
    expect(mailsTo(people.officerBnEach, 'Tổng hợp thông báo ngày')).toEqual([]);
    const [khanhHoa] = await mailOf(people.officerKh, 'Tổng hợp thông báo ngày');
    expect(khanhHoa!.mail.text).toContain('1 đề nghị khen thưởng chờ xét quá hạn trong Liên đoàn Lao động tỉnh Khánh Hòa');
    expect(khanhHoa!.mail.text).not.toContain('Bắc Ninh');
  });

  it('scanned again, notifies nobody twice', async () => {
    await scan();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await inbox(people.officerKcn, 'NOMINATION_HELD')).toHaveLength(2);
    expect(await inbox(people.officerBn, 'NOMINATIONS_HELD_IN_SUBTREE')).toHaveLength(1);
    expect(mailsTo(people.officerKcn, 'chờ xét quá hạn')).toHaveLength(2);
    expect(mailsTo(people.officerBnEach, 'chờ xét quá hạn trong')).toHaveLength(1);
  });

  describe('decided, it tells the people it is about', () => {
    it('a reward granted reaches the member (in her inbox only, as she chose) and the officer who nominated her', async () => {
      const council = await env.platform.token(['COUNCIL_MEMBER'], tree.units.kcn!.path);
      const decision = (await env.api.ok(`mutation($id: ID!) { grantReward(nominationId: $id, input: { signerRole: "Chủ tịch Công đoàn các khu công nghiệp Bắc Ninh" }) { id number } }`,
        { id: ids.adHoc }, council)).grantReward;
      const [granted] = await inboxOf(people.hoa, 'REWARD_GRANTED', 1);
      expect(granted!.title).toBe('Đồng chí được khen thưởng: Giấy khen');
      expect(granted!.body).toContain(`Nguyễn Thị Hoa được khen thưởng Giấy khen theo quyết định số ${decision.number}`);
      expect(granted!.link).toBe(`/rewards/decisions/${decision.id}`);
      const [decided] = await inboxOf(people.officerMay, 'NOMINATION_DECIDED', 1);
      expect(decided!.title).toBe('Đề nghị khen thưởng đã được chấp thuận: Nguyễn Thị Hoa');
      expect(decided!.link).toBe(`/rewards/decisions/${decision.id}`);
      await mailOf(people.officerMay, 'đã được chấp thuận: Nguyễn Thị Hoa');
      expect(mailsTo(people.hoa, 'khen thưởng')).toEqual([]);
      expect(await inbox(people.hoa, 'NOMINATION_DECIDED')).toEqual([]);
      expect(await inbox(people.lan, 'REWARD_GRANTED')).toEqual([]);
      const { rows } = await db.query(`SELECT decided FROM nomination_refs WHERE id = $1`, [ids.adHoc]);
      expect(rows).toEqual([{ decided: true }]);
    });

    it('a nomination refused reaches the member and the officer who nominated her, with the reason', async () => {
      const council = await env.platform.token(['COUNCIL_MEMBER'], tree.units.kcn!.path);
      // ad hoc: refused on the short path, without a meeting (a council's other refusals follow a vote)
      const nominationId = await nominate(people.officerMay, {
        source: 'AD_HOC', memberId: tree.members.lan, grantingUnitId: tree.units.kcn!.id, formCode: 'GIAY_KHEN', reason: 'Nhặt được ví tiền và trả lại người đánh rơi',
      });
      const reason = 'Thành tích chưa đủ tiêu chuẩn khen thưởng năm nay, đề nghị bổ sung minh chứng sáng kiến';
      await env.api.ok(`mutation($id: ID!, $r: String!) { refuseNomination(nominationId: $id, reason: $r) { status } }`, { id: nominationId, r: reason }, council);
      const [refused] = await inboxOf(people.lan, 'NOMINATION_DECIDED', 1);
      expect(refused!.title).toBe('Đề nghị khen thưởng không được chấp thuận: Trần Thị Lan');
      expect(refused!.body).toContain(`Lý do: ${reason}`);
      await mailOf(people.lan, 'không được chấp thuận: Trần Thị Lan');
      await eventually(async () => ((await inbox(people.officerMay, 'NOMINATION_DECIDED')).length === 2 ? true : null), 30000, "the officer's second outcome");
      expect((await inbox(people.hoa)).map((i) => i.title).join('\n')).not.toContain('Trần Thị Lan');
    });

    it('a dossier returned for what it lacks tells the officer who nominated, with the reason, and is chased no more', async () => {
      const council = await env.platform.token(['COUNCIL_MEMBER'], tree.units.kcn!.path);
      const nominationId = await nominate(people.officerMay, {
        source: 'OFFICER', memberId: tree.members.hoa, grantingUnitId: tree.units.kcn!.id, reason: 'Hai năm liền dẫn đầu tổ sản xuất về năng suất và chất lượng',
      });
      await eventuallyCounted('notification', 'nomination_refs WHERE id = $1 AND opened_on IS NOT NULL', [nominationId], 1, 'the nomination in notification');
      // it has waited longer than its council's days: only its return keeps the scan from chasing it
      await heldFor(nominationId, 20);
      const reason = 'Thiếu bản xác nhận của doanh nghiệp về năng suất và chất lượng sản phẩm.';
      await env.api.ok(`mutation($id: ID!, $r: String!) { returnNomination(id: $id, reason: $r) { status } }`, { id: nominationId, r: reason }, council);
      const [returned] = await inboxOf(people.officerMay, 'NOMINATION_RETURNED', 1);
      expect(returned!.title).toBe('Hồ sơ đề nghị khen thưởng bị trả lại: Nguyễn Thị Hoa');
      expect(returned!.body).toBe('Hội đồng thi đua – khen thưởng của Công đoàn các khu công nghiệp Bắc Ninh đã trả lại hồ sơ đề nghị khen thưởng cho Nguyễn Thị Hoa để bổ sung. '
        + 'Lý do: Thiếu bản xác nhận của doanh nghiệp về năng suất và chất lượng sản phẩm. Đề nghị đồng chí bổ sung hồ sơ và lập lại đề nghị khen thưởng.');
      expect(returned!.link).toBe('/work/nominate');
      await mailOf(people.officerMay, 'bị trả lại: Nguyễn Thị Hoa');
      expect(await inbox(people.hoa, 'NOMINATION_RETURNED')).toEqual([]);
      await eventuallyCounted('notification', 'nomination_refs WHERE id = $1 AND decided', [nominationId], 1, 'the nomination closed in notification');
      await scan();
      expect(await inbox(people.officerKcn, 'NOMINATION_HELD')).toHaveLength(2);
    });
  });
});

describe('a dossier on its way to the deciding authority', () => {
  let proposalId: string;

  beforeAll(async () => {
    // the council of Công đoàn các khu công nghiệp: three members meeting, who approve a form the Prime Minister decides
    const kcn = tree.units.kcn!;
    const seats = [1, 2, 3].map((n) => ({ accountId: `council-kcn-${run}-${n}`, fullName: `Ủy viên Hội đồng ${n}`, position: n === 1 ? 'CHAIR' : 'MEMBER' }));
    const seatIds: string[] = [];
    for (const seat of seats) seatIds.push((await env.api.ok(ADD_COUNCIL_MEMBER, { unitId: kcn.id, input: seat }, admin)).addCouncilMember.id);
    await env.api.ok(OPEN_MEETING, { unitId: kcn.id, input: { attendeeIds: seatIds } }, admin);
    const nominationId = await nominate(people.officerMay, {
      source: 'OFFICER', memberId: tree.members.lan, grantingUnitId: kcn.id, formCode: 'BK_TTG', reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ, ba sáng kiến cấp tỉnh',
    });
    for (const seat of seats) await env.api.ok(REVIEW, { id: nominationId, vote: 'FOR' }, await env.platform.token(['COUNCIL_MEMBER'], kcn.path, seat.accountId));
    const chair = await env.platform.token(['COUNCIL_MEMBER'], kcn.path, seats[0]!.accountId);
    const proposed = (await env.api.ok(`mutation($id: ID!) { proposeReward(nominationId: $id, input: { signerRole: "Chủ tịch Công đoàn các khu công nghiệp" }) { id holderUnitName } }`,
      { id: nominationId }, chair)).proposeReward;
    expect(proposed.holderUnitName).toBe('Liên đoàn Lao động tỉnh Bắc Ninh');
    proposalId = proposed.id;
    await eventuallyCounted('notification', `proposal_refs WHERE id = $1 AND status = 'AT_LEVEL' AND holder_unit_path = $2`, [proposalId, tree.units.bn!.path], 1, 'the proposal in notification');
    // proposed, the nomination has left its council: it is not chased there any more
    await eventuallyCounted('notification', 'nomination_refs WHERE id = $1 AND decided', [nominationId], 1, 'the proposed nomination closed at its council');
  }, 120_000);

  it("held at the province longer than its level's days, tells the province's officers once, not the level below", async () => {
    await db.query(`UPDATE proposal_refs SET since = $2 WHERE id = $1`, [proposalId, daysAgoInVietnam(22)]);
    await scan();
    const [held] = await inboxOf(people.officerBn, 'PROPOSAL_HELD', 1);
    expect(held!.title).toBe('Hồ sơ trình khen chờ quá hạn: Trần Thị Lan');
    expect(held!.body).toContain(`đã chờ tại Liên đoàn Lao động tỉnh Bắc Ninh 22 ngày (từ ngày ${daysAgoInVietnam(22).split('-').reverse().join('/')}), quá thời hạn 20 ngày`);
    expect(held!.link).toBe('/work/proposals');
    await mailOf(people.officerBn, 'Hồ sơ trình khen chờ quá hạn');
    expect(await inbox(people.officerKcn, 'PROPOSAL_HELD')).toEqual([]);
    expect(await inbox(people.officerKh, 'PROPOSAL_HELD')).toEqual([]);
    await scan();
    expect(await inbox(people.officerBn, 'PROPOSAL_HELD')).toHaveLength(1);
  });

  it('returned, tells the officers of the level it comes back to what to correct, and chases them if it stays there too long', async () => {
    const reason = 'Thiếu báo cáo thành tích có xác nhận của Công đoàn các khu công nghiệp.';
    await env.api.ok(`mutation($id: ID!, $r: String!) { returnProposal(id: $id, reason: $r) { status } }`, { id: proposalId, r: reason }, people.officerBn.token);
    const [returned] = await inboxOf(people.officerKcn, 'PROPOSAL_RETURNED', 1);
    expect(returned!.title).toBe('Hồ sơ trình khen bị trả lại: Trần Thị Lan');
    expect(returned!.body).toBe(`Liên đoàn Lao động tỉnh Bắc Ninh đã trả lại hồ sơ đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho Trần Thị Lan để bổ sung. `
      + 'Lý do: Thiếu báo cáo thành tích có xác nhận của Công đoàn các khu công nghiệp. Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ.');
    expect(returned!.link).toBe('/work/proposals');
    await mailOf(people.officerKcn, 'Hồ sơ trình khen bị trả lại');
    expect(await inbox(people.officerBn, 'PROPOSAL_RETURNED')).toEqual([]);
    await eventuallyCounted('notification', `proposal_refs WHERE id = $1 AND status = 'RETURNED' AND holder_unit_path = $2`, [proposalId, tree.units.kcn!.path], 1, 'the returned proposal');
    // within its level's 15 days nobody is chased; past them, the level that must correct it is
    await scan();
    expect(await inbox(people.officerKcn, 'PROPOSAL_HELD')).toEqual([]);
    await db.query(`UPDATE proposal_refs SET since = $2 WHERE id = $1`, [proposalId, daysAgoInVietnam(16)]);
    await scan();
    const [waiting] = await inboxOf(people.officerKcn, 'PROPOSAL_HELD', 1);
    expect(waiting!.body).toContain('đã bị trả lại, chờ bổ sung tại Công đoàn các khu công nghiệp Bắc Ninh 16 ngày');
    expect(waiting!.body).toContain('Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ.');
    expect(await inbox(people.officerBn, 'PROPOSAL_HELD')).toHaveLength(1);
  });

  it("corrected and passed on to the national federation, held there past its days, tells the federation's national admins", async () => {
    await env.api.ok(`mutation($id: ID!, $c: String!) { resendProposal(id: $id, correction: $c) { status } }`,
      { id: proposalId, c: 'Đã bổ sung báo cáo thành tích có xác nhận của Công đoàn các khu công nghiệp' }, people.officerKcn.token);
    await env.api.ok(`mutation($id: ID!) { forwardProposal(id: $id) { status } }`, { id: proposalId }, people.officerBn.token);
    await eventuallyCounted('notification', `proposal_refs WHERE id = $1 AND status = 'AT_LEVEL' AND holder_unit_path = $2`, [proposalId, tree.units.vn!.path], 1, 'the proposal at the federation');
    await db.query(`UPDATE proposal_refs SET since = $2 WHERE id = $1`, [proposalId, daysAgoInVietnam(31)]);
    await scan();
    const [held] = await inboxOf(people.adminVn, 'PROPOSAL_HELD', 1);
    expect(held!.body).toContain('đã chờ tại Tổng Liên đoàn Lao động Việt Nam 31 ngày');
    expect(held!.body).toContain('quá thời hạn 30 ngày của cấp này. Đề nghị đồng chí trình cấp có thẩm quyền hoặc trả lại hồ sơ kèm lý do.');
    expect(await inbox(people.officerBn, 'PROPOSAL_HELD')).toHaveLength(1);

    // sent to the Prime Minister, the Board that examines it returns it: the federation's national admins hear whose letter it was (decision 0045)
    await env.api.ok(`mutation($id: ID!) { forwardProposal(id: $id) { status } }`, { id: proposalId }, people.adminVn.token);
    await env.api.ok(`mutation($id: ID!, $i: AuthorityReturnInput!) { recordAuthorityReturn(id: $id, input: $i) { status } }`,
      { id: proposalId, i: { number: '88/BTĐKT-VP', returnedOn: todayInVietnam(), reason: 'Thiếu ý kiến của cấp ủy nơi cư trú' } }, people.adminVn.token);
    const [returned] = await inboxOf(people.adminVn, 'PROPOSAL_RETURNED', 1);
    expect(returned!.body).toBe('Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ) đã trả lại hồ sơ đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho Trần Thị Lan để bổ sung. '
      + 'Lý do: Thiếu ý kiến của cấp ủy nơi cư trú (văn bản số 88/BTĐKT-VP). Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ, '
      + 'hoặc chuyển xuống cấp dưới để bổ sung nếu phần cần bổ sung do cấp dưới lưu giữ.');
    // held there past its days, the federation is reminded it may pass it down too: it is above the union that proposed it
    await eventuallyCounted('notification', `proposal_refs WHERE id = $1 AND status = 'RETURNED' AND proposing_unit_path = $2`, [proposalId, tree.units.kcn!.path], 1, 'the returned proposal with its proposer');
    await db.query(`UPDATE proposal_refs SET since = $2 WHERE id = $1`, [proposalId, daysAgoInVietnam(31)]);
    await scan();
    const reminders = await inboxOf(people.adminVn, 'PROPOSAL_HELD', 2);
    expect(reminders.map((r) => r.body)).toContainEqual(expect.stringMatching(/đã bị trả lại, chờ bổ sung tại Tổng Liên đoàn Lao động Việt Nam 31 ngày .* bổ sung rồi gửi lại hồ sơ, hoặc chuyển xuống cấp dưới để bổ sung\.$/));
  });
});

describe('a story about a member, published', () => {
  it('reaches her own account, and nobody else', async () => {
    await eventuallyCounted('media', 'member_refs WHERE id = $1', [tree.members.hoa], 1, 'Hoa in media');
    const editor = await env.platform.token(['EDITOR'], tree.units.bn!.path);
    const title = `Nữ công nhân cứu đồng nghiệp bị điện giật ${run}`;
    const story = (await env.api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: { kind: 'GOOD_DEED', title, body: 'Trong ca đêm, chị Hoa đã ngắt cầu dao và sơ cứu kịp thời.', provinceCode: 'BN', memberIds: [tree.members.hoa] },
    }, editor)).createStory.id as string;
    for (const action of ['SUBMIT_FOR_REVIEW', 'PUBLISH']) {
      await env.api.ok(`mutation($id: ID!, $a: StoryAction!) { transitionStory(id: $id, action: $a) { status } }`, { id: story, a: action }, editor);
    }
    const [published] = await inboxOf(people.hoa, 'STORY_ABOUT_ME_PUBLISHED', 1);
    expect(published).toMatchObject({ title: `Bài viết về đồng chí đã được đăng: ${title}`, link: `/stories/${story}` });
    await mailOf(people.hoa, title);
    expect(await inbox(people.lan, 'STORY_ABOUT_ME_PUBLISHED')).toEqual([]);
  });
});

describe('a story waiting for review', () => {
  it("reminds its unit's editors once it has waited more than two days, and not of a story no longer in review", async () => {
    const editor = people.editorBn;
    const title = `Tổ nữ công sáng tạo ${run}`;
    const story = (await env.api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: { kind: 'GOOD_PRACTICE', title, body: 'Tổ nữ công của nhà máy may cải tiến cách chia ca.', provinceCode: 'BN' },
    }, editor.token)).createStory.id as string;
    const sentBack = (await env.api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: { kind: 'GOOD_PRACTICE', title: `Bài cần sửa ${run}`, body: 'Bản nháp còn thiếu ảnh.', provinceCode: 'BN' },
    }, editor.token)).createStory.id as string;
    const move = (id: string, a: string, note?: string) =>
      env.api.ok(`mutation($id: ID!, $a: StoryAction!, $n: String) { transitionStory(id: $id, action: $a, note: $n) { status } }`, { id, a, n: note ?? null }, editor.token);
    await move(story, 'SUBMIT_FOR_REVIEW');
    await move(sentBack, 'SUBMIT_FOR_REVIEW');
    await eventuallyCounted('notification', 'stories_in_review WHERE story_id = ANY($1::uuid[])', [[story, sentBack]], 2, 'both stories in review');
    await move(sentBack, 'REQUEST_CHANGES', 'Cần bổ sung ảnh minh họa');
    await eventuallyCounted('notification', 'stories_in_review WHERE story_id = ANY($1::uuid[])', [[story, sentBack]], 1, 'the one sent back out of review');
    // submitted three days ago
    await db.query(`UPDATE stories_in_review SET since = since - interval '3 days' WHERE story_id = $1`, [story]);
    await scan();
    const [waiting] = await inboxOf(editor, 'STORY_WAITING_REVIEW', 1);
    expect(waiting).toMatchObject({ title: `Tin bài chờ duyệt quá hạn: ${title}`, link: '/work/editor' });
    expect(waiting!.body).toContain('quá 2 ngày');
    await mailOf(editor, `Tin bài chờ duyệt quá hạn: ${title}`);
    expect(await inbox(people.editorKh, 'STORY_WAITING_REVIEW')).toEqual([]);
    await scan();
    expect(await inbox(editor, 'STORY_WAITING_REVIEW')).toHaveLength(1);
  });
});

/** A running campaign launched by the industrial parks' union, started two weeks ago. */
async function campaign(title: string, cadence: string): Promise<{ id: string; targetId: string }> {
  const created = (await env.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id targets { id } } }`, {
    input: {
      launchingUnitId: tree.units.kcn!.id, title, goal: 'Mỗi công đoàn cơ sở một sáng kiến an toàn lao động', category: 'FOR_WORKERS',
      startsOn: daysAgoInVietnam(14), endsOn: `${Number(todayInVietnam().slice(0, 4)) + 1}-12-31`, reportingCadence: cadence,
      targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 12, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
    },
  }, admin)).createCampaign;
  await env.api.untilRoundOpened(created.id);
  return { id: created.id, targetId: created.targets[0].id };
}

describe('a review assigned and not done', () => {
  it('reminds each reviewer who owes it after a week, not the one who scored it, and no one once the reviews decided it', async () => {
    const title = `Giỏi việc nước, đảm việc nhà ${run}`;
    const { id } = await campaign(title, 'MONTHLY');
    const rubric = [
      { score: 0, description: 'Chưa có minh chứng về kết quả' },
      { score: 5, description: 'Có minh chứng, kết quả đạt yêu cầu' },
      { score: 10, description: 'Có minh chứng, kết quả xuất sắc, được nhân rộng' },
    ];
    const set = (await env.api.ok(`mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id criteria { id } } }`, {
      input: { campaignId: id, variant: 'GENERAL', criteria: [{ name: 'Sáng kiến cải tiến', method: 'RUBRIC', weight: 100, rubricLevels: rubric }] },
    }, people.officerKcn.token)).createCriteriaSet;
    await env.api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, people.officerKcn.token);
    const enrollment = (await env.api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId: id, memberId: tree.members.lan } }, admin)).enrollMember.id as string;
    await eventuallyCounted('evaluation', 'participants WHERE enrollment_id = $1', [enrollment], 1, 'Lan a participant in evaluation');
    const submission = (await env.api.ok(`mutation($input: SubmissionInput!) { submitEvidence(input: $input) { id } }`, {
      input: { enrollmentId: enrollment, criterionId: set.criteria[0].id, text: 'Cải tiến cách chia ca, giảm giờ làm thêm', evidence: [{ url: 'https://congdoan.test/chia-ca.pdf' }] },
    }, people.lan.token)).submitEvidence.id as string;
    const reviewers = [await account('reviewerA', ['REVIEWER'], { unit: 'kcn' }), await account('reviewerB', ['REVIEWER'], { unit: 'kcn' }), await account('reviewerC', ['REVIEWER'], { unit: 'kcn' })];
    const [a, b, c] = reviewers as [Person, Person, Person];
    await eventuallyCounted('notification', 'account_refs WHERE id = ANY($1::uuid[])', [reviewers.map((r) => r.id)], 3, 'the reviewers in notification');
    for (const reviewer of reviewers) {
      await env.api.ok(`mutation($id: ID!, $r: ReviewerInput!) { assignReviewer(submissionId: $id, reviewer: $r) { id } }`, { id: submission, r: { subject: reviewer.id, unitPath: tree.units.kcn!.path } }, people.officerKcn.token);
    }
    const review = (reviewer: Person, score: number) =>
      env.api.ok(`mutation($id: ID!, $s: Int!) { reviewSubmission(submissionId: $id, score: $s) { status } }`, { id: submission, s: score }, reviewer.token);
    await eventuallyCounted('notification', 'reviews_owed WHERE submission_id = $1', [submission], 3, 'three reviews owed');
    expect((await review(b, 5)).reviewSubmission.status).toBe('IN_REVIEW');
    await eventuallyCounted('notification', 'reviews_owed WHERE submission_id = $1', [submission], 2, 'the scored one no longer owed');
    // assigned eight days ago
    await db.query(`UPDATE reviews_owed SET since = since - interval '8 days' WHERE submission_id = $1`, [submission]);
    await scan();
    for (const reviewer of [a, c]) {
      const [overdue] = await inboxOf(reviewer, 'REVIEW_OVERDUE', 1);
      expect(overdue).toMatchObject({ title: `Minh chứng chờ đồng chí chấm quá hạn: ${title}`, link: '/work/reviews' });
      expect(overdue!.body).toContain('tiêu chí «Sáng kiến cải tiến»');
      expect(overdue!.body).toContain('quá 7 ngày');
      await mailOf(reviewer, `Minh chứng chờ đồng chí chấm quá hạn: ${title}`);
    }
    expect(await inbox(b, 'REVIEW_OVERDUE')).toEqual([]);
    await scan();
    expect(await inbox(a, 'REVIEW_OVERDUE')).toHaveLength(1);
    // two agreeing reviews decide it: the third reviewer's assignment is moot and chased no more
    expect((await review(a, 5)).reviewSubmission.status).toBe('SCORED');
    await eventuallyCounted('notification', 'reviews_owed WHERE submission_id = $1', [submission], 0, 'no review owed once it is scored');
  });
});

describe('the other deadlines', () => {
  const enrol = async (campaignId: string, unit: string) =>
    (await env.api.ok(`mutation($input: EnrollUnitInput!) { enrollUnit(input: $input) { id } }`, { input: { campaignId, unitId: tree.units[unit]!.id } }, admin)).enrollUnit.id as string;

  it("a campaign ended without a summary: its unit's officers and the level above are told once", async () => {
    const title = `Tháng công nhân ${run}`;
    const { id } = await campaign(title, 'MONTHLY');
    await eventuallyCounted('notification', 'campaign_refs WHERE id = $1', [id], 1, 'the campaign in notification');
    // it ended yesterday (a campaign cannot be launched already ended)
    await db.query(`UPDATE campaign_refs SET ends_on = $2 WHERE id = $1`, [id, daysAgoInVietnam(1)]);
    await scan();
    const [own] = await inboxOf(people.officerKcn, 'SUMMARY_OVERDUE', 1);
    expect(own).toMatchObject({ title: `Quá hạn tổng kết phong trào: ${title}`, link: `/work/campaigns?id=${id}` });
    expect(own!.body).toContain(`đã kết thúc ngày ${daysAgoInVietnam(1).split('-').reverse().join('/')}`);
    const [above] = await inboxOf(people.officerBn, 'SUMMARY_OVERDUE_BELOW', 1);
    expect(above).toMatchObject({ title: `Đơn vị trực thuộc quá hạn tổng kết phong trào: ${title}`, link: `/campaigns/${id}` });
    await mailOf(people.officerKcn, `Quá hạn tổng kết phong trào: ${title}`);
    expect(await inbox(people.officerMay, 'SUMMARY_OVERDUE')).toEqual([]);
    expect(await inbox(people.officerKh, 'SUMMARY_OVERDUE_BELOW')).toEqual([]);
    await scan();
    expect(await inbox(people.officerKcn, 'SUMMARY_OVERDUE')).toHaveLength(1);
  });

  it('an appeal window closing within two days reminds those enrolled once: the unit’s officers and the member with an account, no one else', async () => {
    const title = `Khiếu nại đúng hạn ${run}`;
    const { id, targetId } = await campaign(title, 'MONTHLY');
    const may = await enrol(id, 'may');
    const lan = (await env.api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId: id, memberId: tree.members.lan } }, admin)).enrollMember.id as string;
    const set = (await env.api.ok(`mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id } }`, {
      input: { campaignId: id, variant: 'GENERAL', appealWindowDays: 10, criteria: [{ name: 'Sáng kiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 12, targetId }] },
    }, people.officerKcn.token)).createCriteriaSet;
    await env.api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, people.officerKcn.token);
    for (const enrollmentId of [may, lan]) {
      await env.api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { periodStart } }`, { input: { enrollmentId, targetId, periodStart: daysAgoInVietnam(14), value: 3 } }, admin);
    }
    await env.api.untilScored([may, lan], admin);
    await env.api.ok(`mutation($id: ID!) { publishResults(campaignId: $id) { publicationVersion } }`, { id }, people.officerKcn.token);
    await eventuallyCounted('notification', 'appeal_windows WHERE campaign_id = $1', [id], 1, 'the appeal window in notification');
    await eventuallyCounted('notification', 'enrollment_refs WHERE campaign_id = $1', [id], 2, 'the enrolments in notification');
    const told = async (person: Person) => (await inbox(person, 'APPEAL_WINDOW_CLOSING')).filter((item) => item.link === `/work/appeals?campaign=${id}`);
    // ten days left: nobody is reminded yet
    await scan();
    expect(await told(people.officerMay)).toEqual([]);
    // a day left
    await db.query(`UPDATE appeal_windows SET closes_at = now() + interval '1 day' WHERE campaign_id = $1`, [id]);
    await scan();
    for (const person of [people.officerMay, people.lan]) {
      await eventually(async () => ((await told(person)).length ? true : null), 30000, 'the appeal window reminder');
      const [reminder] = await told(person);
      expect(reminder!.title).toBe(`Sắp hết hạn khiếu nại kết quả: ${title}`);
      await mailOf(person, `Sắp hết hạn khiếu nại kết quả: ${title}`);
    }
    for (const person of [people.hoa, people.officerDet, people.officerKcn]) expect(await told(person)).toEqual([]);
    await scan();
    expect(await told(people.officerMay)).toHaveLength(1);
    expect(await told(people.lan)).toHaveLength(1);
  });

  it('a report period about to end reminds the unit that has not reported it, not the one that has', async () => {
    const title = `Tuần lễ an toàn ${run}`;
    const { id, targetId } = await campaign(title, 'WEEKLY');
    await enrol(id, 'may');
    const det = await enrol(id, 'det');
    const monday = new Date(`${todayInVietnam()}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    await env.api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { periodStart } }`, {
      input: { enrollmentId: det, targetId, periodStart: monday.toISOString().slice(0, 10), value: 1 },
    }, admin);
    await eventuallyCounted('notification', 'enrollment_refs WHERE campaign_id = $1', [id], 2, 'enrolments in notification');
    await eventuallyCounted('notification', 'reported_periods WHERE enrollment_id = $1', [det], 1, "Dệt Quế Võ's report in notification");
    await scan();
    const reminders = (await inboxOf(people.officerMay, 'PROGRESS_DUE_SOON', 1)).filter((i) => i.link === `/work/progress?campaign=${id}`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.title).toBe(`Sắp đến hạn báo cáo tiến độ: ${title}`);
    expect(reminders[0]!.body).toContain('Công đoàn Công ty May Bắc Giang chưa báo cáo tiến độ kỳ này');
    await mailOf(people.officerMay, `Sắp đến hạn báo cáo tiến độ: ${title}`);
    expect(await inbox(people.officerDet, 'PROGRESS_DUE_SOON')).toEqual([]);
  });
});
