/**
 * Corrections through the real gateway, databases and broker (decision 0026): decision numbers in the administrative
 * form with the issuer's code as data and numbers entered from the paper register; nominations withdrawn by their
 * proposer or returned by the council; a decision annulled with its reason, legal ground (Law on Emulation and
 * Commendation 2022, art. 93 cl. 2) and the amount reclaimed — the public register shows it revoked with its document
 * hashes, its certificate is no longer handed out, it no longer counts for eligibility, and media annotates the
 * published story about it and dismisses the untaken candidate, once however often RewardRevoked is delivered.
 */
import { createProducer, eventsTopic } from '@thidua/common';
import { RewardScenario, daysAgo, payloadsOf, today, year } from '../support/reward';
import { eventually } from '../support/graphql';
import { testKafka } from '../support/kafka';
import { usePlatform } from '../support/platform';

const env = usePlatform();

const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawNomination(id: $id, reason: $reason) { status correctionReason } }`;
const RETURN = `mutation($id: ID!, $reason: String!) { returnNomination(id: $id, reason: $reason) { status correctionReason } }`;
const REVOKE = `mutation($id: ID!, $input: RevokeDecisionInput!) {
  revokeRewardDecision(id: $id, input: $input) { id number status revocation { kind legalGround legalGroundLabel legalSource reason revokedOn number signerRole amountReclaimedVnd } }
}`;
const DECISION = `query($id: ID!) {
  rewardDecision(id: $id) { number status revocation { kind number revokedOn amountReclaimedVnd legalSource } documents { kind sha256 url } }
}`;
const SET_CODE = `mutation($unitId: ID!, $code: String!) { setDecisionIssuerCode(unitId: $unitId, code: $code) { code explicit unit { id } } }`;
const STORY = `query($id: ID!) { story(id: $id) { status retractionReason rewardDecision { decisionNumber revocation { kind number revokedOn reason legalSource } } history { action note } } }`;
const CANDIDATES = `{ storyCandidates(first: 100) { edges { node { id title rewardDecision { decisionNumber } } } } }`;
const TRANSITION = `mutation($id: ID!, $action: StoryAction!) { transitionStory(id: $id, action: $action) { status } }`;

describe('decision numbers (số/QĐ-<issuer code>)', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  const commendation = (memberKey: string) => ({ memberKey, granting: 'hn', formCode: 'BK_TINH', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year });
  const approved = async (memberKey: string) => {
    const id = await s.nominate(commendation(memberKey));
    await s.approve(id);
    return id;
  };

  it('takes a number from the paper register, refuses another issuer’s code, a malformed or a taken one, and numbers on after it', async () => {
    const hoa = await approved('hoa');
    const decidedOn = daysAgo(30);
    for (const number of ['125/QĐ-CĐCS', '0/QĐ-LĐLĐ', `125/${year}/QĐ-LĐLĐ`]) {
      expect(await s.refusedGrant(hoa, decidedOn, { number })).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'number', message: expect.stringContaining('LĐLĐ') }] });
    }
    expect(await s.grant(hoa, decidedOn, { number: '125/QĐ-LĐLĐ' })).toMatchObject({ number: '125/QĐ-LĐLĐ' });
    const lan = await approved('lan');
    expect(await s.refusedGrant(lan, decidedOn, { number: '125/QĐ-LĐLĐ' })).toMatchObject({ code: 'CONFLICT', field: 'number', message: `Số 125/QĐ-LĐLĐ năm ${decidedOn.slice(0, 4)} đã có trong sổ quyết định của Liên đoàn Lao động thành phố Hà Nội; kiểm tra lại sổ giấy` });
    expect(await s.grant(lan, decidedOn)).toMatchObject({ number: '126/QĐ-LĐLĐ' });
  });

  it('keeps the issuer’s code as data, set by officers over the unit only', async () => {
    const hn = s.units.hn!.id;
    expect((await s.api.ok(`query($id: ID!) { decisionIssuerCode(unitId: $id) { code explicit } }`, { id: hn })).decisionIssuerCode).toEqual({ code: 'LĐLĐ', explicit: false });
    expect((await s.api.refused(SET_CODE, { unitId: hn, code: 'LĐLĐHN' }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(SET_CODE, { unitId: hn, code: 'LĐLĐHN' }, s.tokens.councilHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(SET_CODE, { unitId: hn, code: 'lđ lđ' }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['code']);
    expect((await s.api.ok(SET_CODE, { unitId: hn, code: 'LĐLĐHN' }, s.tokens.officerHn)).setDecisionIssuerCode).toEqual({ code: 'LĐLĐHN', explicit: true, unit: { id: hn } });
    expect(await s.grant(await approved('tuan'), daysAgo(30))).toMatchObject({ number: '127/QĐ-LĐLĐHN' });
  });
});

describe('withdrawing and returning a nomination', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  it('lets the proposer withdraw with a reason, nobody outside or in council, and the council no longer decides it', async () => {
    const id = await s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(20), awardYear: year });
    const reason = 'Đoàn viên đã chuyển công tác sang đơn vị khác';
    expect((await s.api.refused(WITHDRAW, { id, reason }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(WITHDRAW, { id, reason }, s.tokens.councilHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(WITHDRAW, { id, reason })).code).toBe('UNAUTHENTICATED');
    expect((await s.api.refused(WITHDRAW, { id, reason: 'rút' }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['reason']);
    expect((await s.api.ok(WITHDRAW, { id, reason }, s.tokens.officerHn)).withdrawNomination).toEqual({ status: 'WITHDRAWN', correctionReason: reason });
    const vote = await s.api.refused(`mutation($id: ID!) { reviewNomination(id: $id, vote: FOR) { status } }`, { id }, s.tokens.councilHn);
    expect(vote).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã được rút') });
    expect(await s.api.refused(WITHDRAW, { id, reason }, s.tokens.officerHn)).toMatchObject({ code: 'CONFLICT', message: 'Đề nghị này đã được rút' });
    const closed = await s.rewardEvents((all) => payloadsOf(all, 'NominationClosed').some((p) => p.nominationId === id));
    expect(payloadsOf(closed, 'NominationClosed').filter((p) => p.nominationId === id).map((p) => [p.status, p.reason])).toEqual([['WITHDRAWN', reason]]);
  });

  it('finds nominations by the name proposed, with or without diacritics, within the caller’s scope only', async () => {
    const id = await s.nominate({ memberKey: 'binh', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(20), awardYear: year });
    const found = async (search: string, token: string) => (await s.api.ok(`query($q: String) { nominations(search: $q, first: 100) { edges { node { id subjectName } } } }`, { q: search }, token))
      .nominations.edges.map((e: { node: { id: string; subjectName: string } }) => e.node);
    for (const spelling of ['do thanh binh', 'Đỗ Thanh Bình', '  DO thanh BÌNH ']) expect((await found(spelling, s.tokens.officerHn)).map((n: { id: string }) => n.id)).toContain(id);
    expect(new Set((await found('do thanh binh', s.tokens.officerHn)).map((n: { subjectName: string }) => n.subjectName))).toEqual(new Set(['Đỗ Thanh Bình']));
    expect(await found('khong ai ten nay', s.tokens.officerHn)).toEqual([]);
    // a LIKE wildcard is a character to find, not "anything"
    expect(await found('%', s.tokens.officerHn)).toEqual([]);
    expect((await found('do thanh binh', s.tokens.officerKh)).map((n: { id: string }) => n.id)).not.toContain(id);
  });

  it('lets the council return a dossier for what it lacks, not the proposer, and refuses to correct a decided one', async () => {
    const id = await s.nominate({ memberKey: 'tuan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(20), awardYear: year });
    const reason = 'Hồ sơ thiếu bản nhận xét của thủ trưởng đơn vị';
    expect((await s.api.refused(RETURN, { id, reason }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(RETURN, { id, reason }, s.tokens.councilMay)).code).toBe('NOT_FOUND');
    expect((await s.api.ok(RETURN, { id, reason }, s.tokens.councilHn)).returnNomination).toEqual({ status: 'RETURNED', correctionReason: reason });
    expect(await s.refusedGrant(id, today)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('trả lại để bổ sung hồ sơ') });
    // the others hear that nothing is decided on it any more, and why (notification tells the proposer)
    const closed = await s.rewardEvents((all) => payloadsOf(all, 'NominationClosed').some((p) => p.nominationId === id));
    expect(payloadsOf(closed, 'NominationClosed').find((p) => p.nominationId === id)).toMatchObject({
      status: 'RETURNED', reason, closedOn: today, grantingUnitPath: s.units.hn!.path, subject: { name: 'Lê Văn Tuấn' },
    });

    const decided = await s.decide({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', taskRating: 'GOOD', achievedOn: daysAgo(20), awardYear: year }, today);
    const { nominations } = await s.api.ok(`{ nominations(status: GRANTED, first: 10) { edges { node { id decision { id } } } } }`, {}, s.tokens.officerHn);
    const granted = nominations.edges.find((e: any) => e.node.decision?.id === decided.id).node.id;
    expect((await s.api.refused(WITHDRAW, { id: granted, reason }, s.tokens.officerHn))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('hủy bỏ hoặc thu hồi quyết định') });
  });
});

describe('annulling a decision', () => {
  let s: RewardScenario;
  let editor: string;
  let decision: { id: string; number: string; amountVnd: number };
  let other: { id: string; number: string };
  let publishedStory: string;
  let candidateStory: string;
  const base = () => env.platform.gatewayUrl.replace(/\/graphql$/, '');

  const candidateOf = (number: string) =>
    eventually(async () => (await s.api.ok(CANDIDATES, {}, editor)).storyCandidates.edges.map((e: any) => e.node).find((n: any) => n.rewardDecision?.decisionNumber === number) ?? null, 30000, `media's candidate for ${number}`);

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    editor = await s.token(['EDITOR'], 'hn', 'editor-hn');
    decision = await s.decide({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year }, daysAgo(40));
    other = await s.decide({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year }, daysAgo(40));
    publishedStory = (await candidateOf(decision.number)).id;
    for (const action of ['TAKE', 'SUBMIT_FOR_REVIEW', 'PUBLISH']) await s.api.ok(TRANSITION, { id: publishedStory, action }, editor);
    candidateStory = (await candidateOf(other.number)).id;
  });

  const annulment = () => ({
    kind: 'ANNULLED',
    legalGround: 'FALSE_DOCUMENTS',
    reason: 'Kết luận thanh tra số 12/KL-TTr: bản xác nhận hoàn thành tốt nhiệm vụ trong hồ sơ bị làm giả',
    revokedOn: daysAgo(1),
    amountReclaimedVnd: decision.amountVnd,
    signerRole: 'Chủ tịch Liên đoàn Lao động thành phố',
  });

  it('is refused to callers outside the granting unit and for an input that breaks a rule, writing nothing', async () => {
    expect((await s.api.refused(REVOKE, { id: decision.id, input: annulment() })).code).toBe('UNAUTHENTICATED');
    expect((await s.api.refused(REVOKE, { id: decision.id, input: annulment() }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(REVOKE, { id: decision.id, input: annulment() }, s.tokens.councilMay)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(REVOKE, { id: '00000000-0000-4000-8000-000000000000', input: annulment() }, s.tokens.councilHn)).code).toBe('NOT_FOUND');
    const wrong = await s.api.refused(REVOKE, { id: decision.id, input: { ...annulment(), legalGround: 'ISSUED_IN_ERROR', amountReclaimedVnd: 0, revokedOn: daysAgo(41), reason: 'sai', signerRole: '' } }, s.tokens.councilHn);
    expect(wrong.problems.map((p) => p.field)).toEqual(['legalGround', 'reason', 'revokedOn', 'signerRole']);
    const partial = await s.api.refused(REVOKE, { id: decision.id, input: { ...annulment(), amountReclaimedVnd: 1 } }, s.tokens.councilHn);
    expect(partial).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'amountReclaimedVnd', message: expect.stringContaining('Điều 93 khoản 2 điểm b') }] });
    expect((await s.api.refused(REVOKE, { id: decision.id, input: { ...annulment(), revokedOn: daysAgo(-2) } }, s.tokens.councilHn)).problems.map((p) => p.field)).toEqual(['revokedOn']);
    expect((await s.api.refused(REVOKE, { id: decision.id, input: { ...annulment(), legalGround: null } }, s.tokens.councilHn)).problems).toEqual([{ field: 'legalGround', message: 'chọn căn cứ pháp lý của việc hủy bỏ, thu hồi' }]);
    expect((await s.api.ok(DECISION, { id: decision.id })).rewardDecision).toMatchObject({ status: 'VALID', revocation: null });
  });

  it('is recorded with its own number, reason, ground and amount, once', async () => {
    const { revokeRewardDecision } = await s.api.ok(REVOKE, { id: decision.id, input: annulment() }, s.tokens.councilHn);
    expect(revokeRewardDecision).toEqual({
      id: decision.id,
      number: decision.number,
      status: 'REVOKED',
      revocation: {
        kind: 'ANNULLED',
        legalGround: 'FALSE_DOCUMENTS',
        legalGroundLabel: 'Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ đề nghị khen thưởng',
        legalSource: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 93 khoản 2 điểm b',
        reason: annulment().reason,
        revokedOn: daysAgo(1),
        number: expect.stringMatching(/^\d+\/QĐ-LĐLĐ$/),
        signerRole: 'Chủ tịch Liên đoàn Lao động thành phố',
        amountReclaimedVnd: decision.amountVnd,
      },
    });
    expect(revokeRewardDecision.revocation.number).not.toBe(decision.number);
    expect((await s.api.refused(REVOKE, { id: decision.id, input: annulment() }, s.tokens.officerHn))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`đã bị hủy bỏ theo Quyết định số ${revokeRewardDecision.revocation.number}`) });
  });

  it('leaves the public register showing the revocation and the hashes; the certificate is no longer handed out', async () => {
    const { rewardDecision } = await s.api.ok(DECISION, { id: decision.id });
    expect(rewardDecision).toMatchObject({ status: 'REVOKED', revocation: { kind: 'ANNULLED', amountReclaimedVnd: decision.amountVnd, legalSource: expect.stringContaining('Điều 93') } });
    const documents = await eventually(async () => {
      const found = (await s.api.ok(DECISION, { id: decision.id })).rewardDecision.documents;
      return found.length === 2 ? found : null;
    }, 30000, 'the issued documents');
    expect(documents.map((d: any) => d.sha256)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const certificate = await fetch(`${base()}/documents/rewards/decisions/${decision.id}/certificate.pdf`);
    expect(certificate.status).toBe(409);
    const refusal = ((await certificate.json()) as { error: { message: string } }).error.message;
    expect(refusal).toContain('đã bị hủy bỏ theo Quyết định số');
    expect(refusal).toMatch(/ ngày \d\d\/\d\d\/\d{4}: giấy chứng nhận không còn giá trị$/);
    const pdf = await fetch(`${base()}/documents/rewards/decisions/${decision.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('x-document-sha256')).toBe(documents.find((d: any) => d.kind === 'DECISION').sha256);
    const register = (await s.api.ok(`query($f: RewardDecisionFilter) { rewardDecisions(filter: $f, first: 10) { edges { node { id status } } } }`, { f: { unitId: s.units.hn!.id } })).rewardDecisions.edges.map((e: any) => e.node);
    expect(register).toEqual(expect.arrayContaining([{ id: decision.id, status: 'REVOKED' }, { id: other.id, status: 'VALID' }]));
  });

  it('tells the others through RewardRevoked, and no longer counts for eligibility', async () => {
    const messages = await s.rewardEvents((all) => payloadsOf(all, 'RewardRevoked').some((p) => p.decisionId === decision.id));
    expect(payloadsOf(messages, 'RewardRevoked').find((p) => p.decisionId === decision.id)).toMatchObject({
      decisionNumber: decision.number, kind: 'ANNULLED', legalGround: 'FALSE_DOCUMENTS', amountReclaimedVnd: decision.amountVnd, subject: { name: 'Nguyễn Thị Hoa', memberId: s.members.hoa },
    });
    // the director's LĐTT is annulled by the director (decision 0044): the council that proposed it cannot, the employer records his decision as on its paper
    const title = await s.decide({ memberKey: 'tuan', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year }, daysAgo(40));
    const byUnion = { ...annulment(), amountReclaimedVnd: title.amountVnd, signerRole: 'Chủ tịch Công đoàn cơ sở' };
    const councilTry = await s.api.refused(REVOKE, { id: title.id, input: byUnion }, s.tokens.councilMay);
    expect(councilTry).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('chỉ Thủ trưởng cơ quan, đơn vị hoặc Giám đốc doanh nghiệp (Công đoàn Công ty May Thăng Long) hủy bỏ, thu hồi') });
    expect((await s.api.refused(REVOKE, { id: title.id, input: byUnion }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    const unnumbered = await s.api.refused(REVOKE, { id: title.id, input: { ...byUnion, signerRole: 'Giám đốc' } }, s.tokens.employer);
    expect(unnumbered.problems.map((p) => p.field)).toEqual(['number', 'signerName']);
    expect((await s.api.ok(DECISION, { id: title.id })).rewardDecision).toMatchObject({ status: 'VALID', revocation: null });
    const byDirector = (await s.api.ok(REVOKE, { id: title.id, input: { ...byUnion, signerRole: 'Giám đốc', signerName: 'Trần Văn Nam', number: '31/QĐ-CTMTL' } }, s.tokens.employer)).revokeRewardDecision;
    expect(byDirector).toMatchObject({ status: 'REVOKED', revocation: { kind: 'ANNULLED', number: '31/QĐ-CTMTL', signerRole: 'Giám đốc' } });
    expect((await s.api.ok(`query($id: ID!) { rewardDecision(id: $id) { revocation { signerName } } }`, { id: title.id })).rewardDecision.revocation).toEqual({ signerName: 'Trần Văn Nam' });
    // so annulled, it is no basis for a CSTĐCS
    const cstdcs = await s.nominate({ memberKey: 'tuan', granting: 'may', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: daysAgo(60), awardYear: year });
    await s.approve(cstdcs);
    expect(await s.refusedProposal(cstdcs, today)).toMatchObject({ rule: 'TITLE_IN_YEAR', message: expect.stringContaining(`cần có Lao động tiên tiến năm ${year} trước`) });
  });

  it('annotates media’s published story and dismisses the untaken candidate, once however often the event comes', async () => {
    const annotated = await eventually(async () => {
      const { story } = await s.api.ok(STORY, { id: publishedStory }, editor);
      return story.rewardDecision.revocation ? story : null;
    }, 30000, 'the story annotated');
    expect(annotated).toMatchObject({ status: 'PUBLISHED', rewardDecision: { decisionNumber: decision.number, revocation: { kind: 'ANNULLED', revokedOn: daysAgo(1), legalSource: expect.stringContaining('Điều 93 khoản 2 điểm b') } } });
    const { revokeRewardDecision: second } = await s.api.ok(REVOKE, {
      id: other.id,
      input: { kind: 'REVOKED', legalGround: 'ISSUED_IN_ERROR', reason: 'Quyết định ghi nhầm năm thi đua của đoàn viên', amountReclaimedVnd: 0, signerRole: 'Chủ tịch' },
    }, s.tokens.councilHn);
    const dismissed = await eventually(async () => {
      const { story } = await s.api.ok(STORY, { id: candidateStory }, editor);
      return story.status === 'RETRACTED' ? story : null;
    }, 30000, 'the candidate dismissed');
    expect(dismissed.retractionReason).toBe(`Quyết định khen thưởng số ${other.number} đã bị thu hồi theo Quyết định số ${second.revocation.number} ngày ${daysAgo(0).split('-').reverse().join('/')} (${second.revocation.legalSource}).`);

    // the same event delivered again (a redelivery, a replay) changes nothing and records nothing more
    const messages = await s.rewardEvents((all) => all.some((m) => m.headers['event-type'] === 'RewardRevoked' && JSON.parse(m.value!).payload.decisionId === decision.id));
    const original = messages.find((m) => m.headers['event-type'] === 'RewardRevoked' && JSON.parse(m.value!).payload.decisionId === decision.id)!;
    const producer = createProducer(testKafka('corrections-replay'));
    await producer.connect();
    const again = { key: decision.id, value: original.value!, headers: original.headers };
    await producer.send({ topic: eventsTopic('reward', process.env.KAFKA_TOPIC_PREFIX ?? ''), messages: [again, again] });
    await producer.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { story } = await s.api.ok(STORY, { id: publishedStory }, editor);
    expect(story.history.filter((h: any) => h.action === 'EVENT RewardRevoked')).toHaveLength(1);
    expect(story.rewardDecision.revocation).toEqual(annotated.rewardDecision.revocation);
  });
});
