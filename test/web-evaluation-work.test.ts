/**
 * The evaluation's work screens in a real browser (Debian's Chromium through Playwright) against the real platform,
 * each reached from the person's home through the menu. Appeals: a member appeals her published result (a reason too
 * short refused beside it), the organising officer accepts it with corrected points (an acceptance without any
 * refused beside the corrections) and the results are republished; another province's officer may not answer it.
 * Evidence: a member submits evidence for the reviewed criterion (no description nor link refused beside them), a
 * second submission for it refused in words; another province's officer may not submit for her. Criteria sets: the
 * organising officer drafts one (weights not adding up to 100 and a one-level rubric refused beside them), edits the
 * draft (an appeal window of 0 days refused beside it) and publishes it; the published version no longer changes.
 * Reviewer assignment: the organising officer picks among the reviewer accounts, sees the conflict of one from the
 * participant's own grassroots union before assigning (and assigning them refused), and assigns another; another
 * province's officer may not list the submissions. Conflicts: an assigned reviewer declares a conflict of interest on an entry (a reason too short refused beside it)
 * and may then no longer score it.
 */
import type { Page } from 'playwright-core';
import { usePortalScenario } from './support/portal-people';
import { year } from './support/reward';

const portal = usePortalScenario('ev');
const { people } = portal;

/** From the person's home to a work screen through the menu, as a person goes. */
async function openFromHome(page: Page, home: string, link: string, heading: string): Promise<void> {
  await page.goto(`${portal.base}${home}`);
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

const RUBRIC_LEVELS = [
  { score: 0, description: 'Không có minh chứng về kết quả' },
  { score: 5, description: 'Có minh chứng, kết quả đạt yêu cầu' },
  { score: 10, description: 'Có minh chứng, kết quả xuất sắc, được nhân rộng' },
];

/** A running movement of Hà Nội with Lan enrolled, one published criteria set, her progress scored; `publish` puts the results out. */
async function scoredCampaign(title: string, publish: boolean, rubric = false): Promise<{ id: string; lan: string; criterion: string }> {
  const officer = portal.s.tokens.officerHn;
  const created = (await portal.s.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id targets { id } } }`, {
    input: { launchingUnitId: portal.s.units.hn!.id, title, goal: 'Tăng năng suất lao động', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`,
      targets: [{ name: 'Sáng kiến cải tiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }] },
  }, officer)).createCampaign;
  const target = created.targets[0].id;
  const lan = (await portal.s.api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId: created.id, memberId: portal.s.members.lan } }, officer)).enrollMember.id;
  await portal.s.api.ok(`mutation($id: ID!) { startCampaign(id: $id) { id } }`, { id: created.id }, officer);
  await portal.s.api.untilRoundOpened(created.id);
  const set = (await portal.s.api.ok(`mutation($i: CriteriaSetInput!) { createCriteriaSet(input: $i) { id criteria { id } } }`, {
    i: { campaignId: created.id, variant: 'GENERAL', criteria: [
      { name: 'Sáng kiến cải tiến', method: 'LINEAR', weight: rubric ? 60 : 100, unitOfMeasure: 'sáng kiến', targetValue: 10, targetId: target },
      ...(rubric ? [{ name: 'Văn hóa doanh nghiệp', method: 'RUBRIC', weight: 40, rubricLevels: RUBRIC_LEVELS }] : []),
    ] },
  }, officer)).createCriteriaSet;
  await portal.s.api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, officer);
  await portal.s.api.ok(`mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id } }`, { i: { enrollmentId: lan, targetId: target, periodStart: `${year}-01-01`, value: 5 } }, officer);
  await portal.s.api.untilScored([lan], officer);
  if (publish) await portal.s.api.ok(`mutation($c: ID!) { publishResults(campaignId: $c) { publicationVersion } }`, { c: created.id }, officer);
  return { id: created.id, lan, criterion: set.criteria[0].id };
}

/** The id of the published set's reviewed criterion. */
async function rubricCriterion(campaignId: string): Promise<string> {
  const set = (await portal.s.api.ok(`query($id: ID!) { campaign(id: $id) { criteriaSets { status criteria { id method } } } }`, { id: campaignId }, portal.s.tokens.officerHn)).campaign.criteriaSets
    .find((c: { status: string }) => c.status === 'PUBLISHED');
  return set.criteria.find((c: { method: string }) => c.method === 'RUBRIC').id;
}

/** Evidence Hà Nội's officer submits for Lan on the reviewed criterion: the submission's id. */
async function submittedEvidence(campaign: { id: string; lan: string }, text: string, url: string): Promise<string> {
  return (await portal.s.api.ok(`mutation($i: SubmissionInput!) { submitEvidence(input: $i) { id } }`, {
    i: { enrollmentId: campaign.lan, criterionId: await rubricCriterion(campaign.id), text, evidence: [{ url }] },
  }, portal.s.tokens.officerHn)).submitEvidence.id;
}

describe('appeals (Khiếu nại kết quả)', () => {
  it('a member appeals her published result and the organising officer accepts it with corrected points', async () => {
    const title = `Năng suất, chất lượng ${portal.s.run}`;
    const campaign = await scoredCampaign(title, true);

    const lan = await people.pageAs({ roles: ['MEMBER'], unit: 'may', memberId: portal.s.members.lan }, '/');
    await openFromHome(lan.page, '/', 'Khiếu nại kết quả', 'Khiếu nại kết quả');
    const form = lan.page.getByRole('form', { name: `Khiếu nại: ${title} – Trần Thị Lan (Công đoàn Công ty May Thăng Long)` });
    await form.getByLabel('Kết quả sai ở đâu').fill('Sai');
    await form.getByRole('button', { name: 'Gửi khiếu nại' }).click();
    await lan.page.locator(`#appeal-reason-${campaign.lan}-error`).getByText('hãy nêu kết quả sai ở đâu (ít nhất 10 ký tự)').waitFor();
    await form.getByLabel('Kết quả sai ở đâu').fill('Báo cáo quý I thiếu 3 sáng kiến đã được công nhận');
    await form.getByRole('button', { name: 'Gửi khiếu nại' }).click();
    await lan.page.getByText(`Đã gửi khiếu nại kết quả phong trào «${title}» của Trần Thị Lan (Công đoàn Công ty May Thăng Long); ban tổ chức sẽ trả lời.`).waitFor();
    // one open appeal per result: a second is refused in words
    await form.getByLabel('Kết quả sai ở đâu').fill('Báo cáo quý I thiếu 3 sáng kiến, gửi lần nữa');
    await form.getByRole('button', { name: 'Gửi khiếu nại' }).click();
    await form.getByText('Kết quả này đang có một khiếu nại chưa giải quyết').waitFor();
    await lan.close();

    const [appeal] = (await portal.s.api.ok(`query($id: ID!) { campaign(id: $id) { appeals { id status } } }`, { id: campaign.id }, portal.s.tokens.officerHn)).campaign.appeals;
    expect(appeal.status).toBe('OPEN');
    // Khánh Hòa's officer does not organise the movement: the answer is refused
    const refused = await portal.s.api.refused(`mutation($id: ID!) { resolveAppeal(id: $id, accept: false, resolution: "Không thuộc phạm vi của tỉnh") { id } }`, { id: appeal.id }, portal.s.tokens.officerKh);
    expect(refused.code).toBe('FORBIDDEN');

    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, '/dashboard', 'Khiếu nại kết quả', 'Khiếu nại kết quả');
    await page.getByLabel('Phong trào', { exact: true }).selectOption({ label: title });
    const answer = page.getByRole('form', { name: 'Giải quyết khiếu nại của Trần Thị Lan (Công đoàn Công ty May Thăng Long)' });
    await answer.getByText('Báo cáo quý I thiếu 3 sáng kiến đã được công nhận').waitFor();
    await answer.getByLabel('Chấp nhận, sửa điểm').check();
    await answer.getByLabel('Lý do giải quyết').fill('Ngắn');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await page.locator(`#resolve-${appeal.id}-corrections-error`).getByText('chấp nhận khiếu nại thì phải sửa ít nhất một điểm').waitFor();
    expect(await page.locator(`#resolve-${appeal.id}-resolution-error`).textContent()).toBe('hãy nêu lý do giải quyết (ít nhất 10 ký tự)');

    await answer.getByLabel('Điểm sửa: Sáng kiến cải tiến').fill('150');
    await answer.getByLabel('Lý do giải quyết').fill('Đã đối chiếu biên bản công nhận 3 sáng kiến quý I');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await page.locator(`#resolve-${appeal.id}-points-${campaign.criterion}-error`).getByText('điểm từ 0 đến 100').waitFor();
    await answer.getByLabel('Điểm sửa: Sáng kiến cải tiến').fill('80');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await page.getByTestId('resolved-appeal').getByText('Đã chấp nhận: Đã đối chiếu biên bản công nhận 3 sáng kiến quý I').waitFor();
    await officer.close();

    const after = (await portal.s.api.ok(`query($id: ID!) { campaign(id: $id) { appeals { status resolution } rankings { publicationVersion edges { node { name score } } } } }`, { id: campaign.id }, portal.s.tokens.officerHn)).campaign;
    expect(after.appeals).toEqual([{ status: 'ACCEPTED', resolution: 'Đã đối chiếu biên bản công nhận 3 sáng kiến quý I' }]);
    expect(after.rankings.publicationVersion).toBe(2);
    expect(after.rankings.edges).toEqual([{ node: { name: 'Trần Thị Lan', score: 80 } }]);
  });
});

describe('evidence (Nộp minh chứng)', () => {
  it('a member submits evidence for the criterion reviewers score', async () => {
    const title = `Văn hóa doanh nghiệp ${portal.s.run}`;
    const campaign = await scoredCampaign(title, false, true);
    const lan = await people.pageAs({ roles: ['MEMBER'], unit: 'may', memberId: portal.s.members.lan }, '/');
    const page = lan.page;
    await openFromHome(page, '/', 'Nộp minh chứng', 'Nộp minh chứng');
    await page.getByLabel('Phong trào đã tham gia').selectOption({ label: title });
    const form = page.getByRole('form', { name: 'Nộp minh chứng' });
    // the quantified criterion is scored from progress reports: only the reviewed one is offered
    await form.getByLabel('Tiêu chí').locator('option', { hasText: 'Văn hóa doanh nghiệp' }).waitFor({ state: 'attached' });
    expect(await form.getByLabel('Tiêu chí').locator('option').allTextContents()).toEqual(['Chọn tiêu chí…', 'Văn hóa doanh nghiệp']);
    await form.getByLabel('Tiêu chí').selectOption({ label: 'Văn hóa doanh nghiệp' });
    await form.getByLabel('Thành tích').fill('Ngắn');
    await form.getByRole('button', { name: 'Nộp minh chứng' }).click();
    const id = `evidence-${campaign.lan}`;
    await page.locator(`#${id}-text-error`).getByText('hãy mô tả thành tích (ít nhất 10 ký tự)').waitFor();
    expect(await page.locator(`#${id}-links-error`).textContent()).toBe('hãy đính kèm ít nhất một minh chứng');

    await form.getByLabel('Thành tích').fill('Tổ chức hội thi tay nghề cho 120 công nhân, trao 12 giải');
    await form.getByLabel('Đường dẫn minh chứng').fill('https://maythanglong.vn/hoi-thi.pdf\nhttps://maythanglong.vn/anh-hoi-thi.jpg');
    await form.getByRole('button', { name: 'Nộp minh chứng' }).click();
    await page.getByText('Đã nộp minh chứng cho tiêu chí “Văn hóa doanh nghiệp”; bài chờ người chấm.').waitFor();
    await form.getByLabel('Tiêu chí').selectOption({ label: 'Văn hóa doanh nghiệp' });
    await form.getByLabel('Thành tích').fill('Nộp lần hai cho cùng tiêu chí');
    await form.getByLabel('Đường dẫn minh chứng').fill('https://maythanglong.vn/lan-hai.pdf');
    await form.getByRole('button', { name: 'Nộp minh chứng' }).click();
    await form.getByText('Minh chứng cho tiêu chí này đã được nộp; không nộp lần hai').waitFor();
    await lan.close();

    const rubric = await rubricCriterion(campaign.id);
    // Khánh Hòa's officer is not over Lan's unit
    const refused = await portal.s.api.refused(`mutation($i: SubmissionInput!) { submitEvidence(input: $i) { id } }`, {
      i: { enrollmentId: campaign.lan, criterionId: rubric, text: 'Nộp thay từ tỉnh khác', evidence: [{ url: 'https://x.vn/a.pdf' }] },
    }, portal.s.tokens.officerKh);
    expect(refused.code).toBe('FORBIDDEN');
  });
});

describe('criteria sets (Bộ tiêu chí)', () => {
  it('the organising officer drafts a criteria set, edits the draft and publishes it', async () => {
    const title = `An toàn lao động ${portal.s.run}`;
    const created = (await portal.s.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id } }`, {
      input: { launchingUnitId: portal.s.units.hn!.id, title, goal: 'Không để xảy ra tai nạn lao động', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`,
        targets: [{ name: 'Sáng kiến an toàn', unitOfMeasure: 'sáng kiến', targetValue: 8, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }] },
    }, portal.s.tokens.officerHn)).createCampaign;
    await portal.s.api.untilRoundOpened(created.id);

    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, '/dashboard', 'Bộ tiêu chí', 'Bộ tiêu chí');
    await page.getByLabel('Phong trào', { exact: true }).selectOption({ label: title });
    const form = page.getByRole('form', { name: 'Bộ tiêu chí mới' });
    await form.getByLabel('Tiêu chí 1: tên').fill('Sáng kiến an toàn');
    await form.getByLabel('Tiêu chí 1: chỉ tiêu của phong trào').selectOption({ label: 'Sáng kiến an toàn' });
    expect(await form.getByLabel('Tiêu chí 1: mức cần đạt').inputValue()).toBe('8');
    await form.getByLabel('Tiêu chí 1: trọng số (%)').fill('60');
    await form.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    await form.getByLabel('Tiêu chí 2: tên').fill('Phong trào “Xanh – Sạch – Đẹp”');
    await form.getByLabel('Tiêu chí 2: cách chấm').selectOption({ label: 'Người chấm đánh giá theo mức' });
    await form.getByLabel('Tiêu chí 2: trọng số (%)').fill('30');
    await form.getByLabel('Tiêu chí 2: các mức đánh giá').fill('5: Có minh chứng, kết quả đạt yêu cầu');
    await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('#criteria-error').getByText('tổng trọng số phải bằng 100, hiện là 90').waitFor();
    expect(await page.locator('#criterion-1-levels-error').textContent()).toBe('thang chấm cần ít nhất hai mức có mô tả');

    await form.getByLabel('Tiêu chí 2: trọng số (%)').fill('40');
    await form.getByLabel('Tiêu chí 2: các mức đánh giá').fill('0: Không có minh chứng về kết quả\n5: Có minh chứng, kết quả đạt yêu cầu\n10: Có minh chứng, kết quả xuất sắc, được nhân rộng');
    await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã tạo bản nháp phiên bản 1 (Chung); ban hành để bắt đầu tính điểm.').waitFor();
    const sets = page.getByTestId('criteria-sets');
    await sets.getByRole('row').filter({ hasText: 'Bản nháp' }).getByText('Sáng kiến an toàn (60%); Phong trào “Xanh – Sạch – Đẹp” (40%)').waitFor();

    await sets.getByRole('button', { name: 'Sửa phiên bản 1' }).click();
    const edit = page.getByRole('form', { name: 'Sửa bản nháp phiên bản 1' });
    expect(await edit.getByLabel('Tiêu chí 2: trọng số (%)').inputValue()).toBe('40');
    await edit.getByLabel('Thời hạn khiếu nại (ngày)').fill('0');
    await edit.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('#criteria-window-error').getByText('thời hạn khiếu nại từ 1 đến 60 ngày').waitFor();
    await edit.getByLabel('Thời hạn khiếu nại (ngày)').fill('15');
    await edit.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã lưu bản nháp phiên bản 1 (Chung).').waitFor();

    await sets.getByRole('button', { name: 'Ban hành phiên bản 1' }).click();
    await page.getByText('Đã ban hành phiên bản 1 (Chung); điểm được tính lại theo bộ tiêu chí này.').waitFor();
    await sets.getByRole('row').filter({ hasText: 'Đã ban hành' }).waitFor();
    expect(await sets.getByRole('button', { name: 'Sửa phiên bản 1' }).count()).toBe(0);
    await officer.close();

    const [set] = (await portal.s.api.ok(`query($id: ID!) { campaign(id: $id) { criteriaSets { id status appealWindowDays criteria { name method weight targetValue } } } }`, { id: created.id }, portal.s.tokens.officerHn)).campaign.criteriaSets;
    expect(set).toMatchObject({ status: 'PUBLISHED', appealWindowDays: 15, criteria: [
      { name: 'Sáng kiến an toàn', method: 'LINEAR', weight: 60, targetValue: 8 },
      { name: 'Phong trào “Xanh – Sạch – Đẹp”', method: 'RUBRIC', weight: 40, targetValue: null },
    ] });
    const input = { campaignId: created.id, variant: 'GENERAL', criteria: [{ name: 'Chỉ một tiêu chí', method: 'PASS_FAIL', weight: 100, unitOfMeasure: 'lần', targetValue: 1 }] };
    // the published version is immutable, and Khánh Hòa's officer does not organise the movement
    expect((await portal.s.api.refused(`mutation($id: ID!, $i: CriteriaSetInput!) { updateCriteriaSet(id: $id, input: $i) { id } }`, { id: set.id, i: input }, portal.s.tokens.officerHn)).code).toBe('CONFLICT');
    expect((await portal.s.api.refused(`mutation($i: CriteriaSetInput!) { createCriteriaSet(input: $i) { id } }`, { i: input }, portal.s.tokens.officerKh)).code).toBe('FORBIDDEN');
  });
});

describe('reviewer assignment (Phân công chấm)', () => {
  it('the organising officer assigns a reviewer, the conflict of another shown before', async () => {
    const title = `Phân công chấm ${portal.s.run}`;
    const campaign = await scoredCampaign(title, false, true);
    const submission = await submittedEvidence(campaign, 'Đội văn nghệ công nhân đạt giải nhất thành phố', 'https://maythanglong.vn/giai-nhat.pdf');
    // two reviewers: one of Lan's own grassroots union (a conflict), one of the federation
    const nearby = await people.accountOf({ roles: ['REVIEWER'], unit: 'may' });
    await people.accountOf({ roles: ['REVIEWER'], unit: 'so' });
    const names = (await portal.s.api.ok(`query($q: String!) { accounts(search: $q) { edges { node { id username fullName } } } }`, { q: nearby.username }, portal.s.tokens.admin)).accounts.edges;
    const near = names.find((e: { node: { username: string } }) => e.node.username === nearby.username).node;

    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const page = officer.page;
    await openFromHome(page, '/dashboard', 'Phân công chấm', 'Phân công chấm minh chứng');
    await page.getByLabel('Phong trào', { exact: true }).selectOption({ label: title });
    const card = page.getByRole('article', { name: 'Minh chứng của Trần Thị Lan (Công đoàn Công ty May Thăng Long)' });
    await card.getByText('Đội văn nghệ công nhân đạt giải nhất thành phố').waitFor();
    await card.getByLabel('Người chấm').selectOption({ label: `${near.fullName} (Công đoàn Công ty May Thăng Long)` });
    await page.locator(`#assign-${submission}-error`).getByText('Xung đột lợi ích: người chấm không chấm minh chứng của công đoàn cơ sở nơi mình sinh hoạt').waitFor();
    await card.getByRole('button', { name: 'Phân công' }).click();
    await card.getByRole('alert').filter({ hasText: /^Xung đột lợi ích: người chấm không chấm minh chứng của công đoàn cơ sở nơi mình sinh hoạt$/ }).first().waitFor();
    const other = await card.getByLabel('Người chấm').locator('option', { hasText: 'Công đoàn Sở Công Thương Hà Nội' }).textContent();
    await card.getByLabel('Người chấm').selectOption({ label: other! });
    await card.getByRole('button', { name: 'Phân công' }).click();
    await card.getByText(`Đã phân công ${other!.replace(' (Công đoàn Sở Công Thương Hà Nội)', '')} chấm minh chứng “Văn hóa doanh nghiệp” của Trần Thị Lan (Công đoàn Công ty May Thăng Long).`).waitFor();
    expect(await page.locator(`#assign-${submission}-error`).count()).toBe(0);
    await officer.close();

    const refused = await portal.s.api.refused(`query($id: ID!) { campaign(id: $id) { submissions { id } } }`, { id: campaign.id }, portal.s.tokens.officerKh);
    expect(refused.code).toBe('FORBIDDEN');
  });
});

describe('conflicts of interest (Xung đột lợi ích)', () => {
  it('an assigned reviewer declares a conflict and can no longer score the entry', async () => {
    const campaign = await scoredCampaign(`Xung đột lợi ích ${portal.s.run}`, false, true);
    const submission = await submittedEvidence(campaign, 'Tổ chức ngày hội văn hóa công nhân', 'https://maythanglong.vn/ngay-hoi.pdf');

    const reviewer = await people.pageAs({ roles: ['REVIEWER'], unit: 'hn' }, '/');
    const { username } = await people.accountOf({ roles: ['REVIEWER'], unit: 'hn' });
    const account = (await portal.s.api.ok(`query($q: String!) { accounts(search: $q) { edges { node { id username } } } }`, { q: username }, portal.s.tokens.admin)).accounts.edges
      .find((e: { node: { username: string } }) => e.node.username === username).node;
    await portal.s.api.ok(`mutation($id: ID!, $r: ReviewerInput!) { assignReviewer(submissionId: $id, reviewer: $r) { id } }`, { id: submission, r: { subject: account.id, unitPath: portal.s.units.hn!.path } }, portal.s.tokens.officerHn);

    const page = reviewer.page;
    await openFromHome(page, '/', 'Chấm điểm', 'Chấm điểm minh chứng');
    const conflict = page.getByRole('form', { name: 'Xung đột lợi ích: Văn hóa doanh nghiệp' });
    await conflict.getByLabel('Xung đột lợi ích').fill('Có');
    await conflict.getByRole('button', { name: 'Khai báo xung đột lợi ích' }).click();
    await page.locator(`#conflict-${submission}-error`).getByText('hãy nêu xung đột lợi ích là gì (ít nhất 5 ký tự)').waitFor();
    await conflict.getByLabel('Xung đột lợi ích').fill('Trần Thị Lan là em gái tôi');
    await conflict.getByRole('button', { name: 'Khai báo xung đột lợi ích' }).click();
    await page.getByText('Đã khai báo xung đột lợi ích: bạn không chấm bài này; ban tổ chức sẽ phân công người khác.').waitFor();
    await page.getByLabel('Mức đánh giá').selectOption({ label: '10 điểm: Có minh chứng, kết quả xuất sắc, được nhân rộng' });
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText(/^Xung đột lợi ích: /).waitFor();
    await reviewer.close();
    expect((await portal.s.api.ok(`query($id: ID!) { submission(id: $id) { reviewCount status } }`, { id: submission }, portal.s.tokens.officerHn)).submission).toEqual({ reviewCount: 0, status: 'IN_REVIEW' });
  });
});
