/**
 * Loads the demo data through the gateway, as the national admin would (so every event flows as in real use):
 * a small union tree, members of several occupations, and three launched movements from the source article.
 * Idempotent: what exists already (by unit code, member name in unit, campaign title) is left alone.
 * Prints the gateway URL and a token for each demo role; writes them to .data/demo-tokens.txt too.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadGatewayConfig, type Role } from '@thidua/common';
import { issueDevToken } from '../gateway/src/dev-tokens';

const config = loadGatewayConfig();
const GATEWAY = process.env.GATEWAY_URL ?? `http://127.0.0.1:${config.port}/graphql`;

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

const MEMBERS: [unit: string, name: string, occupation: string, direct: boolean, leader: boolean][] = [
  ['BN-MAY-BG', 'Nguyễn Thị Hồng Nhung', 'CN_DET_MAY', true, false],
  ['BN-MAY-BG', 'Trần Thị Thu Hà', 'CN_DET_MAY', true, false],
  ['BN-MAY-BG', 'Lê Văn Đức', 'KY_SU', false, true],
  ['BN-DT-QC', 'Phạm Văn Hùng', 'CN_DIEN_TU', true, false],
  ['BN-DT-QC', 'Hoàng Thị Lan Anh', 'CN_DIEN_TU', true, false],
  ['HN-EVN', 'Đỗ Minh Tuấn', 'KY_SU', true, false],
  ['HN-EVN', 'Vũ Thị Ngọc Ánh', 'NV_VAN_PHONG', false, false],
  ['KH-SNV', 'Ngô Quang Vinh', 'CONG_CHUC', false, false],
  ['KH-SNV', 'Bùi Thị Mỹ Duyên', 'CONG_CHUC', false, true],
  ['KH-BVDK', 'Đặng Thị Thanh Hương', 'Y_TE', true, false],
  ['CDQP-VT', 'Trịnh Văn Quyết', 'NV_VIEN_THONG', true, false],
  ['CDQP-VT', 'Lý Thị Hải Yến', 'CN_QUOC_PHONG', true, false],
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

async function call<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

type Unit = { id: string; path: string };

async function seedUnits(token: string): Promise<Map<string, Unit>> {
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

async function seedMembers(token: string, units: Map<string, Unit>): Promise<Map<string, string>> {
  const memberIds = new Map<string, string>();
  for (const [unitCode, fullName, occupationCode, direct, leader] of MEMBERS) {
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
          input: { unitId: unit.id, fullName, occupationCode, isDirectProductionWorker: direct, holdsLeadershipPost: leader, joinedUnionOn: '2020-05-01' },
        })
      ).createMember.id;
    }
    memberIds.set(fullName, id);
  }
  return memberIds;
}

async function seedCampaigns(token: string, units: Map<string, Unit>): Promise<string[]> {
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

async function main(): Promise<void> {
  const admin = await issueDevToken({ sub: 'demo-national-admin', name: 'Quản trị Tổng Liên đoàn', roles: ['NATIONAL_ADMIN'], unitPath: '/vn/' }, config);
  const units = await seedUnits(admin);
  const members = await seedMembers(admin, units);
  const campaigns = await seedCampaigns(admin, units);

  const users: { label: string; sub: string; name: string; roles: Role[]; unit: string; memberId?: string }[] = [
    { label: 'national admin (Tổng LĐLĐ)', sub: 'demo-national-admin', name: 'Quản trị Tổng Liên đoàn', roles: ['NATIONAL_ADMIN'], unit: 'VN' },
    { label: 'officer, Bắc Ninh', sub: 'demo-officer-bn', name: 'Cán bộ LĐLĐ Bắc Ninh', roles: ['UNIT_OFFICER'], unit: 'BN' },
    { label: 'officer, Khánh Hòa', sub: 'demo-officer-kh', name: 'Cán bộ LĐLĐ Khánh Hòa', roles: ['UNIT_OFFICER'], unit: 'KH' },
    { label: 'reviewer, Bắc Ninh', sub: 'demo-reviewer-bn', name: 'Người chấm điểm Bắc Ninh', roles: ['REVIEWER'], unit: 'BN' },
    { label: 'council member, national', sub: 'demo-council', name: 'Thành viên Hội đồng TĐKT', roles: ['COUNCIL_MEMBER'], unit: 'VN' },
    { label: 'editor, national', sub: 'demo-editor', name: 'Biên tập viên Báo Lao Động', roles: ['EDITOR'], unit: 'VN' },
    { label: 'employer, May Bắc Giang', sub: 'demo-employer', name: 'Giám đốc Công ty May Bắc Giang', roles: ['EMPLOYER'], unit: 'BN-MAY-BG' },
    {
      label: 'member, Nguyễn Thị Hồng Nhung',
      sub: 'demo-member-nhung',
      name: 'Nguyễn Thị Hồng Nhung',
      roles: ['MEMBER'],
      unit: 'BN-MAY-BG',
      memberId: members.get('Nguyễn Thị Hồng Nhung')!,
    },
  ];
  const lines = [`Gateway: ${GATEWAY}`, `Demo campaign ids: ${campaigns.join(', ')}`, '', 'Demo tokens (valid 30 days, development secret):'];
  for (const user of users) {
    const token = await issueDevToken({ sub: user.sub, name: user.name, roles: user.roles, unitPath: units.get(user.unit)!.path, memberId: user.memberId ?? null }, config);
    lines.push(`  ${user.label.padEnd(34)} ${token}`);
  }
  const file = path.resolve(__dirname, '..', '.data', 'demo-tokens.txt');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`[seed] ${units.size} units, ${members.size} members, ${campaigns.length} launched campaigns`);
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('[seed] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
