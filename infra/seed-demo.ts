/**
 * Loads the demo data through the gateway, as the people of the demo would (so every event flows as in real use):
 * a small union tree, members of several occupations, three launched movements from the source article, and an
 * account for every demo role, each signed in at Keycloak with its password as a person would.
 * Idempotent: what exists already (by unit code, member name in unit, campaign title, username) is left alone.
 * Prints the portal's URL and each demo account's username and password; writes them to .data/demo-accounts.txt.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { daysAgoInVietnam, loadGatewayConfig, writePrivateFile, type Role } from '@thidua/common';
import { ensureNationalAdmin } from '../services/campaign/src/bootstrap-admin';
import { signInWithPassword, SignInRefusedError } from './keycloak/password-sign-in';

const config = loadGatewayConfig();
/** Where the demo accounts and the news channel's key are written (the browser tests seed their own platform). */
const OUTPUT_DIR = process.env.DEMO_OUTPUT_DIR ?? path.resolve(__dirname, '..', '.data');
const GATEWAY = process.env.GATEWAY_URL ?? `http://127.0.0.1:${config.port}/graphql`;
const PORTAL = GATEWAY.replace(/\/graphql$/, '');
/** Every demo account's password (the realm's policy: 10 characters, upper and lower case, a digit). */
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'ThiDua@2026';
/** The demo's national admin, made by the bootstrap command as an operator would make the first one. */
const ADMIN = { username: 'quantri', fullName: 'Quản trị Tổng Liên đoàn' };

interface UnitSeed {
  code: string;
  name: string;
  level: 'NATIONAL' | 'PROVINCIAL' | 'SECTOR' | 'UPPER_GRASSROOTS' | 'GRASSROOTS';
  parent?: string;
  organisationType?: string;
  provinceCode?: string;
}

const UNITS: UnitSeed[] = [
  { code: 'VN', name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' },
  { code: 'HN', name: 'Liên đoàn Lao động thành phố Hà Nội', level: 'PROVINCIAL', parent: 'VN', provinceCode: 'HN' },
  { code: 'BN', name: 'Liên đoàn Lao động tỉnh Bắc Ninh', level: 'PROVINCIAL', parent: 'VN', provinceCode: 'BN' },
  { code: 'KH', name: 'Liên đoàn Lao động tỉnh Khánh Hòa', level: 'PROVINCIAL', parent: 'VN', provinceCode: 'KH' },
  { code: 'CDQP', name: 'Công đoàn Quốc phòng', level: 'SECTOR', parent: 'VN' },
  { code: 'BN-KCN', name: 'Công đoàn các Khu công nghiệp tỉnh Bắc Ninh', level: 'UPPER_GRASSROOTS', parent: 'BN' },
  { code: 'BN-MAY-BG', name: 'Công đoàn Công ty Cổ phần May Bắc Giang', level: 'GRASSROOTS', parent: 'BN-KCN', organisationType: 'PRIVATE_ENTERPRISE' },
  { code: 'BN-DT-QC', name: 'Công đoàn Công ty TNHH Điện tử Quang Châu', level: 'GRASSROOTS', parent: 'BN-KCN', organisationType: 'FDI_ENTERPRISE' },
  { code: 'HN-EVN', name: 'Công đoàn Tổng công ty Điện lực thành phố Hà Nội', level: 'GRASSROOTS', parent: 'HN', organisationType: 'STATE_OWNED_ENTERPRISE' },
  { code: 'KH-SNV', name: 'Công đoàn cơ quan Sở Nội vụ tỉnh Khánh Hòa', level: 'GRASSROOTS', parent: 'KH', organisationType: 'ADMINISTRATIVE_AGENCY' },
  { code: 'KH-BVDK', name: 'Công đoàn Bệnh viện Đa khoa tỉnh Khánh Hòa', level: 'GRASSROOTS', parent: 'KH', organisationType: 'PUBLIC_SERVICE_UNIT' },
  { code: 'CDQP-VT', name: 'Công đoàn Tập đoàn Công nghiệp – Viễn thông Quân đội', level: 'GRASSROOTS', parent: 'CDQP', organisationType: 'STATE_OWNED_ENTERPRISE' },
];

/** Two of the garment company's members have the years in the union for the long-service medal (Kỷ niệm chương). */
const MEMBERS: [unit: string, name: string, occupation: string, direct: boolean, leader: boolean, gender: 'FEMALE' | 'MALE', joinedUnionOn: string][] = [
  ['BN-MAY-BG', 'Nguyễn Thị Hồng Nhung', 'CN_DET_MAY', true, false, 'FEMALE', '2020-05-01'],
  ['BN-MAY-BG', 'Trần Thị Thu Hà', 'CN_DET_MAY', true, false, 'FEMALE', '2005-06-01'],
  ['BN-MAY-BG', 'Lê Văn Đức', 'KY_SU', false, true, 'MALE', '2001-03-15'],
  ['BN-DT-QC', 'Phạm Văn Hùng', 'CN_DIEN_TU', true, false, 'MALE', '2020-05-01'],
  ['BN-DT-QC', 'Hoàng Thị Lan Anh', 'CN_DIEN_TU', true, false, 'FEMALE', '2020-05-01'],
  ['HN-EVN', 'Đỗ Minh Tuấn', 'KY_SU', true, false, 'MALE', '2020-05-01'],
  ['HN-EVN', 'Vũ Thị Ngọc Ánh', 'NV_VAN_PHONG', false, false, 'FEMALE', '2020-05-01'],
  ['KH-SNV', 'Ngô Quang Vinh', 'CONG_CHUC', false, false, 'MALE', '2020-05-01'],
  ['KH-SNV', 'Bùi Thị Mỹ Duyên', 'CONG_CHUC', false, true, 'FEMALE', '2020-05-01'],
  ['KH-BVDK', 'Đặng Thị Thanh Hương', 'Y_TE', true, false, 'FEMALE', '2020-05-01'],
  ['CDQP-VT', 'Trịnh Văn Quyết', 'NV_VIEN_THONG', true, false, 'MALE', '2020-05-01'],
  ['CDQP-VT', 'Lý Thị Hải Yến', 'CN_QUOC_PHONG', true, false, 'FEMALE', '2020-05-01'],
];

const CAMPAIGNS = [
  {
    unit: 'VN',
    title: 'Lao động giỏi – Lao động sáng tạo',
    goal: 'Phát huy sáng kiến, cải tiến kỹ thuật, nâng cao năng suất lao động và thu nhập của người lao động',
    content: 'Thi đua lao động sản xuất giỏi, phát huy sáng kiến, cải tiến kỹ thuật trong công nhân, viên chức, lao động',
    participants: 'Đoàn viên công đoàn, người lao động trong các cơ quan, đơn vị, doanh nghiệp',
    organisingMeasures: 'Công đoàn các cấp phát động, hướng dẫn, kiểm tra, đôn đốc; sơ kết hằng năm, tổng kết cuối nhiệm kỳ',
    category: 'FOR_WORKERS',
    startsOn: '2026-01-01',
    endsOn: '2028-12-31',
    reportingCadence: 'QUARTERLY',
    targets: [
      { name: 'Sáng kiến, cải tiến kỹ thuật được công nhận', unitOfMeasure: 'sáng kiến', targetValue: 500000, direction: 'HIGHER_IS_BETTER', weight: 50 },
      { name: 'Tăng năng suất lao động', unitOfMeasure: '%/năm', targetValue: 6, direction: 'HIGHER_IS_BETTER', weight: 30 },
      { name: 'Tỷ lệ tai nạn lao động', unitOfMeasure: 'vụ/1.000 lao động', targetValue: 0.5, direction: 'LOWER_IS_BETTER', weight: 20 },
    ],
  },
  {
    unit: 'KH',
    title: 'Cán bộ, công chức, viên chức nói không với tiêu cực',
    goal: 'Xây dựng đội ngũ cán bộ, công chức, viên chức liêm chính, phục vụ nhân dân',
    category: 'FOR_WORKERS_IN_UNION_BODIES',
    startsOn: '2026-03-01',
    endsOn: '2027-02-28',
    reportingCadence: 'MONTHLY',
    targets: [
      { name: 'Cơ quan, đơn vị ký cam kết', unitOfMeasure: '% đơn vị', targetValue: 100, direction: 'HIGHER_IS_BETTER', weight: 60 },
      { name: 'Phản ánh tiêu cực được xác minh', unitOfMeasure: 'vụ', targetValue: 0, direction: 'LOWER_IS_BETTER', weight: 40 },
    ],
  },
  {
    unit: 'CDQP',
    title: 'Cán bộ công đoàn “3 giỏi, 4 tốt”',
    goal: 'Xây dựng đội ngũ cán bộ công đoàn giỏi chuyên môn, giỏi công tác công đoàn, giỏi vận động người lao động',
    category: 'UNION_WORK',
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    reportingCadence: 'QUARTERLY',
    targets: [
      { name: 'Cán bộ công đoàn đạt danh hiệu “3 giỏi, 4 tốt”', unitOfMeasure: '% cán bộ', targetValue: 70, direction: 'HIGHER_IS_BETTER', weight: 100 },
    ],
  },
];

/** A signed-in demo person: their access token, refreshed before the provider's five minutes run out. */
class Session {
  private current: { access: string; refresh: string; at: number };

  private constructor(tokens: { accessToken: string; refreshToken: string }) {
    this.current = { access: tokens.accessToken, refresh: tokens.refreshToken, at: Date.now() };
  }

  /** Signs in with the demo password; a new account's first sign-in sets it in place of the temporary one. */
  static async open(username: string, temporaryPassword?: string): Promise<Session> {
    const request = { issuer: config.oidcIssuer, clientId: config.oidcClientId, redirectUri: `${PORTAL}/auth/callback`, username };
    if (temporaryPassword) return new Session(await signInWithPassword({ ...request, password: temporaryPassword, newPassword: DEMO_PASSWORD }));
    try {
      return new Session(await signInWithPassword({ ...request, password: DEMO_PASSWORD }));
    } catch (error) {
      if (error instanceof SignInRefusedError) throw new Error(`demo account ${username} refused the demo password (${error.message}); was it changed by hand?`);
      throw error;
    }
  }

  async token(): Promise<string> {
    if (Date.now() - this.current.at < 240_000) return this.current.access;
    const response = await fetch(`${config.oidcIssuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: config.oidcClientId, refresh_token: this.current.refresh }),
    });
    const body = (await response.json()) as { access_token?: string; refresh_token?: string };
    if (!body.access_token || !body.refresh_token) throw new Error(`the demo session could not be refreshed (${response.status})`);
    this.current = { access: body.access_token, refresh: body.refresh_token, at: Date.now() };
    return this.current.access;
  }
}

class CallError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
  }
}

async function call<T>(caller: Session, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await caller.token()}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new CallError(body.errors.map((e) => e.message).join('; '), body.errors.map((e) => e.extensions?.code ?? ''));
  return body.data as T;
}

/** For steps that may have run before: a CONFLICT ("already enrolled", "already reported") is what idempotency looks like. */
async function unlessDone(step: Promise<unknown>): Promise<void> {
  try {
    await step;
  } catch (error) {
    if (!(error instanceof CallError && error.codes.includes('CONFLICT'))) throw error;
  }
}

type Unit = { id: string; path: string };

async function seedUnits(token: Session): Promise<Map<string, Unit>> {
  const units = new Map<string, Unit>();
  for (const seed of UNITS) {
    const found = await call<{ unionUnitByCode: Unit | null }>(token, `query($code: String!) { unionUnitByCode(code: $code) { id path } }`, { code: seed.code });
    const unit =
      found.unionUnitByCode ??
      (
        await call<{ createUnionUnit: Unit }>(token, `mutation($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id path } }`, {
          input: {
            code: seed.code,
            name: seed.name,
            level: seed.level,
            parentId: seed.parent ? units.get(seed.parent)!.id : null,
            organisationType: seed.organisationType ?? null,
            provinceCode: seed.provinceCode ?? null,
          },
        })
      ).createUnionUnit;
    units.set(seed.code, unit);
  }
  return units;
}

async function seedMembers(token: Session, units: Map<string, Unit>): Promise<Map<string, string>> {
  const memberIds = new Map<string, string>();
  for (const [unitCode, fullName, occupationCode, direct, leader, gender, joinedUnionOn] of MEMBERS) {
    const unit = units.get(unitCode)!;
    const existing = await call<{ members: { edges: { node: { id: string; fullName: string } }[] } }>(
      token,
      `query($unitId: ID!) { members(unitId: $unitId, first: 100) { edges { node { id fullName } } } }`,
      { unitId: unit.id },
    );
    let id = existing.members.edges.find((e) => e.node.fullName === fullName)?.node.id;
    if (!id) {
      id = (
        await call<{ createMember: { id: string } }>(token, `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`, {
          input: { unitId: unit.id, fullName, occupationCode, isDirectProductionWorker: direct, holdsLeadershipPost: leader, gender, joinedUnionOn },
        })
      ).createMember.id;
    }
    memberIds.set(fullName, id);
  }
  return memberIds;
}

async function seedCampaigns(token: Session, units: Map<string, Unit>): Promise<string[]> {
  const ids: string[] = [];
  for (const { unit: unitCode, ...campaign } of CAMPAIGNS) {
    const unit = units.get(unitCode)!;
    const existing = await call<{ campaigns: { edges: { node: { id: string; title: string; status: string } }[] } }>(
      token,
      `query($unitId: ID!) { campaigns(unitId: $unitId, first: 100) { edges { node { id title status } } } }`,
      { unitId: unit.id },
    );
    let found = existing.campaigns.edges.find((e) => e.node.title === campaign.title)?.node;
    if (!found) {
      found = (
        await call<{ createCampaign: { id: string; title: string; status: string } }>(
          token,
          `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id title status } }`,
          { input: { ...campaign, launchingUnitId: unit.id } },
        )
      ).createCampaign;
    }
    if (found.status === 'DRAFT') await call(token, `mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: found.id });
    ids.push(found.id);
  }
  return ids;
}

/** Bắc Giang's experience (now in Bắc Ninh): the flagship adapted to textile and electronics workers of private and FDI enterprises. */
const REPLICATION = {
  title: 'Lao động giỏi – Lao động sáng tạo trong doanh nghiệp dệt may, điện tử (kinh nghiệm Bắc Giang)',
  scope: { organisationTypes: ['PRIVATE_ENTERPRISE', 'FDI_ENTERPRISE'], occupationCodes: ['CN_DET_MAY', 'CN_DIEN_TU'] },
  adaptationNote: 'Đơn giản hoá tiêu chí cho doanh nghiệp tư nhân, FDI: chỉ tiêu năng suất và thu nhập người lao động',
  startsOn: '2026-01-01',
  endsOn: '2027-12-31',
  targets: [
    { name: 'Sáng kiến cải tiến được áp dụng', unitOfMeasure: 'sáng kiến', targetValue: 24, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 50 },
    { name: 'Tăng năng suất lao động', unitOfMeasure: '%', targetValue: 8, direction: 'HIGHER_IS_BETTER', aggregation: 'LATEST', weight: 30 },
    { name: 'Tăng thu nhập bình quân của người lao động', unitOfMeasure: '%', targetValue: 7, direction: 'HIGHER_IS_BETTER', aggregation: 'LATEST', weight: 20 },
  ],
};

async function seedReplication(token: Session, flagshipId: string, units: Map<string, Unit>): Promise<string> {
  const bn = units.get('BN')!;
  const existing = await call<{ campaigns: { edges: { node: { id: string; title: string; status: string } }[] } }>(
    token,
    `query($unitId: ID!) { campaigns(unitId: $unitId, first: 100) { edges { node { id title status } } } }`,
    { unitId: bn.id },
  );
  let found = existing.campaigns.edges.find((e) => e.node.title === REPLICATION.title)?.node;
  if (!found) {
    found = (
      await call<{ replicateCampaign: { id: string; title: string; status: string } }>(
        token,
        `mutation($input: ReplicateCampaignInput!) { replicateCampaign(input: $input) { id title status } }`,
        { input: { ...REPLICATION, sourceCampaignId: flagshipId, launchingUnitId: bn.id } },
      )
    ).replicateCampaign;
  }
  if (found.status === 'DRAFT') await call(token, `mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: found.id });
  return found.id;
}

/** Enrolments and a few months of reports, so dashboards have something to show. */
async function seedProgress(token: Session, campaignIds: string[], units: Map<string, Unit>, members: Map<string, string>): Promise<number> {
  const [flagship, , armyModel, replication] = campaignIds as [string, string, string, string];
  // values per reporting period of the campaign (both campaigns here report quarterly)
  const plan: [campaignId: string, unitCode: string, perPeriod: number[]][] = [
    [replication, 'BN-MAY-BG', [6, 7, 5, 4]],
    [replication, 'BN-DT-QC', [1, 2, 1]],
    [flagship, 'HN-EVN', [12, 15, 13, 16]],
    [armyModel, 'CDQP-VT', []],
  ];
  let reports = 0;
  for (const [campaignId, unitCode, perPeriod] of plan) {
    await unlessDone(call(token, `mutation($input: EnrollUnitInput!) { enrollUnit(input: $input) { id } }`, { input: { campaignId, unitId: units.get(unitCode)!.id } }));
    const { campaign } = await call<{
      campaign: { reportingCadence: string; targets: { id: string }[]; enrollments: { edges: { node: { id: string; unit: { id: string }; member: { id: string } | null } }[] } };
    }>(
      token,
      `query($id: ID!) { campaign(id: $id) { reportingCadence targets { id } enrollments(first: 100) { edges { node { id unit { id } member { id } } } } } }`,
      { id: campaignId },
    );
    const monthsPerPeriod = campaign.reportingCadence === 'QUARTERLY' ? 3 : 1;
    const enrollment = campaign.enrollments.edges.find((e) => e.node.unit.id === units.get(unitCode)!.id && e.node.member === null)!.node;
    for (const [period, value] of perPeriod.entries()) {
      const periodStart = `2026-${String(period * monthsPerPeriod + 1).padStart(2, '0')}-01`;
      await unlessDone(
        call(token, `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, {
          input: { enrollmentId: enrollment.id, targetId: campaign.targets[0]!.id, periodStart, value, evidenceUrl: `https://congdoan.vn/minh-chung/${unitCode.toLowerCase()}/${periodStart}` },
        }),
      );
      reports += 1;
    }
  }
  await unlessDone(
    call(token, `mutation($input: EnrollMemberInput!) { enrollMember(input: $input) { id } }`, {
      input: { campaignId: replication, memberId: members.get('Nguyễn Thị Hồng Nhung')! },
    }),
  );
  return reports;
}

/**
 * Criteria for the Bắc Giang replication (the simplified set for private and FDI enterprises, and a general set)
 * and its published results, once evaluation has scored the reports that came through Kafka.
 */
async function seedEvaluation(token: Session, campaignId: string): Promise<number | null> {
  const { campaign } = await call<{ campaign: { targets: { id: string }[]; criteriaSets: { variant: string }[]; rankings: { publicationVersion: number | null }; enrollments: { edges: { node: { id: string } }[] } } }>(
    token,
    `query($id: ID!) { campaign(id: $id) { targets { id } criteriaSets { variant } rankings { publicationVersion } enrollments(first: 10) { edges { node { id } } } } }`,
    { id: campaignId },
  );
  if (campaign.rankings.publicationVersion !== null) return campaign.rankings.publicationVersion;
  const initiatives = campaign.targets[0]!.id;
  const sets = [
    { variant: 'PRIVATE_FDI_SIMPLIFIED', criteria: [{ name: 'Sáng kiến cải tiến được áp dụng', method: 'LINEAR', weight: 100, unitOfMeasure: 'sáng kiến', targetValue: 24, targetId: initiatives }] },
    {
      variant: 'GENERAL',
      criteria: [
        { name: 'Sáng kiến cải tiến được áp dụng', method: 'THRESHOLDS', weight: 100, unitOfMeasure: 'sáng kiến', targetId: initiatives, thresholds: [{ value: 6, points: 50 }, { value: 12, points: 80 }, { value: 24, points: 100 }] },
      ],
    },
  ];
  for (const set of sets.filter((s) => !campaign.criteriaSets.some((existing) => existing.variant === s.variant))) {
    const { createCriteriaSet } = await call<{ createCriteriaSet: { id: string } }>(token, `mutation($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id } }`, {
      input: { campaignId, ...set },
    });
    await call(token, `mutation($id: ID!) { publishCriteriaSet(id: $id) { id } }`, { id: createCriteriaSet.id });
  }
  // evaluation scores from events: publish once every report has reached it (the scores stop changing)
  const totals = async (): Promise<string> => {
    const scores = await Promise.all(
      campaign.enrollments.edges.map(({ node }) =>
        call<{ participantScore: { total: number } }>(token, `query($id: ID!) { participantScore(enrollmentId: $id) { total } }`, { id: node.id }).then(
          (r) => r.participantScore.total,
          () => -1,
        ),
      ),
    );
    return scores.join(',');
  };
  let previous = '';
  for (let attempt = 0; attempt < 60; attempt++) {
    const current = await totals();
    if (current === previous && !current.includes('-1') && current !== current.replace(/[1-9]/g, '')) break;
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const { publishResults } = await call<{ publishResults: { publicationVersion: number } }>(token, `mutation($id: ID!) { publishResults(campaignId: $id) { publicationVersion } }`, {
    id: campaignId,
  });
  return publishResults.publicationVersion;
}

const daysAgo = (n: number) => daysAgoInVietnam(n);

type Tokens = Record<'officer' | 'council' | 'council2' | 'council3' | 'councilMay' | 'councilMay2' | 'councilMay3' | 'employer' | 'nhung', Session>;

type CouncilSeats = readonly (readonly [username: string, position: string])[];
/** Bắc Ninh's council: three accounts seated, chair first (a single vote never decides, decision 0036). */
const BAC_NINH_COUNCIL: CouncilSeats = [['hoidong.bacninh', 'CHAIR'], ['hoidong2.bacninh', 'VICE_CHAIR'], ['hoidong3.bacninh', 'MEMBER']];
/** Công ty May Bắc Giang's union council, which proposes its workers' yearly titles to the director (decision 0042). */
const MAY_COUNCIL: CouncilSeats = [['hoidong.maybg', 'CHAIR'], ['hoidong2.maybg', 'VICE_CHAIR'], ['hoidong3.maybg', 'MEMBER']];

/** Seats a unit's council and opens a meeting held on `heldOn` with every member present, unless done. */
async function seatCouncil(unit: Unit, officer: Session, heldOn: string, seated: CouncilSeats = BAC_NINH_COUNCIL): Promise<void> {
  const { council } = await call<{ council: { members: { id: string }[]; openMeeting: { id: string } | null } }>(officer, `query($u: ID) { council(unitId: $u) { members { id } openMeeting { id } } }`, { u: unit.id });
  const seats = council.members.map((m) => m.id);
  if (seats.length === 0) {
    const { accounts } = await call<{ accounts: { edges: { node: { id: string; username: string; fullName: string } }[] } }>(officer, `query($u: ID) { accounts(unitId: $u, first: 100) { edges { node { id username fullName } } } }`, { u: unit.id });
    for (const [username, position] of seated) {
      const account = accounts.edges.map((e) => e.node).find((a) => a.username === username)!;
      const { addCouncilMember } = await call<{ addCouncilMember: { id: string } }>(officer, `mutation($u: ID!, $i: CouncilMemberInput!) { addCouncilMember(unitId: $u, input: $i) { id } }`, {
        u: unit.id, i: { accountId: account.id, fullName: account.fullName, position },
      });
      seats.push(addCouncilMember.id);
    }
  }
  if (!council.openMeeting) {
    await call(officer, `mutation($u: ID!, $i: CouncilMeetingInput!) { openCouncilMeeting(unitId: $u, input: $i) { id } }`, { u: unit.id, i: { heldOn, attendeeIds: seats } });
  }
}

/** Closes the council's earlier meeting, whose decisions are made, and opens today's with the same members present. */
async function meetToday(bn: Unit, officer: Session): Promise<void> {
  const { council } = await call<{ council: { members: { id: string }[]; openMeeting: { id: string; heldOn: string } | null } }>(officer,
    `query($u: ID) { council(unitId: $u) { members { id } openMeeting { id heldOn } } }`, { u: bn.id });
  if (council.openMeeting?.heldOn === daysAgo(0)) return;
  if (council.openMeeting) await call(officer, `mutation($id: ID!) { closeCouncilMeeting(id: $id) { id } }`, { id: council.openMeeting.id });
  await seatCouncil(bn, officer, daysAgo(0));
}

/**
 * The reward side for Bắc Ninh: the best published result granted by the provincial council, yearly titles for a
 * garment worker whose initiative qualifies her (decided by the director on the company union's proposal, and one
 * more waiting for him), an ad-hoc certificate, an enterprise agreement with monthly rewards, a
 * nomination left open for the council, a Huân chương proposed to the President, and the year's budget. Each step is skipped when its result exists.
 */
async function seedRewards(units: Map<string, Unit>, members: Map<string, string>, campaignId: string, tokens: Tokens): Promise<number> {
  const bn = units.get('BN')!;
  const may = units.get('BN-MAY-BG')!;
  const nhung = members.get('Nguyễn Thị Hồng Nhung')!;
  const year = Number(daysAgo(0).slice(0, 4));
  const decisions = async (filter: Record<string, unknown>) =>
    (await call<{ rewardDecisions: { edges: unknown[] } }>(tokens.officer, `query($f: RewardDecisionFilter) { rewardDecisions(filter: $f, first: 100) { edges { node { id } } } }`, { f: filter }))
      .rewardDecisions.edges.length;
  const grant = async (nominationId: string, council: Session, extra: Record<string, unknown> = {}) => {
    await call(council, `mutation($id: ID!, $input: GrantRewardInput!) { grantReward(nominationId: $id, input: $input) { number } }`, {
      id: nominationId,
      input: { signerRole: council === tokens.council ? 'Chủ tịch Liên đoàn Lao động tỉnh Bắc Ninh' : 'Chủ tịch Công đoàn cơ sở', ...extra },
    });
  };
  // the meeting that approved the titles decided 12 and 10 days ago was held before them
  await seatCouncil(bn, tokens.officer, daysAgo(13));
  const vote = async (id: string, councilMembers = [tokens.council, tokens.council2, tokens.council3]) => {
    for (const member of councilMembers) {
      await call(member, `mutation($id: ID!) { reviewNomination(id: $id, vote: FOR, comment: "Đủ tiêu chuẩn, đề nghị khen thưởng") { status } }`, { id });
    }
  };
  const nominate = async (input: Record<string, unknown>) =>
    (await call<{ nominate: { id: string } }>(tokens.officer, `mutation($input: NominateInput!) { nominate(input: $input) { id } }`, { input })).nominate.id;

  const { collectiveAgreements } = await call<{ collectiveAgreements: { edges: { node: { id: string } }[] } }>(tokens.employer, `{ collectiveAgreements { edges { node { id } } } }`);
  let agreementId = collectiveAgreements.edges[0]?.node.id;
  if (!agreementId) {
    agreementId = (
      await call<{ registerCollectiveAgreement: { id: string } }>(tokens.employer, `mutation($input: CollectiveAgreementInput!) { registerCollectiveAgreement(input: $input) { id } }`, {
        input: {
          unitId: may.id, employerName: 'Công ty Cổ phần May Bắc Giang', signedOn: '2026-01-05', validFrom: '2026-01-05', validUntil: '2028-12-31', initiativeRate: 0.1,
          clauses: [
            { code: 'Đ12.1', period: 'MONTHLY', criterion: 'Năng suất vượt 120% định mức trong tháng, không có sản phẩm lỗi', amountVnd: 500_000, maxRecipientsPerPeriod: 10 },
            { code: 'Đ12.2', period: 'QUARTERLY', criterion: 'Tổ sản xuất an toàn, không tai nạn lao động trong quý', amountVnd: 2_000_000, maxRecipientsPerPeriod: 5 },
          ],
        },
      })
    ).registerCollectiveAgreement.id;
  }
  await unlessDone(
    call(tokens.employer, `mutation($input: EmployerRewardInput!) { recordEmployerRewards(input: $input) { id } }`, {
      input: { agreementId, clauseCode: 'Đ12.1', periodStart: `${daysAgo(0).slice(0, 7)}-01`, memberIds: [nhung, members.get('Trần Thị Thu Hà')], reason: 'Năng suất tháng vượt 125% định mức' },
    }),
  );

  const { initiatives } = await call<{ initiatives: { edges: unknown[] } }>(tokens.nhung, `{ initiatives { edges { node { id } } } }`);
  if (initiatives.edges.length === 0) {
    const { registerInitiative } = await call<{ registerInitiative: { id: string } }>(tokens.nhung, `mutation($input: RegisterInitiativeInput!) { registerInitiative(input: $input) { id } }`, {
      input: { title: 'Cữ gá may túi áo tự động', description: 'Cữ gá giúp may túi áo nhanh gấp đôi và giảm lỗi đường may ở chuyền 3' },
    });
    // the unit's reach is recognised by the unit's own council
    await call(tokens.councilMay, `mutation($id: ID!, $input: AssessInitiativeInput!) { assessInitiative(id: $id, input: $input) { rewardVnd } }`, {
      id: registerInitiative.id,
      input: { recognised: true, reach: 'UNIT', firstYearSavingsVnd: 96_000_000, firstYearEarningsVnd: 0, applicationCostVnd: 6_000_000, calculation: 'Tiết kiệm 8 triệu đồng/tháng × 12 tháng, trừ 6 triệu chi phí chế tạo' },
    });
  }

  // yearly titles go only to registered members (đăng ký thi đua): Nhung's and Thu Hà's paper registrations, approved by the province
  const registeredOn = daysAgo(0) <= `${year}-03-31` ? daysAgo(0) : `${year}-03-31`;
  const { emulationRegistrations } = await call<{ emulationRegistrations: { edges: { node: { subjectName: string } }[] } }>(tokens.officer,
    `query($y: Int!) { emulationRegistrations(year: $y, first: 100) { edges { node { subjectName } } } }`, { y: year });
  const registered = new Set(emulationRegistrations.edges.map((e) => e.node.subjectName));
  for (const [fullName, formCodes] of [['Nguyễn Thị Hồng Nhung', ['CSTDCS']], ['Trần Thị Thu Hà', ['LDTT']]] as const) {
    if (!registered.has(fullName)) {
      const memberId = members.get(fullName)!;
      const { registerEmulationTitles } = await call<{ registerEmulationTitles: { id: string } }>(tokens.officer,
        `mutation($input: EmulationRegistrationInput!) { registerEmulationTitles(input: $input) { id } }`, { input: { year, memberId, formCodes, registeredOn } });
      await call(tokens.officer, `mutation($id: ID!) { reviewEmulationRegistration(id: $id, approve: true) { status } }`, { id: registerEmulationTitles.id });
    }
  }
  // the director decides them (Law art. 80 cl. 4) on the proposal of the company's union council, which met before them
  await seatCouncil(may, tokens.officer, daysAgo(13), MAY_COUNCIL);
  const mayCouncil = [tokens.councilMay, tokens.councilMay2, tokens.councilMay3];
  const proposeToDirector = async (nominationId: string, proposedOn: string) =>
    (await call<{ proposeReward: { id: string } }>(tokens.councilMay, `mutation($id: ID!, $input: ProposeRewardInput!) { proposeReward(nominationId: $id, input: $input) { id } }`, {
      id: nominationId, input: { signerRole: 'Chủ tịch Công đoàn cơ sở', proposedOn },
    })).proposeReward.id;
  const titles = [
    { formCode: 'LDTT', number: '18/QĐ-MBG', reason: 'Hoàn thành tốt nhiệm vụ, năng suất vượt định mức cả năm', decidedOn: daysAgo(12) },
    { formCode: 'CSTDCS', number: '21/QĐ-MBG', reason: 'Có sáng kiến cữ gá may túi áo được công nhận và áp dụng', decidedOn: daysAgo(10) },
  ];
  for (const title of titles) {
    if ((await decisions({ unitId: may.id, formCode: title.formCode })) > 0) continue;
    const id = await nominate({ source: 'OFFICER', memberId: nhung, grantingUnitId: may.id, formCode: title.formCode, taskRating: 'GOOD', achievedOn: daysAgo(20), awardYear: year, reason: title.reason });
    await vote(id, mayCouncil);
    await call(tokens.employer, `mutation($id: ID!, $input: AuthorityDecisionInput!) { recordAuthorityDecision(id: $id, input: $input) { id } }`, {
      id: await proposeToDirector(id, title.decidedOn), input: { number: title.number, decidedOn: title.decidedOn, signerRole: 'Giám đốc Công ty', signerName: 'Nguyễn Văn Thắng' },
    });
  }
  await meetToday(bn, tokens.officer);
  // the movement's best result, published today, goes to today's meeting
  if ((await decisions({ campaignId })) === 0) {
    let fromResults: { id: string; resultRank: number }[] = [];
    for (let attempt = 0; attempt < 60 && fromResults.length === 0; attempt++) {
      const { nominations } = await call<{ nominations: { edges: { node: { id: string; resultRank: number; campaign: { id: string } | null } }[] } }>(
        tokens.council,
        `{ nominations(source: RESULTS, status: OPEN, first: 50) { edges { node { id resultRank campaign { id } } } } }`,
      );
      fromResults = nominations.edges.map((e) => e.node).filter((n) => n.campaign?.id === campaignId).sort((a, b) => a.resultRank - b.resultRank);
      if (fromResults.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (fromResults[0]) {
      await vote(fromResults[0].id);
      await grant(fromResults[0].id, tokens.council);
    }
  }

  if ((await decisions({ unitId: may.id, adHoc: true })) === 0) {
    const adHoc = await nominate({ source: 'AD_HOC', memberId: members.get('Trần Thị Thu Hà'), grantingUnitId: may.id, formCode: 'GIAY_KHEN', achievedOn: daysAgo(4), reason: 'Phát hiện và dập tắt kịp thời đám cháy nhỏ tại kho vải' });
    await grant(adHoc, tokens.councilMay, { decidedOn: daysAgo(2) });
  }
  const { nominations } = await call<{ nominations: { edges: unknown[] } }>(tokens.council, `{ nominations(source: OFFICER, status: OPEN) { edges { node { id } } } }`);
  if (nominations.edges.length === 0) {
    await nominate({ source: 'OFFICER', memberId: members.get('Phạm Văn Hùng'), grantingUnitId: bn.id, formCode: 'BK_TINH', achievedOn: daysAgo(7), awardYear: year, reason: 'Cải tiến quy trình kiểm tra bo mạch, giảm 30% sản phẩm lỗi' });
  }
  // a Huân chương the President decides: Bắc Ninh's council proposes it, and the dossier waits at the federation (Hồ sơ trình khen)
  // (the province also follows the company's yearly titles, proposed above: look for this one)
  const { rewardProposals } = await call<{ rewardProposals: { subjectName: string }[] }>(tokens.officer, `{ rewardProposals { subjectName } }`);
  if (!rewardProposals.some((proposal) => proposal.subjectName === 'Lê Văn Đức')) {
    const medal = await nominate({ source: 'OFFICER', memberId: members.get('Lê Văn Đức'), grantingUnitId: bn.id, formCode: 'HCLD3', achievedOn: daysAgo(400), awardYear: year - 1,
      reason: 'Năm năm liền hoàn thành xuất sắc nhiệm vụ, chủ trì chuyển đổi số dây chuyền may được áp dụng toàn tỉnh' });
    await vote(medal);
    await call(tokens.council, `mutation($id: ID!, $input: ProposeRewardInput!) { proposeReward(nominationId: $id, input: $input) { id } }`, {
      id: medal, input: { signerRole: 'Chủ tịch Liên đoàn Lao động tỉnh Bắc Ninh' },
    });
  }
  // Thu Hà's LĐTT, proposed by the company's union, waits for the director (giamdoc.maybg) to record the decision
  const { rewardProposals: withDirector } = await call<{ rewardProposals: { subjectName: string }[] }>(tokens.employer, `{ rewardProposals { subjectName } }`);
  if (!withDirector.some((proposal) => proposal.subjectName === 'Trần Thị Thu Hà')) {
    const title = await nominate({ source: 'OFFICER', memberId: members.get('Trần Thị Thu Hà'), grantingUnitId: may.id, formCode: 'LDTT', taskRating: 'GOOD', achievedOn: daysAgo(15), awardYear: year,
      reason: 'Hoàn thành tốt nhiệm vụ cả năm, không có sản phẩm lỗi' });
    await vote(title, mayCouncil);
    await proposeToDirector(title, daysAgo(0));
  }
  await call(tokens.officer, `mutation($u: ID!, $y: Int!) { setRewardBudget(unitId: $u, year: $y, amountVnd: 200000000) }`, { u: bn.id, y: year });
  return decisions({ unitId: bn.id });
}

const SECTIONS = [
  { slug: 'guong-dien-hinh', name: 'Gương điển hình tiên tiến', filter: { kinds: ['EXEMPLAR', 'AD_HOC_ACHIEVEMENT'] } },
  { slug: 'mo-hinh-moi-cach-lam-hay', name: 'Mô hình mới, cách làm hay', filter: { kinds: ['GOOD_PRACTICE'] } },
  { slug: 'nguoi-tot-viec-tot', name: 'Người tốt, việc tốt', filter: { kinds: ['GOOD_DEED'] } },
  { slug: 'tin-phong-trao', name: 'Tin phong trào thi đua', filter: { kinds: ['CAMPAIGN_NEWS', 'CAMPAIGN_SUMMARY'] } },
];

/**
 * Sections, the campaign-news candidates published, a good-practice story, and a demo news channel whose API
 * key is kept in .data/demo-api-key.txt (a key is shown only once).
 */
async function seedMedia(editor: Session, admin: Session): Promise<{ published: number; apiKey: string }> {
  const { sections } = await call<{ sections: { slug: string }[] }>(editor, `{ sections { slug } }`);
  for (const section of SECTIONS.filter((s) => !sections.some((existing) => existing.slug === s.slug))) {
    await call(editor, `mutation($input: SectionInput!) { createSection(input: $input) { id } }`, { input: section });
  }
  let published = 0;
  for (let attempt = 0; attempt < 40 && published === 0; attempt++) {
    const { storyCandidates } = await call<{ storyCandidates: { edges: { node: { id: string; kind: string } }[] } }>(editor, `{ storyCandidates(first: 50) { edges { node { id kind } } } }`);
    for (const { node } of storyCandidates.edges.filter((e) => e.node.kind === 'CAMPAIGN_NEWS')) {
      for (const action of ['TAKE', 'SUBMIT_FOR_REVIEW', 'PUBLISH']) {
        await call(editor, `mutation($id: ID!, $action: StoryAction!) { transitionStory(id: $id, action: $action) { status } }`, { id: node.id, action });
      }
      published++;
    }
    if (published === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { searchStories } = await call<{ searchStories: { edges: unknown[] } }>(editor, `{ searchStories(text: "ca làm việc an toàn") { edges { node { id } } } }`);
  if (searchStories.edges.length === 0) {
    const { createStory } = await call<{ createStory: { id: string } }>(editor, `mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: {
        kind: 'GOOD_PRACTICE',
        title: 'Ca làm việc an toàn: cách làm hay của công nhân may Bắc Giang',
        summary: 'Mỗi tổ sản xuất cử một người kiểm tra an toàn đầu ca; tai nạn lao động giảm hẳn.',
        body: 'Tại **Công ty Cổ phần May Bắc Giang**, mỗi tổ sản xuất cử một người kiểm tra an toàn đầu ca.\n\nSau một năm, không còn tai nạn lao động.',
        tags: ['an toàn lao động', 'dệt may'],
        provinceCode: 'BN',
        occupationCode: 'CN_DET_MAY',
        subjectIsDirectProductionWorker: true,
      },
    });
    for (const action of ['SUBMIT_FOR_REVIEW', 'PUBLISH']) {
      await call(editor, `mutation($id: ID!, $action: StoryAction!) { transitionStory(id: $id, action: $action) { status } }`, { id: createStory.id, action });
    }
    published++;
  }
  const keyFile = path.join(OUTPUT_DIR, 'demo-api-key.txt');
  let apiKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '';
  if (!apiKey) {
    const { registerNewsChannel } = await call<{ registerNewsChannel: { apiKey: string } }>(admin, `mutation { registerNewsChannel(name: "Báo Lao Động (demo)", contactEmail: "toasoan@laodong.vn") { apiKey } }`);
    apiKey = registerNewsChannel.apiKey;
    writePrivateFile(keyFile, `${apiKey}\n`);
  }
  return { published, apiKey };
}

interface DemoAccount {
  label: string;
  key: keyof Tokens | 'reviewer' | 'councilNational' | 'editor' | 'khOfficer';
  username: string;
  fullName: string;
  roles: Role[];
  unit: string;
  member?: string;
}

const ACCOUNTS: DemoAccount[] = [
  { label: 'officer, Bắc Ninh', key: 'officer', username: 'canbo.bacninh', fullName: 'Cán bộ LĐLĐ Bắc Ninh', roles: ['UNIT_OFFICER'], unit: 'BN' },
  { label: 'officer, Khánh Hòa', key: 'khOfficer', username: 'canbo.khanhhoa', fullName: 'Cán bộ LĐLĐ Khánh Hòa', roles: ['UNIT_OFFICER'], unit: 'KH' },
  { label: 'reviewer, Bắc Ninh', key: 'reviewer', username: 'chamdiem.bacninh', fullName: 'Người chấm điểm Bắc Ninh', roles: ['REVIEWER'], unit: 'BN' },
  { label: 'council member, national', key: 'councilNational', username: 'hoidong.tw', fullName: 'Thành viên Hội đồng TĐKT', roles: ['COUNCIL_MEMBER'], unit: 'VN' },
  { label: 'council member, Bắc Ninh', key: 'council', username: 'hoidong.bacninh', fullName: 'Thành viên Hội đồng TĐKT Bắc Ninh', roles: ['COUNCIL_MEMBER'], unit: 'BN' },
  { label: 'council member, Bắc Ninh (2)', key: 'council2', username: 'hoidong2.bacninh', fullName: 'Phó Chủ tịch Hội đồng TĐKT Bắc Ninh', roles: ['COUNCIL_MEMBER'], unit: 'BN' },
  { label: 'council member, Bắc Ninh (3)', key: 'council3', username: 'hoidong3.bacninh', fullName: 'Ủy viên Hội đồng TĐKT Bắc Ninh', roles: ['COUNCIL_MEMBER'], unit: 'BN' },
  { label: 'council member, May Bắc Giang', key: 'councilMay', username: 'hoidong.maybg', fullName: 'Hội đồng TĐKT Công ty May Bắc Giang', roles: ['COUNCIL_MEMBER'], unit: 'BN-MAY-BG' },
  { label: 'council member, May Bắc Giang (2)', key: 'councilMay2', username: 'hoidong2.maybg', fullName: 'Phó Chủ tịch Hội đồng TĐKT Công ty May Bắc Giang', roles: ['COUNCIL_MEMBER'], unit: 'BN-MAY-BG' },
  { label: 'council member, May Bắc Giang (3)', key: 'councilMay3', username: 'hoidong3.maybg', fullName: 'Ủy viên Hội đồng TĐKT Công ty May Bắc Giang', roles: ['COUNCIL_MEMBER'], unit: 'BN-MAY-BG' },
  { label: 'editor, national', key: 'editor', username: 'bientap.laodong', fullName: 'Biên tập viên Báo Lao Động', roles: ['EDITOR'], unit: 'VN' },
  { label: 'employer, May Bắc Giang', key: 'employer', username: 'giamdoc.maybg', fullName: 'Giám đốc Công ty May Bắc Giang', roles: ['EMPLOYER'], unit: 'BN-MAY-BG' },
  { label: 'member, Nguyễn Thị Hồng Nhung', key: 'nhung', username: 'nhung.ntm', fullName: 'Nguyễn Thị Hồng Nhung', roles: ['MEMBER'], unit: 'BN-MAY-BG', member: 'Nguyễn Thị Hồng Nhung' },
];

/** The national admin: made by the bootstrap command the first time, then placed in the national federation's unit. */
async function adminSession(): Promise<Session> {
  const created = await ensureNationalAdmin(ADMIN.username, ADMIN.fullName);
  return Session.open(ADMIN.username, created?.temporaryPassword);
}

/** Each demo account, made through the accounts API by the national admin when missing, and signed in. */
async function seedAccounts(admin: Session, units: Map<string, Unit>, members: Map<string, string>): Promise<Map<DemoAccount['key'], Session>> {
  const { accounts } = await call<{ accounts: { edges: { node: { id: string; username: string; unit: { id: string } | null } }[] } }>(
    admin,
    `{ accounts(first: 100) { edges { node { id username unit { id } } } } }`,
  );
  const existing = new Map(accounts.edges.map((e) => [e.node.username, e.node]));
  const quantri = existing.get(ADMIN.username);
  if (quantri && !quantri.unit) {
    await call(admin, `mutation($id: ID!, $u: ID!) { updateAccount(id: $id, input: { unitId: $u }) { id } }`, { id: quantri.id, u: units.get('VN')!.id });
  }
  const sessions = new Map<DemoAccount['key'], Session>();
  for (const account of ACCOUNTS) {
    let temporaryPassword: string | undefined;
    if (!existing.has(account.username)) {
      const input = { username: account.username, fullName: account.fullName, roles: account.roles, ...(account.member ? { memberId: members.get(account.member)! } : { unitId: units.get(account.unit)!.id }) };
      temporaryPassword = (await call<{ createAccount: { temporaryPassword: string } }>(admin, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { temporaryPassword } }`, { input }))
        .createAccount.temporaryPassword;
    }
    sessions.set(account.key, await Session.open(account.username, temporaryPassword));
  }
  return sessions;
}

async function main(): Promise<void> {
  const admin = await adminSession();
  const units = await seedUnits(admin);
  const members = await seedMembers(admin, units);
  const sessions = await seedAccounts(admin, units, members);
  const campaigns = await seedCampaigns(admin, units);
  campaigns.push(await seedReplication(admin, campaigns[0]!, units));
  const reports = await seedProgress(admin, campaigns, units, members);
  const publication = await seedEvaluation(admin, campaigns[3]!);
  const rewardTokens: Tokens = {
    officer: sessions.get('officer')!,
    council: sessions.get('council')!,
    council2: sessions.get('council2')!,
    council3: sessions.get('council3')!,
    councilMay: sessions.get('councilMay')!,
    councilMay2: sessions.get('councilMay2')!,
    councilMay3: sessions.get('councilMay3')!,
    employer: sessions.get('employer')!,
    nhung: sessions.get('nhung')!,
  };
  const decisions = await seedRewards(units, members, campaigns[3]!, rewardTokens);
  const media = await seedMedia(sessions.get('editor')!, admin);

  const lines = [
    `Web portal: ${PORTAL}/   Gateway: ${GATEWAY}`,
    `Demo campaign ids: ${campaigns.join(', ')}`,
    `Feeds: ${PORTAL}/feeds/sections/guong-dien-hinh.rss (also .atom, .json; /feeds/provinces/BN.rss)`,
    `News channel API key (header x-api-key): ${media.apiKey}`,
    '',
    `Demo accounts (sign in on the portal with "Đăng nhập"; password of each: ${DEMO_PASSWORD}):`,
    ...[{ label: 'national admin (Tổng LĐLĐ)', username: ADMIN.username }, ...ACCOUNTS].map((a) => `  ${a.label.padEnd(34)} ${a.username.padEnd(18)} ${DEMO_PASSWORD}`),
  ];
  const file = path.join(OUTPUT_DIR, 'demo-accounts.txt');
  mkdirSync(path.dirname(file), { recursive: true });
  writePrivateFile(file, `${lines.join('\n')}\n`);
  console.log(
    `[seed] ${units.size} units, ${members.size} members, ${ACCOUNTS.length + 1} accounts, ${campaigns.length} launched campaigns (one replicated), ${reports} progress reports, results published (version ${publication}), ${decisions} reward decisions in Bắc Ninh, ${media.published} stories published`,
  );
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('[seed] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
