/**
 * The screens of the new sources of recognition in a real browser (Debian's Chromium through Playwright) against the
 * real platform: a member proposes a colleague and follows it, the grassroots officer nominates from it; the officer
 * confirms the long-service list, confirms and corrects progress, forms and ranks a bloc, enters and approves a
 * registration (meeting the API's message beside the date first), and records and closes a pending case.
 */
import { usePortalScenario, type Person } from './support/portal-people';
import { eventuallyCounted } from './support/read-models';
import { daysAgo, today, year } from './support/reward';

const portal = usePortalScenario('nt');
let trang: string;
let enrollmentId: string;
let targetId: string;

const pageAs = (person: Person, path: string) => portal.people.pageAs(person, path);

beforeAll(async () => {
  trang = await portal.s.api.createMember({ unitId: portal.s.units.may!.id, fullName: 'Lê Thị Thu Trang', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false,
    gender: 'FEMALE', joinedUnionOn: `${year - 25}-03-08` }, portal.s.tokens.admin);
  await eventuallyCounted('reward', 'member_refs WHERE id = $1 AND joined_union_on IS NOT NULL', [trang], 1, 'Trang in reward');
  const created = (await portal.s.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id targets { id } } }`, {
    input: { launchingUnitId: portal.s.units.hn!.id, title: `Tiết kiệm vật tư ${portal.s.run}`, goal: 'Mỗi tổ một sáng kiến tiết kiệm vật tư', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
      targets: [{ name: 'Sáng kiến tiết kiệm', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }] },
  }, portal.s.tokens.officerHn)).createCampaign;
  targetId = created.targets[0].id;
  await portal.s.api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: created.id }, portal.s.tokens.officerHn);
  enrollmentId = (await portal.s.api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId: created.id, memberId: portal.s.members.hoa } }, portal.s.tokens.hoa)).enrollMember.id;
}, 120_000);

describe('a member and her grassroots officer', () => {
  it('the member proposes a colleague with evidence, the officer nominates her ad hoc, the member follows it', async () => {
    const member = await pageAs({ roles: ['MEMBER'], unit: 'may', memberId: portal.s.members.hoa! }, '/me/colleague');
    await member.page.getByRole('heading', { name: 'Đề xuất khen thưởng đồng nghiệp' }).waitFor();
    await member.page.getByLabel('Tìm đồng nghiệp (có dấu hoặc không dấu)').fill('lan');
    await member.page.getByLabel('Đồng nghiệp', { exact: true }).selectOption({ label: 'Trần Thị Lan' });
    await member.page.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await member.page.locator('#description-error').waitFor();
    expect(await member.page.locator('#description').getAttribute('aria-describedby')).toBe('description-hint description-error');
    await member.page.getByLabel('Việc làm của đồng nghiệp').fill('Chị Lan ở lại sau ca sửa giúp máy may của tổ bạn, kịp giao hàng đúng hạn');
    await member.page.getByLabel('Minh chứng 1').fill('Tổ trưởng tổ 3 xác nhận');
    await member.page.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await member.page.getByText('Đã gửi đề xuất về Trần Thị Lan tới công đoàn cơ sở.').waitFor();
    await member.page.getByTestId('my-proposals').getByText('Chờ công đoàn cơ sở xem xét').waitFor();

    const officer = await pageAs({ roles: ['UNIT_OFFICER'], unit: 'may' }, '/work/colleague-proposals');
    const card = officer.page.getByTestId('colleague-proposal').filter({ hasText: 'Trần Thị Lan' });
    await card.getByLabel('Hình thức khen thưởng đột xuất').selectOption('GIAY_KHEN');
    await card.getByRole('button', { name: 'Đề nghị khen thưởng đột xuất' }).click();
    await officer.page.getByText('Đã đề nghị khen thưởng đột xuất: Trần Thị Lan').waitFor();
    await officer.close();

    await member.page.reload();
    await member.page.getByTestId('my-proposals').getByText('Đã đề nghị khen thưởng').waitFor();
    expect(await member.page.getByTestId('my-proposals').textContent()).toContain('Giấy khen: Chờ xét');
    await member.close();

    const lan = await pageAs({ roles: ['MEMBER'], unit: 'may', memberId: portal.s.members.lan! }, '/me/rewards');
    await lan.page.getByRole('heading', { name: 'Khen thưởng của tôi' }).waitFor();
    const row = lan.page.getByTestId('my-nominations').getByRole('row').filter({ hasText: 'Giấy khen' });
    expect(await row.textContent()).toContain('Khen thưởng đột xuất');
    expect(await row.textContent()).toContain('Chờ xét');
    await lan.close();
  });

  it('the officer confirms a member’s own report, then corrects it with a reason', async () => {
    await portal.s.api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, { input: { enrollmentId, targetId, periodStart: `${year}-01-01`, value: 3 } }, portal.s.tokens.hoa);
    const officer = await pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/progress-checks');
    const card = officer.page.getByTestId('progress-report').filter({ hasText: 'Nguyễn Thị Hoa' });
    await card.getByText('Chờ xác nhận').waitFor();
    await card.getByRole('button', { name: 'Xác nhận' }).click();
    await officer.page.getByText('Đã xác nhận báo cáo: số liệu được tính.').waitFor();

    await officer.page.getByLabel('Phong trào').selectOption({ label: `Tiết kiệm vật tư ${portal.s.run}` });
    await officer.page.getByLabel('Đơn vị / đoàn viên').selectOption({ label: 'Nguyễn Thị Hoa (Công đoàn Công ty May Thăng Long)' });
    const report = officer.page.getByTestId('progress-report').filter({ hasText: 'Đã xác nhận' });
    await report.getByLabel('Số liệu đúng').fill('4');
    await report.getByRole('button', { name: 'Sửa số liệu' }).click();
    const reasonError = report.locator('.field-error').filter({ hasText: 'ghi lý do sửa' });
    await reasonError.waitFor();
    expect(await report.getByLabel('Lý do sửa').getAttribute('aria-describedby')).toContain(await reasonError.getAttribute('id'));
    await report.getByLabel('Lý do sửa').fill('Hội đồng sáng kiến công nhận thêm một sáng kiến');
    await report.getByRole('button', { name: 'Sửa số liệu' }).click();
    await officer.page.getByText('Đã sửa báo cáo, lý do được lưu.').waitFor();
    await officer.page.getByText('Sửa 3 → 4: Hội đồng sáng kiến công nhận thêm một sáng kiến').waitFor();
    await officer.close();
  });
});

describe('the Hà Nội officer', () => {
  it('confirms the long-service list', async () => {
    const officer = await pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/long-service');
    await officer.page.getByTestId('long-service-rule').waitFor();
    expect(await officer.page.getByTestId('long-service-rule').textContent()).toContain('Hướng dẫn 149/HD-TLĐ');
    await officer.page.getByLabel('Chọn Lê Thị Thu Trang').check();
    await officer.page.getByRole('button', { name: 'Đề nghị tặng cho 1 người đã chọn' }).click();
    await officer.page.getByText('Đã đề nghị Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn” cho 1 đoàn viên.').waitFor();
    await officer.page.getByTestId('long-service').getByRole('row').filter({ hasText: 'Lê Thị Thu Trang' }).getByText('Đã đề nghị').waitFor();
    await officer.close();
  });

  it('forms a bloc, records its covenant and ranks it, proposing the leader for the flag', async () => {
    const officer = await pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/blocs');
    await officer.page.getByLabel('Tên khối, cụm').fill(`Cụm thi đua doanh nghiệp ${portal.s.run}`);
    await officer.page.getByLabel('Công đoàn Công ty May Thăng Long').check();
    await officer.page.getByLabel('Công đoàn Sở Công Thương Hà Nội').check();
    await officer.page.getByRole('button', { name: 'Lập khối, cụm' }).click();
    await officer.page.getByText(`Đã lập Cụm thi đua doanh nghiệp ${portal.s.run}.`).waitFor();
    const bloc = officer.page.getByTestId('bloc').filter({ hasText: `Cụm thi đua doanh nghiệp ${portal.s.run}` });
    await bloc.getByLabel('Ngày ký giao ước').fill(`${year}-01-01` <= today ? `${year}-01-01` : today);
    await bloc.getByLabel('Nội dung giao ước').fill('100% đoàn viên được ký thỏa ước lao động tập thể\nMỗi đơn vị có ít nhất 5 sáng kiến được công nhận');
    await bloc.getByRole('button', { name: 'Ký giao ước' }).click();
    await bloc.getByText('Đã ký giao ước').waitFor();
    await bloc.getByLabel('Điểm của Công đoàn Công ty May Thăng Long').fill('95');
    await bloc.getByLabel('Điểm của Công đoàn Sở Công Thương Hà Nội').fill('90');
    await bloc.getByRole('button', { name: 'Xếp hạng và đề nghị Cờ thi đua' }).click();
    await bloc.getByText('Đã xếp hạng; đề nghị Cờ thi đua cho Công đoàn Công ty May Thăng Long.').waitFor();
    await bloc.getByTestId('bloc-ranking').waitFor();
    expect(await bloc.getByTestId('bloc-ranking').locator('tbody tr').allTextContents()).toEqual(['1Công đoàn Công ty May Thăng Long95', '2Công đoàn Sở Công Thương Hà Nội90']);
    await officer.close();
  });

  it('enters a paper registration, meeting the window’s message beside the date, and approves it', async () => {
    const khoa = await portal.s.api.createMember({ unitId: portal.s.units.may!.id, fullName: 'Phan Văn Khoa', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false }, portal.s.tokens.admin);
    await eventuallyCounted('reward', 'member_refs WHERE id = $1', [khoa], 1, 'Khoa in reward');
    const officer = await pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/registrations');
    await officer.page.getByLabel('Đăng ký cho').selectOption('MEMBER');
    await officer.page.getByLabel('Đoàn viên', { exact: true }).selectOption({ label: 'Phan Văn Khoa (Công đoàn Công ty May Thăng Long)' });
    await officer.page.getByLabel('Lao động tiên tiến').check();
    await officer.page.getByLabel('Ngày ghi trên bản đăng ký').fill(`${year - 1}-11-20`);
    await officer.page.getByRole('button', { name: 'Ghi nhận đăng ký' }).click();
    await officer.page.locator('#registered-on-error').waitFor();
    expect(await officer.page.locator('#registered-on-error').textContent()).toContain(`đến 31/03/${year}`);
    await officer.page.getByLabel('Ngày ghi trên bản đăng ký').fill(today <= `${year}-03-31` ? today : `${year}-03-31`);
    await officer.page.getByRole('button', { name: 'Ghi nhận đăng ký' }).click();
    await officer.page.getByText('Đã ghi nhận đăng ký của Phan Văn Khoa; chờ cấp trên duyệt.').waitFor();
    await officer.page.getByTestId('registration').filter({ hasText: 'Phan Văn Khoa' }).getByRole('button', { name: 'Duyệt' }).click();
    await officer.page.getByText('Đã duyệt đăng ký của Phan Văn Khoa.').waitFor();
    await officer.close();
  });

  it('records a pending case on a member and closes it with its outcome', async () => {
    const officer = await pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/proceedings');
    await officer.page.getByLabel('Tìm đoàn viên (có dấu hoặc không dấu)').fill('le van tuan');
    await officer.page.getByLabel('Đoàn viên', { exact: true }).selectOption({ label: 'Lê Văn Tuấn (Công đoàn Công ty May Thăng Long)' });
    await officer.page.getByLabel('Việc đang xem xét').selectOption('COMPLAINT');
    await officer.page.getByLabel('Căn cứ').fill('Đơn khiếu nại ngày 20/11 đang được xác minh');
    await officer.page.getByLabel('Từ ngày').fill(daysAgo(3));
    await officer.page.getByRole('button', { name: 'Ghi nhận' }).click();
    await officer.page.getByText('Đã ghi nhận: đề nghị khen thưởng của đối tượng này tạm dừng cho đến khi kết thúc.').waitFor();
    const card = officer.page.getByTestId('proceeding').filter({ hasText: 'Lê Văn Tuấn' });
    await card.getByLabel('Kết quả xử lý').fill('Kết quả xác minh số 5/KQ: đơn không có cơ sở');
    await card.getByRole('button', { name: 'Kết thúc' }).click();
    await card.waitFor({ state: 'detached' });
    await officer.page.getByLabel('Hiện cả việc đã kết thúc').check();
    await officer.page.getByTestId('proceeding').filter({ hasText: 'Kết quả: Kết quả xác minh số 5/KQ: đơn không có cơ sở' }).waitFor();
    await officer.close();
  });
});
