import type { EntityManager } from 'typeorm';
import { deliver, type Delivered } from './deliver';

/** The claimed job that scans deadlines (scheduled_jobs.name). */
export const DEADLINE_SCAN_JOB = 'deadline-scan';

export interface DeadlineScan extends Omit<Delivered, 'counted'> {
  today: string;
  /** Unit enrolments that missed the report of their campaign's last complete period. */
  overdueReports: number;
}

/** The unit of date_trunc for each reporting cadence (weeks start on Monday there, as in the campaign subgraph). */
const TRUNC_UNIT = `CASE c.reporting_cadence WHEN 'WEEKLY' THEN 'week' WHEN 'MONTHLY' THEN 'month' WHEN 'QUARTERLY' THEN 'quarter' ELSE 'year' END`;

/**
 * Overdue progress reports (quá hạn báo cáo tiến độ), set-based: for every running campaign the last complete
 * reporting period before `today`, every unit enrolled in it without a report for that period; the unit's own
 * officers get one notification per period, and the officers one level up one per campaign and period listing
 * their units that are late (not one per unit). Nothing is read per row: one statement, whatever the size.
 */
export const OVERDUE_REPORTS = `
  WITH periods AS (
    SELECT c.id AS campaign_id, c.title, p.period_start, cur.current_start - 1 AS period_end
      FROM campaign_refs c
      CROSS JOIN LATERAL (SELECT date_trunc(${TRUNC_UNIT}, $1::date)::date AS current_start) cur
      CROSS JOIN LATERAL (SELECT date_trunc(${TRUNC_UNIT}, cur.current_start - 1)::date AS period_start) p
     WHERE c.status IN ('LAUNCHED', 'IN_PROGRESS') AND cur.current_start - 1 >= c.starts_on AND p.period_start <= c.ends_on
  ),
  -- the reports of the due periods only, hashed once: probing the whole history per enrolment costs more at scale
  reported AS MATERIALIZED (
    SELECT r.enrollment_id, r.period_start
      FROM reported_periods r
     WHERE r.period_start BETWEEN (SELECT min(period_start) FROM periods) AND (SELECT max(period_end) FROM periods)
  ),
  overdue AS MATERIALIZED (
    SELECT p.campaign_id, p.title, p.period_start, p.period_end, e.id AS enrollment_id, e.unit_id,
           coalesce(u.path, e.unit_path) AS unit_path, coalesce(u.name, '') AS unit_name
      FROM periods p
      JOIN enrollment_refs e ON e.campaign_id = p.campaign_id AND e.member_id IS NULL
      LEFT JOIN unit_refs u ON u.id = e.unit_id
     WHERE NOT EXISTS (SELECT 1 FROM reported r WHERE r.enrollment_id = e.id AND r.period_start BETWEEN p.period_start AND p.period_end)
  ),
  below AS (
    SELECT o.campaign_id, o.title, o.period_start, o.period_end, regexp_replace(o.unit_path, '[^/]+/$', '') AS parent_path,
           count(*)::int AS units, (array_agg(o.unit_name ORDER BY o.unit_name))[1:10] AS unit_names
      FROM overdue o
     GROUP BY 1, 2, 3, 4, 5
  ),
  candidates AS (
    SELECT a.id AS account_id, 'PROGRESS_OVERDUE' AS kind,
           concat_ws(':', 'PROGRESS_OVERDUE', o.enrollment_id, o.period_start, a.id) AS dedup_key,
           jsonb_build_object('campaignId', o.campaign_id, 'campaignTitle', o.title, 'unitName', o.unit_name,
                              'periodStart', o.period_start, 'periodEnd', o.period_end) AS params,
           o.unit_path
      FROM overdue o
      JOIN account_refs a ON a.unit_id = o.unit_id AND a.enabled AND 'UNIT_OFFICER' = ANY (a.roles)
    UNION ALL
    SELECT a.id, 'PROGRESS_OVERDUE_BELOW',
           concat_ws(':', 'PROGRESS_OVERDUE_BELOW', b.campaign_id, b.period_start, b.parent_path, a.id),
           jsonb_build_object('campaignId', b.campaign_id, 'campaignTitle', b.title, 'unitName', coalesce(pu.name, ''),
                              'periodStart', b.period_start, 'periodEnd', b.period_end, 'count', b.units, 'unitNames', to_jsonb(b.unit_names)),
           b.parent_path
      FROM below b
      JOIN account_refs a ON a.unit_path = b.parent_path AND a.enabled AND 'UNIT_OFFICER' = ANY (a.roles)
      LEFT JOIN unit_refs pu ON pu.path = b.parent_path
  )`;

/** One scan of every deadline the platform knows, as of `today` (a day in Việt Nam). */
export async function scanDeadlines(manager: EntityManager, today: string): Promise<DeadlineScan> {
  const { notified, mailed, counted } = await deliver(manager, OVERDUE_REPORTS, [today], 'overdue');
  return { today, overdueReports: counted, notified, mailed };
}
