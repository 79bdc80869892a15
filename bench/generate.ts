/**
 * Fills the four services' `_bench` databases (made anew, migrated) through the services' own tables, at a chosen
 * scale, deterministically from a seed:
 *
 *   npx tsx bench/generate.ts --scale small|medium|national [--seed 42] [--suffix _bench]
 *
 * The union tree (34 provinces and cities, central sector unions, upper-grassroots unions, grassroots unions of
 * every kind), members with Vietnamese names, occupations and flags, their read models in evaluation, reward and
 * media (as the events would have made them), campaigns with targets, unit enrolments and a year of monthly
 * progress reports, published results (every member ranked in one national campaign), reward decisions with their
 * nominations, and published stories. Rows go in with COPY; a progress bar shows rows per second and time left
 * for each table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { PROVINCES, SERVICE_NAMES, databaseOwnerUrl, foldVietnamese, slugify, type ServiceName } from '@thidua/common';
import { prepareDatabases } from '../infra/databases';
import { copy, type Value } from './copy';
import { RESULTS_DIR, machine } from './support';

interface Scale {
  grassroots: number;
  membersPerGrassroots: number;
  /** Campaigns each province launches; the national federation launches as many again. */
  campaignsPerProvince: number;
  /** Share of grassroots unions of a province enrolled in each of its campaigns. */
  enrolledShare: number;
  rewardShare: number;
  storiesPerThousandMembers: number;
}

const SCALES: Record<string, Scale> = {
  small: { grassroots: 1_300, membersPerGrassroots: 85, campaignsPerProvince: 3, enrolledShare: 0.5, rewardShare: 0.005, storiesPerThousandMembers: 2 },
  medium: { grassroots: 13_000, membersPerGrassroots: 85, campaignsPerProvince: 3, enrolledShare: 0.3, rewardShare: 0.005, storiesPerThousandMembers: 2 },
  national: { grassroots: 130_000, membersPerGrassroots: 85, campaignsPerProvince: 3, enrolledShare: 0.1, rewardShare: 0.005, storiesPerThousandMembers: 1 },
};

const SECTORS = ['Công đoàn Quốc phòng', 'Công đoàn Công an nhân dân', 'Công đoàn Dầu khí Việt Nam', 'Công đoàn Điện lực Việt Nam', 'Công đoàn Dệt May Việt Nam'];
const ORGANISATION_TYPES = ['ADMINISTRATIVE_AGENCY', 'PUBLIC_SERVICE_UNIT', 'STATE_OWNED_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'FDI_ENTERPRISE'];
const ORGANISATION_WEIGHTS = [0.15, 0.2, 0.1, 0.4, 0.15];
const ENTERPRISE_WORDS = ['May', 'Điện tử', 'Cơ khí', 'Giày da', 'Thực phẩm', 'Xây dựng', 'Vận tải', 'Dược phẩm', 'Thép', 'Xi măng', 'Gỗ', 'Thủy sản'];
const DIRECT_OCCUPATIONS = ['CN_DET_MAY', 'CN_DA_GIAY', 'CN_CO_KHI', 'CN_DIEN_TU', 'CN_CHE_BIEN_THUC_PHAM', 'CN_XAY_DUNG', 'CN_KHAI_THAC_MO', 'LAI_XE_VAN_TAI'];
const OFFICE_OCCUPATIONS = ['KY_SU', 'GIAO_VIEN', 'Y_TE', 'CONG_CHUC', 'VIEN_CHUC', 'NV_VAN_PHONG', 'NV_VIEN_THONG'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const FAMILY_WEIGHTS = [0.38, 0.11, 0.095, 0.07, 0.05, 0.05, 0.045, 0.04, 0.03, 0.02, 0.02, 0.015, 0.015, 0.015, 0.01, 0.01];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Thu', 'Hồng', 'Xuân', 'Kim'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phong', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const STORY_WORDS = ['sáng kiến', 'năng suất', 'an toàn lao động', 'tiết kiệm', 'cải tiến', 'giúp đỡ đồng nghiệp', 'hiến máu', 'cứu người', 'chuyển đổi số', 'tay nghề'];

/** mulberry32: small, fast and good enough to make the same data from the same seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly random: () => number) {}
  float = () => this.random();
  int = (max: number) => Math.floor(this.random() * max);
  pick = <T>(items: readonly T[]): T => items[this.int(items.length)]!;
  chance = (p: number) => this.random() < p;
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let roll = this.random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((roll -= weights[i]!) <= 0) return items[i]!;
    return items[items.length - 1]!;
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(4) + 8) as number).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  name(): string {
    return `${this.weighted(FAMILY, FAMILY_WEIGHTS)} ${this.pick(MIDDLE)} ${this.pick(GIVEN)}`;
  }
}


interface Unit {
  id: string;
  code: string;
  name: string;
  level: string;
  organisationType: string | null;
  provinceCode: string | null;
  parentId: string | null;
  path: string;
}

interface Member {
  id: string;
  name: string;
  unit: Unit;
  occupation: string;
  direct: boolean;
  leader: boolean;
}

function buildTree(dice: Dice, scale: Scale): { units: Unit[]; grassroots: Unit[]; provinces: Unit[] } {
  const unit = (code: string, name: string, level: string, parent: Unit | null, extra: Partial<Unit> = {}): Unit => ({
    id: dice.uuid(), code, name, level, organisationType: null, provinceCode: parent?.provinceCode ?? null, parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${slugify(code)}/`, ...extra,
  });
  const root = unit('VN', 'Tổng Liên đoàn Lao động Việt Nam', 'NATIONAL', null);
  const provinces = PROVINCES.map(([code, name]) => unit(code, `Liên đoàn Lao động ${name}`, 'PROVINCIAL', root, { provinceCode: code }));
  const sectors = SECTORS.map((name, i) => unit(`NGANH${i + 1}`, name, 'SECTOR', root));
  const parents = [...provinces, ...sectors];
  const units: Unit[] = [root, ...parents];
  const grassroots: Unit[] = [];
  const uppers = parents.flatMap((parent) =>
    Array.from({ length: 6 }, (_, i) => unit(`${parent.code}-CT${i + 1}`, `Công đoàn cấp trên cơ sở số ${i + 1}, ${parent.name.replace(/^Liên đoàn Lao động /, '')}`, 'UPPER_GRASSROOTS', parent)),
  );
  units.push(...uppers);
  // members are not spread evenly: Hồ Chí Minh City and Hà Nội hold about a quarter of them
  const parentWeights = parents.map((p) => (p.code === 'HCM' ? 0.14 : p.code === 'HN' ? 0.1 : 0.76 / (parents.length - 2)));
  const uppersOf = new Map(parents.map((p) => [p.id, uppers.filter((u) => u.parentId === p.id)]));
  for (let i = 0; i < scale.grassroots; i++) {
    const upper = uppersOf.get(dice.weighted(parents, parentWeights).id)![i % 6]!;
    const type = dice.weighted(ORGANISATION_TYPES, ORGANISATION_WEIGHTS);
    const label = type.endsWith('ENTERPRISE') ? `Công ty ${dice.pick(ENTERPRISE_WORDS)} ${dice.pick(GIVEN)} ${i + 1}` : type === 'ADMINISTRATIVE_AGENCY' ? `Cơ quan hành chính số ${i + 1}` : `Đơn vị sự nghiệp số ${i + 1}`;
    const unitRow = unit(`${upper.code}-${i + 1}`, `Công đoàn ${label}`, 'GRASSROOTS', upper, { organisationType: type });
    grassroots.push(unitRow);
  }
  for (const row of grassroots) units.push(row); // not push(...grassroots): 130,000 arguments overflow the stack
  return { units, grassroots, provinces };
}

function* members(dice: Dice, grassroots: Unit[], scale: Scale): Generator<Member> {
  for (const unit of grassroots) {
    const enterprise = unit.organisationType!.endsWith('ENTERPRISE');
    const size = Math.max(5, Math.round(scale.membersPerGrassroots * (0.4 + dice.float() * 1.2)));
    for (let i = 0; i < size; i++) {
      const direct = enterprise ? dice.chance(0.8) : dice.chance(0.1);
      yield { id: dice.uuid(), name: dice.name(), unit, occupation: direct ? dice.pick(DIRECT_OCCUPATIONS) : dice.pick(OFFICE_OCCUPATIONS), direct, leader: dice.chance(0.07) };
    }
  }
}

/** As the database's owner: the generator loads tables wholesale and vacuums them, which is the owner's to do. */
async function connect(service: ServiceName): Promise<Client> {
  const client = new Client({ connectionString: databaseOwnerUrl(service) });
  await client.connect();
  return client;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 && args[index + 1] ? args[index + 1]! : fallback;
  };
  const scaleName = option('scale', 'small');
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(option('seed', '42'));
  process.env.DATABASE_SUFFIX = option('suffix', '_bench');
  const started = Date.now();
  console.log(`[generate] scale ${scaleName}, seed ${seed}, databases *${process.env.DATABASE_SUFFIX}`);
  await prepareDatabases({ test: false, suffix: process.env.DATABASE_SUFFIX });

  const dice = new Dice(prng(seed));
  const { units, grassroots, provinces } = buildTree(dice, scale);
  const db = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (s) => [s, await connect(s)] as const))) as Record<ServiceName, Client>;
  const estimatedMembers = scale.grassroots * scale.membersPerGrassroots;
  let rows = 0;
  let memberTotal = 0;
  try {
    rows += await copy(db.campaign, 'campaign.union_units', 'union_units', ['id', 'code', 'name', 'name_folded', 'level', 'organisation_type', 'province_code', 'parent_id', 'path'], units.length,
      units.map((u) => [u.id, u.code, u.name, foldVietnamese(u.name), u.level, u.organisationType, u.provinceCode, u.parentId, u.path]));
    for (const service of ['evaluation', 'reward', 'media'] as const) {
      rows += await copy(db[service], `${service}.unit_refs`, 'unit_refs', ['id', 'name', 'path', 'level', 'organisation_type', 'province_code'], units.length,
        units.map((u) => [u.id, u.name, u.path, u.level, u.organisationType, u.provinceCode]));
    }

    // members: generated once per table from the same seed, so they are identical everywhere without holding millions in memory
    const memberSeed = seed + 1;
    const memberRows = (map: (m: Member) => Value[]) => (function* () {
      for (const m of members(new Dice(prng(memberSeed)), grassroots, scale)) yield map(m);
    })();
    memberTotal = await copy(db.campaign, 'campaign.members', 'members',
      ['id', 'full_name', 'full_name_folded', 'unit_id', 'unit_path', 'occupation_code', 'is_direct_production_worker', 'holds_leadership_post', 'joined_union_on'], estimatedMembers,
      memberRows((m) => [m.id, m.name, foldVietnamese(m.name), m.unit.id, m.unit.path, m.occupation, m.direct, m.leader, '2015-05-01']));
    const memberCount = memberTotal;
    rows += memberCount;
    for (const service of ['evaluation', 'reward', 'media'] as const) {
      rows += await copy(db[service], `${service}.member_refs`, 'member_refs', ['id', 'full_name', 'unit_id', 'unit_path', 'occupation_code', 'is_direct_production_worker', 'holds_leadership_post'], memberCount,
        memberRows((m) => [m.id, m.name, m.unit.id, m.unit.path, m.occupation, m.direct, m.leader]));
    }

    const generated = await generateCampaigns(dice, db, units, grassroots, provinces, scale);
    rows += generated.rows;
    rows += await generateResults(dice, db, units, generated.campaigns, generated.enrollments, memberRows, memberCount);
    rows += await generateRewards(dice, db, grassroots, scale, memberSeed, memberCount);
    rows += await generateStories(dice, db.media, provinces, Math.round((memberCount / 1000) * scale.storiesPerThousandMembers));
    // VACUUM too: index-only scans need the visibility map of freshly loaded tables
    for (const service of SERVICE_NAMES) await db[service].query('VACUUM (ANALYZE)');
  } finally {
    await Promise.all(SERVICE_NAMES.map((s) => db[s].end()));
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = `${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s overall)`;
  console.log(`[generate] ${summary}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `generate-${scaleName}.md`), `# Generator, scale ${scaleName} (seed ${seed})\n\n${new Date().toISOString()} · ${machine()}\n\n${summary}; ${units.length.toLocaleString('en-US')} units, ${memberTotal.toLocaleString('en-US')} members (each also in three read models).\n`);
}

interface GeneratedCampaign {
  id: string;
  title: string;
  unit: Unit;
}

interface GeneratedEnrollment {
  id: string;
  campaignId: string;
  targetId: string;
  unit: Unit;
}

async function generateCampaigns(dice: Dice, db: Record<ServiceName, Client>, units: Unit[], grassroots: Unit[], provinces: Unit[], scale: Scale): Promise<{ rows: number; campaigns: GeneratedCampaign[]; enrollments: GeneratedEnrollment[] }> {
  const year = new Date().getUTCFullYear();
  const root = units[0]!;
  const launchers = [...provinces.flatMap((p) => Array.from({ length: scale.campaignsPerProvince }, () => p)), ...Array.from({ length: scale.campaignsPerProvince }, () => root)];
  const campaigns = launchers.map((unit, i) => ({
    id: dice.uuid(), targetId: dice.uuid(), unit, title: `${dice.pick(['Lao động giỏi', 'Lao động sáng tạo', 'Xanh – sạch – đẹp, an toàn', 'Giỏi việc nước, đảm việc nhà', 'Chuyển đổi số'])} ${unit.provinceCode ?? 'toàn quốc'} ${year} (${i + 1})`,
  }));
  const launchedAt = new Date(Date.UTC(year, 0, 5));
  let rows = await copy(db.campaign, 'campaign.campaigns', 'campaigns',
    ['id', 'title', 'goal', 'category', 'status', 'launching_unit_id', 'launching_unit_path', 'scope_unit_id', 'starts_on', 'ends_on', 'reporting_cadence', 'launched_at', 'started_at', 'created_by'],
    campaigns.length, campaigns.map((c) => [c.id, c.title, 'Nâng cao năng suất, chất lượng, hiệu quả công việc', 'FOR_WORKERS', 'IN_PROGRESS', c.unit.id, c.unit.path, c.unit.id, `${year}-01-01`, `${year}-12-31`, 'MONTHLY', launchedAt, launchedAt, 'generator']));
  rows += await copy(db.campaign, 'campaign.campaign_targets', 'campaign_targets', ['id', 'campaign_id', 'position', 'name', 'unit_of_measure', 'target_value', 'direction', 'weight', 'aggregation'],
    campaigns.length, campaigns.map((c) => [c.targetId, c.id, 0, 'Sáng kiến cải tiến được áp dụng', 'sáng kiến', 12, 'HIGHER_IS_BETTER', 100, 'SUM']));
  rows += await copy(db.reward, 'reward.campaign_refs', 'campaign_refs', ['campaign_id', 'title', 'launching_unit_path', 'nominations_open', 'launched_at'],
    campaigns.length, campaigns.map((c) => [c.id, c.title, c.unit.path, true, launchedAt]));

  const enrollments: GeneratedEnrollment[] = [];
  for (const campaign of campaigns) {
    for (const unit of grassroots) if (unit.path.startsWith(campaign.unit.path) && dice.chance(campaign.unit.level === 'NATIONAL' ? scale.enrolledShare / 5 : scale.enrolledShare)) {
      enrollments.push({ id: dice.uuid(), campaignId: campaign.id, targetId: campaign.targetId, unit });
    }
  }
  rows += await copy(db.campaign, 'campaign.enrollments', 'enrollments', ['id', 'campaign_id', 'unit_id', 'unit_path', 'enrolled_by', 'enrolled_at'],
    enrollments.length, enrollments.map((e) => [e.id, e.campaignId, e.unit.id, e.unit.path, 'generator', launchedAt]));
  rows += await copy(db.campaign, 'campaign.enrollment_commitments', 'enrollment_commitments', ['enrollment_id', 'target_id', 'committed_value'],
    enrollments.length, enrollments.map((e) => [e.id, e.targetId, 12]));
  rows += await copy(db.evaluation, 'evaluation.participants', 'participants', ['enrollment_id', 'campaign_id', 'unit_id', 'unit_path', 'enrolled_at'],
    enrollments.length, enrollments.map((e) => [e.id, e.campaignId, e.unit.id, e.unit.path, launchedAt]));
  const months = Math.max(1, new Date().getUTCMonth());
  rows += await copy(db.campaign, 'campaign.progress_reports', 'progress_reports', ['id', 'enrollment_id', 'target_id', 'period_start', 'period_end', 'value', 'reported_by'],
    enrollments.length * months,
    (function* () {
      for (const e of enrollments) {
        for (let month = 0; month < months; month++) {
          const start = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
          const end = new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
          yield [dice.uuid(), e.id, e.targetId, start, end, dice.int(3), 'generator'];
        }
      }
    })());
  return { rows, campaigns, enrollments };
}

/**
 * Published results: every campaign's enrolled units scored and ranked, and one national campaign in which every
 * member is ranked (the province rankings of benchmark 5). Lines go in with COPY unranked; one statement then
 * ranks them by the rule of services/evaluation/src/domain/ranking.ts (total, criteria fully met, direct
 * production workers first, then name in Vietnamese order) and places them in their province, sector,
 * organisation type and occupation, as a publication does.
 */
async function generateResults(
  dice: Dice,
  db: Record<ServiceName, Client>,
  units: Unit[],
  campaigns: GeneratedCampaign[],
  enrollments: GeneratedEnrollment[],
  memberRows: (map: (m: Member) => Value[]) => Iterable<Value[]>,
  memberCount: number,
): Promise<number> {
  const year = new Date().getUTCFullYear();
  const root = units[0]!;
  const everyone: GeneratedCampaign = { id: dice.uuid(), title: `Giỏi việc nước, đảm việc nhà toàn quốc ${year}`, unit: root };
  const openedAt = new Date(Date.UTC(year, 0, 5));
  let rows = await copy(db.campaign, 'campaign.campaigns (national)', 'campaigns',
    ['id', 'title', 'goal', 'category', 'status', 'launching_unit_id', 'launching_unit_path', 'scope_unit_id', 'starts_on', 'ends_on', 'reporting_cadence', 'launched_at', 'started_at', 'created_by'],
    1, [[everyone.id, everyone.title, 'Mọi đoàn viên thi đua hoàn thành tốt nhiệm vụ', 'FOR_WORKERS', 'IN_PROGRESS', root.id, root.path, root.id, `${year}-01-01`, `${year}-12-31`, 'QUARTERLY', openedAt, openedAt, 'generator']]);
  const all = [...campaigns, everyone];
  rows += await copy(db.evaluation, 'evaluation.evaluation_rounds', 'evaluation_rounds', ['campaign_id', 'status', 'launching_unit_path', 'opened_at', 'title'],
    all.length, all.map((c) => [c.id, 'PUBLISHED', c.unit.path, openedAt, c.title]));
  const publishedAt = new Date(Date.UTC(year, 10, 1));
  rows += await copy(db.evaluation, 'evaluation.publications', 'publications', ['campaign_id', 'version', 'published_by', 'published_at', 'appeal_deadline', 'reason', 'latest'],
    all.length, all.map((c) => [c.id, 1, 'generator', publishedAt, new Date(publishedAt.getTime() + 10 * 86_400_000), 'results published', true]));

  const sectorOf = new Map<string, string>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const unit of units) {
    let top: Unit | undefined = unit;
    while (top?.parentId && byId.get(top.parentId)?.level !== 'NATIONAL') top = byId.get(top.parentId);
    if (top?.level === 'SECTOR') sectorOf.set(unit.id, top.id);
  }
  const score = () => {
    const fullyMet = dice.int(4);
    return { total: Math.round((40 + dice.float() * 60) * 100) / 100, fullyMet };
  };
  await db.evaluation.query(`CREATE TEMPORARY TABLE generated_lines (campaign_id uuid, enrollment_id uuid, member_id uuid, unit_id uuid, unit_path text, name text, unit_name text,
    total float8, criteria_fully_met int, direct boolean, leader boolean, province_code text, sector_unit_id uuid, organisation_type text, occupation_code text)`);
  const columns = ['campaign_id', 'enrollment_id', 'member_id', 'unit_id', 'unit_path', 'name', 'unit_name', 'total', 'criteria_fully_met', 'direct', 'leader', 'province_code', 'sector_unit_id', 'organisation_type', 'occupation_code'];
  await copy(db.evaluation, 'evaluation.results (units)', 'generated_lines', columns, enrollments.length, enrollments.map((e) => {
    const { total, fullyMet } = score();
    return [e.campaignId, e.id, null, e.unit.id, e.unit.path, e.unit.name, e.unit.name, total, fullyMet, e.unit.organisationType!.endsWith('ENTERPRISE'), null, e.unit.provinceCode, sectorOf.get(e.unit.id) ?? null, e.unit.organisationType, null];
  }));
  const memberTotal = await copy(db.evaluation, 'evaluation.results (members)', 'generated_lines', columns, memberCount, memberRows((m) => {
    const { total, fullyMet } = score();
    return [everyone.id, dice.uuid(), m.id, m.unit.id, m.unit.path, m.name, m.unit.name, total, fullyMet, m.direct, m.leader, m.unit.provinceCode, sectorOf.get(m.unit.id) ?? null, m.unit.organisationType, m.occupation];
  }));
  const lines = enrollments.length + memberTotal;
  const started = Date.now();
  console.log(`[generate] ranking ${lines.toLocaleString('en-US')} published lines in ${all.length} campaigns (one statement)…`);
  const group = (key: string) => `CASE WHEN ${key} IS NULL THEN NULL ELSE row_number() OVER (PARTITION BY publication_id, ${key} ORDER BY position) END,
    CASE WHEN ${key} IS NULL THEN NULL ELSE rank() OVER (PARTITION BY publication_id, ${key} ORDER BY total DESC, criteria_fully_met DESC, direct DESC) END`;
  await db.evaluation.query(`
    INSERT INTO publication_entries (publication_id, position, rank, enrollment_id, member_id, unit_id, unit_path, name, unit_name, total, criteria_set_version, variant,
      is_direct_production_worker, holds_leadership_post, criteria_fully_met, breakdown, province_code, province_position, province_rank, sector_unit_id, sector_position, sector_rank,
      organisation_type, organisation_type_position, organisation_type_rank, occupation_code, occupation_position, occupation_rank)
    WITH ranked AS (
      SELECT g.*, p.id AS publication_id,
             row_number() OVER (PARTITION BY g.campaign_id ORDER BY total DESC, criteria_fully_met DESC, direct DESC, name COLLATE "vi-x-icu", enrollment_id) AS position,
             rank() OVER (PARTITION BY g.campaign_id ORDER BY total DESC, criteria_fully_met DESC, direct DESC) AS rank
        FROM generated_lines g JOIN publications p ON p.campaign_id = g.campaign_id)
    SELECT publication_id, position, rank, enrollment_id, member_id, unit_id, unit_path, name, unit_name, total, 1, 'STANDARD', direct, leader, criteria_fully_met,
           jsonb_build_array(jsonb_build_object('criterion', 'Hoàn thành chỉ tiêu', 'weight', 100, 'points', total)),
           province_code, ${group('province_code')}, sector_unit_id, ${group('sector_unit_id')}, organisation_type, ${group('organisation_type')},
           occupation_code, ${group('occupation_code')}
      FROM ranked`);
  const seconds = (Date.now() - started) / 1000;
  console.log(`[generate] ranked ${lines.toLocaleString('en-US')} lines in ${seconds.toFixed(1)} s (${Math.round(lines / seconds).toLocaleString('en-US')} lines/s)`);
  return rows + lines;
}

async function generateRewards(dice: Dice, db: Record<ServiceName, Client>, grassroots: Unit[], scale: Scale, memberSeed: number, memberCount: number): Promise<number> {
  const year = new Date().getUTCFullYear();
  const chosen: (Member & { nominationId: string; decisionId: string; decidedOn: string; achievedOn: string; amount: number })[] = [];
  for (const member of members(new Dice(prng(memberSeed)), grassroots, scale)) {
    if (!dice.chance(scale.rewardShare)) continue;
    const day = 1 + dice.int(300);
    const achieved = new Date(Date.UTC(year, 0, day));
    const decided = new Date(achieved.getTime() + (2 + dice.int(60)) * 86_400_000);
    chosen.push({ ...member, nominationId: dice.uuid(), decisionId: dice.uuid(), achievedOn: achieved.toISOString().slice(0, 10), decidedOn: decided.toISOString().slice(0, 10), amount: 710_000 });
  }
  let rows = await copy(db.reward, 'reward.nominations', 'nominations',
    ['id', 'source', 'status', 'member_id', 'unit_id', 'unit_path', 'subject_name', 'is_direct_production_worker', 'holds_leadership_post', 'occupation_code', 'province_code', 'form_code',
      'granting_unit_id', 'granting_unit_path', 'granting_level', 'achieved_on', 'award_year', 'reason', 'created_by'],
    chosen.length, chosen.map((c) => [c.nominationId, 'OFFICER', 'GRANTED', c.id, c.unit.id, c.unit.path, c.name, c.direct, c.leader, c.occupation, c.unit.provinceCode, 'GIAY_KHEN',
      c.unit.id, c.unit.path, 'GRASSROOTS', c.achievedOn, year, 'Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng', 'generator']));
  rows += await copy(db.reward, 'reward.reward_decisions', 'reward_decisions',
    ['id', 'number', 'nomination_id', 'decided_on', 'award_year', 'achieved_on', 'signer_role', 'signed_by', 'granting_unit_id', 'granting_unit_path', 'granting_unit_name', 'form_code',
      'form_name', 'form_version', 'ad_hoc', 'member_id', 'unit_id', 'unit_path', 'unit_name', 'subject_name', 'is_direct_production_worker', 'holds_leadership_post', 'occupation_code',
      'province_code', 'multiplier', 'base_salary_vnd', 'amount_vnd', 'reason', 'search_folded'],
    chosen.length, chosen.map((c, i) => [c.decisionId, `${i + 1}/QĐ-CĐCS`, c.nominationId, c.decidedOn, year, c.achievedOn, 'Chủ tịch công đoàn cơ sở', 'generator',
      c.unit.id, c.unit.path, c.unit.name, 'GIAY_KHEN', 'Giấy khen', 1, false, c.id, c.unit.id, c.unit.path, c.unit.name, c.name, c.direct, c.leader, c.occupation, c.unit.provinceCode, 0.3, 2_340_000,
      c.amount, 'Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng', foldVietnamese(`${c.name} ${c.unit.name} Giấy khen sáng kiến ${i + 1}/QĐ-CĐCS`)]));
  console.log(`[generate] ${chosen.length} reward decisions for ${memberCount} members`);
  return rows;
}

async function generateStories(dice: Dice, media: Client, provinces: Unit[], count: number): Promise<number> {
  const stories = Array.from({ length: count }, (_, i) => {
    const province = dice.pick(provinces);
    const words = [dice.pick(STORY_WORDS), dice.pick(STORY_WORDS)];
    const title = `${dice.name()}: ${words[0]} ở ${province.name.replace(/^Liên đoàn Lao động /, '')} (${i + 1})`;
    const summary = `Gương ${words[1]} của đoàn viên công đoàn ${province.name.replace(/^Liên đoàn Lao động /, '')}.`;
    const body = `<p>${summary} Anh chị em công nhân học tập và làm theo.</p>`;
    return { id: dice.uuid(), title, summary, body, kind: dice.pick(['EXEMPLAR', 'GOOD_PRACTICE', 'GOOD_DEED']), province, publishedAt: new Date(Date.UTC(2026, 0, 1 + dice.int(320))) };
  });
  const rows = await copy(media, 'media.stories', 'stories',
    ['id', 'kind', 'status', 'title', 'summary', 'unit_path', 'published_at', 'body_format', 'body_source', 'body_html', 'tags', 'province_code', 'created_by'],
    stories.length, stories.map((s) => [s.id, s.kind, 'PUBLISHED', s.title, s.summary, s.province.path, s.publishedAt, 'HTML', s.body, s.body, ['thi đua'], s.province.provinceCode, 'generator']));
  // the search document, folded the way media folds it (domain/content.ts): title A, summary and tags B, body C
  await media.query(`CREATE TEMPORARY TABLE story_search (id uuid, a text, b text, c text)`);
  await copy(media, 'media.stories (search)', 'story_search', ['id', 'a', 'b', 'c'], stories.length,
    stories.map((s) => [s.id, foldVietnamese(s.title), foldVietnamese(`${s.summary} thi đua`), foldVietnamese(s.body.replace(/<[^>]+>/g, ' '))]));
  await media.query(`UPDATE stories s SET search = setweight(to_tsvector('simple', t.a), 'A') || setweight(to_tsvector('simple', t.b), 'B') || setweight(to_tsvector('simple', t.c), 'C')
                       FROM story_search t WHERE t.id = s.id`);
  return rows;
}

main().catch((error: unknown) => {
  console.error('[generate] failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
