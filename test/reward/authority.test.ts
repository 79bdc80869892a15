/**
 * Who decides (decision 0035), through the real gateway, databases and broker: each form's deciding authority with its
 * article; a Huân chương proposed by a grassroots council goes up to the national federation level by level, is
 * returned once with its reason, corrected and resent, passed on to the President, and granted only when the
 * President's decision is recorded (RewardGranted as for the union's own grants), every level's holding time kept;
 * a yearly title is proposed by the grassroots union to the employer, who records the decision, returns the dossier
 * for correction (the grassroots union corrects it and sends it to the employer again), or answers that it does not
 * grant: then the proposal ends and the nomination is refused with that reason.
 */
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { RewardScenario, daysAgo, payloadsOf, today, year } from '../support/reward';
import { graphql } from '../support/graphql';
import { usePlatform } from '../support/platform';
import { pdfText } from '../support/pdf';
import { eventuallyCounted } from '../support/read-models';

const env = usePlatform();

/** A day as a letter prints it: 07/12/2026. */
const onPaper = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** The President's step in the path: the Prime Minister puts the dossier to the President. */
const ROUTE_TO_PRESIDENT = 'Thủ tướng Chính phủ trình Chủ tịch nước (Ban Thi đua - Khen thưởng Trung ương thẩm định)';
const PROPOSAL_FIELDS = `id status authority authorityName authoritySource formName subjectName holderUnitName holderLevel returnReason actions
  steps { unitName level outcome note days memo } decision { id number decidingAuthority authorityName amountVnd signerRole signerName }`;
const PROPOSE = `mutation($id: ID!, $input: ProposeRewardInput!) { proposeReward(nominationId: $id, input: $input) { ${PROPOSAL_FIELDS} } }`;
const FORWARD = `mutation($id: ID!, $note: String, $signerRole: String, $signerName: String) {
  forwardProposal(id: $id, note: $note, signerRole: $signerRole, signerName: $signerName) { ${PROPOSAL_FIELDS} }
}`;
const RETURN = `mutation($id: ID!, $reason: String!) { returnProposal(id: $id, reason: $reason) { ${PROPOSAL_FIELDS} } }`;
const RESEND = `mutation($id: ID!, $correction: String!, $reason: String, $signerRole: String, $signerName: String) {
  resendProposal(id: $id, correction: $correction, reason: $reason, signerRole: $signerRole, signerName: $signerName) { ${PROPOSAL_FIELDS} }
}`;
const RECORD = `mutation($id: ID!, $input: AuthorityDecisionInput!) {
  recordAuthorityDecision(id: $id, input: $input) { id number decidedOn formCode decidingAuthority authorityName signerRole signerName amountVnd grantingUnitName }
}`;
const REFUSE = `mutation($id: ID!, $input: AuthorityRefusalInput!) { recordAuthorityRefusal(id: $id, input: $input) { ${PROPOSAL_FIELDS} refusal { number refusedOn reason statement } } }`;
const AUTHORITY_RETURN = `mutation($id: ID!, $input: AuthorityReturnInput!) { recordAuthorityReturn(id: $id, input: $input) { ${PROPOSAL_FIELDS} } }`;
const PROPOSALS = `query($waiting: Boolean) { rewardProposals(waiting: $waiting) { id status actions subjectName } }`;
const NOMINATE = `mutation($input: NominateInput!) { nominate(input: $input) { id } }`;
const FORM = `query($code: ID!) { rewardForm(code: $code) { decidingAuthority decidingAuthorityName authoritySource authorityVerified grantingLevels } }`;

/** The first error with every extension (rule, source, problems). */
async function refusal(s: RewardScenario, query: string, variables: Record<string, unknown>, token: string) {
  const result = await graphql(s.platform.gatewayUrl, query, variables, token);
  const error = result.errors?.[0];
  if (!error) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
  return { message: error.message, ...(error.extensions as { code: string; rule?: string; source?: string; problems?: { field: string; message: string }[] }) };
}

/** A proposal's tờ trình through the gateway, as the caller gets it. */
async function memo(s: RewardScenario, id: string, token?: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(`${s.platform.gatewayUrl.replace(/\/graphql$/, '')}/documents/rewards/proposals/${id}.pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

describe('the catalogue records who decides each form', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  afterAll(() => s.restoreEditedForms());

  it('names the authority of every form with the article that gives it', async () => {
    const form = async (code: string) => (await s.api.ok(FORM, { code })).rewardForm;
    expect(await form('HCLD3')).toMatchObject({ decidingAuthority: 'PRESIDENT', decidingAuthorityName: 'Chủ tịch nước', authoritySource: expect.stringContaining('Điều 77'), authorityVerified: true });
    expect(await form('LDTT')).toMatchObject({ decidingAuthority: 'EMPLOYER', authoritySource: expect.stringContaining('Điều 80 khoản 4'), authorityVerified: true });
    expect(await form('BK_TTG')).toMatchObject({ decidingAuthority: 'PRIME_MINISTER', decidingAuthorityName: 'Thủ tướng Chính phủ', authoritySource: expect.stringContaining('Điều 78'), authorityVerified: false });
    expect(await form('LAO_DONG_SANG_TAO')).toMatchObject({ decidingAuthority: 'UNION', authorityVerified: false });
    expect(await form('GIAY_KHEN_DN')).toMatchObject({ decidingAuthority: 'EMPLOYER', grantingLevels: ['GRASSROOTS'] });
    // councils of every level start the proposal of a form the President decides
    expect((await form('HCLD1')).grantingLevels).toEqual(['NATIONAL', 'PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS', 'GRASSROOTS']);
  });

  it('keeps the authority when a form is saved without it, and refuses an outside authority without its article', async () => {
    const input = await s.formForEditing('BK_TINH');
    const SAVE = `mutation($input: RewardFormInput!) { saveRewardForm(input: $input, note: "Sửa tên trong kiểm thử") { decidingAuthority authoritySource version } }`;
    expect((await s.api.ok(SAVE, { input }, s.tokens.admin)).saveRewardForm).toMatchObject({ decidingAuthority: 'UNION', authoritySource: expect.stringContaining('Điều 79') });
    const refused = await s.api.refused(SAVE, { input: { ...input, decidingAuthority: 'MINISTER', authoritySource: ' ' } }, s.tokens.admin);
    expect(refused.problems.map((p) => p.field)).toEqual(['authoritySource']);
  });
});

describe('a Huân chương goes from the grassroots union to the President', () => {
  let s: RewardScenario;
  let tokens: Record<'officerMay' | 'officerVn', string>;
  /** The President's decision the first case records, annulled with the second's by one decision of the President. */
  let firstMedalId: string;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    tokens = { officerMay: await s.token(['UNIT_OFFICER'], 'may', 'officer-may'), officerVn: await s.token(['UNIT_OFFICER'], 'vn', 'officer-vn') };
  });

  it('is proposed, returned once, corrected, passed on and granted when the President’s decision is recorded', async () => {
    const nominationId = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(400), awardYear: year - 1, reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ, sáng kiến cữ gá áp dụng toàn ngành dệt may' }, tokens.officerMay);
    // the dossier waited five days at the grassroots union before its council proposed it
    const reward = new Client({ connectionString: databaseUrl('reward') });
    await reward.connect();
    await reward.query(`UPDATE nominations SET created_at = now() - interval '5 days' WHERE id = $1`, [nominationId]);
    await reward.end();
    await s.approve(nominationId, s.tokens.councilMay);

    const granted = await s.refusedGrant(nominationId, today, {}, s.tokens.councilMay);
    expect(granted).toMatchObject({ code: 'CONFLICT', rule: 'DECIDING_AUTHORITY', source: expect.stringContaining('Điều 77') });
    expect(granted.message).toContain('Huân chương Lao động hạng Ba do Chủ tịch nước quyết định');

    const input = { signerRole: 'Chủ tịch Công đoàn cơ sở', signerName: 'Vũ Thị Mai' };
    expect((await s.api.refused(PROPOSE, { id: nominationId, input }, s.tokens.councilHn)).code).toBe('NOT_FOUND');
    let proposal = (await s.api.ok(PROPOSE, { id: nominationId, input }, s.tokens.councilMay)).proposeReward;
    expect(proposal).toMatchObject({ status: 'AT_LEVEL', authority: 'PRESIDENT', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội', holderLevel: 'PROVINCIAL', decision: null });
    expect(proposal.steps).toEqual([
      { unitName: 'Công đoàn Công ty May Thăng Long', level: 'GRASSROOTS', outcome: 'PROPOSED', note: null, days: 5, memo: true },
      { unitName: 'Liên đoàn Lao động thành phố Hà Nội', level: 'PROVINCIAL', outcome: null, note: null, days: 0, memo: false },
    ]);
    const id = proposal.id;
    // the council does not decide twice, and the nomination says where it went
    expect((await s.api.refused(PROPOSE, { id: nominationId, input }, s.tokens.councilMay)).code).toBe('CONFLICT');
    expect((await s.api.ok(`query($id: ID!) { nomination(id: $id) { status decision { id } proposal { id } } }`, { id: nominationId }, s.tokens.officerHn)).nomination)
      .toEqual({ status: 'PROPOSED', decision: null, proposal: { id } });

    // only Hà Nội's officers act while Hà Nội holds it; Khánh Hòa does not even see it
    expect((await s.api.refused(FORWARD, { id }, tokens.officerMay)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(FORWARD, { id }, tokens.officerVn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(FORWARD, { id }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await s.api.ok(PROPOSALS, { waiting: true }, s.tokens.officerHn)).rewardProposals).toEqual([{ id, status: 'AT_LEVEL', actions: ['FORWARD', 'RETURN'], subjectName: 'Nguyễn Thị Hoa' }]);
    expect((await s.api.ok(PROPOSALS, { waiting: true }, s.tokens.officerKh)).rewardProposals).toEqual([]);
    // Hà Nội's tờ trình is signed by whom it records; a signer of one letter is refused, and the dossier stays where it was
    const badSigner = await s.api.refused(FORWARD, { id, signerRole: 'P', signerName: '  Hả  ' }, s.tokens.officerHn);
    expect(badSigner.problems.map((p) => p.field)).toEqual(['signerRole', 'signerName']);
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { status holderUnitName } }`, { id }, s.tokens.officerHn)).rewardProposal).toEqual({ status: 'AT_LEVEL', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội' });
    proposal = (await s.api.ok(FORWARD, { id, note: 'Đủ hồ sơ, đề nghị Tổng Liên đoàn xem xét', signerRole: 'Phó Chủ tịch', signerName: 'Nguyễn Văn Hải' }, s.tokens.officerHn)).forwardProposal;
    expect(proposal).toMatchObject({ status: 'AT_LEVEL', holderUnitName: 'Tổng Liên đoàn Lao động Việt Nam', holderLevel: 'NATIONAL' });

    // the federation returns it to Hà Nội with what to correct
    expect((await s.api.refused(RETURN, { id, reason: 'thiếu' }, tokens.officerVn)).problems.map((p) => p.field)).toEqual(['reason']);
    const reason = 'Thiếu xác nhận của cơ quan thuế về việc chấp hành nghĩa vụ nộp thuế của doanh nghiệp';
    proposal = (await s.api.ok(RETURN, { id, reason }, tokens.officerVn)).returnProposal;
    expect(proposal).toMatchObject({ status: 'RETURNED', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội', returnReason: reason, actions: [] });
    expect((await s.api.refused(FORWARD, { id }, s.tokens.officerHn)).code).toBe('CONFLICT');
    // Hà Nội corrects it itself, or passes it down to the union that proposed it
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { actions } }`, { id }, s.tokens.officerHn)).rewardProposal.actions).toEqual(['RESEND', 'RETURN']);
    expect((await s.api.refused(RESEND, { id, correction: 'bổ sung' }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['correction']);
    // the correction restates the achievement: what the levels below had sent stays as they sent it
    const restated = 'Năm năm liền hoàn thành xuất sắc nhiệm vụ; sáng kiến cữ gá làm lợi 1,2 tỷ đồng mỗi năm';
    proposal = (await s.api.ok(RESEND, { id, correction: 'Đã bổ sung văn bản xác nhận của Cục Thuế thành phố Hà Nội', reason: restated }, s.tokens.officerHn)).resendProposal;
    expect(proposal).toMatchObject({ status: 'AT_LEVEL', holderUnitName: 'Tổng Liên đoàn Lao động Việt Nam', returnReason: null });

    // from the top it goes to the President; nobody records a decision before it is there
    expect((await s.api.refused(RECORD, { id, input: { number: '1234/QĐ-CTN', decidedOn: today, signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' } }, tokens.officerVn)).code).toBe('CONFLICT');
    proposal = (await s.api.ok(FORWARD, { id }, tokens.officerVn)).forwardProposal;
    expect(proposal).toMatchObject({ status: 'WITH_AUTHORITY', authorityName: 'Chủ tịch nước', holderUnitName: 'Tổng Liên đoàn Lao động Việt Nam', actions: ['RECORD_DECISION'] });
    // by way of the Prime Minister, who puts it to the President, the Ministry of Home Affairs examining it (decision 0043)
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { authorityRoute { addressee holderName appraiser source } } }`, { id }, tokens.officerVn)).rewardProposal.authorityRoute)
      .toEqual({ addressee: 'Thủ tướng Chính phủ', holderName: ROUTE_TO_PRESIDENT, appraiser: 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)', source: expect.stringContaining('Điều 83 khoản 2') });
    expect((await s.api.ok(`query($id: ID!) { nomination(id: $id) { status decision { id } } }`, { id: nominationId }, s.tokens.officerHn)).nomination).toEqual({ status: 'PROPOSED', decision: null });

    const decision = { number: '1234/QĐ-CTN', decidedOn: today, signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' };
    expect((await s.api.refused(RECORD, { id, input: decision }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    const bad = await s.api.refused(RECORD, { id, input: { number: 'QĐ 1234', decidedOn: daysAgo(-3), signerRole: 'C', signerName: '' } }, tokens.officerVn);
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['decidedOn', 'number', 'signerName', 'signerRole']);
    const recorded = (await s.api.ok(RECORD, { id, input: decision }, tokens.officerVn)).recordAuthorityDecision;
    firstMedalId = recorded.id;
    // 4.5 × 2,340,000 VND, by the decree's table, as if the union had granted it
    expect(recorded).toMatchObject({ number: '1234/QĐ-CTN', formCode: 'HCLD3', decidingAuthority: 'PRESIDENT', authorityName: 'Chủ tịch nước', signerRole: 'Chủ tịch nước', signerName: 'Lương Cường', amountVnd: 10_530_000, grantingUnitName: 'Công đoàn Công ty May Thăng Long' });
    expect((await s.api.refused(RECORD, { id, input: decision }, tokens.officerVn)).code).toBe('CONFLICT');

    const done = (await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { ${PROPOSAL_FIELDS} } }`, { id }, s.tokens.officerHn)).rewardProposal;
    expect(done.status).toBe('DECIDED');
    expect(done.steps.map((step: { unitName: string; outcome: string }) => [step.unitName, step.outcome])).toEqual([
      ['Công đoàn Công ty May Thăng Long', 'PROPOSED'],
      ['Liên đoàn Lao động thành phố Hà Nội', 'FORWARDED'],
      ['Tổng Liên đoàn Lao động Việt Nam', 'RETURNED'],
      ['Liên đoàn Lao động thành phố Hà Nội', 'RESENT'],
      ['Tổng Liên đoàn Lao động Việt Nam', 'SENT_TO_AUTHORITY'],
      [ROUTE_TO_PRESIDENT, 'DECIDED'],
    ]);
    expect(done.steps[2].note).toBe(reason);
    const signers = (await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { reason steps { signerRole signerName } } }`, { id }, s.tokens.officerHn)).rewardProposal;
    expect(signers.reason).toBe(restated);
    expect(signers.steps.map((step: { signerRole: string | null; signerName: string | null }) => [step.signerRole, step.signerName])).toEqual([
      // Hà Nội's resend is signed, unnamed, by whoever signed its tờ trình before (decision 0047)
      ['Chủ tịch Công đoàn cơ sở', 'Vũ Thị Mai'], ['Phó Chủ tịch', 'Nguyễn Văn Hải'], [null, null], ['Phó Chủ tịch', 'Nguyễn Văn Hải'], [null, null], [null, null],
    ]);
    // the public register has it, and the others hear of it as of any grant
    expect((await s.api.ok(`query($id: ID!) { rewardDecision(id: $id) { number decidingAuthority authorityName status } }`, { id: recorded.id })).rewardDecision)
      .toEqual({ number: '1234/QĐ-CTN', decidingAuthority: 'PRESIDENT', authorityName: 'Chủ tịch nước', status: 'VALID' });
    const movesOf = (messages: Parameters<typeof payloadsOf>[0]) => payloadsOf(messages, 'RewardProposalMoved').filter((p) => p.proposalId === id);
    const events = await s.rewardEvents((messages) => payloadsOf(messages, 'RewardGranted').some((p) => p.decisionId === recorded.id) && movesOf(messages).length === 5);
    expect(payloadsOf(events, 'RewardGranted').find((p) => p.decisionId === recorded.id)).toMatchObject({ decisionNumber: '1234/QĐ-CTN', signerRole: 'Chủ tịch nước', formCode: 'HCLD3', amountVnd: 10_530_000 });
    const moves = movesOf(events);
    expect(moves.map((p) => p.action).sort()).toEqual(['FORWARDED', 'PROPOSED', 'RESENT', 'RETURNED', 'SENT_TO_AUTHORITY']);
    expect(moves.find((p) => p.action === 'RETURNED')).toMatchObject({ note: reason, authority: 'PRESIDENT', fromUnitPath: s.units.vn!.path, toUnitPath: s.units.hn!.path });
    expect(moves.find((p) => p.action === 'SENT_TO_AUTHORITY')).toMatchObject({ toUnitPath: null });

    // the grassroots union's tờ trình, as its council proposed it: for those who follow the proposal only
    expect((await memo(s, id)).status).toBe(401);
    expect((await memo(s, id, s.tokens.officerKh)).status).toBe(404);
    const printed = await memo(s, id, s.tokens.officerHn);
    expect(printed.status).toBe(200);
    const text = await pdfText(printed.body);
    for (const expected of ['TỜ TRÌNH', 'Về việc đề nghị tặng Huân chương Lao động hạng Ba', 'Kính gửi: Liên đoàn Lao động thành phố Hà Nội',
      'xem xét, trình Chủ tịch nước tặng Huân chương Lao động hạng Ba', 'Nguyễn Thị Hoa', 'cho Nguyễn Thị Hoa (thẩm quyền quyết định: Chủ tịch nước).', 'cữ gá áp dụng toàn ngành dệt may',
      'CHỦ TỊCH CÔNG ĐOÀN CƠ SỞ', 'Vũ Thị Mai']) {
      expect(text).toContain(expected);
    }

    // each level that passed the dossier up sent its own tờ trình: Hà Nội's to the federation (twice: corrected, it resent one), the federation's to the President
    expect(done.steps.map((step: { memo: boolean }) => step.memo)).toEqual([true, true, false, true, true, false]);
    const levelMemo = async (seq: number | string, token = s.tokens.officerHn) => memo(s, `${id}/${String(seq)}`, token);
    const hanoi = await pdfText((await levelMemo(2)).body);
    for (const expected of ['TỜ TRÌNH', 'Kính gửi: Tổng Liên đoàn Lao động Việt Nam', 'Xét đề nghị của Công đoàn Công ty May Thăng Long;',
      'ý kiến của Liên đoàn Lao động thành phố Hà Nội: Đủ hồ sơ, đề nghị Tổng Liên đoàn xem xét.', 'xem xét, trình Chủ tịch nước tặng Huân chương Lao động hạng Ba', 'cữ gá áp dụng toàn ngành dệt may', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Hải',
      'tờ trình của Công đoàn Công ty May Thăng Long', 'biên bản họp Hội đồng Thi đua - Khen thưởng Công đoàn Công ty May Thăng Long', 'TM. BAN THƯỜNG VỤ']) {
      expect(hanoi).toContain(expected);
    }
    expect(hanoi).not.toContain('Bộ Nội vụ');
    expect(hanoi).not.toContain('1,2 tỷ đồng');
    expect(text).not.toContain('1,2 tỷ đồng');
    const federation = await pdfText((await levelMemo(5)).body);
    // the national federation signs for its Presidium (Đoàn Chủ tịch), not a standing committee
    for (const expected of ['Kính gửi: Thủ tướng Chính phủ', 'Xét đề nghị của Liên đoàn Lao động thành phố Hà Nội (do Công đoàn Công ty May Thăng Long trình),',
      'trân trọng đề nghị Thủ tướng Chính phủ xem xét, trình Chủ tịch nước quyết định tặng', 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ);', 'TM. ĐOÀN CHỦ TỊCH', 'sáng kiến cữ gá làm lợi 1,2 tỷ đồng mỗi năm']) {
      expect(federation).toContain(expected);
    }
    // the resent dossier's tờ trình answers the return with what was corrected, and states the achievement as corrected (decision 0047)
    const resent = await pdfText((await levelMemo(4)).body);
    for (const expected of ['Kính gửi: Tổng Liên đoàn Lao động Việt Nam', `Tiếp thu ý kiến của Tổng Liên đoàn Lao động Việt Nam khi trả lại hồ sơ ngày ${onPaper(today)}: Thiếu xác nhận của cơ quan thuế`,
      'Liên đoàn Lao động thành phố Hà Nội đã bổ sung, hoàn thiện hồ sơ: Đã bổ sung văn bản xác nhận của Cục Thuế thành phố Hà Nội.', 'sáng kiến cữ gá làm lợi 1,2 tỷ đồng mỗi năm',
      'tài liệu đã bổ sung', 'biên bản họp Hội đồng Thi đua - Khen thưởng Công đoàn Công ty May Thăng Long']) {
      expect(resent).toContain(expected);
    }
    // a return and the authority's own step sent none; a step that is not there, or not a number, is not found
    for (const seq of [3, 6, 7, 0, 'x1']) expect((await levelMemo(seq)).status).toBe(404);
    expect((await levelMemo(2, s.tokens.officerKh)).status).toBe(404);
  });

  it('passes a dossier the President returns down to the union that proposed it, which corrects it; it goes up level by level again', async () => {
    const nominationId = await s.nominate({ memberKey: 'tuan', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(400), awardYear: year - 1, reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ, cải tiến quy trình cắt vải tiết kiệm 8% nguyên liệu' }, tokens.officerMay);
    await s.approve(nominationId, s.tokens.councilMay);
    const { id } = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', signerName: 'Vũ Thị Mai' } }, s.tokens.councilMay)).proposeReward;
    await s.api.ok(FORWARD, { id }, s.tokens.officerHn);
    expect((await s.api.ok(FORWARD, { id }, tokens.officerVn)).forwardProposal.status).toBe('WITH_AUTHORITY');
    const letter = { number: '88/VPCTN-TĐKT', returnedOn: today, reason: 'Thiếu bản thành tích có xác nhận của doanh nghiệp về hiệu quả sáng kiến' };
    let proposal = (await s.api.ok(AUTHORITY_RETURN, { id, input: letter }, tokens.officerVn)).recordAuthorityReturn;
    expect(proposal).toMatchObject({ status: 'RETURNED', holderUnitName: 'Tổng Liên đoàn Lao động Việt Nam', actions: ['RESEND', 'RETURN'] });

    // the federation passes it to Hà Nội, which passes it to the company's union: the papers are there
    expect((await s.api.refused(RETURN, { id, reason: 'bổ sung' }, tokens.officerVn)).problems.map((p) => p.field)).toEqual(['reason']);
    expect((await s.api.refused(RETURN, { id, reason: 'Bổ sung xác nhận hiệu quả sáng kiến' }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    proposal = (await s.api.ok(RETURN, { id, reason: 'Đề nghị Hà Nội hướng dẫn cơ sở bổ sung xác nhận hiệu quả sáng kiến' }, tokens.officerVn)).returnProposal;
    expect(proposal).toMatchObject({ status: 'RETURNED', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội', actions: [] });
    proposal = (await s.api.ok(RETURN, { id, reason: 'Bổ sung xác nhận của Giám đốc về hiệu quả sáng kiến cắt vải' }, s.tokens.officerHn)).returnProposal;
    expect(proposal).toMatchObject({ status: 'RETURNED', holderUnitName: 'Công đoàn Công ty May Thăng Long', returnReason: 'Bổ sung xác nhận của Giám đốc về hiệu quả sáng kiến cắt vải' });
    // there is no level below the one that proposed it
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { actions } }`, { id }, tokens.officerMay)).rewardProposal.actions).toEqual(['RESEND']);
    const bottom = await refusal(s, RETURN, { id, reason: 'Không còn cấp dưới để chuyển xuống' }, tokens.officerMay);
    expect(bottom).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cấp trình đề nghị') });

    // corrected, it goes to Hà Nội, then the federation, then the President again, each level passing it on; a one-letter signer is refused first, nothing moved
    const correction = 'Đã bổ sung xác nhận của Giám đốc Công ty về hiệu quả sáng kiến';
    expect((await s.api.refused(RESEND, { id, correction, signerRole: 'C' }, tokens.officerMay)).problems.map((p) => p.field)).toEqual(['signerRole']);
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { status holderUnitName } }`, { id }, tokens.officerMay)).rewardProposal).toEqual({ status: 'RETURNED', holderUnitName: 'Công đoàn Công ty May Thăng Long' });
    proposal = (await s.api.ok(RESEND, { id, correction }, tokens.officerMay)).resendProposal;
    expect(proposal).toMatchObject({ status: 'AT_LEVEL', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội', actions: [] });
    expect((await s.api.ok(FORWARD, { id }, s.tokens.officerHn)).forwardProposal).toMatchObject({ status: 'AT_LEVEL', holderUnitName: 'Tổng Liên đoàn Lao động Việt Nam' });
    expect((await s.api.ok(FORWARD, { id }, tokens.officerVn)).forwardProposal).toMatchObject({ status: 'WITH_AUTHORITY', authorityName: 'Chủ tịch nước' });
    const decision = { number: '1301/QĐ-CTN', decidedOn: today, signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' };
    const granted = (await s.api.ok(RECORD, { id, input: decision }, tokens.officerVn)).recordAuthorityDecision;
    expect(granted).toMatchObject({ number: '1301/QĐ-CTN', formCode: 'HCLD3' });

    const done = (await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { ${PROPOSAL_FIELDS} } }`, { id }, s.tokens.officerHn)).rewardProposal;
    expect(done.steps.map((step: { unitName: string; outcome: string }) => [step.unitName, step.outcome])).toEqual([
      ['Công đoàn Công ty May Thăng Long', 'PROPOSED'],
      ['Liên đoàn Lao động thành phố Hà Nội', 'FORWARDED'],
      ['Tổng Liên đoàn Lao động Việt Nam', 'SENT_TO_AUTHORITY'],
      [ROUTE_TO_PRESIDENT, 'RETURNED'],
      ['Tổng Liên đoàn Lao động Việt Nam', 'RETURNED'],
      ['Liên đoàn Lao động thành phố Hà Nội', 'RETURNED'],
      ['Công đoàn Công ty May Thăng Long', 'RESENT'],
      ['Liên đoàn Lao động thành phố Hà Nội', 'FORWARDED'],
      ['Tổng Liên đoàn Lao động Việt Nam', 'SENT_TO_AUTHORITY'],
      [ROUTE_TO_PRESIDENT, 'DECIDED'],
    ]);
    // the union that proposed it resends it to Hà Nội with a tờ trình its proposal's signer signs
    const resentMemo = await pdfText((await memo(s, `${id}/7`, tokens.officerMay)).body);
    for (const expected of ['Kính gửi: Liên đoàn Lao động thành phố Hà Nội', `Tiếp thu ý kiến của Liên đoàn Lao động thành phố Hà Nội khi trả lại hồ sơ ngày ${onPaper(today)}: Bổ sung xác nhận của Giám đốc về hiệu quả sáng kiến cắt vải.`,
      `Công đoàn Công ty May Thăng Long đã bổ sung, hoàn thiện hồ sơ: ${correction}.`, 'CHỦ TỊCH CÔNG ĐOÀN CƠ SỞ', 'Vũ Thị Mai']) {
      expect(resentMemo).toContain(expected);
    }
    // the federation's tờ trình that sends it to the Prime Minister again answers the Board's letter, with the correction made below
    const againMemo = await pdfText((await memo(s, `${id}/9`, tokens.officerVn)).body);
    for (const expected of ['Kính gửi: Thủ tướng Chính phủ', `Tiếp thu ý kiến của Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ) khi trả lại hồ sơ ngày ${onPaper(today)}: Thiếu bản thành tích có xác nhận của doanh nghiệp`,
      `Công đoàn Công ty May Thăng Long đã bổ sung, hoàn thiện hồ sơ: ${correction}.`, 'Xét đề nghị của Liên đoàn Lao động thành phố Hà Nội (do Công đoàn Công ty May Thăng Long trình),']) {
      expect(againMemo).toContain(expected);
    }
    // Hà Nội, which passed it down and then on, answers the federation's pass-down note
    expect(await pdfText((await memo(s, `${id}/8`, s.tokens.officerHn)).body)).toContain(`Tiếp thu ý kiến của Tổng Liên đoàn Lao động Việt Nam khi trả lại hồ sơ ngày ${onPaper(today)}: Đề nghị Hà Nội hướng dẫn cơ sở bổ sung xác nhận hiệu quả sáng kiến.`);
    // the federation, which sent the dossier, asks the President to annul it by a tờ trình along the same route (decision 0048)
    const ASK = `mutation($id: ID!, $input: ProposeRevocationInput!) { proposeRevocation(id: $id, input: $input) { id } }`;
    const MAY_ASK = `query($id: ID!) { rewardProposal(id: $id) { mayProposeRevocation revocationProposal { kind legalGround legalGroundLabel legalSource reason proposedOn signerRole signerName } } }`;
    const ask = { kind: 'ANNULLED', legalGround: 'FALSE_DECLARATION', reason: 'Kết luận thanh tra số 12/KL-TTr: kê khai khống hiệu quả sáng kiến cắt vải', signerRole: 'Phó Chủ tịch', signerName: 'Ngọ Duy Hiểu' };
    expect((await s.api.ok(MAY_ASK, { id }, tokens.officerVn)).rewardProposal).toEqual({ mayProposeRevocation: true, revocationProposal: null });
    expect((await s.api.ok(MAY_ASK, { id }, s.tokens.officerHn)).rewardProposal.mayProposeRevocation).toBe(false);
    expect((await refusal(s, ASK, { id, input: ask }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await refusal(s, ASK, { id, input: ask }, s.tokens.councilMay)).code).toBe('FORBIDDEN');
    expect((await refusal(s, ASK, { id, input: ask }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    const badAsk = await refusal(s, ASK, { id, input: { ...ask, legalGround: 'ISSUED_IN_ERROR', reason: 'kê khai', proposedOn: daysAgo(1), signerRole: 'P', signerName: 'N' } }, tokens.officerVn);
    expect(badAsk.problems!.map((p) => p.field).sort()).toEqual(['legalGround', 'proposedOn', 'reason', 'signerName', 'signerRole']);
    expect((await s.api.ok(MAY_ASK, { id }, tokens.officerVn)).rewardProposal.revocationProposal).toBeNull();
    await s.api.ok(ASK, { id, input: { ...ask, reason: `  ${ask.reason.normalize('NFD')} ` } }, tokens.officerVn);
    expect((await s.api.ok(MAY_ASK, { id }, tokens.officerVn)).rewardProposal).toEqual({
      mayProposeRevocation: false,
      revocationProposal: { kind: 'ANNULLED', legalGround: 'FALSE_DECLARATION', legalGroundLabel: 'Gian dối trong việc kê khai công trạng, thành tích', legalSource: expect.stringContaining('Điều 93 khoản 2 điểm a'), reason: ask.reason, proposedOn: today, signerRole: 'Phó Chủ tịch', signerName: 'Ngọ Duy Hiểu' },
    });
    expect(await refusal(s, ASK, { id, input: ask }, tokens.officerVn)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Đã có tờ trình đề nghị hủy bỏ Quyết định số 1301/QĐ-CTN') });
    const askMemo = `${id}/revocation`;
    expect((await memo(s, askMemo)).status).toBe(401);
    expect((await memo(s, askMemo, s.tokens.officerKh)).status).toBe(404);
    const asked = await pdfText((await memo(s, askMemo, s.tokens.officerHn)).body);
    for (const expected of ['TỜ TRÌNH', 'Về việc đề nghị hủy bỏ quyết định khen thưởng', 'Kính gửi: Thủ tướng Chính phủ', 'Điều 93 khoản 2 điểm a', 'Kết luận thanh tra số 12/KL-TTr',
      'trân trọng đề nghị Thủ tướng Chính phủ xem xét, trình Chủ tịch nước quyết định hủy bỏ Quyết định số 1301/QĐ-CTN', 'về việc tặng Huân chương Lao động hạng Ba cho Lê Văn Tuấn',
      'với lý do: gian dối trong việc kê khai công trạng, thành tích; thu hồi hiện vật khen thưởng và tiền thưởng 10.530.000 đồng', 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ);', 'TM. ĐOÀN CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Ngọ Duy Hiểu']) {
      expect(asked).toContain(expected);
    }
    // a malformed id is refused as one, not as a database error
    expect((await refusal(s, ASK, { id: 'x1', input: ask }, tokens.officerVn)).code).toBe('BAD_USER_INPUT');

    // only the President annuls it (decision 0044): the union's council cannot, the federation's officers record the President's decision as it arrives
    const REVOKE = `mutation($id: ID!, $input: RevokeDecisionInput!) { revokeRewardDecision(id: $id, input: $input) { status revocation { number signerRole signerName } } }`;
    const annulment = { kind: 'ANNULLED', legalGround: 'FALSE_DECLARATION', reason: 'Kết luận thanh tra: kê khai khống hiệu quả sáng kiến cắt vải', amountReclaimedVnd: granted.amountVnd, signerRole: 'Chủ tịch Công đoàn cơ sở' };
    expect(await refusal(s, REVOKE, { id: granted.id, input: annulment }, s.tokens.councilMay)).toMatchObject({ code: 'FORBIDDEN', rule: 'DECIDING_AUTHORITY', message: expect.stringContaining('chỉ Chủ tịch nước hủy bỏ, thu hồi') });
    expect((await s.api.refused(REVOKE, { id: granted.id, input: { ...annulment, number: 'QĐ 2001', signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' } }, tokens.officerVn)).problems.map((p) => p.field)).toEqual(['number']);
    expect((await s.api.ok(REVOKE, { id: granted.id, input: { ...annulment, number: '2001/QĐ-CTN', signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' } }, tokens.officerVn)).revokeRewardDecision)
      .toEqual({ status: 'REVOKED', revocation: { number: '2001/QĐ-CTN', signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' } });
    expect((await s.api.ok(MAY_ASK, { id }, tokens.officerVn)).rewardProposal).toMatchObject({ mayProposeRevocation: false, revocationProposal: { kind: 'ANNULLED' } });
    // one decision of the President annuls the rewards of many: the same number again, for the other medal of the company
    const sameNumber = { ...annulment, number: '2001/QĐ-CTN', signerRole: 'Chủ tịch nước', signerName: 'Lương Cường', amountReclaimedVnd: 10_530_000 };
    expect((await s.api.ok(REVOKE, { id: firstMedalId, input: sameNumber }, tokens.officerVn)).revokeRewardDecision.revocation.number).toBe('2001/QĐ-CTN');
    // Hà Nội's officers passed the dossiers on but did not send them to the President: not theirs to record
    expect((await refusal(s, REVOKE, { id: granted.id, input: sameNumber }, s.tokens.officerHn)).code).toBe('FORBIDDEN');

    // the company's union hears it is back with it (a move to it, from Hà Nội)
    const movesOf = (messages: Parameters<typeof payloadsOf>[0]) => payloadsOf(messages, 'RewardProposalMoved').filter((p) => p.proposalId === id && p.action === 'RETURNED');
    const events = await s.rewardEvents((messages) => movesOf(messages).length === 3);
    expect(movesOf(events).map((p) => [p.fromUnitPath, p.toUnitPath])).toEqual(expect.arrayContaining([[s.units.hn!.path, s.units.may!.path], [s.units.vn!.path, s.units.hn!.path]]));
  });

  it('records whose letter answered a Huân chương: the Board returns it, the Prime Minister declines to put it to the President (decision 0045)', async () => {
    const nominationId = await s.nominate({ memberKey: 'minh', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(400), awardYear: year - 1, reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ, chỉ đạo đổi mới dây chuyền may veston xuất khẩu' }, tokens.officerMay);
    await s.approve(nominationId, s.tokens.councilMay);
    const { id } = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', signerName: 'Vũ Thị Mai' } }, s.tokens.councilMay)).proposeReward;
    await s.api.ok(FORWARD, { id }, s.tokens.officerHn);
    await s.api.ok(FORWARD, { id }, tokens.officerVn);
    const board = 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)';
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { authorityRoute { answerers } } }`, { id }, tokens.officerVn)).rewardProposal.authorityRoute.answerers)
      .toEqual([board, 'Thủ tướng Chính phủ', 'Chủ tịch nước']);

    // a body not on the way is refused beside its field, and the dossier stays with the authority
    const reason = 'Đề nghị bổ sung bản sao quyết định tặng Bằng khen của Thủ tướng Chính phủ năm 2021';
    const wrong = await refusal(s, AUTHORITY_RETURN, { id, input: { answeredBy: 'Bộ Công an', returnedOn: today, reason } }, tokens.officerVn);
    expect(wrong.problems!.map((p) => p.field)).toEqual(['answeredBy']);
    expect(wrong.problems![0]!.message).toContain(`“${board}”`);
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { status } }`, { id }, tokens.officerVn)).rewardProposal.status).toBe('WITH_AUTHORITY');
    // unnamed, a return is the Board's, which examines the dossier
    await s.api.ok(AUTHORITY_RETURN, { id, input: { number: '412/BTĐKT-VP', returnedOn: today, reason } }, tokens.officerVn);
    const resent = (await s.api.ok(RESEND, { id, correction: 'Đã bổ sung bản sao Quyết định 1502/QĐ-TTg năm 2021', signerRole: 'Phó Chủ tịch', signerName: 'Ngọ Duy Hiểu' }, tokens.officerVn)).resendProposal;
    // its tờ trình goes to the Prime Minister again, answering the Board's letter
    const resentSeq = resent.steps.length - 1;
    const letter = await pdfText((await memo(s, `${id}/${String(resentSeq)}`, tokens.officerVn)).body);
    for (const expected of ['Kính gửi: Thủ tướng Chính phủ', `Tiếp thu ý kiến của ${board} khi trả lại hồ sơ ngày ${onPaper(today)}: ${reason} (văn bản số 412/BTĐKT-VP).`, 'xem xét, trình Chủ tịch nước quyết định', 'PHÓ CHỦ TỊCH', 'Ngọ Duy Hiểu']) {
      expect(letter).toContain(expected);
    }
    // the Prime Minister does not put it to the President: the refusal says so, not that the President refused
    const cause = 'Chưa đủ thời gian giữ chức vụ lãnh đạo theo quy định để xét Huân chương';
    const refused = (await s.api.ok(`mutation($id: ID!, $input: AuthorityRefusalInput!) { recordAuthorityRefusal(id: $id, input: $input) { status refusal { number refusedBy statement } steps { outcome note answeredBy } } }`,
      { id, input: { answeredBy: 'Thủ tướng Chính phủ'.normalize('NFD'), number: '77/VPCP-TĐKT', refusedOn: today, reason: cause } }, tokens.officerVn)).recordAuthorityRefusal;
    expect(refused).toMatchObject({ status: 'REFUSED', refusal: { number: '77/VPCP-TĐKT', refusedBy: 'Thủ tướng Chính phủ', statement: 'Thủ tướng Chính phủ không trình Chủ tịch nước khen thưởng' } });
    expect(refused.steps.filter((step: { answeredBy: string | null }) => step.answeredBy)).toEqual([
      { outcome: 'RETURNED', note: `${reason} (văn bản số 412/BTĐKT-VP)`, answeredBy: board },
      { outcome: 'REFUSED', note: `${cause} (văn bản số 77/VPCP-TĐKT)`, answeredBy: 'Thủ tướng Chính phủ' },
    ]);
    const nomination = (await s.api.ok(`query($id: ID!) { nomination(id: $id) { status refusalReason } }`, { id: nominationId }, s.tokens.officerHn)).nomination;
    expect(nomination).toEqual({ status: 'REFUSED', refusalReason: `Thủ tướng Chính phủ không trình Chủ tịch nước khen thưởng: ${cause}` });
    // the federation hears whose letter returned it; the officer who nominated hears who refused
    const events = await s.rewardEvents((messages) => payloadsOf(messages, 'RewardRefused').some((p) => p.nominationId === nominationId)
      && payloadsOf(messages, 'RewardProposalMoved').some((p) => p.proposalId === id && p.action === 'RETURNED'));
    expect(payloadsOf(events, 'RewardProposalMoved').find((p) => p.proposalId === id && p.action === 'RETURNED'))
      .toMatchObject({ answeredBy: board, fromUnitPath: s.units.vn!.path, toUnitPath: s.units.vn!.path });
    expect(payloadsOf(events, 'RewardRefused').find((p) => p.nominationId === nominationId)).toMatchObject({ refusedBy: 'Thủ tướng Chính phủ', reason: cause });
  });

  it('passes a dossier the federation returned further down, by Hà Nội’s officers only; corrected below, it comes back up through Hà Nội', async () => {
    const nominationId = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'HCLD3', achievedOn: daysAgo(400), awardYear: year - 1, reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ, đào tạo 40 thợ may bậc cao cho Công ty' }, tokens.officerMay);
    await s.approve(nominationId, s.tokens.councilMay);
    const { id } = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', signerName: 'Vũ Thị Mai' } }, s.tokens.councilMay)).proposeReward;
    await s.api.ok(FORWARD, { id }, s.tokens.officerHn);
    await s.api.ok(RETURN, { id, reason: 'Thiếu danh sách thợ được đào tạo có xác nhận của Công ty' }, tokens.officerVn);

    // only Hà Nội's officers pass it down: not its council (which follows only what it proposed), not the union below, not another province, not the federation
    const passDown = { id, reason: 'Đề nghị Công đoàn Công ty bổ sung danh sách thợ được đào tạo' };
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { actions } }`, { id }, s.tokens.councilHn)).rewardProposal).toBeNull();
    expect((await s.api.refused(RETURN, passDown, s.tokens.councilHn)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(RETURN, passDown, tokens.officerMay)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(RETURN, passDown, tokens.officerVn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(RETURN, passDown, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(RETURN, { id, reason: '   ' }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['reason']);
    let proposal = (await s.api.ok(RETURN, passDown, s.tokens.officerHn)).returnProposal;
    expect(proposal).toMatchObject({ status: 'RETURNED', holderUnitName: 'Công đoàn Công ty May Thăng Long', returnReason: passDown.reason });
    // passed once, it is not passed again by Hà Nội
    expect((await s.api.refused(RETURN, passDown, s.tokens.officerHn)).code).toBe('FORBIDDEN');

    proposal = (await s.api.ok(RESEND, { id, correction: 'Đã bổ sung danh sách 40 thợ được đào tạo có xác nhận của Giám đốc' }, tokens.officerMay)).resendProposal;
    expect(proposal).toMatchObject({ status: 'AT_LEVEL', holderUnitName: 'Liên đoàn Lao động thành phố Hà Nội' });
    proposal = (await s.api.ok(FORWARD, { id }, s.tokens.officerHn)).forwardProposal;
    expect(proposal).toMatchObject({ status: 'AT_LEVEL', holderUnitName: 'Tổng Liên đoàn Lao động Việt Nam' });
    expect(proposal.steps.map((step: { unitName: string; outcome: string | null; memo: boolean }) => [step.unitName, step.outcome, step.memo])).toEqual([
      ['Công đoàn Công ty May Thăng Long', 'PROPOSED', true],
      ['Liên đoàn Lao động thành phố Hà Nội', 'FORWARDED', true],
      ['Tổng Liên đoàn Lao động Việt Nam', 'RETURNED', false],
      ['Liên đoàn Lao động thành phố Hà Nội', 'RETURNED', false],
      ['Công đoàn Công ty May Thăng Long', 'RESENT', true],
      ['Liên đoàn Lao động thành phố Hà Nội', 'FORWARDED', true],
      ['Tổng Liên đoàn Lao động Việt Nam', null, false],
    ]);
    // the moves tell the notification service who proposed it, so that a level above hears it may pass a return down
    const movesOf = (messages: Parameters<typeof payloadsOf>[0]) => payloadsOf(messages, 'RewardProposalMoved').filter((p) => p.proposalId === id && p.action === 'RETURNED');
    const events = await s.rewardEvents((messages) => movesOf(messages).length === 2);
    expect(movesOf(events).map((p) => [p.fromUnitPath, p.toUnitPath, p.proposingUnitPath])).toEqual(expect.arrayContaining([
      [s.units.vn!.path, s.units.hn!.path, s.units.may!.path], [s.units.hn!.path, s.units.may!.path, s.units.may!.path],
    ]));
  });

  it('refuses to propose what the union decides itself', async () => {
    const nominationId = await s.nominate({ memberKey: 'minh', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(30), awardYear: year });
    await s.approve(nominationId);
    const refused = await refusal(s, PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố' } }, s.tokens.councilHn);
    expect(refused).toMatchObject({ code: 'CONFLICT', rule: 'DECIDING_AUTHORITY', message: expect.stringContaining('do Công đoàn quyết định') });
  });
});

describe('the employer decides yearly titles on the grassroots union’s proposal', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  it('shows the proposal to the enterprise’s employer only, who records the decision', async () => {
    const officerMay = await s.token(['UNIT_OFFICER'], 'may', 'officer-may');
    const nominationId = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year }, officerMay);
    await s.approve(nominationId, s.tokens.councilMay);
    expect(await s.refusedGrant(nominationId, today, {}, s.tokens.councilMay)).toMatchObject({ code: 'CONFLICT', rule: 'DECIDING_AUTHORITY', source: expect.stringContaining('Điều 80 khoản 4') });
    const proposal = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở' } }, s.tokens.councilMay)).proposeReward;
    expect(proposal).toMatchObject({ status: 'WITH_AUTHORITY', authority: 'EMPLOYER', holderUnitName: 'Công đoàn Công ty May Thăng Long' });
    expect(proposal.steps.map((step: { unitName: string }) => step.unitName)).toEqual(['Công đoàn Công ty May Thăng Long', 'Thủ trưởng cơ quan, đơn vị hoặc Giám đốc doanh nghiệp (Công đoàn Công ty May Thăng Long)']);

    const otherEmployer = await s.token(['EMPLOYER'], 'so', 'employer-so');
    expect((await s.api.ok(PROPOSALS, { waiting: true }, otherEmployer)).rewardProposals).toEqual([]);
    const decision = { number: '15/QĐ-CTMTL', decidedOn: today, signerRole: 'Giám đốc Công ty', signerName: 'Trịnh Văn Sơn' };
    expect((await s.api.refused(RECORD, { id: proposal.id, input: decision }, otherEmployer)).code).toBe('NOT_FOUND');
    expect((await s.api.refused(RECORD, { id: proposal.id, input: decision }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await s.api.ok(PROPOSALS, { waiting: true }, s.tokens.employer)).rewardProposals).toEqual([{ id: proposal.id, status: 'WITH_AUTHORITY', actions: ['RECORD_DECISION'], subjectName: 'Trần Thị Lan' }]);
    const recorded = (await s.api.ok(RECORD, { id: proposal.id, input: decision }, s.tokens.employer)).recordAuthorityDecision;
    // 0.3 × 2,340,000 = 702,000 VND, rounded up to the next 10,000 (reward-rules.md)
    expect(recorded).toMatchObject({ number: '15/QĐ-CTMTL', formCode: 'LDTT', decidingAuthority: 'EMPLOYER', amountVnd: 710_000, signerRole: 'Giám đốc Công ty' });
  });

  it('takes the dossier back when the employer returns it for correction, and sends the corrected one to the employer again', async () => {
    const officerMay = await s.token(['UNIT_OFFICER'], 'may', 'officer-may');
    const nominationId = await s.nominate({ memberKey: 'hoa', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year }, officerMay);
    await s.approve(nominationId, s.tokens.councilMay);
    const { id } = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở' } }, s.tokens.councilMay)).proposeReward;
    // the tờ trình asks the enterprise itself to decide
    const printed = await pdfText((await memo(s, id, s.tokens.employer)).body);
    expect(printed).toContain('Kính gửi: Lãnh đạo Công ty May Thăng Long');
    expect(printed).toContain('Lãnh đạo Công ty May Thăng Long xem xét, quyết định tặng Lao động tiên tiến');
    const reason = 'Thiếu bản tự nhận xét, đánh giá kết quả thực hiện nhiệm vụ năm của người lao động';
    const letter = { number: '21/CV-CTMTL', returnedOn: today, reason };
    // only the enterprise's employer answers for it; a reason of a word or a day to come is refused beside its field
    expect((await s.api.refused(AUTHORITY_RETURN, { id, input: letter }, await s.token(['EMPLOYER'], 'so', 'employer-so'))).code).toBe('NOT_FOUND');
    expect((await s.api.refused(AUTHORITY_RETURN, { id, input: letter }, officerMay)).code).toBe('FORBIDDEN');
    const bad = await refusal(s, AUTHORITY_RETURN, { id, input: { returnedOn: daysAgo(-1), reason: 'thiếu' } }, s.tokens.employer);
    expect(bad.problems!.map((p) => p.field).sort()).toEqual(['reason', 'returnedOn']);
    expect(bad.problems!.find((p) => p.field === 'reason')!.message).toContain('cần bổ sung, sửa gì');

    let proposal = (await s.api.ok(AUTHORITY_RETURN, { id, input: letter }, s.tokens.employer)).recordAuthorityReturn;
    expect(proposal).toMatchObject({ status: 'RETURNED', holderUnitName: 'Công đoàn Công ty May Thăng Long', returnReason: `${reason} (văn bản số 21/CV-CTMTL)`, actions: [], decision: null });
    // nothing is decided while it is back with the union: the employer neither decides nor answers again
    const decision = { number: '22/QĐ-CTMTL', decidedOn: today, signerRole: 'Giám đốc Công ty', signerName: 'Trịnh Văn Sơn' };
    expect((await s.api.refused(RECORD, { id, input: decision }, s.tokens.employer)).code).toBe('CONFLICT');
    expect((await s.api.refused(AUTHORITY_RETURN, { id, input: letter }, s.tokens.employer)).code).toBe('CONFLICT');
    expect((await s.api.ok(`query($id: ID!) { nomination(id: $id) { status } }`, { id: nominationId }, s.tokens.officerHn)).nomination.status).toBe('PROPOSED');

    // the grassroots union corrects it and sends it to the employer again (not to the level above: the employer decides)
    expect((await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { actions } }`, { id }, officerMay)).rewardProposal.actions).toEqual(['RESEND']);
    proposal = (await s.api.ok(RESEND, { id, correction: 'Đã bổ sung bản tự nhận xét có xác nhận của tổ trưởng' }, officerMay)).resendProposal;
    expect(proposal).toMatchObject({ status: 'WITH_AUTHORITY', holderUnitName: 'Công đoàn Công ty May Thăng Long', returnReason: null, actions: [] });
    const recorded = (await s.api.ok(RECORD, { id, input: decision }, s.tokens.employer)).recordAuthorityDecision;
    expect(recorded).toMatchObject({ number: '22/QĐ-CTMTL', formCode: 'LDTT', decidingAuthority: 'EMPLOYER' });

    const employerStep = 'Thủ trưởng cơ quan, đơn vị hoặc Giám đốc doanh nghiệp (Công đoàn Công ty May Thăng Long)';
    const done = (await s.api.ok(`query($id: ID!) { rewardProposal(id: $id) { ${PROPOSAL_FIELDS} } }`, { id }, officerMay)).rewardProposal;
    expect(done.steps.map((step: { unitName: string; outcome: string; note: string | null }) => [step.unitName, step.outcome, step.note])).toEqual([
      ['Công đoàn Công ty May Thăng Long', 'PROPOSED', null],
      [employerStep, 'RETURNED', `${reason} (văn bản số 21/CV-CTMTL)`],
      ['Công đoàn Công ty May Thăng Long', 'RESENT', 'Đã bổ sung bản tự nhận xét có xác nhận của tổ trưởng'],
      [employerStep, 'DECIDED', '22/QĐ-CTMTL'],
    ]);
    const movesOf = (messages: Parameters<typeof payloadsOf>[0]) => payloadsOf(messages, 'RewardProposalMoved').filter((p) => p.proposalId === id);
    const events = await s.rewardEvents((messages) => movesOf(messages).length === 3);
    expect(movesOf(events).find((p) => p.action === 'RETURNED')).toMatchObject({ note: `${reason} (văn bản số 21/CV-CTMTL)`, authority: 'EMPLOYER', fromUnitPath: s.units.may!.path, toUnitPath: s.units.may!.path });
    expect(movesOf(events).find((p) => p.action === 'RESENT')).toMatchObject({ toUnitPath: null });
  });

  it('records the employer’s answer that it does not grant: the proposal ends, the nomination is refused with that reason', async () => {
    const officerMay = await s.token(['UNIT_OFFICER'], 'may', 'officer-may');
    const nominationId = await s.nominate({ memberKey: 'tuan', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year }, officerMay);
    await s.approve(nominationId, s.tokens.councilMay);
    const proposal = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở' } }, s.tokens.councilMay)).proposeReward;
    const reason = 'Người lao động bị kỷ luật khiển trách trong năm, không đủ điều kiện danh hiệu Lao động tiên tiến';
    const answer = { number: '16/CV-CTMTL', refusedOn: today, reason };
    // only the enterprise's employer answers for it; a reason of a few letters or a day to come is refused beside its field
    expect((await s.api.refused(REFUSE, { id: proposal.id, input: answer }, await s.token(['EMPLOYER'], 'so', 'employer-so'))).code).toBe('NOT_FOUND');
    expect((await s.api.refused(REFUSE, { id: proposal.id, input: answer }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    const bad = await refusal(s, REFUSE, { id: proposal.id, input: { refusedOn: daysAgo(-2), reason: 'không' } }, s.tokens.employer);
    expect(bad.problems!.map((p) => p.field).sort()).toEqual(['reason', 'refusedOn']);
    expect(bad.problems!.find((p) => p.field === 'reason')!.message).toContain('lý do không khen thưởng');
    // the Board answers for the State's dossiers, not for an enterprise's
    expect((await refusal(s, REFUSE, { id: proposal.id, input: { ...answer, answeredBy: 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)' } }, s.tokens.employer)).problems!.map((p) => p.field)).toEqual(['answeredBy']);

    const refused = (await s.api.ok(REFUSE, { id: proposal.id, input: answer }, s.tokens.employer)).recordAuthorityRefusal;
    expect(refused).toMatchObject({ status: 'REFUSED', actions: [], decision: null, refusal: { number: '16/CV-CTMTL', refusedOn: today, reason, statement: 'Lãnh đạo Công ty May Thăng Long không khen thưởng' } });
    expect(refused.steps.at(-1)).toMatchObject({ outcome: 'REFUSED', note: `${reason} (văn bản số 16/CV-CTMTL)` });
    // nothing more is recorded for it: neither a decision nor a second answer
    const decision = { number: '17/QĐ-CTMTL', decidedOn: today, signerRole: 'Giám đốc Công ty', signerName: 'Trịnh Văn Sơn' };
    expect((await s.api.refused(RECORD, { id: proposal.id, input: decision }, s.tokens.employer)).code).toBe('CONFLICT');
    expect((await s.api.refused(REFUSE, { id: proposal.id, input: answer }, s.tokens.employer)).code).toBe('CONFLICT');
    const nomination = (await s.api.ok(`query($id: ID!) { nomination(id: $id) { status refusalReason decision { id } } }`, { id: nominationId }, s.tokens.officerHn)).nomination;
    expect(nomination).toEqual({ status: 'REFUSED', refusalReason: expect.stringContaining(reason), decision: null });
    const events = await s.rewardEvents((messages) => payloadsOf(messages, 'RewardRefused').some((p) => p.nominationId === nominationId));
    expect(payloadsOf(events, 'RewardRefused').find((p) => p.nominationId === nominationId)).toMatchObject({ formCode: 'LDTT', refusedOn: today, reason, refusedBy: 'Lãnh đạo Công ty May Thăng Long' });
  });

  it('leaves an enterprise worker’s yearly title to the grassroots union there, not to Hà Nội, beside the field and at the council', async () => {
    const atHanoi = { source: 'OFFICER', memberId: s.members.hoa, grantingUnitId: s.units.hn!.id, formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year, reason: 'Hoàn thành tốt nhiệm vụ cả năm' };
    const refused = await refusal(s, NOMINATE, { input: atHanoi }, s.tokens.officerHn);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.problems).toEqual([{ field: 'grantingUnitId', message: expect.stringContaining('trên đề nghị của Công đoàn Công ty May Thăng Long (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 4') }]);
    expect(refused.problems![0]!.message).toMatch(/\); Liên đoàn Lao động thành phố Hà Nội không xét, hãy chọn cấp xét là Công đoàn Công ty May Thăng Long$/);
    // nor for a worker of an agency outside the union; a collective is judged by the level above it, never by its own council
    expect((await refusal(s, NOMINATE, { input: { ...atHanoi, memberId: null, unitId: s.units.may!.id, formCode: 'TTLDTT', grantingUnitId: s.units.may!.id } }, s.tokens.officerHn)).problems).toEqual([
      { field: 'grantingUnitId', message: expect.stringContaining('do cấp trên trực tiếp, Liên đoàn Lao động thành phố Hà Nội, xét') },
    ]);
    expect((await refusal(s, NOMINATE, { input: { ...atHanoi, memberId: s.members.binh, formCode: 'CSTDCS' } }, s.tokens.officerHn)).problems![0]!.message).toContain('hãy chọn cấp xét là Công đoàn Sở Công Thương Hà Nội');
    // a nomination made at Hà Nội before the rule is refused by its council, naming the rule
    const earlier = await s.nominate({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(40), awardYear: year });
    const db = new Client({ connectionString: databaseUrl('reward') });
    await db.connect();
    try {
      await db.query(`UPDATE nominations SET form_code = 'LDTT', task_rating = 'GOOD' WHERE id = $1`, [earlier]);
    } finally {
      await db.end();
    }
    await s.approve(earlier);
    expect(await s.refusedGrant(earlier, today)).toMatchObject({ code: 'CONFLICT', rule: 'DECIDING_AUTHORITY', message: expect.stringContaining('hãy chọn cấp xét là Công đoàn Công ty May Thăng Long') });
  });

  it('dates the director’s decision from the tờ trình’s day when both are entered from the paper register, never before it', async () => {
    const nominationId = await s.nominate({ memberKey: 'minh', granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year });
    await s.approve(nominationId);
    const { id } = (await s.api.ok(PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', proposedOn: daysAgo(10) } }, s.tokens.councilMay)).proposeReward;
    const decision = { number: '31/QĐ-CTMTL', decidedOn: daysAgo(11), signerRole: 'Giám đốc Công ty', signerName: 'Trịnh Văn Sơn' };
    const early = await refusal(s, RECORD, { id, input: decision }, s.tokens.employer);
    expect(early.problems).toEqual([{ field: 'decidedOn', message: expect.stringContaining('không thể trước ngày trình đề nghị') }]);
    expect((await s.api.ok(RECORD, { id, input: { ...decision, decidedOn: daysAgo(8) } }, s.tokens.employer)).recordAuthorityDecision).toMatchObject({ decidedOn: daysAgo(8), grantingUnitName: 'Công đoàn Công ty May Thăng Long' });
  });

  it('lets the union’s own agency decide its staff’s yearly titles through its council, as the head of that agency', async () => {
    const office = await s.api.createUnit({ parentId: s.units.hn!.id, code: `hn-office-${s.run}`, name: 'Công đoàn cơ quan Liên đoàn Lao động thành phố Hà Nội', level: 'GRASSROOTS', organisationType: 'UNION_AGENCY' }, s.tokens.admin);
    const an = await s.api.createMember({ unitId: office.id, fullName: 'Đỗ Văn An', occupationCode: 'CONG_CHUC', isDirectProductionWorker: false, holdsLeadershipPost: false }, s.tokens.admin);
    await eventuallyCounted('reward', 'member_refs WHERE id = $1', [an], 1, 'An in reward');
    s.members.an = an;
    await s.registerTitles({ memberKey: 'an' }, ['LDTT']);
    const input = { source: 'OFFICER', memberId: an, grantingUnitId: office.id, formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year, reason: 'Hoàn thành tốt nhiệm vụ cả năm' };
    // the office's union has no head of agency of its own: Hà Nội is the agency
    const atOffice = await refusal(s, NOMINATE, { input }, s.tokens.officerHn);
    expect(atOffice.problems).toEqual([{ field: 'grantingUnitId', message: expect.stringContaining('do Liên đoàn Lao động thành phố Hà Nội quyết định với người lao động của cơ quan mình') }]);
    const COUNCILS = `query($form: String!, $m: ID) { grantingCouncils(formCode: $form, memberId: $m) { unit { id } } }`;
    expect((await s.api.ok(COUNCILS, { form: 'LDTT', m: an }, s.tokens.officerHn)).grantingCouncils).toEqual([{ unit: { id: s.units.hn!.id } }]);
    const nominationId = await s.nominate({ memberKey: 'an', granting: 'hn', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(40), awardYear: year });
    await s.approve(nominationId);
    expect(await refusal(s, PROPOSE, { id: nominationId, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố' } }, s.tokens.councilHn)).toMatchObject({
      code: 'CONFLICT', rule: 'DECIDING_AUTHORITY', message: expect.stringContaining('do Liên đoàn Lao động thành phố Hà Nội, cơ quan công đoàn nơi làm việc, quyết định'),
    });
    expect(await s.grant(nominationId, today)).toMatchObject({ formCode: 'LDTT', subjectName: 'Đỗ Văn An', number: expect.stringMatching(/^\d+\/QĐ-LĐLĐ$/) });
  });
});
