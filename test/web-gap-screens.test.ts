/**
 * The last screens of issue 15 in a real browser (Debian's Chromium through Playwright) against the real platform,
 * each meeting the API's own refusal beside its field first: the national admin edits the catalogue (a form with its
 * rules and quota as data, the base salary, a unit's decision code), an officer edits an account, the employer
 * registers its collective agreement and records rewards under it, a member registers an initiative and the officer
 * assesses it.
 */
import type { Page } from 'playwright-core';
import { usePortalScenario } from './support/portal-people';
import { daysAgo, type RewardScenario } from './support/reward';

const portal = usePortalScenario('gs');
const people = portal.people;
let s: RewardScenario;
/** A unit of Hà Nội with a name of this run's own, so a search by name finds it and no other scenario's namesake. */
let works: { id: string; name: string };

/** Each play signs people in through Keycloak's pages and waits for the screens: minutes on a loaded machine. */
const PLAY = 300_000;

/** The field's own error under it, tied to the control by aria-describedby. */
async function errorBeside(page: Page, controlId: string): Promise<string> {
  const error = page.locator(`[id="${controlId}-error"]`);
  await error.waitFor();
  expect(await page.locator(`[id="${controlId}"]`).getAttribute('aria-describedby')).toContain(`${controlId}-error`);
  return (await error.textContent())!;
}

beforeAll(async () => {
  s = portal.s;
  const name = `Công đoàn Xí nghiệp Cơ khí ${s.run}`;
  works = { name, ...(await s.api.createUnit({ code: `xn-${s.run}`, parentId: s.units.hn!.id, name, level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' }, s.tokens.admin)) };
}, 120_000);

describe('the national admin’s catalogue (Danh mục khen thưởng)', () => {
  it('adds a form, meets the rule’s Vietnamese refusal beside it, saves, then edits its quota; records a base salary and a decision code', async () => {
    const code = `THU_${s.run.toUpperCase()}`;
    const admin = await people.pageAs({ roles: ['NATIONAL_ADMIN'], unit: 'vn' }, '/');
    await admin.page.getByRole('link', { name: 'Danh mục khen thưởng' }).click();
    await admin.page.getByRole('heading', { name: 'Danh mục khen thưởng', level: 1 }).waitFor();
    const lao = admin.page.getByTestId('reward-form').filter({ hasText: 'Bằng Lao động sáng tạo' });
    expect(await lao.textContent()).toContain('Chưa đối chiếu văn bản');
    expect(await admin.page.getByTestId('reward-form').filter({ hasText: 'Lao động tiên tiến' }).first().textContent()).toContain('06/2022/QH15');

    await admin.page.getByRole('button', { name: 'Thêm hình thức' }).click();
    const editor = admin.page.getByTestId('form-editor');
    await editor.getByLabel('Mã hình thức').fill(code);
    await editor.getByLabel('Tên hình thức').fill(`Giấy khen thử nghiệm ${s.run}`);
    await editor.getByLabel('Cấp trên trực tiếp cơ sở', { exact: false }).check();
    await editor.getByLabel('Tiền thưởng cá nhân (hệ số lương cơ sở)').fill('0,15');
    await editor.getByLabel('Điều kiện xét tặng cá nhân (JSON)').fill('[{"kind": "TITLE_IN_YEAR"}]');
    await editor.getByLabel('Căn cứ pháp lý').fill('Quy chế khen thưởng thử nghiệm');
    await editor.getByLabel('Đang xét tặng').uncheck();
    await editor.getByLabel('Nội dung sửa đổi và lý do').fill('Thêm hình thức để thử màn hình danh mục');
    await editor.getByRole('button', { name: 'Lưu hình thức' }).click();
    expect(await errorBeside(admin.page, 'form-eligibility')).toBe('Điều kiện xét tặng cá nhân, quy tắc thứ 1 (có danh hiệu trong năm): "formCode" phải là mã một hình thức của danh mục, ví dụ LDTT');

    await editor.getByLabel('Điều kiện xét tặng cá nhân (JSON)').fill('[{"kind": "TITLE_IN_YEAR", "formCode": "KHONG_CO"}]');
    await editor.getByRole('button', { name: 'Lưu hình thức' }).click();
    expect(await errorBeside(admin.page, 'form-eligibility')).toContain('danh mục không có hình thức mã KHONG_CO');

    await editor.getByLabel('Điều kiện xét tặng cá nhân (JSON)').fill('[{"kind": "TITLE_IN_YEAR", "formCode": "LDTT"}]');
    await editor.getByRole('button', { name: 'Lưu hình thức' }).click();
    await admin.page.getByText(`Đã lưu Giấy khen thử nghiệm ${s.run} (phiên bản 1).`).waitFor();

    const row = admin.page.getByTestId('reward-form').filter({ hasText: `Giấy khen thử nghiệm ${s.run}` });
    expect(await row.textContent()).toContain('không còn xét tặng');
    await row.getByRole('button', { name: `Sửa Giấy khen thử nghiệm ${s.run}` }).click();
    await editor.getByLabel('Chỉ tiêu (JSON)').fill('{"kind": "ABSOLUTE", "max": -1}');
    await editor.getByLabel('Nội dung sửa đổi và lý do').fill('Giới hạn số lượng mỗi năm');
    await editor.getByRole('button', { name: 'Lưu hình thức' }).click();
    expect(await errorBeside(admin.page, 'form-quota')).toContain('Chỉ tiêu (số lượng tối đa mỗi năm): "max" là số nguyên từ 0');
    await editor.getByLabel('Chỉ tiêu (JSON)').fill('{"kind": "ABSOLUTE", "max": 3}');
    await editor.getByRole('button', { name: 'Lưu hình thức' }).click();
    await admin.page.getByText(`Đã lưu Giấy khen thử nghiệm ${s.run} (phiên bản 2).`).waitFor();
    await row.getByText('Tối đa 3 mỗi đơn vị mỗi năm').waitFor();

    await admin.page.getByLabel('Mức lương cơ sở (đồng)').fill('-5');
    await admin.page.getByLabel('Áp dụng từ ngày').fill('2089-01-01');
    await admin.page.getByLabel('Căn cứ (nghị định)').fill('Dự kiến, chưa có nghị định (thử nghiệm)');
    await admin.page.getByRole('button', { name: 'Ghi lương cơ sở' }).click();
    expect(await errorBeside(admin.page, 'salary-amount')).toBe('mức lương cơ sở là số nguyên dương, tính bằng đồng');
    await admin.page.getByLabel('Mức lương cơ sở (đồng)').fill('2.500.000');
    await admin.page.getByRole('button', { name: 'Ghi lương cơ sở' }).click();
    await admin.page.getByText(/^Đã ghi lương cơ sở 2\.500\.000\s₫ từ ngày 01\/01\/2089\.$/).waitFor();
    await admin.page.getByTestId('base-salaries').getByText('01/01/2089').waitFor();

    // the councils' rules and the ad-hoc days: each refusal beside its field; saved back as they were (other suites count by them)
    const rule = admin.page.getByTestId('council-rule').filter({ hasText: '(DEFAULT)' });
    await rule.getByLabel('Số phiếu tán thành').fill('150%');
    await rule.getByRole('button', { name: 'Lưu quy định' }).click();
    expect(await errorBeside(admin.page, 'rule-DEFAULT-majority')).toBe('tỷ lệ số phiếu tán thành phải lớn hơn 0 và không quá 100% (ví dụ 66,67% cho 2/3)');
    const limit = admin.page.getByTestId('ad-hoc-limit');
    const days = limit.getByLabel('Số ngày kể từ khi lập thành tích');
    const kept = await days.inputValue();
    await days.fill('0');
    await limit.getByRole('button', { name: 'Lưu thời hạn' }).click();
    expect(await errorBeside(admin.page, 'ad-hoc-days')).toBe('số ngày là số nguyên từ 1 đến 60');
    await days.fill(kept);
    await limit.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await limit.getByText(`Khen thưởng đột xuất được quyết định trong ${kept} ngày.`).waitFor();

    await admin.page.locator('#issuer-unit-search').fill(works.name);
    await admin.page.getByLabel('Đơn vị ban hành').selectOption(works.id);
    await admin.page.getByTestId('issuer-code').waitFor();
    await admin.page.getByLabel('Ký hiệu mới').fill('cđcs mtl');
    await admin.page.getByRole('button', { name: 'Đặt ký hiệu' }).click();
    expect(await errorBeside(admin.page, 'issuer-code-input')).toContain('ví dụ LĐLĐ hoặc CĐCS-MTL');
    await admin.page.getByLabel('Ký hiệu mới').fill('CĐCS-MTL');
    await admin.page.getByRole('button', { name: 'Đặt ký hiệu' }).click();
    await admin.page.getByText(`Quyết định của ${works.name} từ nay mang số …/QĐ-CĐCS-MTL.`).waitFor();
    await admin.close();

    const { rewardForm } = await s.api.ok(`query($code: ID!) { rewardForm(code: $code) { version active eligibility quota individualMultiplier history { note } } }`, { code });
    expect(rewardForm).toMatchObject({ version: 2, active: false, eligibility: [{ kind: 'TITLE_IN_YEAR', formCode: 'LDTT' }], quota: { kind: 'ABSOLUTE', max: 3 }, individualMultiplier: 0.15 });
    expect(rewardForm.history.map((h: { note: string }) => h.note)).toEqual(['Giới hạn số lượng mỗi năm', 'Thêm hình thức để thử màn hình danh mục']);
    const { decisionIssuerCode } = await s.api.ok(`query($u: ID!) { decisionIssuerCode(unitId: $u) { code explicit } }`, { u: works.id });
    expect(decisionIssuerCode).toEqual({ code: 'CĐCS-MTL', explicit: true });
  }, PLAY);

  it('is not for an officer: the page says so and the API refuses the edit', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/catalogue');
    await officer.page.getByText('Trang dành cho quản trị Tổng Liên đoàn.').waitFor();
    expect(await officer.page.getByRole('link', { name: 'Danh mục khen thưởng' }).count()).toBe(0);
    await officer.close();
    const refused = await s.api.refused(`mutation { setBaseSalary(input: { effectiveFrom: "2089-01-01", amountVnd: 1, source: "Trái phép", verified: true }) { amountVnd } }`, {}, s.tokens.officerHn);
    expect(refused.code).toBe('FORBIDDEN');
  }, PLAY);
});

describe('account edit (Sửa tài khoản)', () => {
  it('the officer changes an account’s roles, unit and sign-in, after the refusal of an account without a role', async () => {
    const username = `bientap.${s.run}`;
    await s.api.ok(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { temporaryPassword } }`, {
      i: { username, fullName: 'Phan Thị Biên Tập', roles: ['EDITOR'], unitId: s.units.may!.id },
    }, s.tokens.admin);
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/accounts');
    await officer.page.getByLabel('Tìm theo họ tên hoặc tên đăng nhập (có dấu hoặc không dấu)').fill(username);
    await officer.page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await officer.page.getByRole('button', { name: `Sửa tài khoản ${username}` }).click();
    const form = officer.page.getByTestId('edit-account');
    await form.getByLabel('Biên tập viên').uncheck();
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await form.getByText('Hãy chọn ít nhất một vai trò').waitFor();
    expect(await form.getByLabel('Quản trị Tổng Liên đoàn').count()).toBe(0);

    await form.getByLabel('Người chấm điểm').check();
    await form.getByLabel('Tìm đơn vị').fill(works.name);
    await form.getByLabel('Đơn vị của tài khoản').selectOption(works.id);
    await form.getByLabel('Được đăng nhập (bỏ chọn để khóa tài khoản)').uncheck();
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await officer.page.getByText(`Đã lưu tài khoản ${username}.`).waitFor();
    const row = officer.page.getByTestId('accounts').getByRole('row').filter({ hasText: username });
    await row.getByText('Đã khóa').waitFor();
    expect(await row.textContent()).toContain('Người chấm điểm');
    expect(await row.textContent()).toContain(works.name);
    await officer.close();
  }, PLAY);

  it('an officer of another province is refused an account of Hà Nội, in Vietnamese', async () => {
    const { accounts } = await s.api.ok(`query($q: String) { accounts(search: $q, first: 1) { edges { node { id } } } }`, { q: `bientap.${s.run}` }, s.tokens.admin);
    const refused = await s.api.refused(`mutation($id: ID!, $u: ID!) { updateAccount(id: $id, input: { unitId: $u }) { id } }`, { id: accounts.edges[0].node.id, u: s.units.kh!.id }, s.tokens.officerKh);
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toMatch(/tài khoản/i);
  }, PLAY);
});

describe('the employer’s collective agreement (Thỏa ước lao động tập thể)', () => {
  it('registers the agreement after its dates are refused, then records the month’s rewards under a clause', async () => {
    const monthStart = `${daysAgo(0).slice(0, 8)}01`;
    const employer = await people.pageAs({ roles: ['EMPLOYER'], unit: 'may' }, '/');
    await employer.page.getByRole('link', { name: 'Thỏa ước lao động tập thể' }).click();
    await employer.page.getByRole('heading', { name: 'Đăng ký thỏa ước lao động tập thể của Công đoàn Công ty May Thăng Long' }).waitFor();
    await employer.page.getByLabel('Doanh nghiệp (người sử dụng lao động)').fill(`Công ty TNHH May Thăng Long ${s.run}`);
    await employer.page.getByLabel('Ngày ký').fill(daysAgo(400));
    await employer.page.getByLabel('Có hiệu lực từ').fill(daysAgo(365));
    await employer.page.getByLabel('Hết hiệu lực ngày').fill(daysAgo(366));
    await employer.page.getByLabel('Tỷ lệ trả tác giả sáng kiến (không bắt buộc)').fill('0,1');
    await employer.page.getByLabel('Mã điều khoản').fill('Đ5.1');
    await employer.page.getByLabel('Mức thưởng mỗi người (đồng)').fill('500.000');
    await employer.page.getByLabel('Số người tối đa mỗi kỳ').fill('2');
    await employer.page.getByLabel('Tiêu chí được thưởng').fill('ngắn');
    await employer.page.getByRole('button', { name: 'Đăng ký thỏa ước' }).click();
    expect(await errorBeside(employer.page, 'agreement-validUntil')).toBe('Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi');
    expect(await errorBeside(employer.page, 'clause-0-criterion')).toContain('Điều khoản thứ 1: hãy ghi tiêu chí được thưởng');
    await employer.page.getByLabel('Hết hiệu lực ngày').fill(`${Number(daysAgo(0).slice(0, 4)) + 2}-12-31`);
    await employer.page.getByLabel('Tiêu chí được thưởng').fill('Năng suất vượt 120% định mức trong tháng, không có sản phẩm lỗi');
    await employer.page.getByRole('button', { name: 'Đăng ký thỏa ước' }).click();
    await employer.page.getByText(`Đã đăng ký thỏa ước lao động tập thể của Công ty TNHH May Thăng Long ${s.run}.`).waitFor();

    const card = employer.page.getByTestId('agreement').filter({ hasText: `Công ty TNHH May Thăng Long ${s.run}` });
    expect(await card.textContent()).toContain('10% giá trị làm lợi');
    await card.getByLabel('Tìm đoàn viên').fill('nguyen thi hoa');
    await card.getByLabel('Nguyễn Thị Hoa').check();
    await card.getByLabel('Ngày đầu kỳ').fill(`${monthStart.slice(0, 8)}02`);
    await card.getByLabel('Thành tích').fill('Năng suất 130% định mức tháng này');
    await card.getByRole('button', { name: 'Ghi khen thưởng' }).click();
    expect(await errorBeside(employer.page, (await card.getByLabel('Ngày đầu kỳ').getAttribute('id'))!)).toContain(`kỳ này bắt đầu ngày ${monthStart.split('-').reverse().join('/')}, không phải 02/${monthStart.slice(5, 7)}/${monthStart.slice(0, 4)}`);
    await card.getByLabel('Ngày đầu kỳ').fill(monthStart);
    await card.getByRole('button', { name: 'Ghi khen thưởng' }).click();
    await card.getByText('Đã ghi khen thưởng cho Nguyễn Thị Hoa.').waitFor();
    const rewards = card.getByTestId('employer-rewards');
    await rewards.getByText('Nguyễn Thị Hoa').waitFor();
    expect(await rewards.textContent()).toMatch(/500\.000\s₫/);
    await employer.close();
  }, PLAY);
});

describe('initiatives (Sáng kiến)', () => {
  it('the member registers her initiative, her union’s officer assesses it after the reach is asked for', async () => {
    const title = `Cữ gá may túi ${s.run}`;
    const member = await people.pageAs({ roles: ['MEMBER'], unit: 'may', memberId: s.members.hoa! }, '/');
    await member.page.getByRole('link', { name: 'Sáng kiến', exact: true }).click();
    await member.page.getByLabel('Tên sáng kiến').fill('Cữ');
    await member.page.getByLabel('Mô tả').fill('Cữ gá giúp may túi áo nhanh gấp đôi, giảm lỗi đường may');
    await member.page.getByRole('button', { name: 'Đăng ký sáng kiến' }).click();
    expect(await errorBeside(member.page, 'initiative-title')).toContain('hãy đặt tên sáng kiến');
    await member.page.getByLabel('Tên sáng kiến').fill(title);
    await member.page.getByRole('button', { name: 'Đăng ký sáng kiến' }).click();
    await member.page.getByText(`Đã đăng ký sáng kiến «${title}» của Nguyễn Thị Hoa.`).waitFor();
    await member.page.getByTestId('initiative').filter({ hasText: title }).getByText('Chờ đánh giá').waitFor();
    expect(await member.page.getByRole('button', { name: 'Ghi kết quả đánh giá' }).count()).toBe(0);
    await member.close();

    // a unit-wide reach is recognised at the author's own union (decision 0036): Công ty May's officer
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'may' }, '/work/initiatives');
    const card = officer.page.getByTestId('initiative').filter({ hasText: title });
    await card.getByLabel('Tiết kiệm 12 tháng đầu (đồng)').fill('150.000.000');
    await card.getByLabel('Doanh thu tăng thêm 12 tháng đầu (đồng)').fill('0');
    await card.getByLabel('Chi phí áp dụng (đồng)').fill('30.000.000');
    await card.getByLabel('Cách tính giá trị làm lợi').fill('Tiết kiệm 12,5 triệu đồng/tháng × 12 tháng, trừ 30 triệu chi phí chế tạo cữ gá');
    await card.getByRole('button', { name: 'Ghi kết quả đánh giá' }).click();
    expect(await errorBeside(officer.page, (await card.getByLabel('Phạm vi ảnh hưởng').getAttribute('id'))!)).toContain('hãy chọn phạm vi áp dụng');
    await card.getByLabel('Phạm vi ảnh hưởng').selectOption('UNIT');
    await card.getByRole('button', { name: 'Ghi kết quả đánh giá' }).click();
    await officer.page.getByText(new RegExp(`^Đã công nhận «${title}»: làm lợi 120\\.000\\.000\\s₫`)).waitFor();
    await card.getByText('Đã công nhận').first().waitFor();
    expect(await card.getByTestId('initiative-reward').textContent()).toMatch(/Giá trị làm lợi 120\.000\.000\s₫/);
    await officer.close();
  }, PLAY);

  it('an officer of another province cannot assess it', async () => {
    const { initiatives } = await s.api.ok(`{ initiatives(first: 50) { edges { node { id title } } } }`, {}, s.tokens.officerHn);
    const mine = initiatives.edges.find((e: { node: { title: string } }) => e.node.title === `Cữ gá may túi ${s.run}`).node;
    const refused = await s.api.refused(`mutation($id: ID!) { assessInitiative(id: $id, input: { recognised: false, rejectionReason: "Từ chối trái phép từ tỉnh khác" }) { id } }`, { id: mine.id }, s.tokens.officerKh);
    expect(refused.code).toBe('NOT_FOUND');
  }, PLAY);
});
