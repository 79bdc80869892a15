/**
 * The corrections screen in a real browser (Debian's Chromium through Playwright) against the real platform: the
 * officer withdraws a nomination (meeting the API's message beside the reason first), the council annuls a decision
 * with its legal ground, reason and the amount reclaimed (meeting the message beside the ground first), and the public
 * page the certificate's QR code opens shows the annulment, its ground and that the certificate is no longer valid.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { PortalPeople } from './support/portal-people';
import { usePlatform } from './support/platform';
import { RewardScenario, daysAgo, year } from './support/reward';

const env = usePlatform();
let browser: Browser;
let base: string;
let s: RewardScenario;
let lanNomination: string;
let decision: { id: string; number: string; amountVnd: number };

const people = new PortalPeople(() => s, () => browser, () => base, 'sc');

beforeAll(async () => {
  base = env.platform.gatewayUrl.replace(/\/graphql$/, '');
  s = await RewardScenario.start(env.platform, env.api);
  lanNomination = await s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'LDTT', achievedOn: daysAgo(20), awardYear: year });
  decision = await s.decide({ memberKey: 'hoa', granting: 'hn', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year, reason: `Hoàn thành vượt mức năng suất tổ may ${s.run}` }, daysAgo(40));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('corrections (Rút đề nghị, hủy bỏ và thu hồi quyết định)', () => {
  it('the officer withdraws a nomination with a reason', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/corrections');
    await officer.page.getByRole('heading', { name: 'Rút đề nghị, hủy bỏ và thu hồi quyết định' }).waitFor();
    const card = officer.page.getByTestId('open-nomination').filter({ hasText: 'Trần Thị Lan' });
    await card.getByRole('button', { name: 'Rút đề nghị' }).click();
    const error = officer.page.locator(`#reason-${lanNomination}-error`);
    await error.waitFor();
    expect(await error.textContent()).toContain('10–5.000 ký tự');
    expect(await officer.page.locator(`#reason-${lanNomination}`).getAttribute('aria-describedby')).toBe(`reason-${lanNomination}-hint reason-${lanNomination}-error`);
    await card.getByLabel('Lý do').fill('Đoàn viên đã chuyển công tác sang đơn vị khác');
    await card.getByRole('button', { name: 'Rút đề nghị' }).click();
    await officer.page.getByText('Đã rút đề nghị: Trần Thị Lan').waitFor();
    await officer.close();
    const { nomination } = await s.api.ok(`query($id: ID!) { nomination(id: $id) { status correctionReason } }`, { id: lanNomination }, s.tokens.officerHn);
    expect(nomination).toEqual({ status: 'WITHDRAWN', correctionReason: 'Đoàn viên đã chuyển công tác sang đơn vị khác' });
  });

  it('the council annuls a decision with its ground, and the public page shows it', async () => {
    const council = await people.pageAs({ roles: ['COUNCIL_MEMBER'], unit: 'hn' }, '/work/corrections');
    const card = council.page.getByTestId('decided-nomination').filter({ hasText: decision.number });
    await card.getByLabel('Hình thức').selectOption('ANNULLED');
    await card.getByLabel('Lý do').fill('Kết luận thanh tra số 12/KL-TTr: bản xác nhận trong hồ sơ bị làm giả');
    await card.getByRole('button', { name: 'Hủy bỏ quyết định' }).click();
    await council.page.locator(`#ground-${decision.id}-error`).waitFor();
    await card.getByLabel('Căn cứ pháp lý').selectOption('FALSE_DOCUMENTS');
    expect(await council.page.locator(`#ground-${decision.id}-hint`).textContent()).toContain('Điều 93 khoản 2 điểm b');
    await card.getByRole('button', { name: 'Hủy bỏ quyết định' }).click();
    await council.page.getByText(new RegExp(`^Đã hủy bỏ Quyết định số ${decision.number.replace(/\//g, '\\/')} theo Quyết định số \\d+\\/QĐ-LĐLĐ$`)).waitFor();
    await card.getByText('Hủy bỏ quyết định theo Quyết định số').waitFor();
    await council.close();

    const reader = await browser.newContext();
    const page = await reader.newPage();
    await page.goto(`${base}/rewards/decisions/${decision.id}`);
    await page.getByTestId('revocation').waitFor();
    expect(await page.getByTestId('decision-status').textContent()).toBe('Đã hủy bỏ: không còn hiệu lực');
    const revocation = (await page.getByTestId('revocation').textContent())!;
    for (const expected of ['bản xác nhận trong hồ sơ bị làm giả', 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 93 khoản 2 điểm b', `${decision.amountVnd.toLocaleString('vi-VN')}`]) {
      expect(revocation).toContain(expected);
    }
    const documents = page.getByTestId('documents');
    await documents.getByText('Không còn giá trị', { exact: true }).waitFor();
    expect(await documents.getByRole('link').count()).toBe(1);
    expect(await documents.locator('code.hash').count()).toBe(2);
    await page.goto(`${base}/rewards`);
    await page.getByLabel('Tìm kiếm (có dấu hoặc không dấu)').fill(s.run);
    await page.getByLabel('Tìm kiếm (có dấu hoặc không dấu)').press('Enter');
    const row = page.getByRole('row').filter({ hasText: s.run });
    await row.getByText(/^Hủy bỏ quyết định số \d+\/QĐ-LĐLĐ$/).waitFor();
    expect(await row.getByRole('link', { name: /Giấy khen/ }).count()).toBe(0);
    await reader.close();
  });
});
