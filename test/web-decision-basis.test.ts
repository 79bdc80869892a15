/**
 * Issue 16 items 5 and 7 on screen, in Debian's Chromium against the real platform: an editor proposes the person of a
 * story for a Bằng khen, choosing among the councils that can grant it (meeting the API's message beside the date
 * first); the province's council sees a decision whose result changed, with the version it was based on, and keeps it.
 */
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { databaseUrl } from '@thidua/common';
import { usePortalScenario } from './support/portal-people';
import { eventually } from './support/graphql';
import { daysAgo, year } from './support/reward';

const portal = usePortalScenario('nt');
const { people } = portal;
let decision: { id: string; number: string };

beforeAll(async () => {
  // Hà Nội's Bằng khen to Hoa: media makes a story candidate about her; it stands on results published as version 1
  decision = await portal.s.decide({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(20), awardYear: year, reason: 'Xếp hạng 2 trong phong trào thi đua (84 điểm)' }, daysAgo(10));
  // the review a republication opens (its making is test/reward/results.test.ts's): written here as the consumer writes it
  const db = new Client({ connectionString: databaseUrl('reward') });
  await db.connect();
  try {
    await db.query(`UPDATE reward_decisions SET based_on_version = 1, based_on_score = 84, based_on_rank = 2 WHERE id = $1`, [decision.id]);
    await db.query(
      `INSERT INTO decision_reviews (decision_id, campaign_id, based_on_version, changed_in_version, score_before, score_after, rank_before, rank_after)
       VALUES ($1, $2, 1, 2, 84, 90, 2, 1)`, [decision.id, randomUUID()]);
  } finally {
    await db.end();
  }
}, 120_000);

describe('proposing from a story and reviewing a decision', () => {
  it('the editor proposes the story’s person, choosing among the councils that can grant the form', async () => {
    const editorToken = await portal.s.token(['EDITOR'], 'hn', 'editor-hn-api');
    const candidate = await eventually(async () => {
      const { storyCandidates } = await portal.s.api.ok(`{ storyCandidates(first: 50) { edges { node { title members { id } } } } }`, {}, editorToken);
      return storyCandidates.edges.map((e: any) => e.node).find((n: any) => n.members.some((m: any) => m.id === portal.s.members.hoa)) ?? null;
    }, 30000, 'the story candidate about Hoa');
    const editor = await people.pageAs({ roles: ['EDITOR'], unit: 'hn' }, '/work/editor');
    const { page } = editor;
    await page.getByRole('button', { name: candidate.title }).click();
    await page.getByLabel('Người hoặc tập thể được đề xuất').selectOption({ label: 'Nguyễn Thị Hoa' });
    await page.getByLabel('Hình thức đề nghị').selectOption('BK_TINH');
    const council = page.getByLabel('Hội đồng xét khen thưởng');
    await council.locator('option', { hasText: 'Tổng Liên đoàn Lao động Việt Nam' }).waitFor({ state: 'attached' });
    expect(await council.locator('option').allTextContents()).toEqual(['Liên đoàn Lao động thành phố Hà Nội (Liên đoàn Lao động tỉnh, thành phố)', 'Tổng Liên đoàn Lao động Việt Nam (Tổng Liên đoàn)']);
    await council.selectOption({ label: 'Tổng Liên đoàn Lao động Việt Nam (Tổng Liên đoàn)' });
    const reason = `Cứu đồng nghiệp khỏi đám cháy xưởng may ${portal.s.run}`;
    await page.getByLabel('Thành tích').fill(reason);
    await page.getByLabel('Ngày của việc làm').fill('2999-01-01');
    await page.getByRole('button', { name: 'Gửi đề xuất khen thưởng' }).click();
    await page.getByText('Ngày của việc làm không thể ở tương lai').waitFor();
    await page.getByLabel('Ngày của việc làm').fill(daysAgo(12));
    await page.getByRole('button', { name: 'Gửi đề xuất khen thưởng' }).click();
    await page.getByText('Đã gửi đề xuất đến Hội đồng thi đua, khen thưởng của Tổng Liên đoàn Lao động Việt Nam.').waitFor();
    await editor.close();
    const nomination = await eventually(async () => {
      const { nominations } = await portal.s.api.ok(`{ nominations(source: MEDIA_DISCOVERY, first: 100) { edges { node { reason achievedOn grantingUnit { id } form { code } } } } }`, {}, portal.s.tokens.admin);
      return nominations.edges.map((e: any) => e.node).find((n: any) => n.reason === reason) ?? null;
    }, 30000, 'the nomination from the screen');
    expect(nomination).toEqual({ reason, achievedOn: daysAgo(12), grantingUnit: { id: portal.s.units.vn!.id }, form: { code: 'BK_TINH' } });
  });

  it('the council sees the decision whose result changed, with the version it was based on, and keeps it with a reason', async () => {
    const council = await people.pageAs({ roles: ['COUNCIL_MEMBER'], unit: 'hn' }, '/work/council');
    const { page } = council;
    const card = page.getByTestId('decision-review');
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe(`Quyết định số ${decision.number}: Nguyễn Thị Hoa`);
    expect(await card.getByRole('status').textContent()).toContain('Quyết định dựa trên kết quả công bố lần 1: 84 điểm, hạng 2; kết quả công bố lần 2: 90 điểm, hạng 1.');
    await card.getByRole('button', { name: 'Giữ nguyên quyết định' }).click();
    await card.getByText('ít nhất 10 ký tự').waitFor();
    await card.getByLabel('Lý do giữ nguyên quyết định').fill('Điểm tăng sau phúc khảo: vẫn đủ tiêu chuẩn Bằng khen');
    await card.getByRole('button', { name: 'Giữ nguyên quyết định' }).click();
    await page.getByText(`Đã giữ nguyên quyết định số ${decision.number} theo kết quả công bố lần 2`).waitFor();
    await page.getByTestId('decision-review').waitFor({ state: 'detached' });
    await council.close();
    const { rewardDecision } = await portal.s.api.ok(`query($id: ID!) { rewardDecision(id: $id) { basedOn { publicationVersion score rank } review { open resolution } } }`, { id: decision.id });
    expect(rewardDecision).toEqual({ basedOn: { publicationVersion: 2, score: 90, rank: 1 }, review: { open: false, resolution: 'Điểm tăng sau phúc khảo: vẫn đủ tiêu chuẩn Bằng khen' } });
  });
});
