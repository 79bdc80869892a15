/**
 * Issue 16 item 7, through the real gateway, media, the broker and reward: an exemplar proposed from a story is a
 * nomination dated by the deed, not by the proposal, before a council that can grant the proposed form — the one the
 * proposer chose among those reward lists, or the nearest; never a grassroots council for a Bằng khen.
 */
import { RewardScenario, REVIEW, daysAgo } from '../support/reward';
import { eventually, graphql } from '../support/graphql';
import { eventuallyCounted } from '../support/read-models';
import { usePlatform } from '../support/platform';

const env = usePlatform();

const COUNCILS = `query($form: String!, $m: ID, $u: ID) { grantingCouncils(formCode: $form, memberId: $m, unitId: $u) { unit { id } name level } }`;
const PROPOSE = `mutation($i: ExemplarProposalInput!) { proposeExemplar(input: $i) }`;
const DISCOVERIES = `{ nominations(source: MEDIA_DISCOVERY, first: 100) { edges { node { id reason achievedOn awardYear form { code } grantingUnit { id } status } } } }`;

describe('an exemplar proposed from a story', () => {
  let s: RewardScenario;
  let editor: string;
  let storyId: string;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    editor = await s.token(['EDITOR'], 'hn', 'editor-hn');
    await eventuallyCounted('media', 'member_refs WHERE id = $1', [s.members.hoa], 1, 'Hoa in media’s read model');
    storyId = (await s.api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: { kind: 'GOOD_DEED', title: `Nữ công nhân cứu bạn khỏi đám cháy ${s.run}`, body: 'Chị Hoa dập tắt đám cháy ở xưởng may.', provinceCode: 'HN', memberIds: [s.members.hoa] },
    }, editor)).createStory.id;
  });

  /** The nomination reward opened from the proposal whose achievement is `reason`. */
  const nominationFor = (reason: string) =>
    eventually(async () => (await s.api.ok(DISCOVERIES, {}, s.tokens.admin)).nominations.edges.map((e: any) => e.node).find((n: any) => n.reason === reason) ?? null, 30000, `the nomination “${reason}”`);

  it('lists the councils that can grant the form, nearest first, to editors and officers over the subject only', async () => {
    const bangKhen = (await s.api.ok(COUNCILS, { form: 'BK_TINH', m: s.members.hoa }, editor)).grantingCouncils;
    expect(bangKhen).toEqual([
      { unit: { id: s.units.hn!.id }, name: 'Liên đoàn Lao động thành phố Hà Nội', level: 'PROVINCIAL' },
      { unit: { id: s.units.vn!.id }, name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' },
    ]);
    expect((await s.api.ok(COUNCILS, { form: 'GIAY_KHEN', m: s.members.hoa }, s.tokens.officerHn)).grantingCouncils.map((c: any) => c.unit.id)).toEqual([s.units.may!.id]);
    // a yearly title is the employer's: only the grassroots union in the enterprise proposes it, not Hà Nội (Law art. 80 cl. 4)
    expect((await s.api.ok(COUNCILS, { form: 'LDTT', m: s.members.hoa }, editor)).grantingCouncils.map((c: any) => c.unit.id)).toEqual([s.units.may!.id]);
    // an emulation title is not proposed to the collective kind it is not for: no council can grant LĐTT to a unit
    expect((await s.api.ok(COUNCILS, { form: 'LDTT', u: s.units.may!.id }, editor)).grantingCouncils).toEqual([]);
    const otherProvince = await s.token(['EDITOR'], 'kh', 'editor-kh');
    expect(await s.api.refused(COUNCILS, { form: 'BK_TINH', m: s.members.hoa }, otherProvince)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('thuộc phạm vi của bạn') });
    expect((await s.api.refused(COUNCILS, { form: 'BK_TINH', m: s.members.hoa }, s.tokens.councilHn)).code).toBe('FORBIDDEN');
    expect((await graphql(env.platform.gatewayUrl, COUNCILS, { form: 'BK_TINH', m: s.members.hoa })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await s.api.refused(COUNCILS, { form: 'KHONG_CO', m: s.members.hoa }, editor)).code).toBe('NOT_FOUND');
  });

  it('dates the nomination by the deed and sends a Bằng khen to the province’s council, which can act on it', async () => {
    const reason = `Dập tắt đám cháy ở xưởng may ${s.run}`;
    await s.api.ok(PROPOSE, { i: { storyId, memberId: s.members.hoa, achievement: reason, achievedOn: daysAgo(40), formCode: 'BK_TINH' } }, editor);
    const nomination = await nominationFor(reason);
    expect(nomination).toMatchObject({ achievedOn: daysAgo(40), awardYear: Number(daysAgo(40).slice(0, 4)), form: { code: 'BK_TINH' }, grantingUnit: { id: s.units.hn!.id }, status: 'OPEN' });
    // the grassroots council never sees it; the province's does, votes and decides
    expect((await s.api.refused(REVIEW, { id: nomination.id, vote: 'FOR' }, s.tokens.councilMay)).code).toBe('NOT_FOUND');
    await s.approve(nomination.id);
    expect(await s.grant(nomination.id, daysAgo(0))).toMatchObject({ formCode: 'BK_TINH', daysToDecision: 40 });
  });

  it('sends it to the council the proposer chose, and to the nearest that can grant the form when the one chosen cannot', async () => {
    const toNational = `Cứu hai đồng nghiệp trong đám cháy ${s.run}`;
    await s.api.ok(PROPOSE, { i: { storyId, memberId: s.members.hoa, achievement: toNational, achievedOn: daysAgo(10), formCode: 'BK_TINH', grantingUnitId: s.units.vn!.id } }, editor);
    expect(await nominationFor(toNational)).toMatchObject({ grantingUnit: { id: s.units.vn!.id }, achievedOn: daysAgo(10) });
    // the grassroots union is above Hoa but gives no Bằng khen: reward takes it to Hà Nội
    const grassroots = `Báo cháy kịp thời cho cả phân xưởng ${s.run}`;
    await s.api.ok(PROPOSE, { i: { storyId, memberId: s.members.hoa, achievement: grassroots, achievedOn: daysAgo(10), formCode: 'BK_TINH', grantingUnitId: s.units.may!.id } }, editor);
    expect(await nominationFor(grassroots)).toMatchObject({ grantingUnit: { id: s.units.hn!.id }, form: { code: 'BK_TINH' } });
  });

  it('refuses a deed in the future, a council not above the subject and a form that is not a code, by field', async () => {
    const base = { storyId, memberId: s.members.hoa, achievement: 'Một việc làm tốt đáng được khen', achievedOn: daysAgo(3), formCode: 'BK_TINH' };
    const future = await s.api.refused(PROPOSE, { i: { ...base, achievedOn: '2999-01-01', formCode: 'bằng khen' } }, editor);
    expect(future.code).toBe('BAD_USER_INPUT');
    expect(future.problems.map((p: any) => [p.field, p.message])).toEqual([
      ['achievedOn', 'Ngày của việc làm không thể ở tương lai'],
      ['formCode', expect.stringContaining('Chọn hình thức khen thưởng')],
    ]);
    const sideways = await s.api.refused(PROPOSE, { i: { ...base, grantingUnitId: s.units.kh!.id } }, editor);
    expect(sideways).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'grantingUnitId', message: expect.stringContaining('không phải đơn vị của Nguyễn Thị Hoa') }] });
  });
});
