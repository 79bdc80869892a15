/**
 * Proposals to the authority that decides (decision 0035) in a real browser (Debian's Chromium through Playwright)
 * against the real platform: the grassroots council proposes a Huân chương from its screen (the union cannot grant
 * it), the national federation's officer returns the dossier to Hà Nội with its reason (meeting the API's message
 * beside the field first), passes the corrected one on to the President, records the President's office returning it
 * for one more document (meeting the message beside the reason first), passes it down to Hà Nội, whose officer
 * corrects it and sends it up on their own screen, sends it to the President again, and records
 * the President's decision (meeting the message beside the number first); the path shows every level with the days it held the dossier
 * and whose letter returned it. The federation records that the Prime Minister does not put a second Huân chương to the President. The employer
 * downloads the grassroots union's tờ trình and answers a yearly title's proposal that it does not grant, meeting the message beside the reason first.
 */
import { usePortalScenario } from './support/portal-people';
import { daysAgo, year, type RewardScenario } from './support/reward';

const portal = usePortalScenario('wp');
const people = portal.people;
let s: RewardScenario;
let nominationId: string;
let yearlyTitleId: string;

/** A browser play on a busy two-core machine: minutes, as the other portal suites allow. */
const PLAY = 180_000;
const PROPOSAL = `query($id: ID!) { nomination(id: $id) { status proposal { id status holderUnitName steps { outcome } } } }`;

beforeAll(async () => {
  s = portal.s;
  const officerMay = await s.token(['UNIT_OFFICER'], 'may', 'officer-may');
  nominationId = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(300), awardYear: year - 1, reason: `Năm năm liền hoàn thành xuất sắc nhiệm vụ ${s.run}` }, officerMay);
  await s.approve(nominationId, s.tokens.councilMay);
  // a yearly title goes straight to the enterprise's employer, who decides it
  yearlyTitleId = await s.nominate({ memberKey: 'tuan', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year, reason: `Hoàn thành tốt nhiệm vụ năm ${year} ${s.run}` }, officerMay);
  await s.approve(yearlyTitleId, s.tokens.councilMay);
  await s.api.ok(`mutation($id: ID!) { proposeReward(nominationId: $id, input: { signerRole: "Chủ tịch Công đoàn cơ sở" }) { id } }`, { id: yearlyTitleId }, s.tokens.councilMay);
}, 120_000);

describe('a Huân chương on its way to the President (Hồ sơ trình khen)', () => {
  it('the grassroots council proposes it from its screen', async () => {
    const council = await people.pageAs({ roles: ['COUNCIL_MEMBER'], unit: 'may' }, '/work/council');
    const card = council.page.getByTestId('nomination').filter({ hasText: s.run });
    await card.getByRole('button', { name: 'Trình cấp có thẩm quyền' }).click();
    await council.page.getByText('Đã trình đề nghị Huân chương Lao động hạng Ba lên Liên đoàn Lao động thành phố Hà Nội').waitFor();
    await council.close();
    const { nomination } = await s.api.ok(PROPOSAL, { id: nominationId }, s.tokens.officerHn);
    expect(nomination).toMatchObject({ status: 'PROPOSED', proposal: { status: 'AT_LEVEL', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội' } });
    await s.api.ok(`mutation($id: ID!) { forwardProposal(id: $id) { status } }`, { id: nomination.proposal.id }, s.tokens.officerHn);
  }, PLAY);

  it('the federation returns the dossier with its reason, passes the corrected one on, takes it back from the President’s office and records the President’s decision', async () => {
    const { nomination } = await s.api.ok(PROPOSAL, { id: nominationId }, s.tokens.officerHn);
    const id = nomination.proposal.id;
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'vn' }, '/work/proposals');
    await officer.page.getByRole('heading', { name: 'Hồ sơ trình khen thưởng' }).waitFor();
    const waiting = () => officer.page.getByTestId('proposals-waiting').getByTestId('proposal').filter({ hasText: s.run });
    await waiting().getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    const error = officer.page.locator(`#note-${id}-error`);
    await error.waitFor();
    expect(await error.textContent()).toContain('10–5.000 ký tự');
    expect(await officer.page.locator(`#note-${id}`).getAttribute('aria-describedby')).toBe(`note-${id}-hint note-${id}-error`);
    await waiting().getByLabel('Ý kiến hoặc lý do trả lại hồ sơ').fill('Thiếu xác nhận của cơ quan thuế về nghĩa vụ nộp thuế của doanh nghiệp');
    await waiting().getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    await officer.page.getByText('Đã trả lại hồ sơ Nguyễn Thị Hoa cho Liên đoàn Lao động thành phố Hà Nội').waitFor();
    const followed = officer.page.getByTestId('proposals-followed').getByTestId('proposal').filter({ hasText: s.run });
    await followed.getByText('Hồ sơ bị trả lại: Thiếu xác nhận của cơ quan thuế').waitFor();

    // Hà Nội corrects and resends it (its own screen is the same one, tested through the API here)
    await s.api.ok(`mutation($id: ID!) { resendProposal(id: $id, correction: "Đã bổ sung xác nhận của Cục Thuế thành phố Hà Nội") { status } }`, { id }, s.tokens.officerHn);
    await officer.page.reload();
    await waiting().getByRole('button', { name: 'Chuyển lên cấp trên' }).click();
    await officer.page.getByText('Đã chuyển hồ sơ Nguyễn Thị Hoa lên Thủ tướng Chính phủ').waitFor();

    // the Central Emulation Board, examining it for the Prime Minister, returns it for one more document: recorded from its letter
    const returned = waiting().getByRole('group', { name: 'Hoặc: Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ) trả lại hồ sơ để bổ sung' });
    await returned.getByRole('button', { name: 'Ghi nhận trả lại hồ sơ' }).click();
    const returnError = officer.page.locator(`#authority-return-reason-${id}-error`);
    await returnError.waitFor();
    expect(await returnError.textContent()).toContain('cần bổ sung, sửa gì');
    await returned.getByLabel('Số văn bản trả lời').fill('245/BTĐKT-VP');
    await returned.getByLabel('Nội dung cần bổ sung, sửa').fill('Thiếu bản tóm tắt thành tích có xác nhận của cấp trình');
    await returned.getByRole('button', { name: 'Ghi nhận trả lại hồ sơ' }).click();
    await officer.page.getByText('Đã ghi nhận Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ) trả lại hồ sơ Nguyễn Thị Hoa để bổ sung').waitFor();
    await waiting().getByText('Hồ sơ bị trả lại: Thiếu bản tóm tắt thành tích có xác nhận của cấp trình (văn bản số 245/BTĐKT-VP)').waitFor();
    // the summary is Hà Nội's to certify: the federation passes the dossier down, Hà Nội corrects it and sends it up on its own screen
    await waiting().getByLabel('Nội dung đã bổ sung, sửa, hoặc việc cấp dưới cần bổ sung').fill('Đề nghị Hà Nội xác nhận bản tóm tắt thành tích');
    await waiting().getByRole('button', { name: 'Chuyển xuống cấp dưới để bổ sung' }).click();
    await officer.page.getByText('Đã chuyển hồ sơ Nguyễn Thị Hoa xuống Liên đoàn Lao động thành phố Hà Nội để bổ sung').waitFor();
    const hanoi = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/proposals');
    const atHanoi = hanoi.page.getByTestId('proposals-waiting').getByTestId('proposal').filter({ hasText: s.run });
    await atHanoi.getByText('Hồ sơ bị trả lại: Đề nghị Hà Nội xác nhận bản tóm tắt thành tích').waitFor();
    await atHanoi.getByLabel('Nội dung đã bổ sung, sửa').fill('Đã bổ sung bản tóm tắt thành tích có xác nhận của Liên đoàn Lao động thành phố');
    // its tờ trình of the corrected dossier is signed by whom it names (decision 0047)
    await atHanoi.getByLabel('Chức vụ người ký tờ trình').fill('Phó Chủ tịch');
    await atHanoi.getByLabel('Họ tên người ký tờ trình').fill('Nguyễn Văn Hải');
    await atHanoi.getByRole('button', { name: 'Gửi lại hồ sơ đã bổ sung' }).click();
    await hanoi.page.getByText('Đã gửi lại hồ sơ Nguyễn Thị Hoa lên Tổng Liên đoàn Lao động Việt Nam').waitFor();
    await hanoi.close();
    await officer.page.reload();
    // this time the federation records who signs its tờ trình: a one-letter title is refused beside its field
    await waiting().getByLabel('Chức vụ người ký tờ trình').fill('P');
    await waiting().getByRole('button', { name: 'Chuyển lên cấp trên' }).click();
    await officer.page.locator(`#memo-role-${id}-error`).getByText('chức vụ người ký tờ trình').waitFor();
    await waiting().getByLabel('Chức vụ người ký tờ trình').fill('Phó Chủ tịch');
    await waiting().getByLabel('Họ tên người ký tờ trình').fill('Ngọ Duy Hiểu');
    await waiting().getByRole('button', { name: 'Chuyển lên cấp trên' }).click();
    await officer.page.getByText('Đã chuyển hồ sơ Nguyễn Thị Hoa lên Thủ tướng Chính phủ').waitFor();

    const record = waiting().getByRole('group', { name: 'Ghi nhận quyết định của Chủ tịch nước' });
    await record.getByLabel('Số quyết định').fill('QĐ 1234');
    await record.getByLabel('Họ tên người ký').fill('Lương Cường');
    await record.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await officer.page.locator(`#number-${id}-error`).waitFor();
    await record.getByLabel('Số quyết định').fill('1234/QĐ-CTN');
    await record.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await officer.page.getByText(/^Đã ghi nhận Quyết định số 1234\/QĐ-CTN: Huân chương Lao động hạng Ba, 10\.530\.000/).waitFor();

    const done = officer.page.getByTestId('proposals-followed').getByTestId('proposal').filter({ hasText: s.run }).filter({ hasText: 'Nguyễn Thị Hoa' });
    await done.getByRole('link', { name: 'Quyết định số 1234/QĐ-CTN' }).waitFor();
    const rows = done.getByTestId('proposal-steps').locator('tbody tr');
    expect(await rows.count()).toBe(10);
    expect(await rows.nth(2).textContent()).toContain('Trả lại hồ sơ');
    expect(await rows.nth(5).textContent()).toMatch(/Thủ tướng Chính phủ trình Chủ tịch nước.*Trả lại hồ sơ.*245\/BTĐKT-VP/);
    // whose letter it was (decision 0045)
    expect(await rows.nth(5).textContent()).toContain('Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ): Thiếu bản tóm tắt thành tích');
    // the federation had the dossier back from the Board and passed it further down: said so, not "returned"
    expect(await rows.nth(6).textContent()).toMatch(/Tổng Liên đoàn.*Chuyển xuống cấp dưới để bổ sung.*xác nhận bản tóm tắt/);
    expect(await rows.nth(7).textContent()).toMatch(/Hà Nội.*Bổ sung, gửi lại.*Phó Chủ tịch Nguyễn Văn Hải ký/);
    expect(await rows.nth(8).textContent()).toContain('Phó Chủ tịch Ngọ Duy Hiểu ký');
    expect(await rows.nth(4).textContent()).not.toContain(' ký');
    expect(await rows.nth(9).textContent()).toContain('Thủ tướng Chính phủ trình Chủ tịch nước');
    // the tờ trình each level sent up with it, from its row
    const [levelMemo] = await Promise.all([officer.page.waitForEvent('download'), rows.nth(1).getByRole('button', { name: 'Tờ trình của Liên đoàn Lao động thành phố Hà Nội' }).click()]);
    expect(levelMemo.suggestedFilename()).toBe('Tờ trình - Huân chương Lao động hạng Ba - Nguyễn Thị Hoa - Liên đoàn Lao động thành phố Hà Nội (bước 2).pdf');
    expect(await rows.nth(2).getByRole('button').count()).toBe(0);
    // days per level: the column is there for every level, counted by the server
    expect(await rows.nth(0).locator('td').nth(3).textContent()).toMatch(/^\d+$/);
    expect((await s.api.ok(PROPOSAL, { id: nominationId }, s.tokens.officerHn)).nomination.status).toBe('GRANTED');

    // an inspection finds the achievement was inflated: the federation asks the President, through the Prime Minister, to annul it (decision 0048)
    await done.getByRole('button', { name: 'Đề nghị Thủ tướng Chính phủ hủy bỏ, thu hồi quyết định…' }).click();
    const ask = done.getByRole('group', { name: 'Tờ trình đề nghị Thủ tướng Chính phủ hủy bỏ, thu hồi Quyết định số 1234/QĐ-CTN' });
    await ask.getByLabel('Lý do đề nghị').fill('Kết luận thanh tra số 7/KL-TTCP: kê khai khống thành tích sáng kiến');
    await ask.getByRole('button', { name: 'Lập tờ trình đề nghị' }).click();
    await officer.page.locator('[id^="ask-ground-"][id$="-error"]').getByText('chọn căn cứ pháp lý').waitFor();
    await ask.getByLabel('Căn cứ pháp lý').selectOption({ label: 'Gian dối trong việc kê khai công trạng, thành tích' });
    await ask.getByLabel('Họ tên người ký tờ trình').fill('Ngọ Duy Hiểu');
    await ask.getByRole('button', { name: 'Lập tờ trình đề nghị' }).click();
    await officer.page.getByText('Đã lập tờ trình đề nghị Thủ tướng Chính phủ hủy bỏ Quyết định số 1234/QĐ-CTN').waitFor();
    const asked = done.getByRole('status').filter({ hasText: 'Đã đề nghị Thủ tướng Chính phủ hủy bỏ quyết định' });
    await asked.waitFor();
    const [askMemo] = await Promise.all([officer.page.waitForEvent('download'), asked.getByRole('button', { name: 'Tải tờ trình đề nghị (PDF)' }).click()]);
    expect(askMemo.suggestedFilename()).toBe('Tờ trình đề nghị hủy bỏ - 1234-QĐ-CTN - Nguyễn Thị Hoa.pdf');
    expect(await done.getByRole('button', { name: /^Đề nghị Thủ tướng Chính phủ hủy bỏ/ }).count()).toBe(0);

    // the President later annuls it: the federation records the President's decision as it arrives, with its own number (decision 0044)
    await done.getByRole('button', { name: 'Ghi nhận quyết định hủy bỏ, thu hồi của Chủ tịch nước…' }).click();
    const annul = done.getByRole('group', { name: 'Quyết định hủy bỏ, thu hồi Quyết định số 1234/QĐ-CTN của Chủ tịch nước' });
    await annul.getByLabel('Căn cứ pháp lý').selectOption({ label: 'Gian dối trong việc kê khai công trạng, thành tích' });
    await annul.getByLabel('Lý do').fill('Kết luận thanh tra số 7/KL-TTCP: kê khai khống thành tích sáng kiến');
    await annul.getByLabel('Người ký (chức danh)').fill('Chủ tịch nước');
    await annul.getByLabel('Họ tên người ký').fill('Lương Cường');
    await annul.getByRole('button', { name: 'Ghi nhận quyết định hủy bỏ, thu hồi' }).click();
    const numberError = officer.page.locator(`[id^="number-"][id$="-error"]`).filter({ hasText: 'số/QĐ' });
    await numberError.waitFor();
    await annul.getByLabel('Số quyết định hủy bỏ, thu hồi của Chủ tịch nước').fill('2002/QĐ-CTN');
    await annul.getByRole('button', { name: 'Ghi nhận quyết định hủy bỏ, thu hồi' }).click();
    await officer.page.getByText('Đã ghi nhận việc hủy bỏ Quyết định số 1234/QĐ-CTN theo Quyết định số 2002/QĐ-CTN').waitFor();
    await done.getByText(/Hủy bỏ quyết định theo Quyết định số 2002\/QĐ-CTN/).waitFor();
    await officer.close();
    expect((await s.api.ok(`query($id: ID!) { nomination(id: $id) { decision { status revocation { number signerName } } } }`, { id: nominationId }, s.tokens.officerHn)).nomination.decision)
      .toEqual({ status: 'REVOKED', revocation: { number: '2002/QĐ-CTN', signerName: 'Lương Cường' } });
  }, PLAY);

  it('the federation records that the Prime Minister does not put another Huân chương to the President, naming whose letter it is', async () => {
    const officerMay = await s.token(['UNIT_OFFICER'], 'may', 'officer-may');
    const second = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(300), awardYear: year - 1, reason: `Năm năm liền đào tạo thợ may bậc cao ${s.run}` }, officerMay);
    await s.approve(second, s.tokens.councilMay);
    const { proposeReward } = await s.api.ok(`mutation($id: ID!) { proposeReward(nominationId: $id, input: { signerRole: "Chủ tịch Công đoàn cơ sở" }) { id } }`, { id: second }, s.tokens.councilMay);
    await s.api.ok(`mutation($id: ID!) { forwardProposal(id: $id) { status } }`, { id: proposeReward.id }, s.tokens.officerHn);
    await s.api.ok(`mutation($id: ID!) { forwardProposal(id: $id) { status } }`, { id: proposeReward.id }, await s.token(['UNIT_OFFICER'], 'vn', 'officer-vn'));

    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'vn' }, '/work/proposals');
    const card = officer.page.getByTestId('proposals-waiting').getByTestId('proposal').filter({ hasText: s.run }).filter({ hasText: 'Trần Thị Lan' });
    const answer = card.getByRole('group', { name: 'Hoặc: cơ quan xét hồ sơ trả lời không khen thưởng' });
    const body = answer.getByLabel('Văn bản trả lời của');
    // the decider's letter unless another is chosen; the Board and the Prime Minister answer before the President does
    expect(await body.inputValue()).toBe('Chủ tịch nước');
    expect(await body.locator('option').allTextContents()).toEqual(['Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)', 'Thủ tướng Chính phủ', 'Chủ tịch nước']);
    await body.selectOption('Thủ tướng Chính phủ');
    await answer.getByLabel('Số văn bản trả lời').fill('77/VPCP-TĐKT');
    await answer.getByLabel('Lý do không khen thưởng').fill('Chưa đủ thời gian công tác theo quy định để xét Huân chương');
    await answer.getByRole('button', { name: 'Ghi nhận không khen thưởng' }).click();
    await officer.page.getByText('Đã ghi nhận Thủ tướng Chính phủ không trình Chủ tịch nước khen thưởng Trần Thị Lan').waitFor();
    const followed = officer.page.getByTestId('proposals-followed').getByTestId('proposal').filter({ hasText: s.run }).filter({ hasText: 'Trần Thị Lan' });
    await followed.getByRole('status').filter({ hasText: 'Thủ tướng Chính phủ không trình Chủ tịch nước khen thưởng (văn bản số 77/VPCP-TĐKT)' }).waitFor();
    expect(await followed.getByTestId('proposal-steps').locator('tbody tr').last().textContent()).toContain('Thủ tướng Chính phủ: Chưa đủ thời gian công tác');
    await officer.close();
  }, PLAY);
});

describe('the employer answers that it does not grant', () => {
  it('records the answer with its reason from the proposals screen; the nomination is refused', async () => {
    const employer = await people.pageAs({ roles: ['EMPLOYER'], unit: 'may' }, '/work/proposals');
    const card = employer.page.getByTestId('proposals-waiting').getByTestId('proposal').filter({ hasText: s.run });
    // the grassroots union's tờ trình comes with the proposal
    const [memo] = await Promise.all([employer.page.waitForEvent('download'), card.getByRole('button', { name: 'Tải tờ trình (PDF)' }).click()]);
    expect(memo.suggestedFilename()).toBe('Tờ trình - Lao động tiên tiến - Lê Văn Tuấn.pdf');
    const answer = card.getByRole('group', { name: 'Hoặc: Lãnh đạo Công ty May Thăng Long trả lời không khen thưởng' });
    await answer.getByRole('button', { name: 'Ghi nhận không khen thưởng' }).click();
    const error = answer.locator('[id^="refusal-reason-"][id$="-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('ghi lý do không khen thưởng');
    await answer.getByLabel('Số văn bản trả lời').fill('16/CV-CTMTL');
    await answer.getByLabel('Lý do không khen thưởng').fill('Người lao động bị kỷ luật khiển trách trong năm, chưa đủ điều kiện');
    await answer.getByRole('button', { name: 'Ghi nhận không khen thưởng' }).click();
    await employer.page.getByText('Đã ghi nhận Lãnh đạo Công ty May Thăng Long không khen thưởng Lê Văn Tuấn').waitFor();
    const followed = employer.page.getByTestId('proposals-followed').getByTestId('proposal').filter({ hasText: s.run });
    await followed.getByRole('status').filter({ hasText: 'không khen thưởng (văn bản số 16/CV-CTMTL)' }).waitFor();
    await employer.close();
    const { nomination } = await s.api.ok(`query($id: ID!) { nomination(id: $id) { status refusalReason } }`, { id: yearlyTitleId }, s.tokens.officerHn);
    expect(nomination).toEqual({ status: 'REFUSED', refusalReason: expect.stringContaining('bị kỷ luật khiển trách') });
  }, PLAY);
});
