import {
  UNIT_LEVEL_NAMES,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  foldVietnamese,
  foldedContainsPattern,
  isOfficerOver,
  isUuid,
  pageSize,
  parseId,
  queryRows,
  readFirstSheet,
  requireRole,
  requireWithinScope,
  toConnection,
  todayInVietnam,
  UnreadableSpreadsheetError,
  type Connection,
  type Gender,
  type PageRequest,
  type SheetRow,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { canSeeMember } from '../domain/access';
import { MalformedFileError, parseMemberCsv, parseMemberRecords, type RowProblem } from '../domain/member-import';
import { memberProblems } from '../domain/members';
import { MemberEntity, OccupationEntity, type MemberRow, type UnionUnitRow } from '../entities';
import { memberUpserted } from './published-events';
import type { CampaignContext } from './context';
import { lockWithinScope } from './locks';

export interface CreateMemberInput {
  unitId: string;
  fullName: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
  gender?: Gender | null;
  joinedUnionOn?: string | null;
}

export interface UpdateMemberInput {
  fullName?: string | null;
  occupationCode?: string | null;
  isDirectProductionWorker?: boolean | null;
  holdsLeadershipPost?: boolean | null;
  gender?: Gender | null;
  joinedUnionOn?: string | null;
  leftUnionOn?: string | null;
}

export async function createMember(ctx: CampaignContext, input: CreateMemberInput): Promise<MemberRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  // every problem of the form at once, the unit's among them, so the officer fixes the form in one go
  const unit = isUuid(input.unitId) ? await ctx.loaders.unit.load(input.unitId.toLowerCase()) : null;
  if (unit) requireWithinScope(ctx.identity, unit.path);
  const occupation = input.occupationCode ? await ctx.loaders.occupation.load(input.occupationCode) : null;
  const joinedUnionOn = input.joinedUnionOn ?? null;
  const problems = [
    ...(unit ? [] : [{ field: 'unitId', message: 'Chọn công đoàn cơ sở của đoàn viên' }]),
    ...memberProblems({ fullName: input.fullName, occupationCode: input.occupationCode, joinedUnionOn }, unit?.level ?? 'GRASSROOTS', occupation !== null, todayInVietnam()),
  ];
  if (problems.length > 0 || !unit) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager, emit }) => {
    const fullName = input.fullName.trim().normalize('NFC');
    const saved = await manager.getRepository(MemberEntity).save({
      fullName,
      fullNameFolded: foldVietnamese(fullName),
      unitId: unit.id,
      unitPath: unit.path,
      occupationCode: input.occupationCode,
      isDirectProductionWorker: input.isDirectProductionWorker,
      holdsLeadershipPost: input.holdsLeadershipPost,
      gender: input.gender ?? null,
      joinedUnionOn,
      leftUnionOn: null,
    });
    await emit(memberUpserted(saved));
    return saved;
  });
}

export async function updateMember(ctx: CampaignContext, id: string, input: UpdateMemberInput): Promise<MemberRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const memberId = parseId('id', id);
  return ctx.transaction(async ({ manager, emit }) => {
    const member = await lockWithinScope(ctx, manager, MemberEntity, memberId, { name: 'Member', input: id, pathOf: (row) => row.unitPath });
    const next = {
      fullName: (input.fullName ?? member.fullName).trim().normalize('NFC'),
      occupationCode: input.occupationCode ?? member.occupationCode,
      joinedUnionOn: input.joinedUnionOn === undefined ? member.joinedUnionOn : input.joinedUnionOn,
      leftUnionOn: input.leftUnionOn === undefined ? member.leftUnionOn : input.leftUnionOn,
    };
    const occupationExists = (await manager.getRepository(OccupationEntity).countBy({ code: next.occupationCode })) > 0;
    const problems = memberProblems(next, 'GRASSROOTS', occupationExists, todayInVietnam());
    if (next.leftUnionOn && next.joinedUnionOn && next.leftUnionOn < next.joinedUnionOn) {
      problems.push({ field: 'leftUnionOn', message: 'Ngày rời công đoàn không thể trước ngày vào công đoàn' });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    Object.assign(member, {
      ...next,
      fullNameFolded: foldVietnamese(next.fullName),
      isDirectProductionWorker: input.isDirectProductionWorker ?? member.isDirectProductionWorker,
      holdsLeadershipPost: input.holdsLeadershipPost ?? member.holdsLeadershipPost,
      gender: input.gender === undefined ? member.gender : input.gender,
    });
    const saved = await manager.getRepository(MemberEntity).save(member);
    await emit(memberUpserted(saved));
    return saved;
  });
}

export interface MemberImportReport {
  imported: number;
  rows: number;
  problems: RowProblem[];
}

const INSERT_BATCH = 500;

/**
 * Imports a grassroots union's member list. All or nothing: a malformed file is refused (BAD_USER_INPUT), and
 * when any row has a problem nothing is written and the report lists every problem by row, so the officer
 * fixes the file once and imports it again without creating duplicates.
 */
export async function importMembers(ctx: CampaignContext, unitId: string, csv: string): Promise<MemberImportReport> {
  const unit = await importTarget(ctx, unitId);
  return importParsed(ctx, unit, parseFile('csv', () => parseMemberCsv(csv, todayInVietnam())));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The same import from an .xlsx (its first sheet, the same columns), sent base64-encoded. */
export async function importMembersFromSpreadsheet(ctx: CampaignContext, unitId: string, contentBase64: string): Promise<MemberImportReport> {
  const unit = await importTarget(ctx, unitId);
  const content = contentBase64.replace(/\s+/g, '');
  if (content.length === 0 || content.length % 4 !== 0 || !BASE64.test(content)) throw ValidationError.single('contentBase64', 'tệp phải được gửi dưới dạng base64');
  let records: SheetRow[];
  try {
    records = await readFirstSheet(Buffer.from(content, 'base64'));
  } catch (error) {
    if (error instanceof UnreadableSpreadsheetError) throw ValidationError.single('contentBase64', error.message);
    throw error;
  }
  return importParsed(ctx, unit, parseFile('contentBase64', () => parseMemberRecords(records, todayInVietnam())));
}

async function importTarget(ctx: CampaignContext, unitId: string): Promise<UnionUnitRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw new NotFoundError('Unit', unitId);
  requireWithinScope(ctx.identity, unit.path);
  if (unit.level !== 'GRASSROOTS') throw ValidationError.single('unitId', `đoàn viên sinh hoạt ở công đoàn cơ sở; ${unit.name} là đơn vị cấp ${UNIT_LEVEL_NAMES[unit.level] ?? unit.level}`);
  return unit;
}

function parseFile(field: string, parse: () => ReturnType<typeof parseMemberCsv>): ReturnType<typeof parseMemberCsv> {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MalformedFileError) throw ValidationError.single(field, error.message);
    throw error;
  }
}

async function importParsed(ctx: CampaignContext, unit: UnionUnitRow, parsed: ReturnType<typeof parseMemberCsv>): Promise<MemberImportReport> {
  const known = new Set((await ctx.db.getRepository(OccupationEntity).find({ select: { code: true } })).map((o) => o.code));
  const problems = [...parsed.problems];
  for (const member of parsed.members) {
    if (!known.has(member.occupationCode)) {
      problems.push({ row: member.row, field: 'ma_nghe', message: `mã nghề "${member.occupationCode}" không có trong danh mục nghề nghiệp` });
    }
  }
  const rows = parsed.members.length + new Set(parsed.problems.map((p) => p.row)).size;
  if (problems.length > 0) return { imported: 0, rows, problems: problems.sort((a, b) => a.row - b.row) };

  const started = Date.now();
  await ctx.transaction(async ({ manager, emit }) => {
    for (let from = 0; from < parsed.members.length; from += INSERT_BATCH) {
      const batch = parsed.members.slice(from, from + INSERT_BATCH);
      const saved = await insertMembers(manager, unit.id, unit.path, batch);
      for (const member of saved) await emit(memberUpserted(member));
      const done = from + batch.length;
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      ctx.logger.info({ unitId: unit.id, done, total: parsed.members.length, perSecond: Math.round(rate), secondsLeft: Math.round((parsed.members.length - done) / rate) }, 'member import progress');
    }
  });
  return { imported: parsed.members.length, rows, problems: [] };
}

async function insertMembers(
  manager: EntityManager,
  unitId: string,
  unitPath: string,
  batch: ReturnType<typeof parseMemberCsv>['members'],
): Promise<MemberRow[]> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(MemberEntity)
    .values(
      batch.map((m) => ({
        fullName: m.fullName,
        fullNameFolded: foldVietnamese(m.fullName),
        unitId,
        unitPath,
        occupationCode: m.occupationCode,
        isDirectProductionWorker: m.isDirectProductionWorker,
        holdsLeadershipPost: m.holdsLeadershipPost,
        gender: m.gender,
        joinedUnionOn: m.joinedUnionOn,
        leftUnionOn: null,
      })),
    )
    // the day as text: pg would hand a date back as a JS Date at the server's local midnight
    .returning(`*, joined_union_on::text AS joined_union_on_text`)
    .execute();
  return (result.raw as Record<string, unknown>[]).map((raw) => ({
    id: raw.id as string,
    fullName: raw.full_name as string,
    fullNameFolded: raw.full_name_folded as string,
    unitId,
    unitPath,
    occupationCode: raw.occupation_code as string,
    isDirectProductionWorker: raw.is_direct_production_worker as boolean,
    holdsLeadershipPost: raw.holds_leadership_post as boolean,
    gender: (raw.gender as MemberRow['gender']) ?? null,
    joinedUnionOn: (raw.joined_union_on_text as string | null) ?? null,
    leftUnionOn: null,
    createdAt: raw.created_at as Date,
    updatedAt: raw.updated_at as Date,
  }));
}

/** A member the caller may see, or null (not found and not visible look the same). */
export async function visibleMember(ctx: CampaignContext, id: string): Promise<MemberRow | null> {
  const member = await ctx.loaders.member.load(parseId('id', id));
  return member && canSeeMember(ctx.identity, member) ? member : null;
}

export async function membersOfSubtree(ctx: CampaignContext, unitId: string, page: PageRequest, search: string | null = null): Promise<Connection<MemberRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw new NotFoundError('Unit', unitId);
  requireWithinScope(ctx.identity, unit.path);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const folded = foldedContainsPattern(search);
  const ids = await queryRows<{ id: string }>(ctx.db,
    `SELECT id FROM members WHERE unit_path LIKE $1 AND ($3::uuid IS NULL OR id > $3::uuid) AND ($4::text IS NULL OR full_name_folded LIKE $4) ORDER BY id LIMIT $2`,
    [`${unit.path}%`, limit + 1, after?.[0] ?? null, folded],
  );
  const rows = (await ctx.loaders.member.loadMany(ids.map((r) => r.id))).filter((r): r is MemberRow => r !== null && !(r instanceof Error));
  return toConnection(rows, limit, (row) => [row.id]);
}

/**
 * A member moves to another grassroots union (chuyển sinh hoạt công đoàn): officers over both unions (or national
 * admins) move them. MemberUpserted carries the new place to the other subgraphs and to the member's own account.
 */
export async function moveMember(ctx: CampaignContext, id: string, unitId: string): Promise<MemberRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const destination = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!destination) throw ValidationError.single('unitId', 'Không tìm thấy công đoàn nhận đoàn viên');
  if (destination.level !== 'GRASSROOTS') throw ValidationError.single('unitId', `${destination.name} không phải công đoàn cơ sở; đoàn viên sinh hoạt ở công đoàn cơ sở`);
  return ctx.transaction(async ({ manager, emit }) => {
    const repository = manager.getRepository(MemberEntity);
    const member = await repository.findOne({ where: { id: parseId('id', id) }, lock: { mode: 'pessimistic_write' } });
    if (!member || !canSeeMember(ctx.identity, member)) {
      throw Object.assign(new NotFoundError('Member', id), { message: 'Không tìm thấy đoàn viên này trong các đơn vị bạn quản lý' });
    }
    for (const path of [member.unitPath, destination.path]) {
      if (!isOfficerOver(ctx.identity, path)) throw new ForbiddenError(`Chỉ cán bộ quản lý cả hai công đoàn mới chuyển được đoàn viên ${member.fullName} sang ${destination.name}`, { unitPath: path });
    }
    if (member.unitId === destination.id) return member;
    Object.assign(member, { unitId: destination.id, unitPath: destination.path });
    const saved = await repository.save(member);
    await emit(memberUpserted(saved));
    return saved;
  });
}
