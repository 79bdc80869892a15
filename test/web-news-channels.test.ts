/**
 * The news channels' screen (issue 19): a national admin signed in to the portal sets a channel's HTTPS endpoint,
 * is refused a plain HTTP one with the reason beside the field, reads the signing secret once, and sees the
 * deliveries of a published story, the endpoint's failures included, as the media subgraph keeps retrying them.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { watchAccessibility } from './support/accessibility';
import { launchBrowser, signIn } from './support/browser';
import { eventually } from './support/graphql';
import { usePlatform } from './support/platform';
import { withEnvironment } from './support/smtp';
import { issueTestToken } from './support/tokens';
import { TWO_PROVINCES, buildUnionTree, uniqueRun } from './support/union-tree';

let restoreEnvironment: () => void;
/** An address where nothing listens: every delivery to it fails, and is retried. */
let deadEndpoint: string;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  deadEndpoint = `https://127.0.0.1:${port}/thidua/webhook`;
  // read by media when it starts (usePlatform's beforeAll, below)
  restoreEnvironment = withEnvironment({ WEBHOOK_RETRY_BASE_SECONDS: '1', WEBHOOK_POLL_MS: '200' });
});

const env = usePlatform();
let browser: Browser;

afterAll(async () => {
  await browser?.close();
  restoreEnvironment();
});

describe("the news channels' screen", () => {
  it('sets the endpoint (HTTPS only), shows the secret once, and lists the deliveries with their failures', async () => {
    const run = uniqueRun();
    const admin = await env.platform.token(['NATIONAL_ADMIN'], '/');
    const tree = await buildUnionTree(env.api, admin, { units: TWO_PROVINCES }, run);
    const name = `Báo Người Lao Động ${run}`;
    const channelId = (await env.api.ok(`mutation($name: String!) { registerNewsChannel(name: $name, contactEmail: "toasoan@nld.vn") { channel { id } } }`, { name }, admin))
      .registerNewsChannel.channel.id as string;
    const username = `qt.${run}`;
    const created = await env.api.ok(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { temporaryPassword } }`, {
      i: { username, fullName: 'Quản trị Tổng Liên đoàn', unitId: tree.units.vn!.id, roles: ['NATIONAL_ADMIN'] },
    }, admin);
    // an officer is not the channels' admin: the query is refused
    const officer = await env.platform.token(['UNIT_OFFICER'], tree.units.bn!.path);
    expect((await env.api.refused(`query { newsChannels { id } }`, {}, officer)).code).toBe('FORBIDDEN');

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const audit = watchAccessibility(page);
    const base = env.platform.gatewayUrl.replace(/\/graphql$/, '');
    await signIn(page, base, username, created.createAccount.temporaryPassword, `Mat-khau-${run}-2026`);
    await page.getByRole('link', { name: 'Kênh tin' }).click();
    await page.getByRole('heading', { name: 'Kênh tin và địa chỉ nhận', level: 1 }).waitFor();
    const card = page.getByTestId('news-channel').filter({ hasText: name });
    await card.getByText('Kênh chưa có địa chỉ nhận').waitFor();
    const url = card.getByLabel('Địa chỉ nhận tin bài (HTTPS)');

    await url.fill('http://toasoan.nld.vn/thidua');
    await card.getByRole('button', { name: 'Lưu địa chỉ nhận' }).click();
    await card.getByRole('alert').filter({ hasText: 'Địa chỉ nhận phải dùng HTTPS' }).waitFor();
    expect(await card.getByTestId('webhook-secret').count()).toBe(0);

    await url.fill(deadEndpoint);
    await card.getByRole('button', { name: 'Lưu địa chỉ nhận' }).click();
    await card.getByText(`Đã lưu địa chỉ nhận của ${name}.`).waitFor();
    const secret = await card.getByTestId('webhook-secret').locator('code').textContent();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const saved = await env.api.ok(`query { newsChannels { id webhook { url } } }`, {}, admin);
    expect(saved.newsChannels.find((c: { id: string }) => c.id === channelId).webhook).toEqual({ url: deadEndpoint });

    // a story published: its delivery to the dead endpoint fails, and is tried again
    const editor = await issueTestToken({ sub: `editor-${run}`, name: 'Biên tập viên', roles: ['EDITOR'], unitPath: tree.units.bn!.path });
    const storyId = (await env.api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: { kind: 'GOOD_PRACTICE', title: `Bữa cơm ca nghĩa tình ${run}`, body: 'Công đoàn cùng doanh nghiệp nâng chất lượng bữa ăn ca.' },
    }, editor)).createStory.id as string;
    for (const action of ['SUBMIT_FOR_REVIEW', 'PUBLISH']) {
      await env.api.ok(`mutation($id: ID!, $a: StoryAction!) { transitionStory(id: $id, action: $a) { status } }`, { id: storyId, a: action }, editor);
    }
    await eventually(async () => {
      const data = await env.api.ok(`query { newsChannels { id webhook { deliveries { attempts } } } }`, {}, admin);
      const deliveries = data.newsChannels.find((c: { id: string }) => c.id === channelId).webhook.deliveries as { attempts: number }[];
      return deliveries[0] && deliveries[0].attempts >= 2 ? true : null;
    }, 30000, 'two failed attempts');
    await page.reload();
    const row = page.getByTestId('news-channel').filter({ hasText: name }).getByTestId('webhook-delivery');
    // the reloaded page asks the media subgraph for the deliveries again: on a busy machine that takes a while
    await row.first().waitFor({ timeout: 90_000 });
    expect(await row.count()).toBe(1);
    const cells = await row.first().locator('td').allTextContents();
    expect(cells[1]).toBe('Đăng bài (xem bài)');
    expect(cells[2]).toBe('Đang gửi lại');
    expect(Number(cells[3])).toBeGreaterThanOrEqual(2);
    expect(cells[4]).toContain('ECONNREFUSED');
    expect(cells[5]).toBe('—');
    expect(await row.first().getByRole('link', { name: '(xem bài)' }).getAttribute('href')).toBe(`/stories/${storyId}`);
    await page.screenshot({ path: '.data/news-channels.png', fullPage: true });
    await audit.check();
  }, 180_000);
});
