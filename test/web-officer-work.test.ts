/**
 * An officer's most frequent work in a real browser (Debian's Chromium through Playwright) against the real platform,
 * reached from the officer's home (the dashboard's menu): members found by name without diacritics, added (meeting
 * the API's messages beside the fields first), moved to another grassroots union and leaving (a date before joining
 * refused beside its field); a launched movement run to its end: units and members enrolled with commitments (a
 * second enrolment refused beside the unit), started, its results published (refused in words while nothing is
 * scored), summarised (a missing result and short lessons refused, each
 * beside its field, the target named in words) and closed. The API refuses the search to an officer of another
 * province. An ad-hoc nomination: the missing subject, granting unit and short reason refused beside their fields, a
 * granting unit not above the member refused beside it, then sent and listed. A new grassroots union, its code's
 * rule and a code already used refused beside the field, then renamed. A reward budget, a negative amount refused
 * beside it.
 */
import type { Page } from 'playwright-core';
import { usePortalScenario } from './support/portal-people';
import { daysAgo, year } from './support/reward';

const portal = usePortalScenario('cb');
const { people } = portal;

/** From the officer's home (the dashboard) to a work screen through the menu, as a person goes. */
async function openFromHome(page: Page, link: string, heading: string): Promise<void> {
  await page.goto(`${portal.base}/dashboard`);
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

describe('an officer of Hà Nội at work', () => {
  it('finds a member without diacritics, adds one, moves her and records her leaving', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      const body = request.method() === 'POST' && request.url().endsWith('/graphql') ? (JSON.parse(request.postData() ?? '{}') as { query?: string }) : {};
      if (/^\s*mutation\b/.test(body.query ?? '')) keys.push(request.headers()['idempotency-key']);
    });
    await openFromHome(page, 'Đoàn viên', 'Đoàn viên');

    await page.getByLabel('Tìm theo tên (có dấu hoặc không dấu)').fill('nguyen thi hoa');
    // the list follows the typing: it settles on the one member whose name matches
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="member"]').length === 1);
    await page.getByTestId('member').filter({ hasText: 'Nguyễn Thị Hoa' }).waitFor();

    const add = page.getByRole('form', { name: 'Thêm đoàn viên' });
    await add.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    await page.locator('#member-name-error').waitFor();
    expect(await page.locator('#member-name-error').textContent()).toBe('Họ và tên dài 1–200 ký tự');
    expect(await page.locator('#member-unitId-error').textContent()).toBe('Chọn công đoàn cơ sở của đoàn viên');
    expect(await page.locator('#member-occupation-error').textContent()).toBe('Chọn nghề nghiệp của đoàn viên');
    expect(await page.locator('#member-name').getAttribute('aria-describedby')).toBe('member-name-error');

    // the officer's subtree may hold hundreds of grassroots unions: she finds hers by name, without diacritics
    await add.getByLabel('Tìm đơn vị').fill('may thang long');
    await add.getByLabel('Công đoàn cơ sở').selectOption({ label: 'Công đoàn Công ty May Thăng Long' });
    await add.getByLabel('Họ và tên').fill('Vũ Thị Mai');
    await add.getByLabel('Nghề nghiệp').selectOption('CN_DET_MAY');
    await add.getByLabel('Giới tính').selectOption('FEMALE');
    await add.getByLabel('Ngày vào công đoàn').fill(`${year - 5}-03-08`);
    await add.getByLabel('Trực tiếp sản xuất').check();
    await add.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    await page.getByText('Đã thêm Vũ Thị Mai vào Công đoàn Công ty May Thăng Long.').waitFor();

    await page.getByLabel('Tìm theo tên (có dấu hoặc không dấu)').fill('VU THI MAI');
    const card = page.getByTestId('member').filter({ hasText: 'Vũ Thị Mai' });
    await card.getByText('Công đoàn Công ty May Thăng Long · Công nhân dệt may · trực tiếp sản xuất').waitFor();
    await card.getByLabel('Tìm đơn vị').fill('so cong thuong');
    await card.getByLabel('Chuyển sinh hoạt đến').selectOption({ label: 'Công đoàn Sở Công Thương Hà Nội' });
    await card.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await page.getByText('Đã chuyển Vũ Thị Mai sang Công đoàn Sở Công Thương Hà Nội.').waitFor();
    await card.getByText('Công đoàn Sở Công Thương Hà Nội · Công nhân dệt may').waitFor();

    await card.getByLabel('Ngày rời công đoàn').fill(`${year - 6}-01-01`);
    await card.getByRole('button', { name: 'Ghi nhận rời công đoàn' }).click();
    await card.getByText('Ngày rời công đoàn không thể trước ngày vào công đoàn').waitFor();
    await card.getByLabel('Ngày rời công đoàn').fill(`${year - 1}-12-31`);
    await card.getByRole('button', { name: 'Ghi nhận rời công đoàn' }).click();
    await card.getByText(`đã rời công đoàn ngày 31/12/${year - 1}`).waitFor();
    // each of the five mutations sent (two adds, a move, two leavings) carried an Idempotency-Key of its own
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await officer.close();

    const mai = (await portal.s.api.ok(`query($u: ID!) { members(unitId: $u, search: "mai") { edges { node { fullName unit { name } leftUnionOn } } } }`, { u: portal.s.units.hn!.id }, portal.s.tokens.officerHn)).members.edges;
    expect(mai).toEqual([{ node: { fullName: 'Vũ Thị Mai', unit: { name: 'Công đoàn Sở Công Thương Hà Nội' }, leftUnionOn: `${year - 1}-12-31` } }]);
    // a search with the LIKE wildcards finds nobody rather than everybody
    expect((await portal.s.api.ok(`query($u: ID!) { members(unitId: $u, search: "%") { edges { node { id } } } }`, { u: portal.s.units.hn!.id }, portal.s.tokens.officerHn)).members.edges).toEqual([]);
    // Khánh Hòa's officer may not look into Hà Nội's members, by name or otherwise
    const refused = await portal.s.api.refused(`query($u: ID!) { members(unitId: $u, search: "hoa") { edges { node { id } } } }`, { u: portal.s.units.hn!.id }, portal.s.tokens.officerKh);
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('enrols a unit and a member with commitments, starts, summarises and closes a movement', async () => {
    const title = `Năng suất, chất lượng ${portal.s.run}`;
    const created = (await portal.s.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id } }`, {
      input: { launchingUnitId: portal.s.units.hn!.id, title, goal: 'Tăng năng suất lao động', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`,
        targets: [
          { name: 'Sáng kiến cải tiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 60 },
          { name: 'Giờ công tiết kiệm', unitOfMeasure: 'giờ', targetValue: 500, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 40 },
        ] },
    }, portal.s.tokens.officerHn)).createCampaign;
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, 'Điều hành phong trào', 'Điều hành phong trào');
    await page.getByLabel('Phong trào', { exact: true }).selectOption({ label: `${title} (Đã phát động)` });
    await page.getByTestId('campaign-status').getByText('Đã phát động').waitFor();

    const unitForm = page.getByRole('form', { name: 'Đăng ký tập thể' });
    await unitForm.getByLabel('Tìm đơn vị').fill('May Thăng Long');
    await unitForm.getByLabel('Tập thể').selectOption({ label: 'Công đoàn Công ty May Thăng Long' });
    await unitForm.getByLabel('Đăng ký: Sáng kiến cải tiến (sáng kiến)').fill('12');
    await unitForm.getByRole('button', { name: 'Đăng ký tập thể' }).click();
    await page.getByText('Đã đăng ký Công đoàn Công ty May Thăng Long tham gia phong trào.').waitFor();
    await unitForm.getByRole('button', { name: 'Đăng ký tập thể' }).click();
    await page.locator('#enrol-unitId-error').getByText(`Công đoàn Công ty May Thăng Long đã đăng ký phong trào “${title}”`).waitFor();

    const memberForm = page.getByRole('form', { name: 'Đăng ký đoàn viên' });
    await memberForm.getByLabel('Tìm đoàn viên (có dấu hoặc không dấu)').fill('tran thi lan');
    await memberForm.getByLabel('Đoàn viên', { exact: true }).selectOption({ label: 'Trần Thị Lan (Công đoàn Công ty May Thăng Long)' });
    await memberForm.getByRole('button', { name: 'Đăng ký đoàn viên' }).click();
    await page.getByText('Đã đăng ký đoàn viên Trần Thị Lan tham gia phong trào.').waitFor();
    await page.getByTestId('enrollments').getByText('Trần Thị Lan (Công đoàn Công ty May Thăng Long)').waitFor();

    await page.getByRole('button', { name: 'Bắt đầu triển khai' }).click();
    await page.getByTestId('campaign-status').getByText('Đang triển khai').waitFor();

    // nothing scored yet: the publication is refused in words; then a criteria set, a report, and the results go out
    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    await page.getByText('Chưa có kết quả để công bố: chưa tập thể, đoàn viên nào có điểm theo một bộ tiêu chí đã ban hành.').waitFor();
    const running = (await portal.s.api.ok(`query($id: ID!) { campaign(id: $id) { targets { id name } enrollments { edges { node { id member { id } } } } } }`, { id: created.id }, portal.s.tokens.officerHn)).campaign;
    const initiatives = running.targets.find((t: { name: string }) => t.name === 'Sáng kiến cải tiến').id;
    const set = (await portal.s.api.ok(`mutation($i: CriteriaSetInput!) { createCriteriaSet(input: $i) { id } }`, {
      i: { campaignId: created.id, variant: 'GENERAL', criteria: [{ name: 'Sáng kiến cải tiến', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 10, targetId: initiatives }] },
    }, portal.s.tokens.officerHn)).createCriteriaSet;
    await portal.s.api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, portal.s.tokens.officerHn);
    const lan = running.enrollments.edges.find((e: { node: { member: { id: string } | null } }) => e.node.member?.id === portal.s.members.lan).node.id;
    await portal.s.api.ok(`mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id } }`, { i: { enrollmentId: lan, targetId: initiatives, periodStart: `${year}-01-01`, value: 5 } }, portal.s.tokens.officerHn);
    await portal.s.api.untilScored([lan], portal.s.tokens.officerHn);
    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    await page.getByText(/^Đã công bố kết quả lần 1; hạn khiếu nại đến \d\d\/\d\d\/\d{4}\.$/).waitFor();
    await page.getByRole('button', { name: 'Bắt đầu sơ kết, tổng kết' }).click();
    await page.getByTestId('campaign-status').getByText('Đang sơ kết, tổng kết').waitFor();

    const summary = page.getByRole('form', { name: 'Báo cáo tổng kết' });
    await summary.getByLabel('Kết quả đạt được: Sáng kiến cải tiến (sáng kiến)').fill('14');
    await summary.getByLabel('Bài học kinh nghiệm').fill('Ngắn');
    await summary.getByRole('button', { name: 'Gửi báo cáo tổng kết' }).click();
    await summary.getByText('Chưa có kết quả đạt được của chỉ tiêu “Giờ công tiết kiệm”').waitFor();
    expect(await page.locator('#summary-lessons-error').textContent()).toBe('Nêu bài học kinh nghiệm (ít nhất 10 ký tự)');
    await page.getByRole('button', { name: 'Kết thúc phong trào' }).click();
    await page.getByText('Phong trào chưa có báo cáo tổng kết nên chưa kết thúc được: hãy gửi báo cáo tổng kết trước').waitFor();

    await summary.getByLabel('Kết quả đạt được: Giờ công tiết kiệm (giờ)').fill('620');
    await summary.getByLabel('Bài học kinh nghiệm').fill('Tổ nào cũng có người hướng dẫn thì sáng kiến nhân lên nhanh');
    await summary.getByLabel('Điển hình 1: tên').fill('Trần Thị Lan');
    await summary.getByLabel('Điển hình 1: thành tích').fill('Ba sáng kiến cải tiến máy may');
    await summary.getByRole('button', { name: 'Gửi báo cáo tổng kết' }).click();
    await page.getByText('Đã ghi báo cáo tổng kết. Có thể kết thúc phong trào.').waitFor();
    await page.getByRole('button', { name: 'Kết thúc phong trào' }).click();
    await page.getByTestId('campaign-status').getByText('Đã kết thúc').waitFor();
    await officer.close();

    const closed = (await portal.s.api.ok(`query($id: ID!) { campaign(id: $id) { status summary { results { achievedValue } exemplars { name } } enrollments { edges { node { member { fullName } } } } } }`, { id: created.id }, portal.s.tokens.officerHn)).campaign;
    expect(closed.status).toBe('CLOSED');
    expect(closed.summary.results.map((r: { achievedValue: number }) => r.achievedValue).sort((a: number, b: number) => a - b)).toEqual([14, 620]);
    expect(closed.summary.exemplars).toEqual([{ name: 'Trần Thị Lan' }]);
    expect(closed.enrollments.edges).toHaveLength(2);
  });

  it('adds a grassroots union below the federation and renames it', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, 'Đơn vị', 'Đơn vị');
    const form = page.getByRole('form', { name: 'Thêm đơn vị' });
    await form.getByLabel('Mã đơn vị').fill('không dấu?');
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.locator('#unit-code-error').getByText('Mã đơn vị dài 1–40 ký tự').waitFor();
    expect(await page.locator('#unit-name-error').textContent()).toBe('Tên đơn vị dài 1–255 ký tự');
    expect(await page.locator('#unit-type-error').textContent()).toBe('Công đoàn cơ sở cần ghi loại hình cơ quan, đơn vị, doanh nghiệp');

    await form.getByLabel('Mã đơn vị').fill(`HN-DETKIM-${portal.s.run}`);
    await form.getByLabel('Tên đơn vị').fill('Công đoàn Công ty Dệt kim Đông Xuân');
    await form.getByLabel('Loại hình').selectOption({ label: 'Doanh nghiệp Nhà nước' });
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.getByText('Đã thêm Công đoàn Công ty Dệt kim Đông Xuân.').waitFor();
    // the form is empty again: a second union typed with the same code is refused beside the code
    await form.getByLabel('Mã đơn vị').fill(`HN-DETKIM-${portal.s.run}`);
    await form.getByLabel('Tên đơn vị').fill('Công đoàn Dệt kim Đông Xuân (trùng mã)');
    await form.getByLabel('Loại hình').selectOption({ label: 'Doanh nghiệp Nhà nước' });
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.locator('#unit-code-error').getByText(`Mã đơn vị HN-DETKIM-${portal.s.run} đã được dùng cho một đơn vị khác`).waitFor();

    const card = page.getByTestId('unit').filter({ hasText: 'Công đoàn Công ty Dệt kim Đông Xuân' });
    await card.getByText('trực thuộc Liên đoàn Lao động thành phố Hà Nội').waitFor();
    await card.getByLabel('Tên mới').fill('Công đoàn Tổng công ty Dệt kim Đông Xuân');
    await card.getByRole('button', { name: 'Đổi tên' }).click();
    await page.getByText('Đã đổi tên thành Công đoàn Tổng công ty Dệt kim Đông Xuân.').waitFor();
    await officer.close();
    const found = (await portal.s.api.ok(`query($c: String!) { unionUnitByCode(code: $c) { name level organisationType parent { id } } }`, { c: `HN-DETKIM-${portal.s.run}` }, portal.s.tokens.officerHn)).unionUnitByCode;
    expect(found).toEqual({ name: 'Công đoàn Tổng công ty Dệt kim Đông Xuân', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE', parent: { id: portal.s.units.hn!.id } });
  });

  it('plans a grassroots union’s reward budget for the year', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, 'Dự toán khen thưởng', 'Dự toán khen thưởng');
    const form = page.getByRole('form', { name: 'Dự toán khen thưởng' });
    await form.getByLabel('Tìm đơn vị').fill('cong ty may');
    await form.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Công đoàn Công ty May Thăng Long' });
    await form.getByLabel('Dự toán (đồng)').fill('-5');
    await form.getByRole('button', { name: 'Ghi dự toán' }).click();
    await page.locator('#budget-amount-error').getByText('Dự toán là số tiền nguyên (đồng), từ 0 trở lên').waitFor();
    await form.getByLabel('Dự toán (đồng)').fill('150.000.000');
    await form.getByRole('button', { name: 'Ghi dự toán' }).click();
    await page.getByText(/^Đã ghi dự toán khen thưởng năm \d{4} của Công đoàn Công ty May Thăng Long: 150\.000\.000\s₫\.$/).waitFor();
    await officer.close();
    const refused = await portal.s.api.refused(`mutation($u: ID!) { setRewardBudget(unitId: $u, year: ${year}, amountVnd: 1) }`, { u: portal.s.units.may!.id }, portal.s.tokens.officerKh);
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('nominates a member ad hoc, meeting the rules beside their fields first', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, 'Đề nghị khen thưởng', 'Đề nghị khen thưởng');
    const form = page.getByRole('form', { name: 'Đề nghị khen thưởng' });
    await form.getByLabel('Thành tích', { exact: true }).fill('Giỏi');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await page.locator('#nominate-member-error').getByText('Chọn một cá nhân hoặc một tập thể được đề nghị (không chọn cả hai)').waitFor();
    expect(await page.locator('#nominate-granting-error').textContent()).toContain('Chọn cấp khen thưởng');
    expect(await page.locator('#nominate-reason-error').textContent()).toContain('Mô tả thành tích ít nhất một câu');
    expect(await page.locator('#nominate-reason').getAttribute('aria-describedby')).toBe('nominate-reason-hint nominate-reason-error');

    await form.getByLabel('Tìm đoàn viên (có dấu hoặc không dấu)').fill('le van tuan');
    await form.getByLabel('Cá nhân được đề nghị').selectOption({ label: 'Lê Văn Tuấn (Công đoàn Công ty May Thăng Long)' });
    // the levels that may grant are his union and those above it, not another union of Hà Nội (the API refuses that one)
    const levels = form.getByLabel('Cấp khen thưởng').locator('option');
    await page.waitForFunction(() => document.querySelectorAll('#nominate-granting option').length === 4);
    expect(await levels.allTextContents()).toEqual(['Chọn…', 'Công đoàn Công ty May Thăng Long', 'Liên đoàn Lao động thành phố Hà Nội', 'Tổng Liên đoàn Lao động Việt Nam']);
    // with a form chosen, only the levels that may take it for him: a provincial Bằng khen is not his union's, a Giấy khen only his union's
    await form.getByLabel('Hình thức khen thưởng').selectOption('BK_TINH');
    await page.waitForFunction(() => document.querySelectorAll('#nominate-granting option').length === 3);
    expect(await levels.allTextContents()).toEqual(['Chọn…', 'Liên đoàn Lao động thành phố Hà Nội', 'Tổng Liên đoàn Lao động Việt Nam']);
    await form.getByLabel('Hình thức khen thưởng').selectOption('GIAY_KHEN');
    await page.waitForFunction(() => document.querySelectorAll('#nominate-granting option').length === 2);
    expect(await levels.allTextContents()).toEqual(['Chọn…', 'Công đoàn Công ty May Thăng Long']);
    await form.getByLabel('Thành tích', { exact: true }).fill('Phát hiện sớm sự cố lò hơi, cứu dây chuyền may khỏi cháy');
    await form.getByLabel('Cấp khen thưởng').selectOption({ label: 'Công đoàn Công ty May Thăng Long' });
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await page.getByText('Đã đề nghị Giấy khen cho Lê Văn Tuấn, chờ Hội đồng Thi đua – Khen thưởng Công đoàn Công ty May Thăng Long xét.').waitFor();
    const row = page.getByTestId('recent-nominations').getByRole('row').filter({ hasText: 'Lê Văn Tuấn' });
    expect(await row.textContent()).toContain('Khen thưởng đột xuất');
    await officer.close();

    const open = (await portal.s.api.ok(`{ nominations(source: AD_HOC) { edges { node { subjectName reason form { code } grantingUnit { name } } } } }`, {}, portal.s.tokens.officerHn)).nominations.edges;
    expect(open).toContainEqual({ node: { subjectName: 'Lê Văn Tuấn', reason: 'Phát hiện sớm sự cố lò hơi, cứu dây chuyền may khỏi cháy', form: { code: 'GIAY_KHEN' }, grantingUnit: { name: 'Công đoàn Công ty May Thăng Long' } } });
    // sent by a program, another union of Hà Nội as the granting level is refused, naming both
    const elsewhere = await portal.s.api.refused(`mutation($input: NominateInput!) { nominate(input: $input) { id } }`, {
      input: { source: 'AD_HOC', memberId: portal.s.members.tuan, grantingUnitId: portal.s.units.so!.id, formCode: 'GIAY_KHEN', achievedOn: daysAgo(2), reason: 'Phát hiện sớm sự cố lò hơi, cứu dây chuyền may khỏi cháy' },
    }, portal.s.tokens.officerHn);
    expect(elsewhere.problems).toEqual([{ field: 'grantingUnitId', message: 'Công đoàn Sở Công Thương Hà Nội không phải đơn vị của Lê Văn Tuấn hay cấp trên của đơn vị đó; hãy chọn đúng cấp khen thưởng' }]);
  });
});
