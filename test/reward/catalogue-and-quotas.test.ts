/**
 * Reward's catalogue as data, and the quotas it sets, through the real gateway: the emulation titles, commendations
 * and union awards with their legal sources and the dated base salary; national admins edit them with history;
 * a share quota, an absolute quota (ad hoc included) and a collective title's share of members with a title are
 * enforced at decision time. The catalogue is shared by every scenario: each scenario here puts back what it edits,
 * and no other file edits it.
 */
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { RewardScenario, daysAgo, today, year } from '../support/reward';
import { usePlatform } from '../support/platform';

const env = usePlatform();

describe('catalogue and base salary', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
  });

  afterAll(async () => {
    await s?.restoreEditedForms();
  });

  const FORMS = `query($date: Date) { rewardForms { code name kind individualMultiplier collectiveMultiplier source verified amountOn(date: $date) { baseSalaryVnd individualVnd collectiveVnd } } }`;

  it('is public, cites its sources and pays by the base salary in force on the day', async () => {
    const before = (await s.api.ok(FORMS, { date: '2024-06-30' })).rewardForms;
    const after = (await s.api.ok(FORMS, { date: '2024-07-01' })).rewardForms;
    const ldtt = (forms: any[]) => forms.find((f) => f.code === 'LDTT');
    expect(ldtt(before)).toMatchObject({ name: 'Lao động tiên tiến', kind: 'EMULATION_TITLE', individualMultiplier: 0.3, verified: true, amountOn: { baseSalaryVnd: 1_800_000, individualVnd: 540_000 } });
    expect(ldtt(before).source).toContain('06/2022/QH15');
    expect(ldtt(after).amountOn).toEqual({ baseSalaryVnd: 2_340_000, individualVnd: 710_000, collectiveVnd: null });
    expect(after.find((f: any) => f.code === 'BK_TINH')).toMatchObject({ verified: false, amountOn: { individualVnd: 3_510_000, collectiveVnd: 7_020_000 } });
    expect(after.map((f: any) => f.code)).toEqual(expect.arrayContaining(['CSTDCS', 'CSTD_TINH', 'CSTD_TQ', 'TTLDTT', 'TTLDXS', 'CO_TINH', 'CO_CP', 'GIAY_KHEN', 'BK_TTG', 'HCLD1', 'LAO_DONG_SANG_TAO', 'GIAI_NGUYEN_DUC_CANH']));
  });

  it('seeds the union’s quota and amounts, each marked unverified with the text it comes from', async () => {
    const SEEDED = `query($code: ID!) { rewardForm(code: $code) { name quota source verified grantingLevels amountOn(date: "2026-01-15") { individualVnd collectiveVnd } history { version note } } }`;
    const creative = (await s.api.ok(SEEDED, { code: 'LAO_DONG_SANG_TAO' })).rewardForm;
    expect(creative).toMatchObject({ name: 'Bằng Lao động sáng tạo', verified: false, amountOn: { individualVnd: 3_510_000, collectiveVnd: null } });
    expect(creative.source).toMatch(/999\/QĐ-TLĐ.*chưa đối chiếu/);
    // version 3 records who decides it (decision 0035)
    expect(creative.history.map((h: any) => h.version)).toEqual([3, 2, 1]);
    const thematic = (await s.api.ok(SEEDED, { code: 'BK_TLD_CHUYEN_DE' })).rewardForm;
    expect(thematic).toMatchObject({ verified: false, grantingLevels: ['NATIONAL'], quota: { kind: 'ABSOLUTE', max: 300 }, amountOn: { individualVnd: 3_510_000, collectiveVnd: 7_020_000 } });
    expect(thematic.quota.source).toContain('Quyết định 2106/QĐ-TLĐ');
  });

  it('lets national admins record a base salary rise; amounts on later days follow it', async () => {
    const SET = `mutation($input: BaseSalaryInput!) { setBaseSalary(input: $input) { effectiveFrom amountVnd roundingStepVnd verified } }`;
    const input = { effectiveFrom: '2090-07-01', amountVnd: 2_530_000, source: 'Mức tăng được báo chí đưa tin, chưa có nghị định', verified: false };
    expect((await s.api.refused(SET, { input }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    expect((await s.api.refused(SET, { input: { ...input, amountVnd: -1 } }, s.tokens.admin)).problems.map((p) => p.field)).toEqual(['amountVnd']);
    expect((await s.api.ok(SET, { input }, s.tokens.admin)).setBaseSalary).toEqual({ effectiveFrom: '2090-07-01', amountVnd: 2_530_000, roundingStepVnd: 10_000, verified: false });
    const cstdcs = (await s.api.ok(`{ rewardForm(code: "CSTDCS") { amountOn(date: "2090-07-02") { individualVnd } } }`)).rewardForm;
    expect(cstdcs.amountOn.individualVnd).toBe(2_530_000);
    expect((await s.api.ok(`{ baseSalaries { effectiveFrom } }`)).baseSalaries[0].effectiveFrom).toBe('2090-07-01');
  });

  it('lets national admins edit a form, refusing rules it cannot read and keeping every version', async () => {
    const SAVE = `mutation($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { code version quota history { version note } } }`;
    const rewardForm = await s.formForEditing('GIAY_KHEN');
    const bad = await s.api.refused(SAVE, { input: { ...rewardForm, eligibility: [{ kind: 'TITLE_IN_YEAR' }] }, note: 'Thử quy tắc sai' }, s.tokens.admin);
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('Điều kiện xét tặng cá nhân, quy tắc thứ 1 (có danh hiệu trong năm): "formCode" phải là mã một hình thức') });
    expect(bad.problems).toEqual([{ field: 'eligibility.0.formCode', message: expect.stringContaining('ví dụ LDTT') }]);
    const unknown = await s.api.refused(SAVE, { input: { ...rewardForm, eligibility: [{ kind: 'TITLE_IN_YEAR', formCode: 'KHONG_CO' }] }, note: 'Thử mã không có' }, s.tokens.admin);
    expect(unknown.problems).toEqual([{ field: 'eligibility', message: 'Điều kiện xét tặng cá nhân: danh mục không có hình thức mã KHONG_CO; hãy dùng mã của một hình thức đã có' }]);
    expect((await s.api.refused(SAVE, { input: rewardForm, note: 'Không được' }, s.tokens.officerHn)).code).toBe('FORBIDDEN');
    // one Giấy khen per granting unit and year: the quota test below relies on it
    const saved = (await s.api.ok(SAVE, { input: { ...rewardForm, quota: { kind: 'ABSOLUTE', max: 1, source: 'Quy chế khen thưởng của đơn vị (thử nghiệm)' } }, note: 'Giới hạn 1 giấy khen/năm' }, s.tokens.admin)).saveRewardForm;
    // version 2 recorded who decides it (decision 0035)
    expect(saved).toMatchObject({ version: 3, quota: { kind: 'ABSOLUTE', max: 1 } });
    expect(saved.history.map((h: any) => h.version)).toEqual([3, 2, 1]);
  });
});

describe('quotas and collective titles', () => {
  let s: RewardScenario;

  beforeAll(async () => {
    s = await RewardScenario.start(env.platform, env.api);
    // Công ty May's director decides LĐTT for Hoa, Lan and Tuấn this year, and CSTDCS for Hoa, on its union's proposal
    for (const [memberKey, decidedOn] of [['hoa', daysAgo(50)], ['lan', daysAgo(45)], ['tuan', daysAgo(40)]] as const) {
      await s.decide({ memberKey, granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(60), awardYear: year }, decidedOn);
    }
    await s.decide({ memberKey: 'hoa', granting: 'may', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: daysAgo(60), awardYear: year }, daysAgo(30));
    // one Giấy khen per granting unit and year
    const SAVE = `mutation($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { version } }`;
    const giayKhen = await s.formForEditing('GIAY_KHEN');
    await s.api.ok(SAVE, { input: { ...giayKhen, quota: { kind: 'ABSOLUTE', max: 1, source: 'Quy chế khen thưởng của đơn vị (thử nghiệm)' } }, note: 'Giới hạn 1 giấy khen/năm' }, s.tokens.admin);
  });

  afterAll(async () => {
    await s?.restoreEditedForms();
  });

  const achieved = daysAgo(60);

  it('enforces a share of another title per granting unit and year', async () => {
    const SAVE = `mutation($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { version } }`;
    const rewardForm = await s.formForEditing('CSTDCS');
    await s.api.ok(SAVE, { input: { ...rewardForm, quota: { kind: 'SHARE_OF_FORM', formCode: 'LDTT', share: 0.5 } }, note: 'Không quá 50% số LĐTT' }, s.tokens.admin);
    // Công ty May proposed LĐTT for Hoa, Lan and Tuấn this year, all decided: floor(0.5 × 3) = 1 CSTDCS, already Hoa's
    const lan = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: achieved, awardYear: year });
    await s.approve(lan);
    expect(await s.refusedProposal(lan, daysAgo(20))).toMatchObject({ code: 'CONFLICT', rule: 'SHARE_OF_FORM', message: expect.stringContaining('đã tặng 1/1 (50% số Lao động tiên tiến đã tặng (3))') });
  });

  it('enforces an absolute quota, ad hoc included', async () => {
    const first = await s.nominate({ memberKey: 'tuan', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: daysAgo(5), awardYear: year, reason: 'Phát hiện và xử lý kịp thời sự cố rò rỉ hơi nóng' });
    expect(await s.grant(first, daysAgo(3), {}, s.tokens.councilMay)).toMatchObject({ daysToDecision: 2, adHoc: true });
    const second = await s.nominate({ memberKey: 'lan', granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn: daysAgo(5), awardYear: year, reason: 'Hỗ trợ đồng nghiệp trong ca đêm' });
    expect(await s.refusedGrant(second, daysAgo(3), {}, s.tokens.councilMay)).toMatchObject({ code: 'CONFLICT', rule: 'ABSOLUTE' });
  });

  it('counts the proposals of a State form still on their way against its quota, and frees the place of one refused', async () => {
    const SAVE = `mutation($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { version } }`;
    const medal = await s.formForEditing('HCLD2');
    await s.api.ok(SAVE, { input: { ...medal, quota: { kind: 'ABSOLUTE', max: 1, source: 'Kế hoạch khen thưởng của Tổng Liên đoàn (thử nghiệm)' } }, note: 'Chỉ tiêu 1 Huân chương hạng Nhì mỗi năm' }, s.tokens.admin);
    const council = await s.token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    const officer = await s.token(['UNIT_OFFICER'], 'vn', 'officer-vn');
    const approved = async (memberKey: string) => {
      const id = await s.nominate({ memberKey, granting: 'vn', formCode: 'HCLD2', achievedOn: daysAgo(30), awardYear: year, reason: 'Mười năm liền hoàn thành xuất sắc nhiệm vụ, nhiều sáng kiến áp dụng toàn quốc' }, s.tokens.admin);
      await s.approve(id, council);
      return id;
    };
    const PROPOSE = `mutation($id: ID!) { proposeReward(nominationId: $id, input: { signerRole: "Chủ tịch Tổng Liên đoàn" }) { id status } }`;
    const first = (await s.api.ok(PROPOSE, { id: await approved('hoa') }, council)).proposeReward;
    expect(first.status).toBe('WITH_AUTHORITY');
    // no decision yet, but the first proposal holds the year's only place
    const second = await approved('lan');
    const full = await s.refusedProposal(second, today, council);
    expect(full).toMatchObject({ code: 'CONFLICT', rule: 'ABSOLUTE', source: expect.stringContaining('thử nghiệm') });
    expect(full.message).toContain('đã dùng 1/1 chỉ tiêu (đã tặng 0, 1 đề nghị đang trình chưa có quyết định) (1 mỗi đơn vị mỗi năm)');
    // refused by the President, it frees the place
    await s.api.ok(`mutation($id: ID!, $input: AuthorityRefusalInput!) { recordAuthorityRefusal(id: $id, input: $input) { status } }`,
      { id: first.id, input: { refusedOn: today, reason: 'Chưa đủ thời gian từ lần khen thưởng trước' } }, officer);
    expect((await s.api.ok(PROPOSE, { id: second }, council)).proposeReward.status).toBe('WITH_AUTHORITY');
  });

  it('refuses the 301st thematic certificate of the year, under the quota the catalogue was seeded with', async () => {
    const council = await s.token(['COUNCIL_MEMBER'], 'vn', 'council-vn');
    const thematic = async (memberKey: string) => {
      const id = await s.nominate({ memberKey, granting: 'vn', formCode: 'BK_TLD_CHUYEN_DE', achievedOn: daysAgo(5), awardYear: year, reason: 'Tiêu biểu trong chuyên đề Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động' }, s.tokens.admin);
      await s.approve(id, council);
      return id;
    };
    const first = await s.grant(await thematic('hoa'), daysAgo(3), {}, council);
    // 298 more of this national federation's certificates this year, copied from the first in the database:
    // granting them through the gateway would sign 596 documents, which this test is not about
    const db = new Client({ connectionString: databaseUrl('reward') });
    await db.connect();
    try {
      const [{ nominationId }] = (await db.query(`SELECT nomination_id AS "nominationId" FROM reward_decisions WHERE id = $1`, [first.id])).rows;
      for (let copy = 1; copy <= 298; copy++) {
        const [{ id }] = (await db.query(
          `INSERT INTO nominations SELECT (jsonb_populate_record(n, jsonb_build_object('id', gen_random_uuid()))).* FROM nominations n WHERE id = $1 RETURNING id`, [nominationId])).rows;
        await db.query(
          `INSERT INTO reward_decisions SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid(), 'nomination_id', $2::uuid, 'number', d.number || '-' || $3::text))).*
             FROM reward_decisions d WHERE id = $1`, [first.id, id, copy]);
      }
    } finally {
      await db.end();
    }
    expect(await s.grant(await thematic('lan'), daysAgo(3), {}, council)).toMatchObject({ formCode: 'BK_TLD_CHUYEN_DE', amountVnd: 3_510_000 });
    const refused = await s.refusedGrant(await thematic('tuan'), daysAgo(3), {}, council);
    expect(refused).toMatchObject({ code: 'CONFLICT', rule: 'ABSOLUTE', source: expect.stringContaining('không quá 300 Bằng khen một chuyên đề') });
    expect(refused.message).toContain(`đã tặng 300/300 (300 mỗi đơn vị mỗi năm)`);
    // another unit's council is not held back by the national federation's quota: a Bằng khen of Hà Nội still passes
    expect(await s.decide({ memberKey: 'tuan', granting: 'hn', formCode: 'BK_TINH', achievedOn: daysAgo(5), awardYear: year, reason: 'Tiêu biểu trong chuyên đề Văn hóa Thể thao' }, daysAgo(2))).toMatchObject({ formCode: 'BK_TINH' });
  });

  it('grants a collective title only when enough of its members hold the title', async () => {
    // Công ty May has 4 members: Hoa, Lan, Tuấn (LĐTT) and Minh; more than 50% needed
    // a collective is judged by the level above it (decision 0042)
    const collective = await s.nominate({ unitKey: 'may', granting: 'hn', formCode: 'TTLDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await s.approve(collective);
    const so = await s.nominate({ unitKey: 'so', granting: 'hn', formCode: 'TTLDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year });
    await s.approve(so);
    expect(await s.refusedGrant(so, daysAgo(20))).toMatchObject({ rule: 'MEMBERS_WITH_TITLE', message: expect.stringContaining('trên 50% thành viên đạt Lao động tiên tiến (có 0/1)') });
    expect(await s.grant(collective, daysAgo(20))).toMatchObject({ formCode: 'TTLDTT', subjectName: 'Công đoàn Công ty May Thăng Long', amountVnd: 1_880_000, daysToDecision: 40 });
    const minh = await s.nominate({ memberKey: 'minh', granting: 'hn', formCode: 'BK_TINH', achievedOn: achieved, awardYear: year, reason: 'Chỉ đạo chuyển đổi số dây chuyền may' });
    await s.approve(minh);
    expect(await s.grant(minh, daysAgo(49))).toMatchObject({ amountVnd: 3_510_000, daysToDecision: 11 });
  });
});
