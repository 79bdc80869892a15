/**
 * The corrections screen in a real browser (Debian's Chromium through Playwright) against the real platform: the
 * officer withdraws a nomination (meeting the API's message beside the reason first), the council finds a decision by
 * name without diacritics (a name nobody has finds nothing, in words), opens its folded form and annuls it with its
 * legal ground, reason and the amount reclaimed (meeting the message beside the ground first), and the public page the
 * certificate's QR code opens shows the annulment, its ground and that the certificate is no longer valid.
 */
import { watchAccessibility } from './support/accessibility';
import { usePortalScenario } from './support/portal-people';
import { daysAgo, year } from './support/reward';

const portal = usePortalScenario('sc');
const { people } = portal;
let lanNomination: string;
let decision: { id: string; number: string; amountVnd: number };

beforeAll(async () => {
  lanNomination = await portal.s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(20), awardYear: year });
  decision = await portal.s.decide({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year, reason: `Hoàn thành vượt mức năng suất tổ may ${portal.s.run}` }, daysAgo(40));
}, 120_000);

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
    const { nomination } = await portal.s.api.ok(`query($id: ID!) { nomination(id: $id) { status correctionReason } }`, { id: lanNomination }, portal.s.tokens.officerHn);
    expect(nomination).toEqual({ status: 'WITHDRAWN', correctionReason: 'Đoàn viên đã chuyển công tác sang đơn vị khác' });
  });

  it('the council annuls a decision with its ground, and the public page shows it', async () => {
    const council = await people.pageAs({ roles: ['COUNCIL_MEMBER'], unit: 'hn' }, '/work/corrections');
    // found by name without diacritics; a name nobody has finds nothing, in words
    const search = council.page.getByLabel('Tìm theo tên người, tập thể được đề nghị (có dấu hoặc không dấu)');
    await search.fill('khong ai ten nay');
    await council.page.getByText('Không có quyết định nào tên có «khong ai ten nay».').waitFor();
    await search.fill('nguyen thi hoa');
    const card = council.page.getByTestId('decided-nomination').filter({ hasText: decision.number });
    await card.waitFor();
    expect(new Set(await council.page.getByTestId('decided-nomination').locator('h3').allTextContents())).toEqual(new Set(['Nguyễn Thị Hoa']));
    // the form stays folded until the council opens it: a province's hundred decisions are not a hundred forms
    expect(await card.getByLabel('Lý do').count()).toBe(0);
    await card.getByRole('button', { name: 'Hủy bỏ, thu hồi quyết định…' }).click();
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

    const reader = await portal.browser.newContext();
    const page = await reader.newPage();
    const audit = watchAccessibility(page);
    await page.goto(`${portal.base}/rewards/decisions/${decision.id}`);
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
    await page.goto(`${portal.base}/rewards`);
    await page.getByLabel('Tìm kiếm (có dấu hoặc không dấu)').fill(portal.s.run);
    await page.getByLabel('Tìm kiếm (có dấu hoặc không dấu)').press('Enter');
    const row = page.getByRole('row').filter({ hasText: portal.s.run });
    await row.getByText(/^Hủy bỏ quyết định số \d+\/QĐ-LĐLĐ$/).waitFor();
    expect(await row.getByRole('link', { name: /Giấy khen/ }).count()).toBe(0);
    await audit.check();
    await reader.close();
  });
});
