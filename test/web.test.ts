/**
 * The web portal in a real browser (Debian's Chromium driven by Playwright) against the real platform: the gateway
 * serving the built portal, the four subgraphs, PostgreSQL and Kafka. The public allowlist is on, so the public
 * pages also prove that the portal sends only the operations in gateway/public-operations. Each role signs in and
 * walks its main path: an officer launches a movement (meeting the API's validation first) and reads the
 * dashboard's charts, the public sees the movement, an editor publishes a story that appears in its section and
 * feed, a council member decides a nomination, the national admin sees the provinces ranked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type TypeNode } from 'graphql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { databaseUrl, type Role } from '@thidua/common';
import { Api } from './support/api';
import { launchBrowser, signIn } from './support/browser';
import { eventually, graphql } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';

let platform: TestPlatform;
let api: Api;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);
const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};
let admin: string;

const token = (roles: Role[], unitKey: string, sub: string) => platform.token(roles, paths[unitKey]!, sub);

async function unit(key: string, input: Record<string, unknown>): Promise<void> {
  const created = (await api.ok(`mutation($i: CreateUnionUnitInput!) { createUnionUnit(input: $i) { id path } }`, { i: { code: `${key}-${run}`, ...input } }, admin)).createUnionUnit;
  ids[key] = created.id;
  paths[key] = created.path;
}

async function pageAs(roles: Role[] | null, unitKey = 'vn', sub = 'web-user'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (roles) await signIn(page, base, await token(roles, unitKey, sub));
  return { context, page };
}

beforeAll(async () => {
  platform = await startTestPlatform({ publicQueryAllowlist: true });
  api = new Api(platform.gatewayUrl);
  base = platform.gatewayUrl.replace(/\/graphql$/, '');
  admin = await platform.token(['NATIONAL_ADMIN'], '/');
  browser = await launchBrowser();
  await unit('vn', { name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' });
  await unit('bn', { parentId: ids.vn, name: `Liên đoàn Lao động tỉnh Bắc Ninh ${run}`, level: 'PROVINCIAL', provinceCode: 'BN' });
  await unit('may', { parentId: ids.bn, name: 'Công đoàn Công ty May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' });
  ids.member = (await api.ok(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`, {
    i: { unitId: ids.may, fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false },
  }, admin)).createMember.id;
  await api.ok(`mutation($input: SectionInput!) { createSection(input: $input) { id } }`, { input: { slug: `nguoi-tot-${run}`, name: `Người tốt, việc tốt ${run}`, filter: { kinds: ['GOOD_DEED'] } } }, admin);
}, 60000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the public operations', () => {
  const DUMMY: Record<string, unknown> = { ID: '00000000-0000-4000-8000-000000000000', String: 'lao dong', Date: `${year}-01-01`, Int: 1 };
  const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

  it('are each valid against the supergraph and allowed for anonymous callers', async () => {
    const dir = path.resolve(__dirname, '..', 'gateway', 'public-operations');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      for (const operation of parse(readFileSync(path.join(dir, file), 'utf8')).definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).filter((v) => v.type.kind === Kind.NON_NULL_TYPE).map((v) => [v.variable.name.value, DUMMY[namedType(v.type)]]),
        );
        const result = await graphql(platform.gatewayUrl, print({ kind: Kind.DOCUMENT, definitions: [operation] }), variables);
        expect([file, operation.name?.value, result.errors?.map((e) => e.message) ?? []]).toEqual([file, operation.name?.value, []]);
      }
    }
  });
});

describe('an officer', () => {
  const title = `Thi đua năng suất xanh ${run}`;

  it('launches a movement from the form, seeing the API’s validation messages next to the fields', async () => {
    const { context, page } = await pageAs(['UNIT_OFFICER'], 'bn', 'officer-bn');
    await page.getByRole('link', { name: 'Phát động' }).click();
    await page.getByText(`Đơn vị phát động: Liên đoàn Lao động tỉnh Bắc Ninh ${run}`).waitFor();
    await page.getByRole('button', { name: 'Phát động', exact: true }).click();
    await page.locator('#title-error').waitFor();
    expect(await page.locator('#title-error').textContent()).toContain('1–300 characters');

    await page.getByLabel('Tên phong trào').fill(title);
    await page.getByLabel('Mục tiêu', { exact: true }).fill('Tăng năng suất, tiết kiệm năng lượng trong dây chuyền may');
    await page.getByLabel('Bắt đầu').fill(`${year}-01-01`);
    await page.getByLabel('Kết thúc').fill(`${year + 1}-12-31`);
    await page.getByLabel('Tên chỉ tiêu').fill('Sáng kiến tiết kiệm điện');
    await page.getByLabel('Đơn vị tính').fill('sáng kiến');
    await page.getByLabel('Mức chỉ tiêu').fill('10');
    await page.getByLabel('Trọng số (%)').fill('100');
    await page.getByRole('button', { name: 'Phát động', exact: true }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.getByText('Đã phát động').count()).toBeGreaterThan(0);
    ids.campaign = page.url().split('/').pop()!;
    await context.close();
  });

  it('is seen by the public on the home page and the movement’s page', async () => {
    const { context, page } = await pageAs(null);
    await page.goto(base);
    await page.getByTestId('campaign-list').getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.getByRole('cell', { name: 'Sáng kiến tiết kiệm điện' }).count()).toBe(1);
    await context.close();
  });

  it('reads the dashboard’s charts with the movement’s progress', async () => {
    const enrollment = (await api.ok(`mutation($i: EnrollMemberInput!) { enrollMember(input: $i) { id } }`, { i: { campaignId: ids.campaign, memberId: ids.member } }, admin)).enrollMember.id;
    const { campaign } = await api.ok(`query($id: ID!) { campaign(id: $id) { targets { id } } }`, { id: ids.campaign }, admin);
    await api.ok(`mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id } }`, { i: { enrollmentId: enrollment, targetId: campaign.targets[0].id, periodStart: `${year}-01-01`, value: 4 } }, admin);
    const { context, page } = await pageAs(['UNIT_OFFICER'], 'bn', 'officer-bn');
    await page.getByRole('link', { name: 'Bảng điều khiển' }).click();
    const chart = page.getByTestId('progress-chart');
    await chart.locator('canvas').waitFor();
    // the chart's figures are also in its table: the movement at 40% of its target
    expect(await chart.locator('table tbody tr').first().textContent()).toBe(`${title}40%`);
    await page.getByTestId('fairness-chart').locator('canvas').waitFor();
    await context.close();
  });
});

describe('an editor', () => {
  it('publishes a story that appears in its section and in the section’s feed', async () => {
    const storyTitle = `Chị Nhung nhặt được ví trả người đánh rơi ${run}`;
    const { context, page } = await pageAs(['EDITOR'], 'vn', 'editor');
    await page.getByRole('link', { name: 'Biên tập' }).click();
    await page.getByLabel('Loại bài').selectOption('GOOD_DEED');
    await page.getByLabel('Tiêu đề').fill(storyTitle);
    await page.getByLabel('Tóm tắt').fill('Công nhân May Bắc Giang trả lại ví có 20 triệu đồng cho người đánh rơi.');
    await page.getByLabel('Nội dung (Markdown)').fill('Sáng **25/11**, chị Nhung nhặt được chiếc ví và tìm trả người đánh rơi.');
    await page.getByRole('button', { name: 'Lưu bài' }).click();
    await page.getByText('Đã lưu bài.').waitFor();
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByText('Trạng thái: Chờ duyệt').waitFor();
    await page.getByRole('button', { name: 'Đăng bài' }).click();
    await page.getByText('Trạng thái: Đã đăng').waitFor();
    await context.close();

    const reader = await pageAs(null);
    await reader.page.goto(`${base}/stories`);
    const section = reader.page.getByTestId(`section-nguoi-tot-${run}`);
    await section.getByRole('link', { name: storyTitle }).click();
    await reader.page.getByRole('heading', { name: storyTitle }).waitFor();
    expect(await reader.page.locator('.story-body strong').textContent()).toBe('25/11');
    await reader.page.goto(`${base}/stories`);
    const rss = await reader.page.getByTestId(`section-nguoi-tot-${run}`).getByRole('link', { name: 'RSS' }).getAttribute('href');
    const feed = await reader.page.request.get(`${base}${rss}`);
    expect(feed.headers()['content-type']).toContain('xml');
    expect(await feed.text()).toContain(storyTitle);
    await reader.context.close();
  });
});

describe('a council member', () => {
  it('approves and decides a nomination; the decision is in the public register', async () => {
    await eventually(async () => {
      const db = new Client({ connectionString: databaseUrl('reward') });
      await db.connect();
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM member_refs WHERE id = $1`, [ids.member]);
      await db.end();
      return rows[0].n === 1 ? true : null;
    }, 30000, 'the member in reward');
    await api.ok(`mutation($i: NominateInput!) { nominate(input: $i) { id } }`, {
      i: { source: 'OFFICER', memberId: ids.member, grantingUnitId: ids.bn, formCode: 'BK_TINH', achievedOn: `${year}-01-15`, reason: `Sáng kiến cữ gá may túi áo ${run}` },
    }, admin);
    const { context, page } = await pageAs(['COUNCIL_MEMBER'], 'bn', 'council-bn');
    await page.getByRole('link', { name: 'Hội đồng TĐKT' }).click();
    const card = page.getByTestId('nomination').filter({ hasText: `Sáng kiến cữ gá may túi áo ${run}` });
    await card.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await page.getByText('Đã biểu quyết tán thành: Nguyễn Thị Hồng Nhung').waitFor();
    await card.getByLabel('Người ký (chức danh)').fill('Chủ tịch LĐLĐ tỉnh Bắc Ninh');
    await card.getByRole('button', { name: 'Quyết định khen thưởng' }).click();
    await page.getByText(/Quyết định số \d+\/\d{4}\/QĐ-KT-BN-/).waitFor();
    await context.close();

    const reader = await pageAs(null);
    await reader.page.goto(`${base}/rewards`);
    await reader.page.getByLabel('Tìm kiếm (có dấu hoặc không dấu)').fill(`cu ga may tui ao ${run}`);
    await reader.page.getByRole('button', { name: 'Tìm' }).click();
    const row = reader.page.getByTestId('register').getByRole('row').filter({ hasText: 'Nguyễn Thị Hồng Nhung' });
    await row.waitFor();
    expect(await row.textContent()).toContain('3.510.000');
    await reader.context.close();
  });
});

describe('other roles', () => {
  it('the national admin sees the provinces ranked and the country’s reward figures', async () => {
    const { context, page } = await pageAs(['NATIONAL_ADMIN'], 'vn', 'admin');
    await page.waitForURL(/\/national$/);
    const provinces = page.getByTestId('provinces');
    await provinces.waitFor();
    expect(await provinces.getByRole('row').filter({ hasText: `Liên đoàn Lao động tỉnh Bắc Ninh ${run}` }).count()).toBe(1);
    await context.close();
  });

  it('a reviewer sees their queue, a member the public pages, and signing out returns to the public menu', async () => {
    const reviewer = await pageAs(['REVIEWER'], 'bn', 'reviewer-bn');
    await reviewer.page.waitForURL(/\/work\/reviews$/);
    await reviewer.page.getByText('Không có bài nào chờ bạn chấm.').waitFor();
    await reviewer.context.close();
    const member = await pageAs(['MEMBER'], 'may', 'member-nhung');
    expect(await member.page.getByRole('link', { name: 'Bảng điều khiển' }).count()).toBe(0);
    await member.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await member.page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    await member.context.close();
  });

  it('works on a phone-sized screen with the keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${base}/rewards`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Bỏ qua menu, đến nội dung chính');
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
