import { ValidationError, queryRows, requireRole, requireWithinScope, todayInVietnam } from '@thidua/common';
import type { TargetDirection } from '@thidua/common';
import type { TargetAggregation } from '../domain/campaigns';
import { progressOf } from '../domain/progress';
import type { UnionUnitRow } from '../entities';
import type { CampaignContext } from './context';

export interface AnnualFigures {
  campaignsLaunched: number;
  campaignsSummarised: number;
  campaignsClosed: number;
  summariesOverdue: number;
  enrolledUnits: number;
  enrolledMembers: number;
  targetsTracked: number;
  targetsMet: number;
}

interface CommitmentState {
  enrollment_id: string;
  target_id: string;
  direction: TargetDirection;
  aggregation: TargetAggregation;
  committed: string;
  total: string | null;
  latest: string | null;
  latest_period: string | null;
}

/**
 * Figures of one subtree for one year, for the yearly workers' conference and the annual thematic conference
 * on emulation and rewards. Participation and targets count the enrollments of campaigns running that year.
 */
async function figuresFor(ctx: CampaignContext, path: string, year: number): Promise<AnnualFigures> {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const asOf = todayInVietnam() < yearEnd ? todayInVietnam() : yearEnd;
  const [campaigns] = await queryRows<Pick<AnnualFigures, 'campaignsLaunched' | 'campaignsSummarised' | 'campaignsClosed' | 'summariesOverdue'>>(ctx.db,
    `SELECT count(*) FILTER (WHERE (c.launched_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3)::int AS "campaignsLaunched",
            count(*) FILTER (WHERE (s.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3)::int AS "campaignsSummarised",
            count(*) FILTER (WHERE (c.closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3)::int AS "campaignsClosed",
            count(*) FILTER (WHERE c.status IN ('LAUNCHED','IN_PROGRESS','SUMMARISING') AND c.ends_on < $4::date AND s.campaign_id IS NULL)::int AS "summariesOverdue"
       FROM campaigns c LEFT JOIN campaign_summaries s ON s.campaign_id = c.id
      WHERE c.launching_unit_path LIKE $1 || '%' AND c.status <> 'DRAFT'`,
    [path, yearStart, yearEnd, asOf],
  );
  const running = `e.unit_path LIKE $1 || '%' AND c.status <> 'DRAFT' AND c.starts_on <= $3 AND c.ends_on >= $2`;
  const [participation] = await queryRows<Pick<AnnualFigures, 'enrolledUnits' | 'enrolledMembers'>>(ctx.db,
    `SELECT count(DISTINCT e.unit_id) FILTER (WHERE e.member_id IS NULL)::int AS "enrolledUnits",
            count(DISTINCT e.member_id)::int AS "enrolledMembers"
       FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id WHERE ${running}`,
    [path, yearStart, yearEnd],
  );
  const states = await queryRows<CommitmentState>(ctx.db,
    `SELECT k.enrollment_id, k.target_id, t.direction, t.aggregation, k.committed_value AS committed,
            sum(r.value) AS total,
            (array_agg(r.value ORDER BY r.period_start DESC))[1] AS latest,
            max(r.period_start)::text AS latest_period
       FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
       JOIN enrollment_commitments k ON k.enrollment_id = e.id
       JOIN campaign_targets t ON t.id = k.target_id
       LEFT JOIN progress_reports r ON r.enrollment_id = k.enrollment_id AND r.target_id = k.target_id AND r.period_start <= $3
      WHERE ${running}
      GROUP BY k.enrollment_id, k.target_id, t.direction, t.aggregation, k.committed_value`,
    [path, yearStart, yearEnd],
  );
  const met = states.filter((s) => {
    const target = { targetId: s.target_id, direction: s.direction, aggregation: s.aggregation, weight: 1, committedValue: Number(s.committed) };
    // the aggregate stands in for the reports: one "report" carrying the sum (SUM) or the latest value (LATEST)
    const value = s.aggregation === 'SUM' ? s.total : s.latest;
    const reports = value === null ? [] : [{ targetId: s.target_id, periodStart: s.latest_period!, value: Number(value) }];
    return progressOf(target, reports).met;
  }).length;
  return { ...campaigns!, ...participation!, targetsTracked: states.length, targetsMet: met };
}

export async function annualReport(ctx: CampaignContext, unit: UnionUnitRow, year: number) {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  requireWithinScope(ctx.identity, unit.path);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw ValidationError.single('year', 'năm báo cáo từ 2000 đến 2100');
  const children = await queryRows<{ id: string }>(ctx.db, `SELECT id FROM union_units WHERE parent_id = $1 ORDER BY name COLLATE "vi-x-icu", id`, [unit.id]);
  const childUnits = (await ctx.loaders.unit.loadMany(children.map((c) => c.id))) as UnionUnitRow[];
  const [figures, ...childFigures] = await Promise.all([figuresFor(ctx, unit.path, year), ...childUnits.map((child) => figuresFor(ctx, child.path, year))]);
  return {
    unit,
    year,
    figures: figures!,
    byChildUnit: childUnits.map((child, i) => ({ unit: child, figures: childFigures[i]! })),
  };
}
