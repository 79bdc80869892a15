/**
 * New sources of recognition through the real gateway, on the real databases and broker: the long-service medal
 * listed from joinedUnionOn and confirmed by an officer; colleagues' proposals turned into ad-hoc nominations, story
 * candidates or declined, as the proposing member sees; emulation blocs that sign a covenant, are ranked and propose
 * their leader for the flag. Each scenario builds its own Hà Nội tree.
 */
import { graphql } from '../support/graphql';
import { usePlatform } from '../support/platform';
import { eventuallyCounted } from '../support/read-models';
import { RewardScenario, daysAgo, today, year } from '../support/reward';

const env = usePlatform();

describe('long service: Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”', () => {
  let s: RewardScenario;
  const joined: Record<string, string> = {};
  const LIST = `query($u: ID!, $y: Int) { longServiceCandidates(unitId: $u, year: $y) {
    year rule { formCode years countedTo source verified } candidates { edges { node { member { id } fullName unitName joinedUnionOn years status nominationId } } }
  } }`;
  const CONFIRM = `mutation($u: ID!, $y: Int!, $m: [ID!]!) { confirmLongServiceProposals(unitId: $u, year: $y, memberIds: $m) {
    id source status awardYear achievedOn reason form { code } grantingUnit { id } grantingLevel } }`;
  const list = async (by = s.tokens.officerHn) => (await s.api.ok(LIST, { u: s.units.hn!.id, y: year }, by)).longServiceCandidates;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    const member = (fullName: string, joinedUnionOn: string, extra: Record<string, unknown> = {}) =>
      s.api.createMember({ unitId: s.units.may!.id, fullName, occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false, joinedUnionOn, ...extra }, s.tokens.admin);
    joined.trang = await member('Lê Thị Thu Trang', `${year - 20}-07-28`, { gender: 'FEMALE' });
    joined.quang = await member('Đào Văn Quang', `${year - 20}-07-29`);
    joined.mai = await member('Hồ Thị Mai', `${year - 30}-01-01`);
    await s.api.ok(`mutation($id: ID!) { updateMember(id: $id, input: { leftUnionOn: "${daysAgo(10)}" }) { id } }`, { id: joined.mai }, s.tokens.admin);
    await eventuallyCounted('reward', 'member_refs WHERE id = ANY($1::uuid[]) AND (left_union_on IS NOT NULL OR id <> $2)', [Object.values(joined), joined.mai], 3, 'the members with their dates in reward');
  });

  it('lists the members whose years in the union reach the threshold by 28 July, with the rule and its source', async () => {
    const found = await list();
    expect(found.rule).toEqual({ formCode: 'KNC_CONG_DOAN', years: 20, countedTo: `${year}-07-28`, source: expect.stringContaining('Hướng dẫn 149/HD-TLĐ'), verified: false });
    expect(found.candidates.edges.map((e: any) => e.node)).toEqual([
      { member: { id: joined.trang }, fullName: 'Lê Thị Thu Trang', unitName: 'Công đoàn Công ty May Thăng Long', joinedUnionOn: `${year - 20}-07-28`, years: 20, status: 'DUE', nominationId: null },
    ]);
  });

  it('is for officers over the unit only', async () => {
    expect((await s.api.refused(LIST, { u: s.units.hn!.id, y: year }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(LIST, { u: s.units.hn!.id, y: year }, s.tokens.hoa)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(LIST, { u: s.units.hn!.id, y: year - 1 }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['year']);
  });

  it('proposes the confirmed members to the level that grants the medal, and says why the others are not on the list', async () => {
    const notDue = await s.api.refused(CONFIRM, { u: s.units.hn!.id, y: year, m: [joined.trang, joined.quang, joined.mai] }, s.tokens.officerHn);
    expect(notDue.code).toBe('BAD_USER_INPUT');
    expect(notDue.problems).toEqual([
      { field: 'memberIds.1', message: `Đào Văn Quang có 19 năm tham gia Công đoàn tính đến 28/07/${year}, chưa đủ 20 năm` },
      { field: 'memberIds.2', message: expect.stringMatching(/^Hồ Thị Mai đã ra khỏi tổ chức Công đoàn ngày/) },
    ]);
    expect((await list()).candidates.edges[0].node.status).toBe('DUE');
    const [nomination] = (await s.api.ok(CONFIRM, { u: s.units.hn!.id, y: year, m: [joined.trang] }, s.tokens.officerHn)).confirmLongServiceProposals;
    expect(nomination).toMatchObject({ source: 'LONG_SERVICE', status: 'OPEN', awardYear: year, form: { code: 'KNC_CONG_DOAN' }, grantingUnit: { id: s.units.vn!.id }, grantingLevel: 'NATIONAL',
      reason: `Đủ 20 năm tham gia tổ chức Công đoàn (vào Công đoàn ngày 28/07/${year - 20}); đề nghị tặng Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn” năm ${year}` });
    expect(nomination.achievedOn <= today).toBe(true);
    expect((await list()).candidates.edges[0].node).toMatchObject({ status: 'PROPOSED', nominationId: nomination.id });
    const twice = await s.api.refused(CONFIRM, { u: s.units.hn!.id, y: year, m: [joined.trang] }, s.tokens.officerHn);
    expect(twice.problems).toEqual([{ field: 'memberIds.0', message: 'Lê Thị Thu Trang đã được đề nghị Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”' }]);
    expect((await s.api.refused(CONFIRM, { u: s.units.hn!.id, y: year, m: [joined.trang] }, s.tokens.officerKh)).code).toBe('FORBIDDEN');

    const councilVn = await s.token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    await s.approve(nomination.id, councilVn);
    expect(await s.grant(nomination.id, today, {}, councilVn)).toMatchObject({ formCode: 'KNC_CONG_DOAN', subjectName: 'Lê Thị Thu Trang', amountVnd: 0 });
    expect((await list()).candidates.edges).toEqual([]);
  });
});

describe('proposals from colleagues', () => {
  let s: RewardScenario;
  let lan: string;
  const PROPOSE = `mutation($input: ColleagueProposalInput!) { proposeColleague(input: $input) { id status kind colleague { id } colleagueName proposerName evidence { description url } } }`;
  const MINE = `{ myColleagueProposals { edges { node { id status colleagueName declineReason nomination { status formName refusalReason decisionNumber } } } } }`;
  const QUEUE = `query($st: ColleagueProposalStatus) { colleagueProposals(status: $st) { edges { node { id status colleagueName proposerName } } } }`;
  const NOMINATE_FROM = `mutation($id: ID!, $input: ColleagueNominationInput!) { nominateFromColleagueProposal(id: $id, input: $input) { id status nomination { status formName } } }`;
  const proposal = (memberKey: string, kind = 'GOOD_DEED', extra: Record<string, unknown> = {}) => ({
    colleagueId: s.members[memberKey], kind, occurredOn: daysAgo(3),
    description: 'Nhặt được ví có 20 triệu đồng ở nhà ăn ca và tìm trả lại người đánh rơi', evidence: [{ description: 'Chị Bích, tổ trưởng tổ 3, chứng kiến' }], ...extra,
  });
  const propose = async (memberKey: string, kind?: string) => (await s.api.ok(PROPOSE, { input: proposal(memberKey, kind) }, s.tokens.hoa)).proposeColleague.id as string;
  const mine = async () => (await s.api.ok(MINE, {}, s.tokens.hoa)).myColleagueProposals.edges.map((e: any) => e.node);

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    lan = await s.token(['MEMBER'], 'may', 'member-lan', s.members.lan);
  });

  it('offers the member her colleagues by name, with or without diacritics', async () => {
    const names = async (search: string | null) =>
      (await s.api.ok(`query($q: String) { myColleagues(search: $q) { edges { node { fullName } } } }`, { q: search }, s.tokens.hoa)).myColleagues.edges.map((e: any) => e.node.fullName);
    expect(await names(null)).toEqual(['Lê Văn Tuấn', 'Phạm Quang Minh', 'Trần Thị Lan']);
    expect(await names('tuan')).toEqual(['Lê Văn Tuấn']);
    expect(await names('TRẦN thị')).toEqual(['Trần Thị Lan']);
  });

  it('takes a proposal about a colleague of the same union with evidence, and refuses the others', async () => {
    const made = (await s.api.ok(PROPOSE, { input: proposal('lan', 'GOOD_DEED', { evidence: [{ description: 'Biên bản bàn giao ví', url: 'https://congdoan.vn/bb/12' }] }) }, s.tokens.hoa)).proposeColleague;
    expect(made).toMatchObject({ status: 'SUBMITTED', kind: 'GOOD_DEED', colleague: { id: s.members.lan }, colleagueName: 'Trần Thị Lan', proposerName: 'Nguyễn Thị Hoa',
      evidence: [{ description: 'Biên bản bàn giao ví', url: 'https://congdoan.vn/bb/12' }] });
    const herself = await s.api.refused(PROPOSE, { input: proposal('hoa') }, s.tokens.hoa);
    expect([herself.code, herself.problems.map((p) => p.field)]).toEqual(['BAD_USER_INPUT', ['colleagueId']]);
    const elsewhere = await s.api.refused(PROPOSE, { input: proposal('binh') }, s.tokens.hoa);
    expect([elsewhere.code, elsewhere.message]).toEqual(['NOT_FOUND', 'Không có đồng nghiệp này trong Công đoàn Công ty May Thăng Long']);
    expect((await s.api.refused(PROPOSE, { input: proposal('lan') }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(PROPOSE, { input: proposal('lan') })).code).toBe('UNAUTHENTICATED');
    const noEvidence = await s.api.refused(PROPOSE, { input: proposal('lan', 'GOOD_DEED', { evidence: [], occurredOn: '2999-01-01' }) }, s.tokens.hoa);
    expect(noEvidence.problems.map((p) => p.field)).toEqual(['occurredOn', 'evidence']);
    expect((await mine()).map((p: any) => p.id)).toEqual([made.id]);
    expect((await s.api.ok(QUEUE, { st: 'SUBMITTED' }, s.tokens.officerHn)).colleagueProposals.edges.map((e: any) => e.node)).toEqual([
      { id: made.id, status: 'SUBMITTED', colleagueName: 'Trần Thị Lan', proposerName: 'Nguyễn Thị Hoa' },
    ]);
    expect((await s.api.ok(QUEUE, { st: null }, s.tokens.officerKh)).colleagueProposals.edges).toEqual([]);
  });

  it('becomes an ad-hoc nomination the member follows to the decision, handled once', async () => {
    const [{ id }] = await mine();
    expect((await s.api.refused(NOMINATE_FROM, { id, input: { formCode: 'GIAY_KHEN', grantingUnitId: s.units.may!.id } }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
    const title = await s.api.refused(NOMINATE_FROM, { id, input: { formCode: 'LDTT', grantingUnitId: s.units.may!.id } }, s.tokens.officerHn);
    expect(title.problems.map((p) => p.field)).toEqual(['formCode']);
    const handled = (await s.api.ok(NOMINATE_FROM, { id, input: { formCode: 'GIAY_KHEN', grantingUnitId: s.units.may!.id } }, s.tokens.officerHn)).nominateFromColleagueProposal;
    expect(handled).toEqual({ id, status: 'NOMINATED', nomination: { status: 'OPEN', formName: 'Giấy khen' } });
    const again = await s.api.refused(NOMINATE_FROM, { id, input: { formCode: 'GIAY_KHEN', grantingUnitId: s.units.may!.id } }, s.tokens.officerHn);
    expect([again.code, again.message]).toEqual(['CONFLICT', 'Đề xuất này đã được chuyển thành đề nghị khen thưởng; mỗi đề xuất chỉ xử lý một lần']);

    const { nominations } = await s.api.ok(`{ nominations(source: AD_HOC, status: OPEN) { edges { node { id subjectName reason } } } }`, {}, s.tokens.councilMay);
    const nomination = nominations.edges.map((e: any) => e.node).find((n: any) => n.subjectName === 'Trần Thị Lan');
    expect(nomination.reason).toBe('Nhặt được ví có 20 triệu đồng ở nhà ăn ca và tìm trả lại người đánh rơi');
    const decision = await s.grant(nomination.id, today, {}, s.tokens.councilMay);
    expect((await mine())[0].nomination).toEqual({ status: 'GRANTED', formName: 'Giấy khen', refusalReason: null, decisionNumber: decision.number });
    const lansOwn = (await s.api.ok(`{ myNominations { edges { node { source status formName decisionNumber refusalReason } } } }`, {}, lan)).myNominations.edges.map((e: any) => e.node);
    expect(lansOwn).toEqual([{ source: 'AD_HOC', status: 'GRANTED', formName: 'Giấy khen', decisionNumber: decision.number, refusalReason: null }]);
  });

  it('goes to media as a story candidate, or is declined with a reason the member reads', async () => {
    const initiative = await propose('tuan', 'INITIATIVE');
    expect((await s.api.ok(`mutation($id: ID!) { forwardColleagueProposalToMedia(id: $id) { status } }`, { id: initiative }, s.tokens.officerHn)).forwardColleagueProposalToMedia.status).toBe('FORWARDED_TO_MEDIA');
    await eventuallyCounted('media', `stories WHERE kind = 'GOOD_PRACTICE' AND status = 'CANDIDATE' AND title = $1 AND summary LIKE '%Chị Bích, tổ trưởng tổ 3, chứng kiến%'`,
      [`Sáng kiến của Lê Văn Tuấn (${daysAgo(3).split('-').reverse().join('/')})`], 1, 'the story candidate in media');

    const deed = await propose('minh');
    const DECLINE = `mutation($id: ID!, $r: String!) { declineColleagueProposal(id: $id, reason: $r) { status declineReason } }`;
    expect((await s.api.refused(DECLINE, { id: deed, r: 'Không' }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['reason']);
    const reason = 'Việc này đã được Công đoàn cơ sở biểu dương tại hội nghị tháng trước';
    expect((await s.api.ok(DECLINE, { id: deed, r: reason }, s.tokens.officerHn)).declineColleagueProposal).toEqual({ status: 'DECLINED', declineReason: reason });
    expect((await mine()).find((p: any) => p.id === deed)).toMatchObject({ status: 'DECLINED', declineReason: reason, nomination: null });
  });

  it('lets the member read a council’s refusal of a nomination about her', async () => {
    const id = await s.nominate({ memberKey: 'lan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(20), reason: 'Hướng dẫn công nhân mới trong 6 tháng' });
    const reason = 'Thành tích chưa tiêu biểu so với khối thi đua của thành phố';
    await s.vote(id, 'AGAINST');
    await s.api.ok(`mutation($id: ID!, $r: String!) { refuseNomination(nominationId: $id, reason: $r) { status } }`, { id, r: reason }, s.tokens.councilHn);
    const [latest] = (await s.api.ok(`{ myNominations { edges { node { status formName refusalReason } } } }`, {}, lan)).myNominations.edges.map((e: any) => e.node);
    expect(latest).toEqual({ status: 'REFUSED', formName: expect.stringContaining('Bằng khen'), refusalReason: reason });
    expect((await s.api.ok(`{ myNominations { edges { node { id } } } }`, {}, s.tokens.officerHn)).myNominations.edges).toEqual([]);
  });
});

describe('emulation blocs (khối, cụm thi đua)', () => {
  let s: RewardScenario;
  let blocId: string;
  const CREATE = `mutation($input: EmulationBlocInput!) { createEmulationBloc(input: $input) { id status kind year organiser { id } units { unit { id } unitName rank } } }`;
  const SIGN = `mutation($id: ID!, $input: BlocCovenantInput!) { signBlocCovenant(id: $id, input: $input) { status covenant { signedOn commitments } } }`;
  const RANK = `mutation($id: ID!, $scores: [BlocScoreInput!]!) { rankEmulationBloc(id: $id, scores: $scores) { status units { unitName score rank } leader { unitName }
    flagNomination { id source status subjectName form { code } grantingUnit { id } awardYear } } }`;
  const blocInput = (extra: Record<string, unknown> = {}) => ({ organiserUnitId: s.units.hn!.id, kind: 'CUM', name: `Cụm thi đua doanh nghiệp Thủ đô ${s.run}`, year, memberUnitIds: [s.units.may!.id, s.units.so!.id], ...extra });

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  it('are formed by officers over a level that gives a flag, each unit in one bloc of that level a year', async () => {
    const bloc = (await s.api.ok(CREATE, { input: blocInput() }, s.tokens.officerHn)).createEmulationBloc;
    blocId = bloc.id;
    expect(bloc).toMatchObject({ status: 'FORMED', kind: 'CUM', year, organiser: { id: s.units.hn!.id } });
    expect(bloc.units.map((u: any) => u.unitName).sort()).toEqual(['Công đoàn Công ty May Thăng Long', 'Công đoàn Sở Công Thương Hà Nội']);
    const twice = await s.api.refused(CREATE, { input: blocInput({ name: `Khối khác ${s.run}` }) }, s.tokens.officerHn);
    expect(twice).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`Công đoàn Công ty May Thăng Long đã ở "Cụm thi đua doanh nghiệp Thủ đô ${s.run}"`) });
    const outside = await s.api.refused(CREATE, { input: blocInput({ memberUnitIds: [s.units.may!.id, s.units.kh!.id] }) }, s.tokens.officerHn);
    expect(outside.problems).toEqual([{ field: 'memberUnitIds.1', message: 'Liên đoàn Lao động tỉnh Khánh Hòa không trực thuộc Liên đoàn Lao động thành phố Hà Nội' }]);
    expect((await s.api.refused(CREATE, { input: blocInput({ organiserUnitId: s.units.may!.id }) }, s.tokens.officerHn)).problems.map((p) => p.field)).toContain('organiserUnitId');
    expect((await s.api.refused(CREATE, { input: blocInput() }, s.tokens.officerKh)).code).toBe('FORBIDDEN');
  });

  it('are ranked only after the covenant is signed, once', async () => {
    const scores = [{ unitId: s.units.may!.id, score: 96 }, { unitId: s.units.so!.id, score: 88 }];
    expect((await s.api.refused(RANK, { id: blocId, scores }, s.tokens.officerHn)).message).toContain('chưa ký giao ước thi đua');
    const commitments = ['100% đoàn viên được ký hợp đồng lao động và thỏa ước lao động tập thể', 'Mỗi đơn vị có ít nhất 5 sáng kiến được công nhận trong năm'];
    expect((await s.api.ok(SIGN, { id: blocId, input: { signedOn: `${year}-01-01` <= today ? `${year}-01-01` : today, commitments } }, s.tokens.officerHn)).signBlocCovenant).toMatchObject({ status: 'COVENANT_SIGNED', covenant: { commitments } });
    expect((await s.api.refused(SIGN, { id: blocId, input: { signedOn: today, commitments } }, s.tokens.officerHn)).code).toBe('CONFLICT');
    expect((await s.api.refused(SIGN, { id: blocId, input: { signedOn: today, commitments } }, s.tokens.officerKh)).code).toBe('NOT_FOUND');
  });

  it('rank their units, refuse a tie at the top, and propose the leader for the emulation flag, which the covenant registers it for', async () => {
    // neither unit has women recorded: the tie stays for the council, naming the rule it could not apply
    const tie = await graphql<any>(env.platform.gatewayUrl, RANK, { id: blocId, scores: [{ unitId: s.units.may!.id, score: 90 }, { unitId: s.units.so!.id, score: 90 }] }, s.tokens.officerHn);
    expect(tie.errors![0]).toMatchObject({ message: expect.stringContaining('bằng điểm (90)'), extensions: { code: 'CONFLICT', rule: 'WOMEN_PREFERENCE', source: expect.stringContaining('Nghị định 98/2023/NĐ-CP, Điều 4') } });
    expect((await s.api.refused(RANK, { id: blocId, scores: [{ unitId: s.units.may!.id, score: 90 }] }, s.tokens.officerHn)).problems.map((p) => p.field)).toEqual(['scores']);
    const ranked = (await s.api.ok(RANK, { id: blocId, scores: [{ unitId: s.units.so!.id, score: 88.5 }, { unitId: s.units.may!.id, score: 96 }] }, s.tokens.officerHn)).rankEmulationBloc;
    expect(ranked).toMatchObject({
      status: 'RANKED',
      units: [{ unitName: 'Công đoàn Công ty May Thăng Long', score: 96, rank: 1 }, { unitName: 'Công đoàn Sở Công Thương Hà Nội', score: 88.5, rank: 2 }],
      leader: { unitName: 'Công đoàn Công ty May Thăng Long' },
      flagNomination: { source: 'BLOC', status: 'OPEN', subjectName: 'Công đoàn Công ty May Thăng Long', form: { code: 'CO_TINH' }, grantingUnit: { id: s.units.hn!.id }, awardYear: year },
    });
    expect((await s.api.refused(RANK, { id: blocId, scores: [{ unitId: s.units.so!.id, score: 99 }, { unitId: s.units.may!.id, score: 96 }] }, s.tokens.officerHn)).code).toBe('CONFLICT');

    const publicView = await graphql<any>(env.platform.gatewayUrl, `query($id: ID!) { emulationBloc(id: $id) { name status leader { unitName } flagNomination { id } source } }`, { id: blocId });
    expect(publicView.data.emulationBloc).toMatchObject({ status: 'RANKED', leader: { unitName: 'Công đoàn Công ty May Thăng Long' }, flagNomination: null, source: expect.stringContaining('Điều 16') });
    const listed = (await s.api.ok(`query($u: ID, $y: Int) { emulationBlocs(organiserUnitId: $u, year: $y) { edges { node { id } } } }`, { u: s.units.hn!.id, y: year })).emulationBlocs.edges;
    expect(listed.map((e: any) => e.node.id)).toEqual([blocId]);

    await s.approve(ranked.flagNomination.id);
    expect(await s.grant(ranked.flagNomination.id, today, { taskRating: 'EXCELLENT' })).toMatchObject({ formCode: 'CO_TINH', subjectName: 'Công đoàn Công ty May Thăng Long' });
  });

  it('give a tie at the top to the one unit of at least 70% women (Nghị định 98/2023, Điều 4), and leave any other tie to the council', async () => {
    // two new units of Hà Nội, in no bloc yet: a garment workshop of seven women and three men, a workshop of six men and four women
    const unit = (code: string, name: string) => s.api.createUnit({ parentId: s.units.hn!.id, code: `${code}-${s.run}`, name, level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' }, s.tokens.admin);
    const sewing = await unit('may-theu', 'Công đoàn Công ty May thêu Hoàn Kiếm');
    const casting = await unit('co-khi', 'Công đoàn Công ty Cơ khí Đông Anh');
    const ids: string[] = [];
    for (const [at, women, men] of [[sewing, 7, 3], [casting, 4, 6]] as const) {
      for (let i = 0; i < women + men; i++) {
        ids.push(await s.api.createMember({ unitId: at.id, fullName: `Công nhân ${i + 1}`, occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false, gender: i < women ? 'FEMALE' : 'MALE' }, s.tokens.admin));
      }
    }
    await eventuallyCounted('reward', 'member_refs WHERE id = ANY($1::uuid[])', [ids], 20, 'the new members in reward’s read model');
    const bloc = (await s.api.ok(CREATE, { input: blocInput({ name: `Cụm thi đua sản xuất Thủ đô ${s.run}`, memberUnitIds: [casting.id, sewing.id] }) }, s.tokens.officerHn)).createEmulationBloc;
    await s.api.ok(SIGN, { id: bloc.id, input: { signedOn: today, commitments: ['Mỗi đơn vị có ít nhất 3 sáng kiến được công nhận trong năm'] } }, s.tokens.officerHn);
    const ranked = (await s.api.ok(RANK, { id: bloc.id, scores: [{ unitId: casting.id, score: 90 }, { unitId: sewing.id, score: 90 }] }, s.tokens.officerHn)).rankEmulationBloc;
    expect(ranked).toMatchObject({ status: 'RANKED', leader: { unitName: 'Công đoàn Công ty May thêu Hoàn Kiếm' }, flagNomination: { source: 'BLOC', subjectName: 'Công đoàn Công ty May thêu Hoàn Kiếm' } });
    expect(ranked.units.map((u: any) => [u.unitName, u.rank])).toEqual([['Công đoàn Công ty May thêu Hoàn Kiếm', 1], ['Công đoàn Công ty Cơ khí Đông Anh', 2]]);
  });
});
