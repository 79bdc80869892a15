/**
 * What the reward scenarios (test/reward/*.test.ts) stand on: each builds its own union tree in Hà Nội with the same
 * five members, its own tokens and its own catalogue edits (put back when it ends), so no scenario depends on
 * another's data. The helpers nominate, vote and decide through the real gateway.
 */
import { daysAgoInVietnam, eventsTopic, yearInVietnam, type Role } from '@thidua/common';
import { issueTestToken } from './tokens';
import type { Api } from './api';
import { graphql } from './graphql';
import { readTopic, testKafka, type ReadMessage } from './kafka';
import type { TestPlatform } from './platform';
import { eventuallyCounted } from './read-models';
import { buildUnionTree, type UnionTree } from './union-tree';

export const year = yearInVietnam();
/** A day `n` days before today (Vietnam time), so every date is in the past whenever the suite runs. */
export const daysAgo = (n: number) => daysAgoInVietnam(n);
export const today = daysAgo(0);

export const NOMINATE = `mutation($input: NominateInput!) { nominate(input: $input) { id status source awardYear form { code } } }`;
export const REVIEW = `mutation($id: ID!, $vote: CouncilVote, $comment: String) { reviewNomination(id: $id, vote: $vote, comment: $comment) { status votesFor votesAgainst reviews { vote comment } } }`;
const DECISION_FIELDS = 'id number decidedOn formCode formName adHoc subjectName unitName amountVnd baseSalaryVnd daysToDecision awardYear';
export const GRANT = `mutation($id: ID!, $input: GrantRewardInput!) { grantReward(nominationId: $id, input: $input) { ${DECISION_FIELDS} } }`;
const PROPOSE_TO_EMPLOYER = `mutation($id: ID!, $input: ProposeRewardInput!) { proposeReward(nominationId: $id, input: $input) { id } }`;
const EMPLOYER_DECISION = `mutation($id: ID!, $input: AuthorityDecisionInput!) { recordAuthorityDecision(id: $id, input: $input) { ${DECISION_FIELDS} } }`;
/** The forms the head of the agency or enterprise decides (Law art. 80): a grassroots union's council proposes them. */
export const EMPLOYER_FORMS = ['LDTT', 'CSTDCS', 'TTLDTT', 'GIAY_KHEN_DN'];
const FORM_INPUT_FIELDS = 'code name kind subjects grantingLevels individualMultiplier collectiveMultiplier precedence eligibility collectiveEligibility quota source verified active';
export const AGREEMENT = `mutation($input: CollectiveAgreementInput!) { registerCollectiveAgreement(input: $input) { id employerName initiativeRate clauses { code period amountVnd maxRecipientsPerPeriod } } }`;
export const REGISTER_TITLES = `mutation($input: EmulationRegistrationInput!) { registerEmulationTitles(input: $input) { id status registeredOn forms { code } } }`;
export const REGISTER_INITIATIVE = `mutation($input: RegisterInitiativeInput!) { registerInitiative(input: $input) { id status authorName } }`;
export const ASSESS_INITIATIVE = `mutation($id: ID!, $input: AssessInitiativeInput!) {
  assessInitiative(id: $id, input: $input) { status benefitValueVnd rate rateSource rewardVnd recognisedYear reach }
}`;

export interface NominationSpec {
  memberKey?: string;
  unitKey?: string;
  granting: string;
  formCode?: string;
  source?: 'OFFICER' | 'AD_HOC';
  taskRating?: string;
  achievedOn: string;
  awardYear?: number;
  reason?: string;
}

export type Tokens = Record<'admin' | 'officerHn' | 'officerKh' | 'officerMay' | 'councilHn' | 'councilHn2' | 'councilHn3' | 'councilMay' | 'councilMay2' | 'councilMay3' | 'employer' | 'hoa', string>;

export const ADD_COUNCIL_MEMBER = `mutation($unitId: ID!, $input: CouncilMemberInput!) { addCouncilMember(unitId: $unitId, input: $input) { id accountId fullName position } }`;
export const OPEN_MEETING = `mutation($unitId: ID!, $input: CouncilMeetingInput!) { openCouncilMeeting(unitId: $unitId, input: $input) { id heldOn status membersTotal quorumNeeded quorumMet attendees { fullName } } }`;

/** The councils each scenario seats when it first needs them, three members each (the accounts are the tokens' subjects): the national federation's, Hà Nội's and Công ty May's. */
const COUNCILS: Record<'vn' | 'hn' | 'may', { sub: string; fullName: string; position: string }[]> = {
  vn: [
    { sub: 'council-vn', fullName: 'Hoàng Văn Bình', position: 'CHAIR' },
    { sub: 'council-vn-2', fullName: 'Phạm Thị Duyên', position: 'VICE_CHAIR' },
    { sub: 'council-vn-3', fullName: 'Bùi Quang Khải', position: 'MEMBER' },
  ],
  hn: [
    { sub: 'council-hn-1', fullName: 'Vũ Thị Thu', position: 'CHAIR' },
    { sub: 'council-hn-2', fullName: 'Ngô Văn Hải', position: 'VICE_CHAIR' },
    { sub: 'council-hn-3', fullName: 'Đặng Minh Châu', position: 'MEMBER' },
  ],
  may: [
    { sub: 'council-may', fullName: 'Trịnh Văn Sơn', position: 'CHAIR' },
    { sub: 'council-may-2', fullName: 'Lý Thị Mai', position: 'MEMBER' },
    { sub: 'council-may-3', fullName: 'Hồ Văn Phúc', position: 'MEMBER' },
  ],
};
type CouncilUnit = keyof typeof COUNCILS;

/** Hà Nội's federation, Công ty May Thăng Long (Hoa, Lan, Tuấn: direct workers; Minh: a leader) and Sở Công Thương (Bình). */
const HANOI = {
  units: {
    vn: { name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' },
    hn: { parent: 'vn', name: 'Liên đoàn Lao động thành phố Hà Nội', level: 'PROVINCIAL', provinceCode: 'HN' },
    kh: { parent: 'vn', name: 'Liên đoàn Lao động tỉnh Khánh Hòa', level: 'PROVINCIAL', provinceCode: 'KH' },
    may: { parent: 'hn', name: 'Công đoàn Công ty May Thăng Long', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' },
    so: { parent: 'hn', name: 'Công đoàn Sở Công Thương Hà Nội', level: 'GRASSROOTS', organisationType: 'ADMINISTRATIVE_AGENCY' },
  },
  members: {
    hoa: { unit: 'may', fullName: 'Nguyễn Thị Hoa', occupationCode: 'CN_DET_MAY', direct: true },
    lan: { unit: 'may', fullName: 'Trần Thị Lan', occupationCode: 'CN_DET_MAY', direct: true },
    tuan: { unit: 'may', fullName: 'Lê Văn Tuấn', occupationCode: 'CN_DET_MAY', direct: true },
    minh: { unit: 'may', fullName: 'Phạm Quang Minh', occupationCode: 'CONG_CHUC', direct: false, leader: true },
    binh: { unit: 'so', fullName: 'Đỗ Thanh Bình', occupationCode: 'CONG_CHUC', direct: false },
  },
} as const;

function treeToken(tree: UnionTree, roles: Role[], unitKey: string, sub: string, memberId: string | null): Promise<string> {
  return issueTestToken({ sub, name: sub, roles, unitPath: tree.units[unitKey]!.path, memberId });
}

export class RewardScenario {
  private readonly editedForms = new Map<string, Record<string, unknown>>();

  private constructor(
    readonly platform: TestPlatform,
    readonly api: Api,
    readonly tree: UnionTree,
    readonly tokens: Tokens,
  ) {}

  get run(): string {
    return this.tree.run;
  }
  get units(): UnionTree['units'] {
    return this.tree.units;
  }
  get members(): UnionTree['members'] {
    return this.tree.members;
  }

  /** A fresh Hà Nội tree with its officers, councils, employer and member tokens, once reward's read model has the members. */
  static async start(platform: TestPlatform, api: Api): Promise<RewardScenario> {
    const admin = await platform.token(['NATIONAL_ADMIN'], '/');
    const tree = await buildUnionTree(api, admin, HANOI);
    const token = (roles: Role[], unitKey: string, sub: string, memberId: string | null = null) => treeToken(tree, roles, unitKey, sub, memberId);
    const tokens: Tokens = {
      admin,
      officerHn: await token(['UNIT_OFFICER'], 'hn', 'officer-hn'),
      officerKh: await token(['UNIT_OFFICER'], 'kh', 'officer-kh'),
      officerMay: await token(['UNIT_OFFICER'], 'may', 'officer-may'),
      councilHn: await token(['COUNCIL_MEMBER'], 'hn', 'council-hn-1'),
      councilHn2: await token(['COUNCIL_MEMBER'], 'hn', 'council-hn-2'),
      councilHn3: await token(['COUNCIL_MEMBER'], 'hn', 'council-hn-3'),
      councilMay: await token(['COUNCIL_MEMBER'], 'may', 'council-may'),
      councilMay2: await token(['COUNCIL_MEMBER'], 'may', 'council-may-2'),
      councilMay3: await token(['COUNCIL_MEMBER'], 'may', 'council-may-3'),
      employer: await token(['EMPLOYER'], 'may', 'employer-may'),
      hoa: await token(['MEMBER'], 'may', 'member-hoa', tree.members.hoa!),
    };
    await eventuallyCounted('reward', 'member_refs WHERE id = ANY($1::uuid[])', [Object.values(tree.members)], 5, 'members in reward’s read model');
    const scenario = new RewardScenario(platform, api, tree, tokens);
    // yearly titles go only to registered subjects: the five members and the two units registered this year, approved by Hà Nội
    for (const memberKey of Object.keys(tree.members)) await scenario.registerTitles({ memberKey }, ['CSTDCS']);
    for (const unitKey of ['may', 'so']) await scenario.registerTitles({ unitKey }, ['TTLDXS']);
    return scenario;
  }

  /** A paper registration (đăng ký thi đua) of this year entered and approved by Hà Nội's officer: its id. */
  async registerTitles(subject: { memberKey?: string; unitKey?: string }, formCodes: string[], registeringYear = year): Promise<string> {
    const input = {
      year: registeringYear,
      memberId: subject.memberKey ? this.members[subject.memberKey] : null,
      unitId: subject.unitKey ? this.units[subject.unitKey]!.id : null,
      formCodes,
      registeredOn: today <= `${registeringYear}-03-31` ? today : `${registeringYear}-03-31`,
    };
    const { id } = (await this.api.ok(REGISTER_TITLES, { input }, this.tokens.officerHn)).registerEmulationTitles;
    await this.api.ok(`mutation($id: ID!) { reviewEmulationRegistration(id: $id, approve: true) { status } }`, { id }, this.tokens.officerHn);
    return id;
  }

  /** A token of someone in this tree's unit `unitKey`. */
  token(roles: Role[], unitKey: string, sub: string, memberId: string | null = null): Promise<string> {
    return treeToken(this.tree, roles, unitKey, sub, memberId);
  }

  async nominate(spec: NominationSpec, by = this.tokens.officerHn): Promise<string> {
    const input = {
      source: spec.source ?? 'OFFICER',
      memberId: spec.memberKey ? this.members[spec.memberKey] : null,
      unitId: spec.unitKey ? this.units[spec.unitKey]!.id : null,
      grantingUnitId: this.units[spec.granting]!.id,
      formCode: spec.formCode ?? null,
      taskRating: spec.taskRating ?? null,
      achievedOn: spec.achievedOn,
      awardYear: spec.awardYear ?? null,
      reason: spec.reason ?? 'Hoàn thành vượt mức chỉ tiêu năng suất của tổ sản xuất',
    };
    return (await this.api.ok(NOMINATE, { input }, by)).nominate.id;
  }

  /** The seats of the councils (ids by the account's subject), filled when the scenario starts. */
  readonly seats = new Map<string, string>();

  /** Seats a unit's council and opens its meeting with everyone present, once (the first approval does it). */
  async seatCouncil(unitKey: CouncilUnit): Promise<void> {
    if (COUNCILS[unitKey].every((seat) => this.seats.has(seat.sub))) return;
    const unitId = this.units[unitKey]!.id;
    for (const seat of COUNCILS[unitKey]) {
      const { id } = (await this.api.ok(ADD_COUNCIL_MEMBER, { unitId, input: { accountId: seat.sub, fullName: seat.fullName, position: seat.position } }, this.tokens.admin)).addCouncilMember;
      this.seats.set(seat.sub, id);
    }
    await this.api.ok(OPEN_MEETING, { unitId, input: { attendeeIds: COUNCILS[unitKey].map((seat) => this.seats.get(seat.sub)) } }, this.tokens.admin);
  }

  /** Every member of the nomination's council votes for it in the open meeting (the `council` token only says which council, as before). */
  async approve(nominationId: string, _council?: string): Promise<void> {
    await this.vote(nominationId, 'FOR');
  }

  /** Every member of the nomination's council votes the same way in the open meeting: AGAINST is how a council concludes not to reward. */
  async vote(nominationId: string, vote: 'FOR' | 'AGAINST'): Promise<void> {
    const { nomination } = await this.api.ok(`query($id: ID!) { nomination(id: $id) { grantingUnit { id } } }`, { id: nominationId }, this.tokens.admin);
    const unitKey = (Object.keys(COUNCILS) as CouncilUnit[]).find((key) => this.units[key]!.id === nomination.grantingUnit.id)!;
    await this.seatCouncil(unitKey);
    for (const seat of COUNCILS[unitKey]) await this.api.ok(REVIEW, { id: nominationId, vote }, await this.token(['COUNCIL_MEMBER'], unitKey, seat.sub));
  }

  async grant(nominationId: string, decidedOn: string, extra: Record<string, unknown> = {}, by = this.tokens.councilHn) {
    return (await this.api.ok(GRANT, { id: nominationId, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố', decidedOn, ...extra } }, by)).grantReward;
  }

  async refusedGrant(nominationId: string, decidedOn: string, extra: Record<string, unknown> = {}, by = this.tokens.councilHn) {
    const result = await graphql(this.platform.gatewayUrl, GRANT, { id: nominationId, input: { signerRole: 'Chủ tịch Liên đoàn Lao động thành phố', decidedOn, ...extra } }, by);
    const error = result.errors?.[0];
    if (!error) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
    return { message: error.message, ...(error.extensions as { code: string; rule?: string; source?: string }) };
  }

  /**
   * Nominated by Hà Nội's officer and approved by the council of `spec.granting`: the decision. The council grants it,
   * or for the yearly titles the employer decides (Law art. 80) Công ty May's council proposes them and its director
   * decides on the same day.
   */
  async decide(spec: NominationSpec, decidedOn: string) {
    const id = await this.nominate(spec);
    await this.approve(id);
    return spec.granting === 'may' && EMPLOYER_FORMS.includes(spec.formCode ?? '') ? this.decideByEmployer(id, decidedOn) : this.grant(id, decidedOn);
  }

  private employerNumbers = 0;

  /** Công ty May's council proposes the approved nomination to its director, whose decision of `decidedOn` is recorded as its paper says: the decision. */
  async decideByEmployer(nominationId: string, decidedOn: string, extra: Record<string, unknown> = {}) {
    const proposal = (await this.api.ok(PROPOSE_TO_EMPLOYER, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', proposedOn: decidedOn, ...extra } }, this.tokens.councilMay)).proposeReward;
    const input = { number: `${++this.employerNumbers}/QĐ-CTMTL`, decidedOn, signerRole: 'Giám đốc Công ty', signerName: 'Trịnh Văn Sơn' };
    return (await this.api.ok(EMPLOYER_DECISION, { id: proposal.id, input }, this.tokens.employer)).recordAuthorityDecision;
  }

  /** Công ty May's council's proposal to the director, refused: its error. */
  async refusedProposal(nominationId: string, proposedOn: string, by = this.tokens.councilMay) {
    const result = await graphql(this.platform.gatewayUrl, PROPOSE_TO_EMPLOYER, { id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', proposedOn } }, by);
    const error = result.errors?.[0];
    if (!error) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
    return { message: error.message, ...(error.extensions as { code: string; rule?: string; source?: string }) };
  }

  /** A catalogue form as it is now; the first time, kept to be put back by restoreEditedForms. */
  async formForEditing(code: string): Promise<Record<string, unknown>> {
    const { rewardForm } = await this.api.ok(`query($code: ID!) { rewardForm(code: $code) { ${FORM_INPUT_FIELDS} } }`, { code });
    if (!this.editedForms.has(code)) this.editedForms.set(code, rewardForm);
    return rewardForm;
  }

  /** Puts back the forms this scenario edited: the catalogue is shared by every scenario. */
  async restoreEditedForms(): Promise<void> {
    for (const form of this.editedForms.values()) {
      await this.api.ok(`mutation($input: RewardFormInput!) { saveRewardForm(input: $input, note: "Khôi phục sau kiểm thử") { version } }`, { input: form }, this.tokens.admin);
    }
    this.editedForms.clear();
  }

  agreementInput() {
    return {
      unitId: this.units.may!.id,
      employerName: 'Công ty TNHH May Thăng Long',
      signedOn: daysAgo(400),
      validFrom: daysAgo(365),
      validUntil: `${year + 2}-12-31`,
      initiativeRate: 0.1,
      clauses: [{ code: 'D5.1', period: 'MONTHLY', criterion: 'Năng suất vượt 120% định mức trong tháng, không có sản phẩm lỗi', amountVnd: 500_000, maxRecipientsPerPeriod: 2 }],
    };
  }

  /** The collective agreement of Công ty May Thăng Long (initiatives paid 10%, clause D5.1: 500,000 VND a month to at most 2). */
  async registerAgreement() {
    return (await this.api.ok(AGREEMENT, { input: this.agreementInput() }, this.tokens.employer)).registerCollectiveAgreement;
  }

  /** Hoa's jig, registered by her and recognised by Công ty May's council (its reach is the unit's): 120,000,000 VND benefit, paid at the agreement's rate when there is one. */
  async recogniseHoasInitiative() {
    const id = (await this.api.ok(REGISTER_INITIATIVE, { input: { title: 'Cữ gá may túi tự động', description: 'Cữ gá giúp may túi áo nhanh gấp đôi, giảm lỗi đường may' } }, this.tokens.hoa)).registerInitiative.id;
    return { id, ...(await this.assessInitiative(id, HOAS_ASSESSMENT)) };
  }

  /** Assessed for the council of the reach's level: Công ty May's officer for the unit, Hà Nội's for the province. */
  async assessInitiative(id: string, input: Record<string, unknown>, by = input.reach === 'UNIT' ? this.tokens.officerMay : this.tokens.officerHn) {
    return (await this.api.ok(ASSESS_INITIATIVE, { id, input }, by)).assessInitiative;
  }

  rewardEvents(enough: (messages: ReadMessage[]) => boolean): Promise<ReadMessage[]> {
    return readTopic(testKafka('reward-events'), eventsTopic('reward', process.env.KAFKA_TOPIC_PREFIX ?? ''), enough);
  }
}

export const HOAS_ASSESSMENT = {
  recognised: true,
  reach: 'UNIT',
  firstYearSavingsVnd: 150_000_000,
  firstYearEarningsVnd: 0,
  applicationCostVnd: 30_000_000,
  calculation: 'Tiết kiệm 12,5 triệu đồng/tháng × 12 tháng, trừ 30 triệu chi phí chế tạo cữ gá',
};


export const payloadsOf = (messages: ReadMessage[], type: string) =>
  messages.filter((m) => m.headers['event-type'] === type).map((m) => JSON.parse(m.value!).payload as Record<string, any>);

/**
 * A year of rewards in Hà Nội whose figures are worked out by hand (the register and fairness scenarios), all
 * decided in the last 100 days unless said; the members' yearly titles by Công ty May's director on its union's proposal: LĐTT to Hoa (10 days from achievement to decision), Lan (15) and Tuấn
 * (20); CSTDCS to Hoa (30); TTLĐTT to Công ty May (40); Bằng khen to Minh (11) and to Hoa (0); an ad-hoc Giấy
 * khen to Tuấn (2), and two older ad-hoc Giấy khen to Hoa (a fire, 2024) and Lan (the Yagi floods, 2025). Employer
 * rewards to Hoa and Lan under clause D5.1 this month.
 */
export async function rewardYearInHanoi(s: RewardScenario): Promise<void> {
  const achieved = daysAgo(60);
  const ldtt = (memberKey: string, decidedOn: string) => s.decide({ memberKey, granting: 'may', formCode: 'LDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year }, decidedOn);
  await ldtt('hoa', daysAgo(50));
  await ldtt('lan', daysAgo(45));
  await ldtt('tuan', daysAgo(40));
  await s.decide({ memberKey: 'hoa', granting: 'may', formCode: 'CSTDCS', taskRating: 'EXCELLENT', achievedOn: achieved, awardYear: year }, daysAgo(30));
  await s.decide({ unitKey: 'may', granting: 'hn', formCode: 'TTLDTT', taskRating: 'GOOD', achievedOn: achieved, awardYear: year }, daysAgo(20));
  await s.decide({ memberKey: 'minh', granting: 'hn', formCode: 'BK_TINH', achievedOn: achieved, awardYear: year, reason: 'Chỉ đạo chuyển đổi số dây chuyền may' }, daysAgo(49));
  await s.decide({ memberKey: 'hoa', granting: 'hn', formCode: 'BK_TINH', achievedOn: today, awardYear: year, reason: 'Xếp hạng nhất phong trào thi đua sáng kiến Thủ đô' }, today);
  const adHoc = async (memberKey: string, achievedOn: string, decidedOn: string, reason: string) =>
    s.grant(await s.nominate({ memberKey, granting: 'may', formCode: 'GIAY_KHEN', source: 'AD_HOC', achievedOn, reason }), decidedOn, {}, s.tokens.councilMay);
  await adHoc('tuan', daysAgo(5), daysAgo(3), 'Phát hiện và xử lý kịp thời sự cố rò rỉ hơi nóng');
  await adHoc('hoa', '2024-06-20', '2024-06-28', 'Dũng cảm cứu đồng nghiệp khỏi đám cháy tại xưởng may');
  await adHoc('lan', '2025-09-08', '2025-09-10', 'Giúp đồng nghiệp vùng lũ khắc phục hậu quả bão Yagi');
  const agreement = await s.registerAgreement();
  await s.api.ok(`mutation($input: EmployerRewardInput!) { recordEmployerRewards(input: $input) { id } }`, {
    input: { agreementId: agreement.id, clauseCode: 'D5.1', periodStart: `${today.slice(0, 7)}-01`, memberIds: [s.members.hoa, s.members.lan], reason: 'Năng suất tháng vượt 125%' },
  }, s.tokens.employer);
}
