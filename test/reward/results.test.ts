/**
 * From published results to a reward decision, across the real broker: a campaign launched in Hà Nội, its
 * enrolments scored by evaluation and published; ResultsPublished makes nominations for the best within the
 * campaign's reward plan before the launching unit's council; the decision shows on the campaign; and the events
 * reward publishes (NominationCreated, RewardGranted, InitiativeRewarded) are valid against their schemas.
 */
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { REGISTER_INITIATIVE, RewardScenario, payloadsOf, today, year } from '../support/reward';
import { eventually } from '../support/graphql';
import { usePlatform } from '../support/platform';
import type { ReadMessage } from '../support/kafka';

const env = usePlatform();

describe('from published results to a reward decision', () => {
  let s: RewardScenario;
  let evaluationDb: Client;

  afterAll(async () => {
    await evaluationDb?.end();
  });

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    evaluationDb = new Client({ connectionString: databaseUrl('evaluation') });
    await evaluationDb.connect();
    // two initiatives paid this year: Hoa's at the agreement's 10%, Bình's at the legal 7%
    await s.registerAgreement();
    await s.recogniseHoasInitiative();
    const binh = await s.token(['MEMBER'], 'so', 'member-binh', s.members.binh!);
    const binhs = (await s.api.ok(REGISTER_INITIATIVE, { input: { title: 'Số hoá hồ sơ một cửa', description: 'Quy trình số hoá hồ sơ giúp rút ngắn thời gian xử lý' } }, binh)).registerInitiative.id;
    await s.assessInitiative(binhs, { recognised: true, reach: 'PROVINCE', firstYearSavingsVnd: 50_000_000, firstYearEarningsVnd: 10_000_000, applicationCostVnd: 20_000_000, calculation: 'Tiết kiệm giấy tờ và công: 50 triệu + phí dịch vụ 10 triệu − 20 triệu phần mềm' });
  });

  let campaignId: string;

  it('nominates the best results within the campaign’s plan, before the launching unit’s council', async () => {
    const created = (await s.api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id targets { id } } }`, {
      input: {
        launchingUnitId: s.units.hn!.id, title: `Thi đua sáng kiến Thủ đô ${s.run}`, goal: 'Mỗi đoàn viên một sáng kiến', category: 'FOR_WORKERS',
        startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
        targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
      },
    }, s.tokens.officerHn)).createCampaign;
    campaignId = created.id;
    const targetId = created.targets[0].id;
    await s.api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId }, s.tokens.officerHn);
    const enrollments: Record<string, string> = {};
    for (const key of ['hoa', 'lan', 'binh']) {
      enrollments[key] = (await s.api.ok(`mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, { input: { campaignId, memberId: s.members[key] } }, s.tokens.officerHn)).enrollMember.id;
    }
    await eventually(async () => {
      const ready = await s.api.ok(`query($id: ID!) { campaign(id: $id) { nominationsOpen rewardPlan { form { code } explicit } } }`, { id: campaignId });
      return ready.campaign.nominationsOpen ? ready : null;
    }, 30000, 'campaign known to reward').then((ready) => expect(ready.campaign.rewardPlan).toEqual({ form: { code: 'BK_TINH' }, explicit: false }));
    const PLAN = `mutation($id: ID!, $input: CampaignRewardPlanInput!) { setCampaignRewardPlan(campaignId: $id, input: $input) { topN explicit form { code } } }`;
    expect((await s.api.refused(PLAN, { id: campaignId, input: { formCode: 'BK_TINH', topN: 2 } }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(PLAN, { id: campaignId, input: { formCode: 'GIAY_KHEN', topN: 2 } }, s.tokens.officerHn)).message).toContain('không phải cấp Liên đoàn Lao động tỉnh, thành phố');
    // a movement rewards with commendations: a yearly emulation title is not its reward
    const title = await s.api.refused(PLAN, { id: campaignId, input: { formCode: 'CSTDCS', topN: 2 } }, s.tokens.officerHn);
    expect(title).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('Chiến sĩ thi đua cơ sở là danh hiệu thi đua, xét tặng hằng năm; phong trào thi đua khen thưởng bằng giấy khen, bằng khen') });
    expect(title.problems.map((p) => p.field)).toEqual(['formCode']);
    const titleNomination = { source: 'OFFICER', memberId: s.members.hoa, grantingUnitId: s.units.may!.id, formCode: 'LDTT', campaignId, achievedOn: today, reason: 'Dẫn đầu phong trào thi đua của thành phố' };
    expect((await s.api.refused(`mutation($input: NominateInput!) { nominate(input: $input) { id } }`, { input: titleNomination }, s.tokens.officerHn)).message).toContain('Lao động tiên tiến là danh hiệu thi đua');
    expect((await s.api.ok(PLAN, { id: campaignId, input: { formCode: 'BK_TINH', topN: 2 } }, s.tokens.officerHn)).setCampaignRewardPlan).toEqual({ topN: 2, explicit: true, form: { code: 'BK_TINH' } });

    await eventually(async () => {
      const { rows } = await evaluationDb.query(`SELECT count(*)::int AS n FROM participants WHERE campaign_id = $1`, [campaignId]);
      return rows[0].n === 3 ? true : null;
    }, 30000, 'participants in evaluation');
    const set = (await s.api.ok(`mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id } }`, {
      input: { campaignId, variant: 'GENERAL', criteria: [{ name: 'Số sáng kiến được công nhận', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 10, targetId }] },
    }, s.tokens.officerHn)).createCriteriaSet;
    await s.api.ok(`mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: set.id }, s.tokens.officerHn);
    for (const [key, value] of [['hoa', 10], ['lan', 6], ['binh', 3]] as const) {
      await s.api.ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, { input: { enrollmentId: enrollments[key], targetId, periodStart: `${year}-01-01`, value } }, s.tokens.officerHn);
    }
    await s.api.untilScored(Object.values(enrollments), s.tokens.officerHn);
    await s.api.ok(`mutation($c: ID!) { publishResults(campaignId: $c) { publicationVersion } }`, { c: campaignId }, s.tokens.officerHn);

    const fromResults = await eventually(async () => {
      const page = (await s.api.ok(`{ nominations(source: RESULTS, first: 100) { edges { node { subjectName resultRank form { code } campaign { id } grantingUnit { id } achievedOn id } } } }`, {}, s.tokens.councilHn)).nominations;
      const mine = page.edges.map((e: any) => e.node).filter((n: any) => n.campaign?.id === campaignId);
      return mine.length === 2 ? mine : null;
    }, 30000, 'nominations from ResultsPublished');
    expect(fromResults.map((n: any) => [n.subjectName, n.resultRank, n.form.code, n.grantingUnit.id]).sort()).toEqual([
      ['Nguyễn Thị Hoa', 1, 'BK_TINH', s.units.hn!.id],
      ['Trần Thị Lan', 2, 'BK_TINH', s.units.hn!.id],
    ]);
    const hoa = fromResults.find((n: any) => n.subjectName === 'Nguyễn Thị Hoa');
    expect(hoa.achievedOn).toBe(today);
    await s.approve(hoa.id);
    expect(await s.grant(hoa.id, today)).toMatchObject({ formCode: 'BK_TINH', amountVnd: 3_510_000, daysToDecision: 0 });

    const campaign = (await s.api.ok(`query($id: ID!) { campaign(id: $id) { title rewards { edges { node { subjectName formName amountVnd campaign { title } } } } } }`, { id: campaignId })).campaign;
    expect(campaign.rewards.edges.map((e: any) => e.node)).toEqual([{ subjectName: 'Nguyễn Thị Hoa', formName: expect.stringContaining('Bằng khen'), amountVnd: 3_510_000, campaign: { title: campaign.title } }]);
  });

  it('flags a decision whose result an accepted appeal changed, refreshes the undecided nominations, and lets the council confirm it', async () => {
    const DECISION = `query($id: ID!) { rewardDecision(id: $id) { reason basedOn { publicationVersion score rank } review { basedOnVersion changedInVersion scoreBefore scoreAfter rankBefore rankAfter open resolution } } }`;
    const NOMINATION = `query($id: ID!) { nomination(id: $id) { reason resultRank basedOn { publicationVersion score rank } decision { id } } }`;
    const fromResults = (await s.api.ok(`{ nominations(source: RESULTS, first: 100) { edges { node { id subjectName campaign { id } decision { id } } } } }`, {}, s.tokens.councilHn)).nominations.edges
      .map((e: any) => e.node).filter((n: any) => n.campaign?.id === campaignId);
    const hoa = fromResults.find((n: any) => n.subjectName === 'Nguyễn Thị Hoa');
    const lan = fromResults.find((n: any) => n.subjectName === 'Trần Thị Lan');
    const decisionId = hoa.decision.id;
    expect((await s.api.ok(DECISION, { id: decisionId })).rewardDecision).toEqual({
      reason: expect.stringContaining('(100 điểm)'), basedOn: { publicationVersion: 1, score: 100, rank: 1 }, review: null,
    });
    const CONFIRM = `mutation($id: ID!, $note: String!) { confirmDecisionAfterReview(decisionId: $id, note: $note) { basedOn { publicationVersion score rank } review { open resolution } } }`;
    expect((await s.api.refused(CONFIRM, { id: decisionId, note: 'Không có gì thay đổi cả' }, s.tokens.councilHn)).code).toBe('CONFLICT');

    // Hoa's report was counted twice: the appeal brings her to 90 points; Lan appeals and reaches 70
    const { rows: [criterion] } = await evaluationDb.query(`SELECT c.id FROM criteria c JOIN criteria_sets cs ON cs.id = c.set_id WHERE cs.campaign_id = $1`, [campaignId]);
    const enrollmentOf = async (memberId: string) => (await evaluationDb.query(`SELECT enrollment_id AS id FROM participants WHERE campaign_id = $1 AND member_id = $2`, [campaignId, memberId])).rows[0].id;
    const APPEAL = `mutation($c: ID!, $e: ID!, $r: String!) { fileAppeal(campaignId: $c, enrollmentId: $e, reason: $r) { id } }`;
    const RESOLVE = `mutation($id: ID!, $c: [ScoreCorrectionInput!]) { resolveAppeal(id: $id, accept: true, resolution: "Đã đối chiếu minh chứng", corrections: $c) { status } }`;
    for (const [memberId, points, why] of [[s.members.hoa!, 90, 'Một sáng kiến bị tính hai lần'], [s.members.lan!, 70, 'Thiếu một sáng kiến đã được công nhận']] as const) {
      const appeal = (await s.api.ok(APPEAL, { c: campaignId, e: await enrollmentOf(memberId), r: why }, s.tokens.officerHn)).fileAppeal;
      await s.api.ok(RESOLVE, { id: appeal.id, c: [{ criterionId: criterion.id, points }] }, s.tokens.officerHn);
    }
    const flagged = await eventually(async () => {
      const decision = (await s.api.ok(DECISION, { id: decisionId })).rewardDecision;
      return decision.review?.changedInVersion === 3 ? decision : null;
    }, 30000, 'the decision flagged for review');
    // the decision as signed is not rewritten: it says what it was based on, and the review what changed
    expect(flagged).toEqual({
      reason: expect.stringContaining('(100 điểm)'),
      basedOn: { publicationVersion: 1, score: 100, rank: 1 },
      review: { basedOnVersion: 1, changedInVersion: 3, scoreBefore: 100, scoreAfter: 90, rankBefore: 1, rankAfter: 1, open: true, resolution: null },
    });
    expect((await s.api.ok(NOMINATION, { id: lan.id }, s.tokens.councilHn)).nomination).toEqual({
      reason: expect.stringContaining('(70 điểm, công bố lần 3)'), resultRank: 2, basedOn: { publicationVersion: 3, score: 70, rank: 2 }, decision: null,
    });

    const UNDER_REVIEW = `{ decisionsUnderReview { edges { node { id number basedOn { publicationVersion } review { changedInVersion } } } } }`;
    expect((await s.api.ok(UNDER_REVIEW, {}, s.tokens.councilHn)).decisionsUnderReview.edges.map((e: any) => e.node.id)).toEqual([decisionId]);
    expect((await s.api.ok(UNDER_REVIEW, {}, s.tokens.officerHn)).decisionsUnderReview.edges.map((e: any) => e.node.id)).toEqual([decisionId]);
    expect((await s.api.ok(UNDER_REVIEW, {}, s.tokens.councilMay)).decisionsUnderReview.edges).toEqual([]);
    expect((await s.api.ok(UNDER_REVIEW, {}, s.tokens.officerKh)).decisionsUnderReview.edges).toEqual([]);
    expect((await s.api.refused(UNDER_REVIEW, {}, s.tokens.hoa)).code).toBe('FORBIDDEN');

    // only the granting unit's council confirms, with a reason
    expect((await s.api.refused(CONFIRM, { id: decisionId, note: 'Giữ nguyên quyết định' }, s.tokens.councilMay)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(CONFIRM, { id: decisionId, note: 'Giữ' }, s.tokens.councilHn)).problems).toEqual([{ field: 'note', message: expect.stringContaining('ít nhất 10 ký tự') }]);
    expect((await s.api.ok(CONFIRM, { id: decisionId, note: 'Vẫn đứng đầu với 90 điểm: giữ nguyên Bằng khen' }, s.tokens.councilHn)).confirmDecisionAfterReview).toEqual({
      basedOn: { publicationVersion: 3, score: 90, rank: 1 }, review: { open: false, resolution: 'Vẫn đứng đầu với 90 điểm: giữ nguyên Bằng khen' },
    });
    expect((await s.api.ok(UNDER_REVIEW, {}, s.tokens.councilHn)).decisionsUnderReview.edges).toEqual([]);
  });

  it('publishes NominationCreated, RewardGranted and InitiativeRewarded, valid against their schemas', async () => {
    // events of different aggregates sit on different partitions: wait for all of them, in any order
    const fromResults = (all: ReadMessage[]) => payloadsOf(all, 'NominationCreated').filter((p) => p.source === 'RESULTS' && p.campaignId === campaignId);
    const messages = await s.rewardEvents(
      (all) =>
        payloadsOf(all, 'RewardGranted').some((p) => p.campaignId === campaignId) &&
        // other files' initiatives share the topic: wait for this scenario's own
        payloadsOf(all, 'InitiativeRewarded').some((p) => p.subject.memberId === s.members.hoa) &&
        fromResults(all).length >= 2,
    );
    const granted = payloadsOf(messages, 'RewardGranted').find((p) => p.campaignId === campaignId)!;
    expect(granted).toMatchObject({ formCode: 'BK_TINH', amountVnd: 3_510_000, adHoc: false, subject: { memberId: s.members.hoa, name: 'Nguyễn Thị Hoa', isDirectProductionWorker: true } });
    expect(fromResults(messages).map((p) => p.subject.name).sort()).toEqual(['Nguyễn Thị Hoa', 'Trần Thị Lan']);
    expect(payloadsOf(messages, 'InitiativeRewarded').find((p) => p.subject.memberId === s.members.hoa)).toMatchObject({ benefitValueVnd: 120_000_000, rate: 0.1, rewardVnd: 12_000_000 });
  });
});
