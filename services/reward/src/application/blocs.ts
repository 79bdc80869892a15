import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  isOfficerOver,
  isUuid,
  pageSize,
  parseId,
  queryRow,
  queryRows,
  requireRole,
  shortDate,
  toConnection,
  todayInVietnam,
  yearInVietnam,
  type Connection,
  type PageRequest,
  type Queryable,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { BLOC_RULES, blocProblems, covenantProblems, rankBloc, scoreProblems, type BlocKind } from '../domain/blocs';
import { formFitProblems } from '../domain/forms';
import { WOMEN_PREFERENCE_RULE } from '../domain/ties';
import { BLOC_SELECT, type BlocRow, type UnitRef } from '../entities';
import { blocUnits } from './bloc-units';
import { loadForm } from './catalogue';
import type { RewardContext } from './context';
import { insertNomination } from './nominations';
import { findSubject, requireUnit } from './subjects';
import { preferredSubjects } from './ties';

const KIND_WORDS: Record<BlocKind, string> = { KHOI: 'Khối thi đua', CUM: 'Cụm thi đua' };

export interface BlocInput {
  organiserUnitId: string;
  kind: BlocKind;
  name: string;
  year: number;
  memberUnitIds: string[];
}

const loadBloc = (db: Queryable, id: string, forUpdate = false) => queryRow<BlocRow>(db, `${BLOC_SELECT} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);

/** Forms a bloc (officers over the organising unit): units strictly below it, each in one bloc of that level a year. */
export async function createEmulationBloc(ctx: RewardContext, input: BlocInput): Promise<BlocRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const organiser = await requireUnit(ctx.db.manager, parseId('organiserUnitId', input.organiserUnitId));
  if (!isOfficerOver(ctx.identity, organiser.path)) throw new ForbiddenError(`Chỉ cán bộ công đoàn phụ trách ${organiser.name} tổ chức khối, cụm thi đua của cấp này`, { unitPath: organiser.path });
  const unitIds = input.memberUnitIds.map((id, index) => parseId(`memberUnitIds.${index}`, id));
  const problems = blocProblems({ name: input.name, year: input.year, unitIds }, organiser.level, yearInVietnam());
  const units = await queryRows<UnitRef>(ctx.db, `SELECT id, name, path, level FROM unit_refs WHERE id = ANY($1::uuid[])`, [unitIds]);
  unitIds.forEach((id, index) => {
    const unit = units.find((u) => u.id === id);
    if (!unit) problems.push({ field: `memberUnitIds.${index}`, message: 'không có đơn vị công đoàn này' });
    else if (unit.path === organiser.path || !unit.path.startsWith(organiser.path)) problems.push({ field: `memberUnitIds.${index}`, message: `${unit.name} không trực thuộc ${organiser.name}` });
  });
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`blocs:${organiser.id}:${input.year}`]);
    const taken = await queryRows<{ unitName: string; blocName: string }>(manager,
      `SELECT bu.unit_name AS "unitName", b.name AS "blocName" FROM emulation_bloc_units bu JOIN emulation_blocs b ON b.id = bu.bloc_id
        WHERE bu.organiser_unit_id = $1 AND bu.year = $2 AND bu.unit_id = ANY($3::uuid[])`, [organiser.id, input.year, unitIds]);
    if (taken.length) {
      throw new ConflictError(`Mỗi đơn vị chỉ ở một khối, cụm thi đua của ${organiser.name} năm ${input.year}: ${taken.map((t) => `${t.unitName} đã ở "${t.blocName}"`).join('; ')}`);
    }
    const [bloc] = await queryRows<{ id: string }>(manager,
      `INSERT INTO emulation_blocs (organiser_unit_id, organiser_unit_path, name, kind, year, status, created_by) VALUES ($1, $2, $3, $4, $5, 'FORMED', $6) RETURNING id`,
      [organiser.id, organiser.path, input.name.trim().normalize('NFC'), input.kind, input.year, ctx.identity.subject]);
    for (const unit of units) {
      await manager.query(`INSERT INTO emulation_bloc_units (bloc_id, organiser_unit_id, year, unit_id, unit_path, unit_name) VALUES ($1, $2, $3, $4, $5, $6)`, [
        bloc!.id, organiser.id, input.year, unit.id, unit.path, unit.name,
      ]);
    }
    return (await loadBloc(manager, bloc!.id))!;
  });
}

/** The bloc, locked, for officers over its organising unit; NOT_FOUND for the others. */
async function blocToChange(ctx: RewardContext, manager: EntityManager, id: string): Promise<BlocRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const bloc = await loadBloc(manager, parseId('id', id), true);
  if (!bloc || !isOfficerOver(ctx.identity, bloc.organiserUnitPath)) throw new NotFoundError('Emulation bloc', id, 'Không có khối, cụm thi đua này trong phạm vi bạn phụ trách');
  return bloc;
}

/** The bloc's units sign their covenant (giao ước thi đua): the date and what they commit to. */
export async function signBlocCovenant(ctx: RewardContext, id: string, input: { signedOn: string; commitments: string[] }): Promise<BlocRow> {
  return ctx.transaction(async ({ manager }) => {
    const bloc = await blocToChange(ctx, manager, id);
    if (bloc.status !== 'FORMED') throw new ConflictError(`"${bloc.name}" đã ký giao ước thi đua ngày ${shortDate(bloc.covenantSignedOn!)}`, { status: bloc.status });
    const problems = covenantProblems(input, bloc.year, todayInVietnam());
    if (problems.length) throw new ValidationError(problems);
    await manager.query(`UPDATE emulation_blocs SET status = 'COVENANT_SIGNED', covenant_signed_on = $2, covenant_commitments = $3 WHERE id = $1`, [
      bloc.id, input.signedOn, input.commitments.map((c) => c.trim().normalize('NFC')),
    ]);
    return (await loadBloc(manager, bloc.id))!;
  });
}

/** Where the leader tied on score and led as the one unit of at least 70% women, the nomination says so. */
function tieNote(ranked: readonly { unitName: string; score: number }[]): string {
  const tied = ranked.slice(1).filter((unit) => unit.score === ranked[0]!.score);
  return tied.length ? ` (bằng điểm với ${tied.map((unit) => unit.unitName).join(', ')}; ưu tiên tập thể có tỷ lệ nữ từ 70% trở lên theo ${WOMEN_PREFERENCE_RULE.source})` : '';
}

/**
 * Records the year-end scores, ranks the units and proposes the leading one for the organising level's emulation flag
 * (a BLOC nomination before that level's council). A tie at the top goes to the one unit of at least 70% women among
 * them; any other tie is refused: the council gives a deciding score.
 */
export async function rankEmulationBloc(ctx: RewardContext, id: string, input: { scores: { unitId: string; score: number }[] }): Promise<BlocRow> {
  return ctx.transaction(async (scope) => {
    const { manager } = scope;
    const bloc = await blocToChange(ctx, manager, id);
    if (bloc.status === 'FORMED') throw new ConflictError(`"${bloc.name}" chưa ký giao ước thi đua: ký giao ước trước khi chấm điểm, xếp hạng`, { status: bloc.status });
    if (bloc.status === 'RANKED') throw new ConflictError(`"${bloc.name}" đã được xếp hạng và đề nghị Cờ thi đua`, { status: bloc.status });
    if (bloc.year > yearInVietnam()) throw new ConflictError(`Năm thi đua ${bloc.year} chưa đến: chưa xếp hạng được`);
    const units = await blocUnits(manager, [bloc.id]);
    const scores = input.scores.map((s, index) => ({ unitId: parseId(`scores.${index}.unitId`, s.unitId), score: s.score }));
    const problems = scoreProblems(scores, units.map((u) => u.unitId));
    if (problems.length) throw new ValidationError(problems);
    const preferred = await preferredSubjects(manager, units.map((u) => ({ memberId: null, unitPath: u.unitPath })));
    const pathOf = (unitId: string) => units.find((u) => u.unitId === unitId)!.unitPath;
    const { ranked, tiedAtTop } = rankBloc(scores.map((s) => ({ ...s, unitName: units.find((u) => u.unitId === s.unitId)!.unitName })), (unitId) => preferred.has(pathOf(unitId)));
    if (tiedAtTop.length) {
      throw new ConflictError(`${tiedAtTop.map((t) => t.unitName).join(' và ')} bằng điểm (${tiedAtTop[0]!.score}): Cờ thi đua trao cho một đơn vị dẫn đầu; không có một đơn vị duy nhất có tỷ lệ nữ từ 70% trở lên để ưu tiên (${WOMEN_PREFERENCE_RULE.source}), hội đồng cho điểm quyết định rồi xếp hạng lại`,
        { rule: 'WOMEN_PREFERENCE', source: WOMEN_PREFERENCE_RULE.source });
    }
    for (const unit of ranked) {
      await manager.query(`UPDATE emulation_bloc_units SET score = $3, rank = $4 WHERE bloc_id = $1 AND unit_id = $2`, [bloc.id, unit.unitId, unit.score, unit.rank]);
    }
    const leader = ranked[0]!;
    const organiser = await requireUnit(manager, bloc.organiserUnitId);
    const form = await loadForm(manager, BLOC_RULES.flag.formCode);
    const fit = formFitProblems(form, true, organiser.level, false, 'scores');
    if (fit.length) throw new ValidationError(fit);
    const subject = await findSubject(manager, { memberId: null, unitId: leader.unitId });
    if (!subject) throw new NotFoundError('Union unit', leader.unitId, `${leader.unitName} không còn trong danh sách đơn vị`);
    const nominationId = await insertNomination(scope, {
      source: 'BLOC',
      subject,
      grantingUnit: organiser,
      formCode: form.code,
      campaignId: null,
      taskRating: null,
      achievedOn: todayInVietnam(),
      awardYear: bloc.year,
      resultRank: 1,
      reason: `Dẫn đầu ${KIND_WORDS[bloc.kind].toLowerCase()} "${bloc.name}" năm ${bloc.year} với ${leader.score} điểm${tieNote(ranked)}`,
      sourceEventId: null,
      createdBy: ctx.identity.subject,
    });
    await manager.query(`UPDATE emulation_blocs SET status = 'RANKED', ranked_at = now(), flag_nomination_id = $2 WHERE id = $1`, [bloc.id, nominationId]);
    return (await loadBloc(manager, bloc.id))!;
  });
}

/** Blocs are public (the union's emulation organisation): those organised in a unit's subtree, a year, newest first. */
export async function emulationBlocs(ctx: RewardContext, filter: { organiserUnitId: string | null; year: number | null }, page: PageRequest): Promise<Connection<BlocRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const organiser = filter.organiserUnitId ? await requireUnit(ctx.db.manager, parseId('organiserUnitId', filter.organiserUnitId)) : null;
  const rows = await queryRows<BlocRow & { cursorTime: string }>(ctx.db,
    `${BLOC_SELECT} WHERE organiser_unit_path LIKE $1 || '%' AND ($2::int IS NULL OR year = $2)
        AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [organiser?.path ?? '/', filter.year, limit + 1, after?.[0] ?? null, after?.[1] ?? null]);
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

export function emulationBloc(ctx: RewardContext, id: string): Promise<BlocRow | null> {
  return isUuid(id) ? loadBloc(ctx.db, id.toLowerCase()) : Promise.resolve(null);
}
