import { ConflictError, ForbiddenError, NotFoundError, ValidationError, hasRole, isOfficerOver, isUuid, parseId, queryRows, requireAuthenticated, requireRole, todayInVietnam, shortDate, type FieldProblem, type Identity, type Queryable } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { CONFLICT_RULE, DEFAULT_COUNCIL_RULE, conflictOf, councilOutcome, councilRuleFor, councilRuleProblems, quorumNeeded, timeLimitProblems, type CouncilOutcome, type CouncilPosition, type CouncilRule, type MeetingTally, type TimeLimit } from '../domain/council';
import type { NominationRow, UnitRef } from '../entities';
import type { RewardContext } from './context';
import { findSubject, requireUnit } from './subjects';

/** A seat on a unit's council (council_members): an account, the member they are and the unit they come from. */
export interface CouncilSeatRow {
  id: string;
  unitId: string;
  unitPath: string;
  accountId: string;
  fullName: string;
  position: CouncilPosition;
  memberId: string | null;
  homeUnitId: string | null;
  homeUnitPath: string | null;
  addedAt: Date;
}

const SEAT_SELECT = `SELECT id, unit_id AS "unitId", unit_path AS "unitPath", account_id AS "accountId", full_name AS "fullName", position, member_id AS "memberId",
  home_unit_id AS "homeUnitId", home_unit_path AS "homeUnitPath", added_at AS "addedAt" FROM council_members`;

export interface CouncilMeetingRow {
  id: string;
  unitId: string;
  unitPath: string;
  heldOn: string;
  status: 'OPEN' | 'CLOSED';
  membersTotal: number;
  openedAt: Date;
  closedAt: Date | null;
}

const MEETING_SELECT = `SELECT id, unit_id AS "unitId", unit_path AS "unitPath", held_on::text AS "heldOn", status, members_total AS "membersTotal", opened_at AS "openedAt",
  closed_at AS "closedAt" FROM council_meetings`;

const RULE_SELECT = `SELECT code, form_codes AS "formCodes", quorum_share::float AS "quorumShare", majority_share::float AS "majorityShare", majority_strict AS "majorityStrict",
  min_members AS "minMembers", source, verified FROM council_rules`;

export const POSITION_ORDER: readonly CouncilPosition[] = ['CHAIR', 'VICE_CHAIR', 'STANDING_MEMBER', 'MEMBER'];

export function councilRules(db: Queryable): Promise<CouncilRule[]> {
  return queryRows<CouncilRule>(db, `${RULE_SELECT} ORDER BY cardinality(form_codes), code`);
}

export async function adHocTimeLimit(db: Queryable): Promise<TimeLimit> {
  const [limit] = await queryRows<TimeLimit>(db, `SELECT code, days, source, verified FROM reward_time_limits WHERE code = 'AD_HOC'`);
  return limit!;
}

/** The last day to decide an ad-hoc reward for an achievement of `achievedOn`: the regulation's days after it. */
export async function adHocDeadline(db: Queryable, achievedOn: string): Promise<{ decideBy: string; days: number }> {
  const [deadline] = await queryRows<{ decideBy: string; days: number }>(db,
    `SELECT ($1::date + days)::text AS "decideBy", days FROM reward_time_limits WHERE code = 'AD_HOC'`, [achievedOn]);
  return deadline!;
}

/**
 * A national admin saves a council rule (a new one for some forms, or an edit) as the regulation has it: checked, each
 * form in one rule only, the default kept; the rules apply to the votes counted from then on.
 */
export async function saveCouncilRule(ctx: RewardContext, input: CouncilRule): Promise<CouncilRule> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const rule = { ...input, code: input.code.trim(), formCodes: [...new Set(input.formCodes.map((c) => c.trim()))], source: input.source.trim().normalize('NFC') };
  const problems = councilRuleProblems(rule);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    const known = await queryRows<{ code: string }>(manager, `SELECT code FROM reward_forms WHERE code = ANY($1::text[])`, [rule.formCodes]);
    const unknown = rule.formCodes.filter((code) => !known.some((k) => k.code === code));
    if (unknown.length) throw ValidationError.single('formCodes', `không có hình thức ${unknown.join(', ')} trong danh mục`);
    const elsewhere = await queryRows<{ code: string; form: string }>(manager,
      `SELECT r.code, f AS form FROM council_rules r, unnest(r.form_codes) f WHERE r.code <> $1 AND f = ANY($2::text[]) ORDER BY f`, [rule.code, rule.formCodes]);
    if (elsewhere.length) throw ValidationError.single('formCodes', elsewhere.map((e) => `${e.form} đã thuộc quy định ${e.code}`).join('; '));
    if (rule.code !== DEFAULT_COUNCIL_RULE && !(await queryRows(manager, `SELECT 1 FROM council_rules WHERE code = $1`, [DEFAULT_COUNCIL_RULE])).length) {
      throw new ConflictError('Cần có quy định chung (DEFAULT) trước');
    }
    await manager.query(
      `INSERT INTO council_rules (code, form_codes, quorum_share, majority_share, majority_strict, min_members, source, verified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO UPDATE SET form_codes = EXCLUDED.form_codes, quorum_share = EXCLUDED.quorum_share, majority_share = EXCLUDED.majority_share,
         majority_strict = EXCLUDED.majority_strict, min_members = EXCLUDED.min_members, source = EXCLUDED.source, verified = EXCLUDED.verified`,
      [rule.code, rule.formCodes, rule.quorumShare, rule.majorityShare, rule.majorityStrict, rule.minMembers, rule.source, rule.verified],
    );
    const [saved] = await queryRows<CouncilRule>(manager, `${RULE_SELECT} WHERE code = $1`, [rule.code]);
    return saved!;
  });
}

/** A national admin sets the days an ad-hoc reward is decided in (the dashboard's timeliness counts by them). */
export async function setAdHocTimeLimit(ctx: RewardContext, input: { days: number; source: string; verified: boolean }): Promise<TimeLimit> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const problems = timeLimitProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`UPDATE reward_time_limits SET days = $1, source = $2, verified = $3 WHERE code = 'AD_HOC'`, [input.days, input.source.trim().normalize('NFC'), input.verified]);
    return adHocTimeLimit(manager);
  });
}

/** The active seats of a unit's council, chair first, then in the order they were given. */
export function seatsOf(db: Queryable, unitId: string): Promise<CouncilSeatRow[]> {
  return queryRows<CouncilSeatRow>(db, `${SEAT_SELECT} WHERE unit_id = $1 AND removed_at IS NULL
    ORDER BY array_position(ARRAY['CHAIR','VICE_CHAIR','STANDING_MEMBER','MEMBER'], position), added_at, id`, [unitId]);
}

/** The caller's active seat on the council of the unit at `unitPath`, or null. */
export async function seatOf(db: Queryable, identity: Identity, unitPath: string): Promise<CouncilSeatRow | null> {
  const [seat] = await queryRows<CouncilSeatRow>(db, `${SEAT_SELECT} WHERE unit_path = $1 AND account_id = $2 AND removed_at IS NULL`, [unitPath, identity.subject]);
  return seat ?? null;
}

export async function relativesOf(db: Queryable, seatIds: readonly string[]): Promise<Map<string, { memberId: string; relation: string }[]>> {
  const rows = await queryRows<{ seatId: string; memberId: string; relation: string }>(db,
    `SELECT council_member_id AS "seatId", member_id AS "memberId", relation FROM council_conflicts WHERE council_member_id = ANY($1::uuid[])`, [[...seatIds]]);
  const bySeat = new Map<string, { memberId: string; relation: string }[]>();
  for (const row of rows) bySeat.set(row.seatId, [...(bySeat.get(row.seatId) ?? []), { memberId: row.memberId, relation: row.relation }]);
  return bySeat;
}

/** Why this seat may not vote on this nomination, or null. */
export async function seatConflict(db: Queryable, seat: CouncilSeatRow, nomination: Pick<NominationRow, 'memberId' | 'unitPath'>): Promise<string | null> {
  const relatives = (await relativesOf(db, [seat.id])).get(seat.id) ?? [];
  return conflictOf({ memberId: seat.memberId, homeUnitPath: seat.homeUnitPath, relatives }, nomination);
}

/** Officers over the unit manage its council; its members and those officers see it. */
function canManage(identity: Identity, unit: UnitRef): boolean {
  return isOfficerOver(identity, unit.path);
}

/** Its officers, its members, and council accounts of the unit not seated yet (they see that they are not). */
async function canSeeCouncil(db: Queryable, identity: Identity, unit: UnitRef): Promise<boolean> {
  if (canManage(identity, unit) || (hasRole(identity, 'COUNCIL_MEMBER') && identity.unitPath === unit.path)) return true;
  return (await seatOf(db, identity, unit.path)) !== null;
}

/** The council of a unit (the caller's own when none is named), for its officers and members. */
export async function councilOf(ctx: RewardContext, unitIdInput: string | null): Promise<UnitRef> {
  requireAuthenticated(ctx.identity);
  const unit = unitIdInput
    ? await requireUnit(ctx.db.manager, parseId('unitId', unitIdInput))
    : (await queryRows<UnitRef>(ctx.db, `SELECT id, name, path, level FROM unit_refs WHERE path = $1`, [ctx.identity.unitPath ?? '/nowhere/']))[0];
  if (!unit) throw ValidationError.single('unitId', 'hãy chọn đơn vị có Hội đồng thi đua, khen thưởng');
  if (!(await canSeeCouncil(ctx.db, ctx.identity, unit))) throw new ForbiddenError(`Hội đồng thi đua, khen thưởng của ${unit.name} dành cho cán bộ công đoàn quản lý đơn vị và thành viên Hội đồng`, { field: 'unitId' });
  return unit;
}

export interface SeatInput {
  accountId: string;
  fullName: string;
  position: CouncilPosition;
  memberId?: string | null;
  homeUnitId?: string | null;
}

function seatProblems(input: SeatInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.accountId.trim().length === 0 || input.accountId.length > 100) problems.push({ field: 'accountId', message: 'hãy chọn tài khoản của thành viên Hội đồng' });
  if (input.fullName.trim().length === 0 || input.fullName.length > 200) problems.push({ field: 'fullName', message: 'họ và tên dài 1–200 ký tự' });
  if (!POSITION_ORDER.includes(input.position)) problems.push({ field: 'position', message: 'chọn chức danh trong Hội đồng: Chủ tịch, Phó Chủ tịch, Ủy viên thường trực hoặc Ủy viên' });
  if (input.memberId && !isUuid(input.memberId)) problems.push({ field: 'memberId', message: 'đoàn viên không hợp lệ' });
  if (input.homeUnitId && !isUuid(input.homeUnitId)) problems.push({ field: 'homeUnitId', message: 'đơn vị công tác không hợp lệ' });
  return problems;
}

/** The unit's officer gives an account a seat on the council: who they are, the unit they come from. */
export async function addCouncilMember(ctx: RewardContext, unitIdInput: string, input: SeatInput): Promise<CouncilSeatRow> {
  requireAuthenticated(ctx.identity);
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', unitIdInput));
  if (!canManage(ctx.identity, unit)) throw new ForbiddenError(`Chỉ cán bộ công đoàn quản lý ${unit.name} mới bổ sung thành viên Hội đồng của đơn vị`, { field: 'unitId' });
  const problems = seatProblems(input);
  if (problems.length) throw new ValidationError(problems);
  const member = input.memberId ? await findSubject(ctx.db.manager, { memberId: input.memberId.toLowerCase(), unitId: null }) : null;
  if (input.memberId && (!member || !isOfficerOver(ctx.identity, member.unitPath))) throw ValidationError.single('memberId', 'đoàn viên này không thuộc đơn vị bạn quản lý');
  const homeUnit = input.homeUnitId ? await requireUnit(ctx.db.manager, input.homeUnitId.toLowerCase()) : member ? { id: member.unitId, path: member.unitPath } : unit;
  return ctx.transaction(async ({ manager }) => {
    const [taken] = await queryRows<{ fullName: string }>(manager, `SELECT full_name AS "fullName" FROM council_members WHERE unit_id = $1 AND account_id = $2 AND removed_at IS NULL`, [unit.id, input.accountId.trim()]);
    if (taken) throw new ConflictError(`Tài khoản này đã là thành viên Hội đồng của ${unit.name} (${taken.fullName})`, { field: 'accountId' });
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO council_members (unit_id, unit_path, account_id, full_name, position, member_id, home_unit_id, home_unit_path, added_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [unit.id, unit.path, input.accountId.trim(), input.fullName.trim().normalize('NFC'), input.position, member?.memberId ?? null, homeUnit.id, homeUnit.path, ctx.identity.subject],
    );
    return (await queryRows<CouncilSeatRow>(manager, `${SEAT_SELECT} WHERE id = $1`, [row!.id]))[0]!;
  });
}

async function seatForUpdate(manager: EntityManager, id: string): Promise<CouncilSeatRow | null> {
  const [seat] = await queryRows<CouncilSeatRow>(manager, `${SEAT_SELECT} WHERE id = $1 AND removed_at IS NULL FOR UPDATE`, [parseId('id', id)]);
  return seat ?? null;
}

/** The unit's officer ends a seat; the votes it cast stay in the minutes. */
export async function removeCouncilMember(ctx: RewardContext, id: string): Promise<CouncilSeatRow> {
  requireAuthenticated(ctx.identity);
  return ctx.transaction(async ({ manager }) => {
    const seat = await seatForUpdate(manager, id);
    if (!seat || !isOfficerOver(ctx.identity, seat.unitPath)) throw new NotFoundError('CouncilMember', id);
    await manager.query(`UPDATE council_members SET removed_at = clock_timestamp(), removed_by = $2 WHERE id = $1`, [seat.id, ctx.identity.subject]);
    return seat;
  });
}

/** A council member declares a relative: they will not vote on that person's nominations. */
export async function declareCouncilConflict(ctx: RewardContext, input: { memberId: string; relation: string }): Promise<CouncilSeatRow> {
  requireAuthenticated(ctx.identity);
  const seat = ctx.identity.unitPath ? await seatOf(ctx.db, ctx.identity, ctx.identity.unitPath) : null;
  if (!seat) throw new ForbiddenError('Chỉ thành viên Hội đồng thi đua, khen thưởng khai báo người thân của mình');
  const relation = input.relation.trim().normalize('NFC');
  if (relation.length < 2 || relation.length > 100) throw ValidationError.single('relation', 'ghi quan hệ với người này, ví dụ “vợ”, “con”, “anh ruột” (2–100 ký tự)');
  const member = await findSubject(ctx.db.manager, { memberId: parseId('memberId', input.memberId), unitId: null });
  // the council considers its own subtree: a member outside it is not the caller's to learn about
  if (!member || !member.unitPath.startsWith(seat.unitPath)) throw new NotFoundError('Member', input.memberId);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO council_conflicts (council_member_id, member_id, relation) VALUES ($1, $2, $3)
       ON CONFLICT (council_member_id, member_id) DO UPDATE SET relation = EXCLUDED.relation, declared_at = now()`,
      [seat.id, member.memberId, relation],
    );
    return seat;
  });
}

export const openMeetingOf = async (db: Queryable, unitId: string): Promise<CouncilMeetingRow | null> =>
  (await queryRows<CouncilMeetingRow>(db, `${MEETING_SELECT} WHERE unit_id = $1 AND status = 'OPEN'`, [unitId]))[0] ?? null;

export function meetingsOf(db: Queryable, unitId: string, limit: number): Promise<CouncilMeetingRow[]> {
  return queryRows<CouncilMeetingRow>(db, `${MEETING_SELECT} WHERE unit_id = $1 ORDER BY held_on DESC, opened_at DESC LIMIT $2`, [unitId, limit]);
}

export function attendeesOf(db: Queryable, meetingId: string): Promise<CouncilSeatRow[]> {
  return queryRows<CouncilSeatRow>(db,
    `SELECT s.id, s.unit_id AS "unitId", s.unit_path AS "unitPath", s.account_id AS "accountId", s.full_name AS "fullName", s.position, s.member_id AS "memberId",
            s.home_unit_id AS "homeUnitId", s.home_unit_path AS "homeUnitPath", s.added_at AS "addedAt"
       FROM council_meeting_attendees a JOIN council_members s ON s.id = a.council_member_id WHERE a.meeting_id = $1
      ORDER BY array_position(ARRAY['CHAIR','VICE_CHAIR','STANDING_MEMBER','MEMBER'], s.position), s.added_at, s.id`, [meetingId]);
}

/** Who opens and closes the council's meetings: its members (the secretary records them) and the unit's officers. */
async function requireMeetingClerk(ctx: RewardContext, unit: UnitRef): Promise<void> {
  if (canManage(ctx.identity, unit) || (hasRole(ctx.identity, 'COUNCIL_MEMBER') && (await seatOf(ctx.db, ctx.identity, unit.path)))) return;
  throw new ForbiddenError(`Chỉ thành viên Hội đồng và cán bộ công đoàn của ${unit.name} mới ghi phiên họp của Hội đồng`, { field: 'unitId' });
}

/** Opens a meeting of the council with the members present; votes are cast in it until it is closed. */
export async function openCouncilMeeting(ctx: RewardContext, unitIdInput: string, input: { heldOn?: string | null; attendeeIds: string[] }): Promise<CouncilMeetingRow> {
  requireAuthenticated(ctx.identity);
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', unitIdInput));
  await requireMeetingClerk(ctx, unit);
  const heldOn = input.heldOn ?? todayInVietnam();
  const problems: FieldProblem[] = [];
  if (heldOn > todayInVietnam()) problems.push({ field: 'heldOn', message: 'ngày họp không thể ở tương lai' });
  const attendeeIds = [...new Set(input.attendeeIds.map((id) => id.toLowerCase()))];
  if (attendeeIds.length === 0) problems.push({ field: 'attendeeIds', message: 'đánh dấu các thành viên có mặt tại phiên họp' });
  if (attendeeIds.some((id) => !isUuid(id))) problems.push({ field: 'attendeeIds', message: 'thành viên dự họp không hợp lệ' });
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`council-meeting:${unit.id}`]);
    const open = await openMeetingOf(manager, unit.id);
    if (open) throw new ConflictError(`Hội đồng đang có phiên họp ngày ${shortDate(open.heldOn)} chưa kết thúc; hãy kết thúc phiên đó trước`, { meetingId: open.id });
    const seats = await seatsOf(manager, unit.id);
    const strangers = attendeeIds.filter((id) => !seats.some((s) => s.id === id));
    if (strangers.length) throw ValidationError.single('attendeeIds', `${strangers.length} người được đánh dấu dự họp không phải thành viên Hội đồng của ${unit.name}`);
    const [meeting] = await queryRows<{ id: string }>(manager,
      `INSERT INTO council_meetings (unit_id, unit_path, held_on, status, members_total, opened_by) VALUES ($1, $2, $3, 'OPEN', $4, $5) RETURNING id`,
      [unit.id, unit.path, heldOn, seats.length, ctx.identity.subject],
    );
    await manager.query(`INSERT INTO council_meeting_attendees (meeting_id, council_member_id) SELECT $1, unnest($2::uuid[])`, [meeting!.id, attendeeIds]);
    return (await queryRows<CouncilMeetingRow>(manager, `${MEETING_SELECT} WHERE id = $1`, [meeting!.id]))[0]!;
  });
}

export async function closeCouncilMeeting(ctx: RewardContext, id: string): Promise<CouncilMeetingRow> {
  requireAuthenticated(ctx.identity);
  return ctx.transaction(async ({ manager }) => {
    const [meeting] = await queryRows<CouncilMeetingRow>(manager, `${MEETING_SELECT} WHERE id = $1 FOR UPDATE`, [parseId('id', id)]);
    if (!meeting) throw new NotFoundError('CouncilMeeting', id);
    await requireMeetingClerk(ctx, await requireUnit(manager, meeting.unitId));
    if (meeting.status === 'CLOSED') throw new ConflictError(`Phiên họp ngày ${shortDate(meeting.heldOn)} đã kết thúc`);
    await manager.query(`UPDATE council_meetings SET status = 'CLOSED', closed_at = clock_timestamp() WHERE id = $1`, [meeting.id]);
    return { ...meeting, status: 'CLOSED', closedAt: new Date() };
  });
}

/**
 * Where a council member's vote goes: the council's open meeting, which they attend, on a nomination they have no
 * conflict on. Returns the meeting's id; refuses naming the rule otherwise.
 */
export async function meetingForVote(manager: EntityManager, identity: Identity, nomination: NominationRow): Promise<string> {
  const seat = await seatOf(manager, identity, nomination.grantingUnitPath);
  if (!seat) throw new ForbiddenError('Bạn chưa có tên trong danh sách thành viên Hội đồng của đơn vị này; cán bộ công đoàn của đơn vị bổ sung thành viên', { field: 'vote' });
  const conflict = await seatConflict(manager, seat, nomination);
  if (conflict) throw new ConflictError(`Bạn không biểu quyết đề nghị này: ${conflict} (${CONFLICT_RULE.source})`, { rule: 'CONFLICT_OF_INTEREST', source: CONFLICT_RULE.source, field: 'vote' });
  const meeting = await openMeetingOf(manager, nomination.grantingUnitId);
  if (!meeting) throw new ConflictError('Hội đồng chưa mở phiên họp: biểu quyết được ghi trong một phiên họp có danh sách dự họp', { rule: 'NO_MEETING', field: 'vote' });
  const [present] = await queryRows<{ n: number }>(manager, `SELECT count(*)::int AS n FROM council_meeting_attendees WHERE meeting_id = $1 AND council_member_id = $2`, [meeting.id, seat.id]);
  if (present!.n === 0) throw new ConflictError(`Bạn không có tên trong danh sách dự họp phiên ngày ${shortDate(meeting.heldOn)}; thư ký Hội đồng ghi danh sách khi mở phiên`, { rule: 'QUORUM', field: 'vote' });
  return meeting.id;
}

/** The latest meeting that voted on the nomination, with its count (each attending member's latest vote in it). */
export async function meetingTally(db: Queryable, nomination: Pick<NominationRow, 'id' | 'grantingUnitId' | 'memberId' | 'unitPath'>): Promise<MeetingTally | null> {
  const [meeting] = await queryRows<CouncilMeetingRow>(db,
    `${MEETING_SELECT} m WHERE m.unit_id = $1 AND EXISTS (SELECT 1 FROM council_reviews r WHERE r.meeting_id = m.id AND r.nomination_id = $2 AND r.vote IS NOT NULL)
      ORDER BY m.held_on DESC, m.opened_at DESC LIMIT 1`,
    [nomination.grantingUnitId, nomination.id],
  );
  if (!meeting) return null;
  const attendees = await attendeesOf(db, meeting.id);
  const relatives = await relativesOf(db, attendees.map((a) => a.id));
  const conflicted = attendees.filter((a) => conflictOf({ memberId: a.memberId, homeUnitPath: a.homeUnitPath, relatives: relatives.get(a.id) ?? [] }, nomination) !== null).length;
  const [votes] = await queryRows<{ votesFor: number; votesAgainst: number; abstentions: number }>(db,
    `SELECT count(*) FILTER (WHERE vote = 'FOR')::int AS "votesFor", count(*) FILTER (WHERE vote = 'AGAINST')::int AS "votesAgainst", count(*) FILTER (WHERE vote = 'ABSTAIN')::int AS abstentions
       FROM (SELECT DISTINCT ON (reviewer) vote FROM council_reviews WHERE meeting_id = $1 AND nomination_id = $2 AND vote IS NOT NULL ORDER BY reviewer, reviewed_at DESC) latest`,
    [meeting.id, nomination.id],
  );
  return { heldOn: meeting.heldOn, members: meeting.membersTotal, present: attendees.length, conflicted, ...votes! };
}

/** Whether the council passed the nomination for the form, by the rule of that form. */
export async function nominationOutcome(db: Queryable, nomination: Pick<NominationRow, 'id' | 'grantingUnitId' | 'memberId' | 'unitPath'>, formCode: string | null): Promise<CouncilOutcome> {
  const rule = councilRuleFor(await councilRules(db), formCode ?? '');
  return councilOutcome(rule, await meetingTally(db, nomination));
}

/** The members needed present for a meeting of this council (by the default rule). */
export async function meetingQuorum(db: Queryable, meeting: CouncilMeetingRow): Promise<{ needed: number; present: number; met: boolean }> {
  const rule = councilRuleFor(await councilRules(db), '');
  const [present] = await queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM council_meeting_attendees WHERE meeting_id = $1`, [meeting.id]);
  const needed = quorumNeeded(rule, meeting.membersTotal);
  return { needed, present: present!.n, met: present!.n >= needed && meeting.membersTotal >= rule.minMembers };
}

/** The caller's conflict on a nomination, shown before they vote (null for those without a seat, or without one). */
export async function myConflict(ctx: RewardContext, nomination: NominationRow): Promise<string | null> {
  const seat = await seatOf(ctx.db, ctx.identity, nomination.grantingUnitPath);
  return seat ? seatConflict(ctx.db, seat, nomination) : null;
}

/** The meetings a unit's council held in a period, with who attended and whether the quorum was present (for the minutes). */
export async function meetingsInPeriod(db: Queryable, unitPath: string, from: string, to: string): Promise<{ heldOn: string; membersTotal: number; attendees: string[]; quorumNeeded: number; quorumMet: boolean }[]> {
  const meetings = await queryRows<CouncilMeetingRow>(db, `${MEETING_SELECT} WHERE unit_path = $1 AND held_on BETWEEN $2 AND $3 ORDER BY held_on, opened_at`, [unitPath, from, to]);
  const result = [];
  for (const meeting of meetings) {
    const attendees = await attendeesOf(db, meeting.id);
    const quorum = await meetingQuorum(db, meeting);
    result.push({ heldOn: meeting.heldOn, membersTotal: meeting.membersTotal, attendees: attendees.map((a) => a.fullName), quorumNeeded: quorum.needed, quorumMet: quorum.met });
  }
  return result;
}
