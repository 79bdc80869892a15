import type { CampaignClosedV1, CampaignLaunchedV1, Identity, RewardGrantedV1 } from '@thidua/common';
import { sectionProblems } from '../src/domain/sections';
import { EDITABLE, WORKFLOW, campaignNewsCandidate, campaignSummaryCandidate, editorialScope, exemplarCandidate, storyProblems, transitionProblem, type StoryAction, type StoryDraft, type StoryStatus } from '../src/domain/stories';

const STATUSES: StoryStatus[] = ['CANDIDATE', 'DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETRACTED'];
const ACTIONS = Object.keys(WORKFLOW) as StoryAction[];

describe('the editorial workflow', () => {
  it('allows each action only from its statuses: candidate → draft → in review → published → retracted', () => {
    const allowed = ACTIONS.flatMap((action) => STATUSES.filter((status) => transitionProblem(action, status, 'lý do đủ dài') === null).map((status) => `${action}:${status}`));
    expect(allowed.sort()).toEqual(['DISMISS:CANDIDATE', 'PUBLISH:IN_REVIEW', 'REQUEST_CHANGES:IN_REVIEW', 'RETRACT:PUBLISHED', 'SUBMIT_FOR_REVIEW:DRAFT', 'TAKE:CANDIDATE']);
    expect(transitionProblem('PUBLISH', 'DRAFT', null)).toBe('Tin bài ở trạng thái «Bản thảo» không đăng được (chỉ được khi ở trạng thái «Chờ duyệt»)');
  });

  it('asks a reason of at least 5 characters to retract, dismiss or send back, not spaces', () => {
    for (const action of ['RETRACT', 'DISMISS', 'REQUEST_CHANGES'] as const) {
      const from = WORKFLOW[action].from[0]!;
      expect(transitionProblem(action, from, null)).toContain('cần nêu lý do');
      expect(transitionProblem(action, from, '      ')).toContain('cần nêu lý do');
      expect(transitionProblem(action, from, 'Sai')).toContain('cần nêu lý do');
      expect(transitionProblem(action, from, 'Sai số liệu')).toBeNull();
    }
    expect(transitionProblem('TAKE', 'CANDIDATE', null)).toBeNull();
  });

  it('freezes content once a story is in review or published', () => {
    expect(EDITABLE).toEqual(['CANDIDATE', 'DRAFT']);
  });

  it('lets national admins edit everywhere, editors in their subtree, nobody else', () => {
    const who = (roles: Identity['roles'], unitPath: string | null): Identity => ({ subject: 's', name: null, roles, unitPath, memberId: null });
    expect(editorialScope(who(['NATIONAL_ADMIN'], '/vn/'))).toBe('/');
    expect(editorialScope(who(['EDITOR'], '/vn/bn/'))).toBe('/vn/bn/');
    expect(editorialScope(who(['UNIT_OFFICER', 'MEMBER'], '/vn/bn/'))).toBeNull();
  });
});

describe('story drafts', () => {
  const draft: StoryDraft = { title: 'Gương sáng ngành may', summary: null, kind: 'EXEMPLAR', tags: ['may mặc'], body: 'Nội dung' };

  it('accepts a sound draft', () => {
    expect(storyProblems(draft)).toEqual([]);
  });

  it('names each field at its limits: title 5–300, summary 1,000, body 200,000, up to 20 tags of 1–50', () => {
    const fields = (d: Partial<StoryDraft>) => storyProblems({ ...draft, ...d }).map((p) => p.field);
    expect(fields({ title: 'Tin ' })).toEqual(['title']);
    expect(fields({ title: 'x'.repeat(301) })).toEqual(['title']);
    expect(fields({ title: 'x'.repeat(300), summary: 'y'.repeat(1000), body: 'z'.repeat(200_000) })).toEqual([]);
    expect(fields({ summary: 'y'.repeat(1001) })).toEqual(['summary']);
    expect(fields({ body: 'z'.repeat(200_001) })).toEqual(['body']);
    expect(fields({ tags: Array.from({ length: 21 }, (_, i) => `thẻ ${i}`) })).toEqual(['tags']);
    expect(fields({ tags: ['  '] })).toEqual(['tags']);
    expect(fields({ tags: ['t'.repeat(51)] })).toEqual(['tags']);
  });
});

describe('candidates made by events', () => {
  it('announces a launched campaign with its period and targets, dates as Vietnamese write them', () => {
    const launched = { title: 'Lao động giỏi', startsOn: '2026-01-05', endsOn: '2026-12-31', targets: [{ name: 'Năng suất' }, { name: 'An toàn' }] } as CampaignLaunchedV1;
    expect(campaignNewsCandidate(launched)).toEqual({
      kind: 'CAMPAIGN_NEWS',
      title: 'Phát động phong trào thi đua “Lao động giỏi”',
      summary: 'Phong trào diễn ra từ 05/01/2026 đến 31/12/2026, với 2 chỉ tiêu: Năng suất; An toàn.',
    });
  });

  it('sums up a closed campaign on the day it closed', () => {
    const closed = { title: 'Lao động giỏi', closedAt: '2027-01-10T03:00:00.000Z' } as CampaignClosedV1;
    expect(campaignSummaryCandidate(closed)).toMatchObject({ kind: 'CAMPAIGN_SUMMARY', summary: 'Phong trào đã được tổng kết và kết thúc ngày 10/01/2027.' });
  });

  it('makes an exemplar of a decision on merit, an ad-hoc achievement of an ad-hoc one, citing the decision', () => {
    const granted = { subject: { name: 'Nguyễn Thị Hoa' }, formName: 'Bằng khen', reason: 'Cứu người', decisionNumber: '7/2026/QĐ-KT-HN', decidedOn: '2026-03-09', adHoc: false } as RewardGrantedV1;
    expect(exemplarCandidate(granted)).toEqual({ kind: 'EXEMPLAR', title: 'Nguyễn Thị Hoa: Bằng khen', summary: 'Cứu người (Quyết định số 7/2026/QĐ-KT-HN ngày 09/03/2026).' });
    expect(exemplarCandidate({ ...granted, adHoc: true }).kind).toBe('AD_HOC_ACHIEVEMENT');
  });
});

describe('sections', () => {
  it('take slugs of lower-case words joined by dashes and names of 2–200 characters', () => {
    expect(sectionProblems('guong-dien-hinh', 'Gương điển hình')).toEqual([]);
    for (const slug of ['Guong', 'guong--dien', '-guong', 'guong-', 'gương', 'a'.repeat(81), '']) {
      expect([slug, sectionProblems(slug, 'Tên').map((p) => p.field)]).toEqual([slug, ['slug']]);
    }
    expect(sectionProblems('tin', ' x ').map((p) => p.field)).toEqual(['name']);
    expect(sectionProblems('tin', 'x'.repeat(201)).map((p) => p.field)).toEqual(['name']);
  });
});
