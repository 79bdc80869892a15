/**
 * Synthetic union data written straight into the services' tables, as the events would have made them: the union
 * tree, members with Vietnamese names, their read models in evaluation, reward and media, movements with targets,
 * enrolments and monthly progress, published results, reward decisions and published stories. Deterministic from a
 * seed. Two callers: the national generator (bench/generate.ts, fresh `_bench` databases) and the demo province
 * (infra/seed-province.ts, one province of the running platform's databases).
 */
import { Client } from 'pg';
import { databaseOwnerUrl, foldVietnamese, slugify } from '@thidua/common';
import { copy, type Value } from './copy';

export const DATA_SERVICES = ['campaign', 'evaluation', 'reward', 'media'] as const;
export type DataService = (typeof DATA_SERVICES)[number];
export type Databases = Record<DataService, Client>;

const ORGANISATION_TYPES = ['ADMINISTRATIVE_AGENCY', 'PUBLIC_SERVICE_UNIT', 'STATE_OWNED_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'FDI_ENTERPRISE'];
const ORGANISATION_WEIGHTS = [0.15, 0.2, 0.1, 0.4, 0.15];
const ENTERPRISE_WORDS = ['May', 'Điện tử', 'Cơ khí', 'Giày da', 'Thực phẩm', 'Xây dựng', 'Vận tải', 'Dược phẩm', 'Thép', 'Xi măng', 'Gỗ', 'Thủy sản'];
const ENTERPRISE_FORMS = ['TNHH', 'Cổ phần'];
const BRANDS = ['Hoàng Long', 'Minh Phát', 'Thành Công', 'Phú Thịnh', 'Hưng Thịnh', 'Đại Việt', 'Tân Tiến', 'Quang Minh', 'An Phát', 'Việt Hưng', 'Thiên Long', 'Hòa Bình', 'Sao Mai',
  'Hồng Hà', 'Kinh Bắc', 'Trường Sơn', 'Phương Đông', 'Nam Việt', 'Đông Á', 'Bình Minh'];
const PLACES = ['Đông Ngàn', 'Đình Bảng', 'Tân Hồng', 'Châu Khê', 'Phù Chẩn', 'Tam Sơn', 'Hương Mạc', 'Phù Khê', 'Yên Phong', 'Đông Thọ', 'Tam Giang', 'Văn Môn', 'Phố Mới', 'Bằng An',
  'Việt Hùng', 'Lim', 'Nội Duệ', 'Phật Tích', 'Hồ', 'Song Liễu', 'Gia Bình', 'Nhân Thắng', 'Thứa', 'Quảng Phú', 'Vũ Ninh', 'Kinh Bắc', 'Suối Hoa', 'Võ Cường', 'Đại Phúc', 'Hòa Long'];
const SCHOOLS = ['Trường Tiểu học', 'Trường THCS', 'Trường THPT', 'Trường Mầm non', 'Trạm Y tế'];
const DIRECT_OCCUPATIONS = ['CN_DET_MAY', 'CN_DA_GIAY', 'CN_CO_KHI', 'CN_DIEN_TU', 'CN_CHE_BIEN_THUC_PHAM', 'CN_XAY_DUNG', 'CN_KHAI_THAC_MO', 'LAI_XE_VAN_TAI'];
const OFFICE_OCCUPATIONS = ['KY_SU', 'GIAO_VIEN', 'Y_TE', 'CONG_CHUC', 'VIEN_CHUC', 'NV_VAN_PHONG', 'NV_VIEN_THONG'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const FAMILY_WEIGHTS = [0.38, 0.11, 0.095, 0.07, 0.05, 0.05, 0.045, 0.04, 0.03, 0.02, 0.02, 0.015, 0.015, 0.015, 0.01, 0.01];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Thu', 'Hồng', 'Xuân', 'Kim'];
export const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phong', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
/** A line beside the progress bars (on stderr, as they are), so a test that seeds data prints no console call sites. */
function report(line: string): void {
  process.stderr.write(`${line}\n`);
}

const STORY_WORDS = ['sáng kiến', 'năng suất', 'an toàn lao động', 'tiết kiệm', 'cải tiến', 'giúp đỡ đồng nghiệp', 'hiến máu', 'cứu người', 'chuyển đổi số', 'tay nghề'];

/** mulberry32: small, fast and good enough to make the same data from the same seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
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
    hex[16] = (this.int(4) + 8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  name(): string {
    return `${this.weighted(FAMILY, FAMILY_WEIGHTS)} ${this.pick(MIDDLE)} ${this.pick(GIVEN)}`;
  }
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  level: string;
  organisationType: string | null;
  provinceCode: string | null;
  parentId: string | null;
  path: string;
}

export interface Member {
  id: string;
  name: string;
  unit: Unit;
  occupation: string;
  direct: boolean;
  leader: boolean;
}

/** A unit under `parent` (its path and province follow the parent's). */
export function makeUnit(dice: Dice, code: string, name: string, level: string, parent: Unit | null, extra: Partial<Unit> = {}): Unit {
  return {
    id: dice.uuid(), code, name, level, organisationType: null, provinceCode: parent?.provinceCode ?? null, parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${slugify(code)}/`, ...extra,
  };
}

/** Names of grassroots unions as a province lists them: a company, a commune's people's committee, a school; never twice the same. */
export class GrassrootsNames {
  private readonly used = new Set<string>();

  constructor(private readonly dice: Dice) {}

  next(type: string): string {
    const d = this.dice;
    const base = type.endsWith('ENTERPRISE')
      ? `Công đoàn Công ty ${d.pick(ENTERPRISE_FORMS)} ${d.pick(ENTERPRISE_WORDS)} ${d.pick(BRANDS)}`
      : type === 'ADMINISTRATIVE_AGENCY'
        ? `Công đoàn cơ quan Ủy ban nhân dân ${d.pick(['xã', 'phường'])} ${d.pick(PLACES)}`
        : `Công đoàn ${d.pick(SCHOOLS)} ${d.pick(PLACES)}`;
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base} ${n}`;
    this.used.add(name);
    return name;
  }
}

/** `count` grassroots unions of mixed kinds, the i-th under `upperOf(i, its organisation type)` (the caller spreads them as it likes). */
export function makeGrassroots(dice: Dice, count: number, upperOf: (i: number, organisationType: string) => Unit): Unit[] {
  const names = new GrassrootsNames(dice);
  const grassroots: Unit[] = [];
  for (let i = 0; i < count; i++) {
    const type = dice.weighted(ORGANISATION_TYPES, ORGANISATION_WEIGHTS);
    const upper = upperOf(i, type);
    grassroots.push(makeUnit(dice, `${upper.code}-${i + 1}`, names.next(type), 'GRASSROOTS', upper, { organisationType: type }));
  }
  return grassroots;
}

/** Members of each grassroots union, about `perGrassroots` each; the same seed gives the same members, so each table is generated anew. */
export function* members(dice: Dice, grassroots: Unit[], perGrassroots: number): Generator<Member> {
  for (const unit of grassroots) {
    const enterprise = unit.organisationType!.endsWith('ENTERPRISE');
    const size = Math.max(5, Math.round(perGrassroots * (0.4 + dice.float() * 1.2)));
    for (let i = 0; i < size; i++) {
      const direct = enterprise ? dice.chance(0.8) : dice.chance(0.1);
      yield { id: dice.uuid(), name: dice.name(), unit, occupation: direct ? dice.pick(DIRECT_OCCUPATIONS) : dice.pick(OFFICE_OCCUPATIONS), direct, leader: dice.chance(0.07) };
    }
  }
}

/** The members as rows, made afresh from their seed for each table (millions need not be held in memory). */
export type MemberRows = (map: (m: Member) => Value[]) => Iterable<Value[]>;

export function memberRows(memberSeed: number, grassroots: Unit[], perGrassroots: number): MemberRows {
  return (map) => (function* () {
    for (const m of members(new Dice(prng(memberSeed)), grassroots, perGrassroots)) yield map(m);
  })();
}

/** As the database's owner: the loader writes tables wholesale and analyses them, which is the owner's to do. */
export async function connectAll(): Promise<Databases> {
  const entries = await Promise.all(DATA_SERVICES.map(async (service) => {
    const client = new Client({ connectionString: databaseOwnerUrl(service) });
    await client.connect();
    return [service, client] as const;
  }));
  return Object.fromEntries(entries) as Databases;
}

export async function disconnectAll(db: Databases): Promise<void> {
  await Promise.all(DATA_SERVICES.map((s) => db[s].end()));
}

/** The units in campaign and in the three read models. */
export async function loadUnits(db: Databases, units: Unit[]): Promise<number> {
  let rows = await copy(db.campaign, 'campaign.union_units', 'union_units', ['id', 'code', 'name', 'name_folded', 'level', 'organisation_type', 'province_code', 'parent_id', 'path'], units.length,
    units.map((u) => [u.id, u.code, u.name, foldVietnamese(u.name), u.level, u.organisationType, u.provinceCode, u.parentId, u.path]));
  for (const service of ['evaluation', 'reward', 'media'] as const) {
    rows += await copy(db[service], `${service}.unit_refs`, 'unit_refs', ['id', 'name', 'path', 'level', 'organisation_type', 'province_code'], units.length,
      units.map((u) => [u.id, u.name, u.path, u.level, u.organisationType, u.provinceCode]));
  }
  return rows;
}

/** The members in campaign and in the three read models; returns how many members there are and the rows written. */
export async function loadMembers(db: Databases, rowsOf: MemberRows, estimated: number): Promise<{ members: number; rows: number }> {
  const count = await copy(db.campaign, 'campaign.members', 'members',
    ['id', 'full_name', 'full_name_folded', 'unit_id', 'unit_path', 'occupation_code', 'is_direct_production_worker', 'holds_leadership_post', 'joined_union_on'], estimated,
    rowsOf((m) => [m.id, m.name, foldVietnamese(m.name), m.unit.id, m.unit.path, m.occupation, m.direct, m.leader, '2015-05-01']));
  let rows = count;
  for (const service of ['evaluation', 'reward', 'media'] as const) {
    rows += await copy(db[service], `${service}.member_refs`, 'member_refs', ['id', 'full_name', 'unit_id', 'unit_path', 'occupation_code', 'is_direct_production_worker', 'holds_leadership_post'], count,
      rowsOf((m) => [m.id, m.name, m.unit.id, m.unit.path, m.occupation, m.direct, m.leader]));
  }
  return { members: count, rows };
}

/** A movement to generate: who launches it, its title, and its one measurable target. */
export interface CampaignPlan {
  unit: Unit;
  title: string;
  goal?: string;
  target?: { name: string; unitOfMeasure: string; value: number };
  /** Share of the grassroots unions below the launcher that enrol. */
  enrolledShare: number;
}

export interface GeneratedCampaign {
  id: string;
  title: string;
  unit: Unit;
}

export interface GeneratedEnrollment {
  id: string;
  campaignId: string;
  targetId: string;
  unit: Unit;
}

const INITIATIVES = { name: 'Sáng kiến cải tiến được áp dụng', unitOfMeasure: 'sáng kiến', value: 12 };
const CAMPAIGN_COLUMNS = ['id', 'title', 'goal', 'category', 'status', 'launching_unit_id', 'launching_unit_path', 'scope_unit_id', 'starts_on', 'ends_on', 'reporting_cadence', 'launched_at', 'started_at', 'created_by'];

/**
 * This year's movements, launched on 5 January and reported monthly: targets, the enrolments of grassroots unions
 * below each launcher (with their commitments, in evaluation as participants) and every month's report so far,
 * whole numbers around each unit's own pace.
 */
export async function loadCampaigns(dice: Dice, db: Databases, plans: CampaignPlan[], grassroots: Unit[]): Promise<{ rows: number; campaigns: GeneratedCampaign[]; enrollments: GeneratedEnrollment[] }> {
  const year = new Date().getUTCFullYear();
  const campaigns = plans.map((plan) => ({ ...plan, id: dice.uuid(), targetId: dice.uuid(), target: plan.target ?? INITIATIVES }));
  const launchedAt = new Date(Date.UTC(year, 0, 5));
  let rows = await copy(db.campaign, 'campaign.campaigns', 'campaigns', CAMPAIGN_COLUMNS,
    campaigns.length, campaigns.map((c) => [c.id, c.title, c.goal ?? 'Nâng cao năng suất, chất lượng, hiệu quả công việc', 'FOR_WORKERS', 'IN_PROGRESS', c.unit.id, c.unit.path, c.unit.id, `${year}-01-01`, `${year}-12-31`, 'MONTHLY', launchedAt, launchedAt, 'generator']));
  rows += await copy(db.campaign, 'campaign.campaign_targets', 'campaign_targets', ['id', 'campaign_id', 'position', 'name', 'unit_of_measure', 'target_value', 'direction', 'weight', 'aggregation'],
    campaigns.length, campaigns.map((c) => [c.targetId, c.id, 0, c.target.name, c.target.unitOfMeasure, c.target.value, 'HIGHER_IS_BETTER', 100, 'SUM']));
  rows += await copy(db.reward, 'reward.campaign_refs', 'campaign_refs', ['campaign_id', 'title', 'launching_unit_path', 'nominations_open', 'launched_at'],
    campaigns.length, campaigns.map((c) => [c.id, c.title, c.unit.path, true, launchedAt]));

  const enrollments: (GeneratedEnrollment & { commitment: number })[] = [];
  for (const campaign of campaigns) {
    for (const unit of grassroots) if (unit.path.startsWith(campaign.unit.path) && dice.chance(campaign.enrolledShare)) {
      enrollments.push({ id: dice.uuid(), campaignId: campaign.id, targetId: campaign.targetId, unit, commitment: campaign.target.value });
    }
  }
  rows += await copy(db.campaign, 'campaign.enrollments', 'enrollments', ['id', 'campaign_id', 'unit_id', 'unit_path', 'enrolled_by', 'enrolled_at'],
    enrollments.length, enrollments.map((e) => [e.id, e.campaignId, e.unit.id, e.unit.path, 'generator', launchedAt]));
  rows += await copy(db.campaign, 'campaign.enrollment_commitments', 'enrollment_commitments', ['enrollment_id', 'target_id', 'committed_value'],
    enrollments.length, enrollments.map((e) => [e.id, e.targetId, e.commitment]));
  rows += await copy(db.evaluation, 'evaluation.participants', 'participants', ['enrollment_id', 'campaign_id', 'unit_id', 'unit_path', 'enrolled_at'],
    enrollments.length, enrollments.map((e) => [e.id, e.campaignId, e.unit.id, e.unit.path, launchedAt]));
  const months = Math.max(1, new Date().getUTCMonth());
  // reported by the unit's officer a few days after each month, so counted at once (confirmed_at, as the service does)
  rows += await copy(db.campaign, 'campaign.progress_reports', 'progress_reports', ['id', 'enrollment_id', 'target_id', 'period_start', 'period_end', 'value', 'reported_by', 'reported_at', 'confirmed_at', 'confirmed_by'],
    enrollments.length * months,
    (function* () {
      for (const e of enrollments) {
        // each unit keeps its own pace, from 40 % to 120 % of a twelfth of its commitment a month
        const monthly = (e.commitment / 12) * (0.4 + dice.float() * 0.8);
        for (let month = 0; month < months; month++) {
          const start = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
          const end = new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
          const reportedAt = new Date(Date.UTC(year, month + 1, 3));
          yield [dice.uuid(), e.id, e.targetId, start, end, Math.round(monthly * (0.5 + dice.float())), 'generator', reportedAt, reportedAt, 'generator'];
        }
      }
    })());
  return { rows, campaigns, enrollments };
}

/** The movement in which every member is ranked (one per run: its results are the members' rankings). */
export interface MembersCampaign {
  unit: Unit;
  title: string;
}

/**
 * Published results: every campaign's enrolled units scored and ranked, and (if given) one campaign in which every
 * member is ranked. Lines go in with COPY unranked; one statement then ranks them by the rule of
 * services/evaluation/src/domain/ranking.ts (total, criteria fully met, direct production workers first, then name
 * in Vietnamese order) and places them in their province, sector, organisation type and occupation, as a
 * publication does. `sectorOf` gives a unit's sector union, if it belongs to one.
 */
export async function loadResults(
  dice: Dice,
  db: Databases,
  sectorOf: Map<string, string>,
  campaigns: GeneratedCampaign[],
  enrollments: GeneratedEnrollment[],
  members: { rowsOf: MemberRows; count: number; campaign: MembersCampaign } | null,
): Promise<number> {
  const year = new Date().getUTCFullYear();
  const everyone: GeneratedCampaign | null = members ? { id: dice.uuid(), ...members.campaign } : null;
  const openedAt = new Date(Date.UTC(year, 0, 5));
  let rows = everyone
    ? await copy(db.campaign, 'campaign.campaigns (members)', 'campaigns', CAMPAIGN_COLUMNS,
      1, [[everyone.id, everyone.title, 'Mọi đoàn viên thi đua hoàn thành tốt nhiệm vụ', 'FOR_WORKERS', 'IN_PROGRESS', everyone.unit.id, everyone.unit.path, everyone.unit.id, `${year}-01-01`, `${year}-12-31`, 'QUARTERLY', openedAt, openedAt, 'generator']])
    : 0;
  const all = everyone ? [...campaigns, everyone] : campaigns;
  rows += await copy(db.evaluation, 'evaluation.evaluation_rounds', 'evaluation_rounds', ['campaign_id', 'status', 'launching_unit_path', 'opened_at', 'title'],
    all.length, all.map((c) => [c.id, 'PUBLISHED', c.unit.path, openedAt, c.title]));
  const publishedAt = new Date(Date.UTC(year, 10, 1));
  rows += await copy(db.evaluation, 'evaluation.publications', 'publications', ['campaign_id', 'version', 'published_by', 'published_at', 'appeal_deadline', 'reason', 'latest'],
    all.length, all.map((c) => [c.id, 1, 'generator', publishedAt, new Date(publishedAt.getTime() + 10 * 86_400_000), 'results published', true]));

  const score = () => ({ total: Math.round((40 + dice.float() * 60) * 100) / 100, fullyMet: dice.int(4) });
  await db.evaluation.query(`CREATE TEMPORARY TABLE generated_lines (campaign_id uuid, enrollment_id uuid, member_id uuid, unit_id uuid, unit_path text, name text, unit_name text,
    total float8, criteria_fully_met int, direct boolean, leader boolean, province_code text, sector_unit_id uuid, organisation_type text, occupation_code text)`);
  const columns = ['campaign_id', 'enrollment_id', 'member_id', 'unit_id', 'unit_path', 'name', 'unit_name', 'total', 'criteria_fully_met', 'direct', 'leader', 'province_code', 'sector_unit_id', 'organisation_type', 'occupation_code'];
  await copy(db.evaluation, 'evaluation.results (units)', 'generated_lines', columns, enrollments.length, enrollments.map((e) => {
    const { total, fullyMet } = score();
    return [e.campaignId, e.id, null, e.unit.id, e.unit.path, e.unit.name, e.unit.name, total, fullyMet, e.unit.organisationType!.endsWith('ENTERPRISE'), null, e.unit.provinceCode, sectorOf.get(e.unit.id) ?? null, e.unit.organisationType, null];
  }));
  const memberTotal = members && everyone
    ? await copy(db.evaluation, 'evaluation.results (members)', 'generated_lines', columns, members.count, members.rowsOf((m) => {
      const { total, fullyMet } = score();
      return [everyone.id, dice.uuid(), m.id, m.unit.id, m.unit.path, m.name, m.unit.name, total, fullyMet, m.direct, m.leader, m.unit.provinceCode, sectorOf.get(m.unit.id) ?? null, m.unit.organisationType, m.occupation];
    }))
    : 0;
  const lines = enrollments.length + memberTotal;
  const started = Date.now();
  report(`[data] ranking ${lines.toLocaleString('en-US')} published lines in ${all.length} campaigns (one statement)…`);
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
  await db.evaluation.query('DROP TABLE generated_lines');
  const seconds = (Date.now() - started) / 1000;
  report(`[data] ranked ${lines.toLocaleString('en-US')} lines in ${seconds.toFixed(1)} s (${Math.round(lines / seconds).toLocaleString('en-US')} lines/s)`);
  return rows + lines;
}

/** A Giấy khen's multiplier of the base salary (the catalogue's, shared/design/reward-rules.md) and the base salary of Nghị định 73/2024/NĐ-CP. */
const GIAY_KHEN = { multiplier: 0.3, baseSalaryVnd: 2_340_000 };

/** A share of the members, each with a Giấy khen of their grassroots union decided this year, numbered from 1 by each union. */
export async function loadRewards(dice: Dice, db: Databases, members: Iterable<Member>, share: number): Promise<number> {
  const year = new Date().getUTCFullYear();
  const today = Date.now();
  const chosen: (Member & { nominationId: string; decisionId: string; decidedOn: string; achievedOn: string })[] = [];
  for (const member of members) {
    if (!dice.chance(share)) continue;
    const achieved = new Date(Date.UTC(year, 0, 1 + dice.int(300)));
    const decided = new Date(Math.min(today - 86_400_000, achieved.getTime() + (2 + dice.int(60)) * 86_400_000));
    chosen.push({ ...member, nominationId: dice.uuid(), decisionId: dice.uuid(), achievedOn: achieved.toISOString().slice(0, 10), decidedOn: decided.toISOString().slice(0, 10) });
  }
  const amount = Math.round((GIAY_KHEN.multiplier * GIAY_KHEN.baseSalaryVnd) / 1000) * 1000;
  const reason = 'Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng';
  const numbers = new Map<string, number>();
  let rows = await copy(db.reward, 'reward.nominations', 'nominations',
    ['id', 'source', 'status', 'member_id', 'unit_id', 'unit_path', 'subject_name', 'is_direct_production_worker', 'holds_leadership_post', 'occupation_code', 'province_code', 'form_code',
      'granting_unit_id', 'granting_unit_path', 'granting_level', 'achieved_on', 'award_year', 'reason', 'created_by'],
    chosen.length, chosen.map((c) => [c.nominationId, 'OFFICER', 'GRANTED', c.id, c.unit.id, c.unit.path, c.name, c.direct, c.leader, c.occupation, c.unit.provinceCode, 'GIAY_KHEN',
      c.unit.id, c.unit.path, 'GRASSROOTS', c.achievedOn, year, reason, 'generator']));
  rows += await copy(db.reward, 'reward.reward_decisions', 'reward_decisions',
    ['id', 'number', 'nomination_id', 'decided_on', 'award_year', 'achieved_on', 'signer_role', 'signed_by', 'granting_unit_id', 'granting_unit_path', 'granting_unit_name', 'form_code',
      'form_name', 'form_version', 'ad_hoc', 'member_id', 'unit_id', 'unit_path', 'unit_name', 'subject_name', 'is_direct_production_worker', 'holds_leadership_post', 'occupation_code',
      'province_code', 'multiplier', 'base_salary_vnd', 'amount_vnd', 'reason', 'search_folded'],
    chosen.length, chosen.map((c) => {
      const issued = (numbers.get(c.unit.id) ?? 0) + 1;
      numbers.set(c.unit.id, issued);
      const number = `${issued}/QĐ-CĐCS`;
      return [c.decisionId, number, c.nominationId, c.decidedOn, year, c.achievedOn, 'Chủ tịch công đoàn cơ sở', 'generator',
        c.unit.id, c.unit.path, c.unit.name, 'GIAY_KHEN', 'Giấy khen', 1, false, c.id, c.unit.id, c.unit.path, c.unit.name, c.name, c.direct, c.leader, c.occupation, c.unit.provinceCode,
        GIAY_KHEN.multiplier, GIAY_KHEN.baseSalaryVnd, amount, reason, foldVietnamese(`${c.name} ${c.unit.name} Giấy khen sáng kiến ${number}`)];
    }));
  report(`[data] ${chosen.length} reward decisions`);
  return rows;
}

/** Published stories about members of `provinces`, dated this year up to today, searchable as media makes them searchable. */
export async function loadStories(dice: Dice, media: Client, provinces: Unit[], count: number): Promise<number> {
  const year = new Date().getUTCFullYear();
  const daysSoFar = Math.max(1, Math.floor((Date.now() - Date.UTC(year, 0, 1)) / 86_400_000));
  const place = (province: Unit) => province.name.replace(/^Liên đoàn Lao động (tỉnh |thành phố )?/, '');
  const stories = Array.from({ length: count }, () => {
    const province = dice.pick(provinces);
    const words = [dice.pick(STORY_WORDS), dice.pick(STORY_WORDS)];
    const title = `${dice.name()}: ${words[0]} ở ${place(province)}`;
    const summary = `Gương ${words[1]} của đoàn viên công đoàn ${place(province)}.`;
    const body = `<p>${summary} Anh chị em công nhân học tập và làm theo.</p>`;
    return { id: dice.uuid(), title, summary, body, kind: dice.pick(['EXEMPLAR', 'GOOD_PRACTICE', 'GOOD_DEED']), province, publishedAt: new Date(Date.UTC(year, 0, 1 + dice.int(daysSoFar))) };
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
  await media.query('DROP TABLE story_search');
  return rows;
}
