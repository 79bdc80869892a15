import { ConflictError, ForbiddenError, hasRole, NotFoundError, ValidationError, decodeCursor, isOfficerOver, officerScope, pageSize, parseId, queryRows, requireAuthenticated, rowById, toConnection, todayInVietnam, visibleRowById, type Connection, type FieldProblem, type Identity, type PageRequest, type Queryable } from '@thidua/common';
import { benefitValue, initiativeReward } from '../domain/amounts';
import type { EntityManager } from 'typeorm';
import type { InitiativeReach } from '../domain/rules';
import { CONFLICT_RULE, REACH_LEVELS, REACH_RULE, reachRecognitionProblem } from '../domain/council';
import { initiativeAgreement } from './agreements';
import { INITIATIVE_SELECT, type InitiativeRow } from '../entities';
import type { RewardContext } from './context';
import { honourOf, requireSubject } from './subjects';

function canSee(identity: Identity, initiative: InitiativeRow): boolean {
  return identity.memberId === initiative.memberId || isOfficerOver(identity, initiative.unitPath);
}

const loadInitiative = (db: Queryable, id: string, forUpdate = false) => rowById<InitiativeRow>(db, INITIATIVE_SELECT, id, { forUpdate });

export function visibleInitiative(ctx: RewardContext, id: string): Promise<InitiativeRow | null> {
  requireAuthenticated(ctx.identity);
  return visibleRowById<InitiativeRow>(ctx.db, ctx.identity, INITIATIVE_SELECT, id, canSee);
}

/** Officers see their subtree's initiatives, members their own. */
export async function initiatives(ctx: RewardContext, status: string | null, page: PageRequest): Promise<Connection<InitiativeRow>> {
  requireAuthenticated(ctx.identity);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const officerPath = officerScope(ctx.identity);
  const rows = await queryRows<InitiativeRow & { cursorTime: string }>(ctx.db,
    `${INITIATIVE_SELECT} WHERE (unit_path LIKE $1 || '%' OR member_id = $2) AND ($3::text IS NULL OR status = $3)
        AND ($5::timestamptz IS NULL OR (registered_at, id) < ($5::timestamptz, $6::uuid))
      ORDER BY registered_at DESC, id DESC LIMIT $4`,
    [officerPath ?? '/nowhere/', ctx.identity.memberId, status, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}

/** A member registers their own initiative; an officer may register one for a member of their subtree. */
export async function registerInitiative(ctx: RewardContext, input: { title: string; description: string; memberId?: string | null }): Promise<InitiativeRow> {
  requireAuthenticated(ctx.identity);
  const memberId = input.memberId ? parseId('memberId', input.memberId) : ctx.identity.memberId;
  if (!memberId) throw ValidationError.single('memberId', 'hãy chọn tác giả: cán bộ đăng ký sáng kiến cho một đoàn viên');
  const problems: FieldProblem[] = [];
  if (input.title.trim().length < 5) problems.push({ field: 'title', message: 'hãy đặt tên sáng kiến (ít nhất 5 ký tự)' });
  if (input.description.trim().length < 20) problems.push({ field: 'description', message: 'hãy mô tả sáng kiến thay đổi gì và được áp dụng ra sao (ít nhất 20 ký tự)' });
  if (problems.length) throw new ValidationError(problems);
  const author = await requireSubject(ctx.db.manager, { memberId, unitId: null });
  if (memberId !== ctx.identity.memberId && !isOfficerOver(ctx.identity, author.unitPath)) {
    throw new ForbiddenError('Đoàn viên đăng ký sáng kiến của mình; cán bộ đăng ký cho đoàn viên các đơn vị mình quản lý');
  }
  return ctx.transaction(async ({ manager }) => {
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO initiatives (title, description, member_id, author_name, unit_id, unit_path, is_direct_production_worker, holds_leadership_post, status, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'REGISTERED', $9) RETURNING id`,
      [input.title.trim(), input.description.trim(), author.memberId, author.name, author.unitId, author.unitPath, author.isDirectProductionWorker ?? false,
        author.holdsLeadershipPost ?? false, ctx.identity.subject],
    );
    return (await loadInitiative(manager, row!.id))!;
  });
}

export interface AssessInput {
  recognised: boolean;
  reach?: InitiativeReach | null;
  firstYearSavingsVnd?: number | null;
  firstYearEarningsVnd?: number | null;
  applicationCostVnd?: number | null;
  calculation?: string | null;
  rejectionReason?: string | null;
}

function assessProblems(input: AssessInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.recognised) {
    if ((input.rejectionReason?.trim().length ?? 0) < 10) problems.push({ field: 'rejectionReason', message: 'hãy nêu lý do không công nhận để tác giả hoàn thiện (ít nhất 10 ký tự)' });
    return problems;
  }
  if (!input.reach) problems.push({ field: 'reach', message: 'hãy chọn phạm vi áp dụng: cấp cơ sở, cấp tỉnh, ngành hoặc toàn quốc' });
  for (const field of ['firstYearSavingsVnd', 'firstYearEarningsVnd', 'applicationCostVnd'] as const) {
    const value = input[field];
    if (value === null || value === undefined || !Number.isInteger(value) || value < 0) problems.push({ field, message: 'số tiền nguyên, từ 0 đồng (ghi 0 nếu không có)' });
  }
  if ((input.calculation?.trim().length ?? 0) < 10) problems.push({ field: 'calculation', message: 'hãy ghi cách tính giá trị làm lợi: tiết kiệm, doanh thu tăng thêm và chi phí áp dụng trong 12 tháng đầu (ít nhất 10 ký tự)' });
  return problems;
}

/**
 * The reach is recognised by the council of its level: the author's unit at that level (its officer, who records the
 * council's recognition, or one of its council members), not by whoever stands above the author.
 */
async function requireReachRecogniser(ctx: RewardContext, manager: EntityManager, initiative: InitiativeRow, reach: InitiativeReach): Promise<void> {
  const [unit] = await queryRows<{ path: string; name: string }>(manager,
    `SELECT path, name FROM unit_refs WHERE $1 LIKE path || '%' AND level = ANY($2::text[]) ORDER BY length(path) DESC LIMIT 1`,
    [initiative.unitPath, [...REACH_LEVELS[reach]]],
  );
  const actsForUnit = hasRole(ctx.identity, 'UNIT_OFFICER', 'COUNCIL_MEMBER') ? ctx.identity.unitPath : null;
  const problem = reachRecognitionProblem(reach, unit ?? null, { unitPath: actsForUnit, nationalAdmin: hasRole(ctx.identity, 'NATIONAL_ADMIN') });
  if (problem) throw new ForbiddenError(problem, { rule: 'INITIATIVE_REACH', source: REACH_RULE.source, field: 'reach' });
}

/**
 * Recognises (or rejects) an initiative: benefit value = first-year savings + earnings − cost of applying it; the
 * author is paid by the enterprise agreement's rate when it is higher than the legal default. InitiativeRewarded
 * tells the others when there is money to pay.
 */
export async function assessInitiative(ctx: RewardContext, id: string, input: AssessInput): Promise<InitiativeRow> {
  requireAuthenticated(ctx.identity);
  const problems = assessProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager, emit }) => {
    const initiative = await loadInitiative(manager, parseId('id', id), true);
    // a council above the author recognises reach (its members are not officers, yet the initiative is theirs to see)
    const councilAbove = (row: InitiativeRow) => hasRole(ctx.identity, 'COUNCIL_MEMBER') && ctx.identity.unitPath !== null && row.unitPath.startsWith(ctx.identity.unitPath);
    if (!initiative || (!canSee(ctx.identity, initiative) && !councilAbove(initiative))) throw new NotFoundError('Initiative', id);
    if (ctx.identity.memberId === initiative.memberId) throw new ForbiddenError(`Không ai tự đánh giá sáng kiến của mình (${CONFLICT_RULE.source})`, { rule: 'CONFLICT_OF_INTEREST' });
    if (!isOfficerOver(ctx.identity, initiative.unitPath) && !input.recognised) throw new ForbiddenError('Chỉ cán bộ công đoàn quản lý đơn vị của tác giả mới đánh giá sáng kiến này');
    if (initiative.status !== 'REGISTERED') throw new ConflictError(`Sáng kiến này đã được đánh giá (${initiative.status === 'RECOGNISED' ? 'công nhận' : 'không công nhận'})`);
    if (!input.recognised) {
      await manager.query(`UPDATE initiatives SET status = 'REJECTED', rejection_reason = $2, assessed_by = $3, assessed_at = now() WHERE id = $1`, [
        initiative.id, input.rejectionReason!.trim(), ctx.identity.subject,
      ]);
      return (await loadInitiative(manager, initiative.id))!;
    }
    await requireReachRecogniser(ctx, manager, initiative, input.reach!);
    const today = todayInVietnam();
    const calculation = { firstYearSavingsVnd: input.firstYearSavingsVnd!, firstYearEarningsVnd: input.firstYearEarningsVnd!, applicationCostVnd: input.applicationCostVnd! };
    const benefit = benefitValue(calculation);
    const reward = initiativeReward(benefit, await initiativeAgreement(manager, initiative.unitPath, today));
    const year = Number(today.slice(0, 4));
    await manager.query(
      `UPDATE initiatives SET status = 'RECOGNISED', reach = $2, first_year_savings_vnd = $3, first_year_earnings_vnd = $4, application_cost_vnd = $5,
         benefit_value_vnd = $6, calculation = $7, rate_bp = $8, rate_source = $9, reward_vnd = $10, recognised_year = $11, assessed_by = $12, assessed_at = now()
       WHERE id = $1`,
      [initiative.id, input.reach, calculation.firstYearSavingsVnd, calculation.firstYearEarningsVnd, calculation.applicationCostVnd, benefit,
        input.calculation!.trim(), reward.rateBasisPoints, reward.rateSource, reward.rewardVnd, year, ctx.identity.subject],
    );
    if (reward.rewardVnd > 0) {
      const author = await requireSubject(manager, { memberId: initiative.memberId, unitId: null });
      await emit({
        type: 'InitiativeRewarded',
        aggregateId: initiative.id,
        unitPath: initiative.unitPath,
        payload: {
          initiativeId: initiative.id,
          title: initiative.title,
          subject: honourOf(author),
          reach: input.reach!,
          benefitValueVnd: benefit,
          rate: reward.rateBasisPoints / 10_000,
          rateSource: reward.rateSource,
          rewardVnd: reward.rewardVnd,
          year,
        },
      });
    }
    return (await loadInitiative(manager, initiative.id))!;
  });
}
