/**
 * The council in a real browser (Debian's Chromium through Playwright) against the real platform: Hà Nội's officer
 * seats a council member's account; that member closes the meeting in progress and opens one with everyone present,
 * votes on a nomination and sees the council's outcome reach "passed" once the majority voted, declares a relative and
 * then sees the conflict before voting; the meeting's attendance is in the council's minutes PDF.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { pdfText } from './support/pdf';
import { PortalPeople } from './support/portal-people';
import { usePlatform } from './support/platform';
import { REVIEW, RewardScenario, daysAgo, year } from './support/reward';

const env = usePlatform();
let browser: Browser;
let base: string;
let s: RewardScenario;
let hoa: string;
let lan: string;

const people = new PortalPeople(() => s, () => browser, () => base, 'hd');
const member = { roles: ['COUNCIL_MEMBER' as const], unit: 'hn' };

beforeAll(async () => {
  base = env.platform.gatewayUrl.replace(/\/graphql$/, '');
  s = await RewardScenario.start(env.platform, env.api);
  await s.seatCouncil('hn');
  hoa = await s.nominate({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), awardYear: year, reason: `Sáng kiến cữ gá may túi ${s.run}` });
  lan = await s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(10), awardYear: year, reason: `Dẫn đầu năng suất tổ may ${s.run}` });
  browser = await launchBrowser();
  // the council member's account is made (and its first sign-in done) before the officer seats it
  await (await people.pageAs(member, '/')).close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the council (Hội đồng Thi đua - Khen thưởng)', () => {
  it('the officer seats a council member’s account', async () => {
    const { username } = await people.accountOf(member);
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/council-members');
    await officer.page.getByRole('heading', { name: 'Thành viên Hội đồng thi đua, khen thưởng' }).waitFor();
    await officer.page.getByTestId('council-member').filter({ hasText: 'Vũ Thị Thu' }).waitFor();
    expect(await officer.page.getByTestId('council-rules').textContent()).toContain('dự họp từ 67% số thành viên');
    await officer.page.getByRole('button', { name: 'Bổ sung vào Hội đồng' }).click();
    await officer.page.locator('#council-account-error').waitFor();
    await officer.page.getByLabel('Tài khoản').selectOption({ label: `Người thử 0 (${username})` });
    await officer.page.getByLabel('Chức danh trong Hội đồng').selectOption('STANDING_MEMBER');
    await officer.page.getByRole('button', { name: 'Bổ sung vào Hội đồng' }).click();
    await officer.page.getByText('Đã bổ sung Người thử 0 vào Hội đồng').waitFor();
    await officer.page.getByTestId('council-member').filter({ hasText: 'Người thử 0 · Ủy viên thường trực' }).waitFor();
    await officer.close();
  });

  it('the member opens a meeting with everyone present, votes, and sees the outcome', async () => {
    const council = await people.pageAs(member, '/work/council');
    const meeting = council.page.getByTestId('council-meeting');
    // the meeting in progress was opened before the new seat: a new one takes the four members present
    await meeting.getByText('3/3 thành viên dự họp').waitFor();
    await meeting.getByRole('button', { name: 'Kết thúc phiên họp' }).click();
    await council.page.getByText(/^Đã kết thúc phiên họp ngày/).waitFor();
    await meeting.getByRole('button', { name: 'Mở phiên họp' }).click();
    expect(await meeting.getByRole('alert').textContent()).toContain('đánh dấu các thành viên có mặt');
    for (const name of ['Vũ Thị Thu', 'Ngô Văn Hải', 'Đặng Minh Châu', 'Người thử 0']) await meeting.getByLabel(new RegExp(name)).check();
    await meeting.getByRole('button', { name: 'Mở phiên họp' }).click();
    await meeting.getByText('4/4 thành viên dự họp').waitFor();
    expect(await meeting.textContent()).toContain('Đủ số thành viên dự họp (cần 3)');

    const card = council.page.getByTestId('nomination').filter({ hasText: `Sáng kiến cữ gá may túi ${s.run}` });
    expect(await card.getByTestId('council-outcome').textContent()).toContain('chưa biểu quyết đề nghị này trong một phiên họp');
    await card.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await council.page.getByText('Đã biểu quyết tán thành: Nguyễn Thị Hoa').waitFor();
    await card.getByTestId('council-outcome').filter({ hasText: 'Chưa đủ số phiếu tán thành' }).waitFor();
    for (const token of [s.tokens.councilHn, s.tokens.councilHn2]) await s.api.ok(REVIEW, { id: hoa, vote: 'FOR' }, token);
    await council.page.reload();
    await council.page.getByTestId('nomination').filter({ hasText: `Sáng kiến cữ gá may túi ${s.run}` }).getByTestId('council-outcome').filter({ hasText: 'Được thông qua tại phiên họp' }).waitFor();

    // a relative declared: the conflict is shown instead of the vote buttons
    const lanCard = council.page.getByTestId('nomination').filter({ hasText: `Dẫn đầu năng suất tổ may ${s.run}` });
    await lanCard.getByText('Người được đề nghị là người thân của tôi').click();
    await lanCard.getByLabel('Quan hệ').fill('em gái');
    await lanCard.getByRole('button', { name: 'Khai báo xung đột lợi ích' }).click();
    await council.page.getByText('Đã khai báo Trần Thị Lan là em gái của bạn').waitFor();
    const conflict = council.page.getByTestId('nomination').filter({ hasText: `Dẫn đầu năng suất tổ may ${s.run}` }).getByTestId('my-conflict');
    expect(await conflict.textContent()).toContain('người được đề nghị là em gái của bạn (đã khai báo)');
    expect(await council.page.getByTestId('nomination').filter({ hasText: `Dẫn đầu năng suất tổ may ${s.run}` }).getByRole('button', { name: 'Tán thành', exact: true }).count()).toBe(0);
    await council.close();
    expect((await s.api.ok(`query($id: ID!) { nomination(id: $id) { councilOutcome { rule } } }`, { id: lan }, s.tokens.councilHn)).nomination.councilOutcome.rule).toBe('NO_MEETING');
  });

  it('the minutes show who attended the meeting and whether it had its quorum', async () => {
    const response = await fetch(`${base}/documents/rewards/councils/${s.units.hn!.id}/minutes.pdf`, { headers: { authorization: `Bearer ${s.tokens.officerHn}` } });
    expect(response.status).toBe(200);
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    for (const expected of ['BIÊN BẢN', '4/4 thành viên dự họp', 'Người thử 0', 'đủ số thành viên dự họp', 'Nguyễn Thị Hoa', 'Được thông qua tại phiên họp']) expect(text).toContain(expected);
  });
});
