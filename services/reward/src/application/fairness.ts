import { ForbiddenError, ValidationError, isOfficerOver, parseId, queryRows, requireAuthenticated } from '@thidua/common';
import { share } from '../domain/fairness';
import type { RewardContext } from './context';
import { requireUnit } from './subjects';
import { adHocTimeLimit } from './council-meetings';

/**
 * Fairness and timeliness of rewards in a unit's subtree over a period: who is rewarded (subjects inside the
 * subtree, by decision date) against who the members are, how long decisions take, and the money (decisions
 * granted by units of the subtree against their plans for the period's years).
 */
export async function rewardFairness(ctx: RewardContext, unitIdInput: string, from: string, to: string) {
  requireAuthenticated(ctx.identity);
  if (to < from) throw ValidationError.single('to', 'ngày kết thúc không thể trước ngày bắt đầu');
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', unitIdInput));
  if (!isOfficerOver(ctx.identity, unit.path)) throw new ForbiddenError(`Chỉ cán bộ công đoàn quản lý ${unit.name} mới xem số liệu khen thưởng của đơn vị này`, { unitPath: unit.path });
  const db = ctx.db.manager;
  const limit = await adHocTimeLimit(db);
  // days to decision as nearest-rank percentiles: percentile_disc picks the smallest value with at least p of them at or below it
  const [decisions] = await queryRows<{ total: number; individual: number; individualDirect: number; individualNonLeaders: number; adHoc: number; medianDays: number | null; p90Days: number | null; adHocWithin: number; adHocMedianDays: number | null }>(db,
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE member_id IS NOT NULL)::int AS individual,
            count(*) FILTER (WHERE member_id IS NOT NULL AND is_direct_production_worker)::int AS "individualDirect",
            count(*) FILTER (WHERE member_id IS NOT NULL AND NOT holds_leadership_post)::int AS "individualNonLeaders",
            count(*) FILTER (WHERE ad_hoc)::int AS "adHoc",
            percentile_disc(0.5) WITHIN GROUP (ORDER BY decided_on - achieved_on) AS "medianDays",
            percentile_disc(0.9) WITHIN GROUP (ORDER BY decided_on - achieved_on) AS "p90Days",
            count(*) FILTER (WHERE ad_hoc AND decided_on - achieved_on <= $4)::int AS "adHocWithin",
            percentile_disc(0.5) WITHIN GROUP (ORDER BY decided_on - achieved_on) FILTER (WHERE ad_hoc) AS "adHocMedianDays"
       FROM reward_decisions WHERE unit_path LIKE $1 || '%' AND decided_on BETWEEN $2 AND $3`,
    [unit.path, from, to, limit.days],
  );
  const [members] = await queryRows<{ total: number; direct: number; nonLeaders: number }>(db,
    `SELECT coalesce(sum(members), 0)::int AS total, coalesce(sum(direct), 0)::int AS direct, coalesce(sum(members - leaders), 0)::int AS "nonLeaders"
       FROM member_counts WHERE unit_path LIKE $1 || '%'`,
    [unit.path],
  );
  const [money] = await queryRows<{ spent: number; planned: number; employerRewards: number; employerRewardsVnd: number }>(db,
    `SELECT (SELECT coalesce(sum(amount_vnd), 0)::float FROM reward_decisions WHERE granting_unit_path LIKE $1 || '%' AND decided_on BETWEEN $2 AND $3) AS spent,
            (SELECT coalesce(sum(plan_vnd), 0)::float FROM reward_budgets WHERE unit_path LIKE $1 || '%'
               AND year BETWEEN extract(year FROM $2::date) AND extract(year FROM $3::date)) AS planned,
            (SELECT count(*)::int FROM employer_rewards WHERE unit_path LIKE $1 || '%' AND period_start BETWEEN $2 AND $3) AS "employerRewards",
            (SELECT coalesce(sum(amount_vnd), 0)::float FROM employer_rewards WHERE unit_path LIKE $1 || '%' AND period_start BETWEEN $2 AND $3) AS "employerRewardsVnd"`,
    [unit.path, from, to],
  );
  return {
    unit: { id: unit.id },
    from,
    to,
    decisions: decisions!.total,
    individualDecisions: decisions!.individual,
    directWorkerShareOfRewards: share(decisions!.individualDirect, decisions!.individual),
    directWorkerShareOfMembers: share(members!.direct, members!.total),
    nonLeaderShareOfRewards: share(decisions!.individualNonLeaders, decisions!.individual),
    nonLeaderShareOfMembers: share(members!.nonLeaders, members!.total),
    medianDaysToDecision: decisions!.medianDays,
    p90DaysToDecision: decisions!.p90Days,
    adHocDecisions: decisions!.adHoc,
    adHocTimeLimit: limit,
    adHocWithinLimit: decisions!.adHocWithin,
    adHocWithinLimitShare: share(decisions!.adHocWithin, decisions!.adHoc),
    adHocMedianDays: decisions!.adHocMedianDays,
    spentVnd: money!.spent,
    plannedVnd: money!.planned,
    employerRewards: money!.employerRewards,
    employerRewardsVnd: money!.employerRewardsVnd,
  };
}

/** The planned reward budget of a unit for a year (officers over the unit); returns the amount recorded. */
export async function setRewardBudget(ctx: RewardContext, unitIdInput: string, year: number, amountVnd: number): Promise<number> {
  requireAuthenticated(ctx.identity);
  const unit = await requireUnit(ctx.db.manager, parseId('unitId', unitIdInput));
  if (!isOfficerOver(ctx.identity, unit.path)) throw new ForbiddenError(`Chỉ cán bộ phụ trách ${unit.name} mới lập dự toán khen thưởng của đơn vị này`, { unitPath: unit.path, field: 'unitId' });
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw ValidationError.single('year', 'Năm dự toán từ 2000 đến 2100, ví dụ 2026');
  if (!Number.isInteger(amountVnd) || amountVnd < 0) throw ValidationError.single('amountVnd', 'Dự toán là số tiền nguyên (đồng), từ 0 trở lên');
  return ctx.transaction(async ({ manager }) => {
    await manager.query(
      `INSERT INTO reward_budgets (unit_id, unit_path, year, plan_vnd, set_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (unit_id, year) DO UPDATE SET plan_vnd = EXCLUDED.plan_vnd, set_by = EXCLUDED.set_by, set_at = now()`,
      [unit.id, unit.path, year, amountVnd, ctx.identity.subject],
    );
    return amountVnd;
  });
}
