import type { EntityManager } from 'typeorm';
import { APPEAL_REMINDER_HOURS, DAYS_ALLOWED_AT_LEVEL, DEFAULT_REPORT_REMINDER_DAYS, REVIEW_DAYS, STORY_REVIEW_DAYS, SUBTREE_DIGEST_LEVELS } from '../domain/regulation';
import { deliver, type Delivered } from './deliver';

/** The claimed job that scans deadlines (scheduled_jobs.name). */
export const DEADLINE_SCAN_JOB = 'deadline-scan';

export interface DeadlineScan extends Omit<Delivered, 'counted'> {
  today: string;
  /** Unit enrolments that missed the report of their campaign's last complete period. */
  overdueReports: number;
  /** Unit enrolments whose current period ends within the reminder's days, not reported yet. */
  reportsDueSoon: number;
  /** Campaigns ended without a summary. */
  summariesOverdue: number;
  /** Nominations waiting at their council longer than their level (or an ad-hoc reward) allows. */
  nominationsHeld: number;
  /** Proposals to a deciding authority waiting at a union level (or back there for correction) longer than its days. */
  proposalsHeld: number;
  /** Published results whose appeal window closes within the reminder's hours. */
  appealWindowsClosing: number;
  /** Stories in review longer than the days allowed. */
  storiesWaiting: number;
  /** Reviews assigned longer ago than the days allowed and not done. */
  reviewsOverdue: number;
}

/** The unit of date_trunc for each reporting cadence (weeks start on Monday there, as in the campaign subgraph). */
const TRUNC_UNIT = `CASE c.reporting_cadence WHEN 'WEEKLY' THEN 'week' WHEN 'MONTHLY' THEN 'month' WHEN 'QUARTERLY' THEN 'quarter' ELSE 'year' END`;
/** One reporting period of each cadence, as an interval. */
const PERIOD_LENGTH = `CASE c.reporting_cadence WHEN 'WEEKLY' THEN interval '1 week' WHEN 'MONTHLY' THEN interval '1 month' WHEN 'QUARTERLY' THEN interval '3 months' ELSE interval '1 year' END`;
/** Accounts that act for a unit as its officers. */
const OFFICER = `a.enabled AND 'UNIT_OFFICER' = ANY (a.roles)`;

/**
 * The unit enrolments of the CTE `periods` (campaign_id, title, period_start, period_end) with no report in their
 * period, as the CTE `name`. The enrolment's latest reported period decides most by one comparison (nothing since
 * before the period: unreported; within it: reported); only one that has reported a later period already is looked
 * up in its reports (a period can be reported late). Hashing every report of the period cost more (benchmark 8).
 */
function unreported(name: string): string {
  return `
  ${name} AS MATERIALIZED (
    SELECT p.campaign_id, p.title, p.period_start, p.period_end, e.id AS enrollment_id, e.unit_id,
           coalesce(u.path, e.unit_path) AS unit_path, coalesce(u.name, '') AS unit_name
      FROM periods p
      JOIN enrollment_refs e ON e.campaign_id = p.campaign_id AND e.member_id IS NULL
      LEFT JOIN unit_refs u ON u.id = e.unit_id
     WHERE e.last_reported_period IS NULL OR e.last_reported_period < p.period_start
        OR (e.last_reported_period > p.period_end
            AND NOT EXISTS (SELECT 1 FROM reported_periods r WHERE r.enrollment_id = e.id AND r.period_start BETWEEN p.period_start AND p.period_end))
  )`;
}

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
${unreported('overdue')},
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
      JOIN account_refs a ON a.unit_id = o.unit_id AND ${OFFICER}
    UNION ALL
    SELECT a.id, 'PROGRESS_OVERDUE_BELOW',
           concat_ws(':', 'PROGRESS_OVERDUE_BELOW', b.campaign_id, b.period_start, b.parent_path, a.id),
           jsonb_build_object('campaignId', b.campaign_id, 'campaignTitle', b.title, 'unitName', coalesce(pu.name, ''),
                              'periodStart', b.period_start, 'periodEnd', b.period_end, 'count', b.units, 'unitNames', to_jsonb(b.unit_names)),
           b.parent_path
      FROM below b
      JOIN account_refs a ON a.unit_path = b.parent_path AND ${OFFICER}
      LEFT JOIN unit_refs pu ON pu.path = b.parent_path
  )`;

/**
 * Reminders before a report is due (sắp đến hạn báo cáo): the current period of every running campaign ends within
 * $2 days and the unit has not reported it yet; its officers are told once per period.
 */
export const REPORTS_DUE_SOON = `
  WITH periods AS (
    SELECT c.id AS campaign_id, c.title, cur.period_start, (cur.period_start + ${PERIOD_LENGTH})::date - 1 AS period_end
      FROM campaign_refs c
      CROSS JOIN LATERAL (SELECT date_trunc(${TRUNC_UNIT}, $1::date)::date AS period_start) cur
     WHERE c.status IN ('LAUNCHED', 'IN_PROGRESS') AND cur.period_start <= c.ends_on
       AND (cur.period_start + ${PERIOD_LENGTH})::date - 1 - $1::date BETWEEN 0 AND $2::int
       AND (cur.period_start + ${PERIOD_LENGTH})::date - 1 >= c.starts_on
  ),
${unreported('due')},
  candidates AS (
    SELECT a.id AS account_id, 'PROGRESS_DUE_SOON' AS kind,
           concat_ws(':', 'PROGRESS_DUE_SOON', d.enrollment_id, d.period_start, a.id) AS dedup_key,
           jsonb_build_object('campaignId', d.campaign_id, 'campaignTitle', d.title, 'unitName', d.unit_name,
                              'periodStart', d.period_start, 'periodEnd', d.period_end) AS params,
           d.unit_path
      FROM due d
      JOIN account_refs a ON a.unit_id = d.unit_id AND ${OFFICER}
  )`;

/**
 * A movement's summary overdue (quá hạn tổng kết): the campaign ended before today and no summary came, as the
 * campaign subgraph counts it (isSummaryOverdue). The launching unit's officers and the officers one level up are
 * each told once per campaign.
 */
export const SUMMARIES_OVERDUE = `
  WITH late AS (
    SELECT c.id AS campaign_id, c.launching_unit_path, regexp_replace(c.launching_unit_path, '[^/]+/$', '') AS parent_path,
           jsonb_build_object('campaignId', c.id, 'campaignTitle', c.title, 'unitName', coalesce(u.name, ''), 'endsOn', c.ends_on) AS params
      FROM campaign_refs c
      LEFT JOIN unit_refs u ON u.path = c.launching_unit_path
     WHERE c.status <> 'CLOSED' AND NOT c.summarised AND c.ends_on < $1::date
  ),
  candidates AS (
    SELECT a.id AS account_id, 'SUMMARY_OVERDUE' AS kind, concat_ws(':', 'SUMMARY_OVERDUE', l.campaign_id, a.id) AS dedup_key,
           l.params, l.launching_unit_path AS unit_path
      FROM late l
      JOIN account_refs a ON a.unit_path = l.launching_unit_path AND ${OFFICER}
    UNION ALL
    SELECT a.id, 'SUMMARY_OVERDUE_BELOW', concat_ws(':', 'SUMMARY_OVERDUE_BELOW', l.campaign_id, a.id), l.params, l.parent_path
      FROM late l
      JOIN account_refs a ON a.unit_path = l.parent_path AND ${OFFICER}
  )`;

/**
 * Nominations held at their level (hồ sơ chờ xét quá hạn): open longer than the days of their granting unit's level
 * ($2: level → days) or, ad hoc, past the last day reward named for a decision (the regulation's days after the
 * achievement). The granting unit's officers and council members are told once per nomination; the officers of each
 * province or sector above ($3: those levels) get one notification a day listing every one held in their subtree,
 * which their daily digest carries (not one e-mail per unit).
 */
export const NOMINATIONS_HELD = `
  WITH allowed AS (SELECT key AS level, value::int AS days FROM jsonb_each_text($2::jsonb)),
  held AS MATERIALIZED (
    SELECT n.id, n.subject_name, n.granting_unit_id, n.granting_unit_path, coalesce(g.name, '') AS granting_unit_name,
           n.opened_on, n.source = 'AD_HOC' AS ad_hoc, $1::date - n.opened_on AS days_held, n.decide_by,
           coalesce(n.decide_within_days, al.days) AS days_allowed
      FROM nomination_refs n
      JOIN allowed al ON al.level = n.granting_level
      LEFT JOIN unit_refs g ON g.id = n.granting_unit_id
     WHERE NOT n.decided AND CASE WHEN n.decide_by IS NOT NULL THEN $1::date > n.decide_by ELSE $1::date - n.opened_on > al.days END
  ),
  digest_units AS MATERIALIZED (
    SELECT u.id, u.path, u.name, length(u.path) - length(replace(u.path, '/', '')) AS slashes FROM unit_refs u WHERE u.level = ANY ($3::text[])
  ),
  -- each held nomination's ancestor at every depth a digest unit has, matched to the units by equality (a hash join)
  -- rather than by testing every nomination's path against every unit's
  held_under AS MATERIALIZED (
    SELECT h.*, array_to_string((string_to_array(h.granting_unit_path, '/'))[1:d.slashes], '/') || '/' AS ancestor_path
      FROM held h CROSS JOIN (SELECT DISTINCT slashes FROM digest_units) d
  ),
  subtree AS (
    SELECT p.id AS unit_id, p.path, p.name, count(*)::int AS count,
           (array_agg(jsonb_build_object('nominationId', h.id, 'subjectName', h.subject_name, 'grantingUnitName', h.granting_unit_name, 'daysHeld', h.days_held)
                      ORDER BY h.days_held DESC, h.subject_name))[1:10] AS items
      FROM held_under h
      JOIN digest_units p ON p.path = h.ancestor_path
     GROUP BY p.id, p.path, p.name
  ),
  candidates AS (
    SELECT a.id AS account_id, 'NOMINATION_HELD' AS kind, concat_ws(':', 'NOMINATION_HELD', h.id, a.id) AS dedup_key,
           jsonb_build_object('nominationId', h.id, 'subjectName', h.subject_name, 'grantingUnitName', h.granting_unit_name, 'adHoc', h.ad_hoc,
                              'openedOn', h.opened_on, 'daysHeld', h.days_held, 'daysAllowed', h.days_allowed, 'decideBy', h.decide_by) AS params,
           h.granting_unit_path AS unit_path
      FROM held h
      JOIN account_refs a ON a.unit_id = h.granting_unit_id AND a.enabled AND a.roles && ARRAY['UNIT_OFFICER', 'COUNCIL_MEMBER']
    UNION ALL
    SELECT a.id, 'NOMINATIONS_HELD_IN_SUBTREE', concat_ws(':', 'NOMINATIONS_HELD_IN_SUBTREE', s.unit_id, $1::date, a.id),
           jsonb_build_object('unitName', s.name, 'day', $1::date, 'count', s.count, 'items', to_jsonb(s.items)),
           s.path
      FROM subtree s
      JOIN account_refs a ON a.unit_id = s.unit_id AND ${OFFICER}
  )`;

/**
 * Dossiers held at a level (hồ sơ trình khen chờ quá hạn): a proposal to a deciding authority waiting at a union
 * unit longer than its level's days ($2: level → days), counted from the day it reached that unit, whether to be
 * passed on or returned, or back there to be corrected. The unit's officers are told once per arrival (back there
 * after a correction, it is a new wait). With the authority, it is not the union's to chase.
 */
export const PROPOSALS_HELD = `
  WITH allowed AS (SELECT key AS level, value::int AS days FROM jsonb_each_text($2::jsonb)),
  held AS MATERIALIZED (
    SELECT p.id, p.subject_name, p.form_name, p.holder_unit_path, p.status = 'RETURNED' AS returned, p.moved_at,
           p.status = 'RETURNED' AND p.proposing_unit_path IS NOT NULL AND p.proposing_unit_path <> p.holder_unit_path AS passes_down,
           u.id AS unit_id, u.name AS unit_name, u.level = 'NATIONAL' AS at_top, p.since, $1::date - p.since AS days_held, al.days AS days_allowed
      FROM proposal_refs p
      JOIN unit_refs u ON u.path = p.holder_unit_path
      JOIN allowed al ON al.level = u.level
     WHERE p.status IN ('AT_LEVEL', 'RETURNED') AND p.since < $1::date - al.days
  ),
  candidates AS (
    SELECT a.id AS account_id, 'PROPOSAL_HELD' AS kind, concat_ws(':', 'PROPOSAL_HELD', h.id, h.moved_at, a.id) AS dedup_key,
           jsonb_build_object('proposalId', h.id, 'subjectName', h.subject_name, 'formName', h.form_name, 'unitName', h.unit_name, 'returned', h.returned,
                              'passesDown', h.passes_down, 'atTop', h.at_top, 'since', h.since, 'daysHeld', h.days_held, 'daysAllowed', h.days_allowed) AS params,
           h.holder_unit_path AS unit_path
      FROM held h
      -- at the national level its national admins act on proposals too (as reward lets them)
      JOIN account_refs a ON a.enabled AND ((a.unit_id = h.unit_id AND 'UNIT_OFFICER' = ANY (a.roles)) OR (h.at_top AND 'NATIONAL_ADMIN' = ANY (a.roles)))
  )`;

/**
 * An appeal window closing (sắp hết hạn khiếu nại): the latest publication of a campaign's results can be appealed
 * for less than $1 hours more. Members enrolled with an account of their own, and the officers of enrolled units,
 * are told once per publication.
 */
export const APPEAL_WINDOWS_CLOSING = `
  WITH closing AS (
    SELECT w.campaign_id, w.version, w.title, w.closes_at
      FROM appeal_windows w
     WHERE w.closes_at > now() AND w.closes_at <= now() + make_interval(hours => $1::int)
       AND w.version = (SELECT max(x.version) FROM appeal_windows x WHERE x.campaign_id = w.campaign_id)
  ),
  candidates AS (
    SELECT a.id AS account_id, 'APPEAL_WINDOW_CLOSING' AS kind, concat_ws(':', 'APPEAL_WINDOW_CLOSING', c.campaign_id, c.version, a.id) AS dedup_key,
           jsonb_build_object('campaignId', c.campaign_id, 'campaignTitle', c.title, 'closesAt', c.closes_at) AS params,
           e.unit_path
      FROM closing c
      JOIN enrollment_refs e ON e.campaign_id = c.campaign_id
      JOIN account_refs a ON a.enabled AND CASE WHEN e.member_id IS NULL THEN a.unit_id = e.unit_id AND 'UNIT_OFFICER' = ANY (a.roles) ELSE a.member_id = e.member_id END
  )`;

/**
 * A story waiting for review (tin bài chờ duyệt): in review for more than $1 days. The editors of its unit are told
 * once per submission (sent back and submitted again, it is a new wait).
 */
export const STORIES_WAITING = `
  WITH waiting AS (
    SELECT s.story_id, s.title, s.unit_path, s.since FROM stories_in_review s WHERE s.since < now() - make_interval(days => $1::int)
  ),
  candidates AS (
    SELECT a.id AS account_id, 'STORY_WAITING_REVIEW' AS kind, concat_ws(':', 'STORY_WAITING_REVIEW', w.story_id, w.since, a.id) AS dedup_key,
           jsonb_build_object('storyId', w.story_id, 'title', w.title, 'since', w.since, 'daysAllowed', $1::int) AS params,
           w.unit_path
      FROM waiting w
      JOIN account_refs a ON a.unit_path = w.unit_path AND a.enabled AND 'EDITOR' = ANY (a.roles)
  )`;

/**
 * A review assigned and not done (minh chứng chờ chấm quá hạn): assigned more than $1 days ago, neither scored by its
 * reviewer nor decided by the others' reviews. The reviewer's own account is told once per assignment.
 */
export const REVIEWS_OVERDUE = `
  WITH owed AS (
    SELECT r.submission_id, r.reviewer_subject, r.campaign_id, r.campaign_title, r.criterion_name, r.since
      FROM reviews_owed r WHERE r.since < now() - make_interval(days => $1::int)
  ),
  candidates AS (
    SELECT a.id AS account_id, 'REVIEW_OVERDUE' AS kind, concat_ws(':', 'REVIEW_OVERDUE', o.submission_id, a.id) AS dedup_key,
           jsonb_build_object('submissionId', o.submission_id, 'campaignId', o.campaign_id, 'campaignTitle', o.campaign_title,
                              'criterionName', o.criterion_name, 'since', o.since, 'daysAllowed', $1::int) AS params,
           a.unit_path
      FROM owed o
      JOIN account_refs a ON a.id::text = o.reviewer_subject AND a.enabled
  )`;

/** One scan of every deadline the platform knows, as of `today` (a day in Việt Nam), one statement per kind of deadline. */
export async function scanDeadlines(manager: EntityManager, today: string, reportReminderDays = DEFAULT_REPORT_REMINDER_DAYS): Promise<DeadlineScan> {
  const runs = [
    await deliver(manager, OVERDUE_REPORTS, [today], 'overdue'),
    await deliver(manager, REPORTS_DUE_SOON, [today, reportReminderDays], 'due'),
    await deliver(manager, SUMMARIES_OVERDUE, [today], 'late'),
    await deliver(manager, NOMINATIONS_HELD, [today, JSON.stringify(DAYS_ALLOWED_AT_LEVEL), SUBTREE_DIGEST_LEVELS], 'held'),
    await deliver(manager, PROPOSALS_HELD, [today, JSON.stringify(DAYS_ALLOWED_AT_LEVEL)], 'held'),
    await deliver(manager, APPEAL_WINDOWS_CLOSING, [APPEAL_REMINDER_HOURS], 'closing'),
    await deliver(manager, STORIES_WAITING, [STORY_REVIEW_DAYS], 'waiting'),
    await deliver(manager, REVIEWS_OVERDUE, [REVIEW_DAYS], 'owed'),
  ] as const;
  const [overdue, dueSoon, summaries, held, proposals, appeals, stories, reviews] = runs;
  return {
    today,
    overdueReports: overdue.counted,
    reportsDueSoon: dueSoon.counted,
    summariesOverdue: summaries.counted,
    nominationsHeld: held.counted,
    proposalsHeld: proposals.counted,
    appealWindowsClosing: appeals.counted,
    storiesWaiting: stories.counted,
    reviewsOverdue: reviews.counted,
    notified: runs.reduce((sum, run) => sum + run.notified, 0),
    mailed: runs.reduce((sum, run) => sum + run.mailed, 0),
  };
}
