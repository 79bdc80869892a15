import type { EntityManager } from 'typeorm';
import { queryRow, todayInVietnam, upsertUnitRefs, type AccountChangedV1, type CampaignLaunchedV1, type EventEnvelope, type EventPayloads, type UnitUpsertedV1 } from '@thidua/common';

/**
 * What this subgraph keeps of the others' data, from their events: enough to know who is late and whom to tell.
 * Every write is an upsert or does nothing twice, so a redelivered event changes nothing.
 */
export async function recordCampaign(manager: EntityManager, launched: CampaignLaunchedV1): Promise<void> {
  await manager.query(
    `INSERT INTO campaign_refs (id, title, launching_unit_path, status, starts_on, ends_on, reporting_cadence)
     VALUES ($1, $2, $3, 'LAUNCHED', $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
       reporting_cadence = EXCLUDED.reporting_cadence`,
    // campaigns launched before the cadence was in the event were monthly (the campaign subgraph's default)
    [launched.campaignId, launched.title, launched.launchingUnitPath, launched.startsOn, launched.endsOn, launched.reportingCadence ?? 'MONTHLY'],
  );
}

export async function recordCampaignStatus(manager: EntityManager, campaignId: string, status: string, title: string): Promise<void> {
  await manager.query(`UPDATE campaign_refs SET status = $2, title = $3 WHERE id = $1`, [campaignId, status, title]);
}

export async function recordEnrollment(manager: EntityManager, enrolled: EventPayloads['EnrollmentCreated']): Promise<void> {
  await manager.query(
    // a report heard before its enrolment (a dead letter of the enrolment replayed after its reports) is counted here
    `INSERT INTO enrollment_refs (id, campaign_id, unit_id, unit_path, member_id, last_reported_period)
     VALUES ($1, $2, $3, $4, $5, (SELECT max(period_start) FROM reported_periods WHERE enrollment_id = $1))
     ON CONFLICT (id) DO NOTHING`,
    [enrolled.enrollmentId, enrolled.campaignId, enrolled.unitId, enrolled.unitPath, enrolled.memberId],
  );
}

/** Units' reports only: members are not chased for theirs, and their millions would swell what the scan reads. */
export async function recordReportedPeriod(manager: EntityManager, reported: EventPayloads['ProgressReported']): Promise<void> {
  if (reported.memberId !== null) return;
  await manager.query(`INSERT INTO reported_periods (enrollment_id, period_start) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [reported.enrollmentId, reported.periodStart]);
  await manager.query(`UPDATE enrollment_refs SET last_reported_period = greatest(last_reported_period, $2::date) WHERE id = $1`, [reported.enrollmentId, reported.periodStart]);
}

export async function recordAccount(manager: EntityManager, account: AccountChangedV1): Promise<void> {
  await manager.query(
    `INSERT INTO account_refs (id, username, full_name, email, roles, unit_id, unit_path, member_id, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, full_name = EXCLUDED.full_name, email = EXCLUDED.email,
       roles = EXCLUDED.roles, unit_id = EXCLUDED.unit_id, unit_path = EXCLUDED.unit_path, member_id = EXCLUDED.member_id,
       enabled = EXCLUDED.enabled`,
    [account.accountId, account.username, account.fullName, account.email, account.roles, account.unitId, account.unitPath, account.memberId, account.enabled],
  );
}

/** Units (and the officer accounts placed in them) as the tree has them now: a unit that moved takes its accounts along. */
export async function recordUnits(manager: EntityManager, units: UnitUpsertedV1[]): Promise<void> {
  await upsertUnitRefs(manager, units);
  await manager.query(
    `UPDATE account_refs a SET unit_path = x.path
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, path text)
      WHERE a.unit_id = x.id AND a.member_id IS NULL AND a.unit_path IS DISTINCT FROM x.path`,
    [JSON.stringify(units.map((u) => ({ id: u.unitId, path: u.path })))],
  );
}

/** The campaign's summary came: its summary is no longer chased. */
export async function recordSummary(manager: EntityManager, campaignId: string): Promise<void> {
  await manager.query(`UPDATE campaign_refs SET summarised = true WHERE id = $1`, [campaignId]);
}

/**
 * A nomination waiting at its granting unit from the day it was opened (in Việt Nam), an ad-hoc one with its last day
 * for a decision. An event written before it named the granting unit cannot be chased and is skipped.
 */
export async function recordNomination(manager: EntityManager, event: EventEnvelope<'NominationCreated'>): Promise<void> {
  const n = event.payload;
  if (!n.grantingUnitId || !n.grantingUnitPath || !n.grantingLevel) return;
  await manager.query(
    `INSERT INTO nomination_refs (id, source, subject_name, member_id, unit_id, granting_unit_id, granting_unit_path, granting_level, nominated_by, opened_on,
                                  decide_by, decide_within_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, subject_name = EXCLUDED.subject_name, member_id = EXCLUDED.member_id, unit_id = EXCLUDED.unit_id,
       granting_unit_id = EXCLUDED.granting_unit_id, granting_unit_path = EXCLUDED.granting_unit_path, granting_level = EXCLUDED.granting_level,
       nominated_by = EXCLUDED.nominated_by, opened_on = EXCLUDED.opened_on, decide_by = EXCLUDED.decide_by, decide_within_days = EXCLUDED.decide_within_days`,
    [n.nominationId, n.source, n.subject.name, n.subject.memberId, n.subject.unitId, n.grantingUnitId, n.grantingUnitPath, n.grantingLevel,
      n.nominatedBy ?? null, todayInVietnam(new Date(event.occurredAt)), n.decideBy ?? null, n.decideWithinDays ?? null],
  );
}

/**
 * A nomination granted or refused is no longer held (kept so, should its NominationCreated come later); returns who
 * nominated it (an officer's account), when that is known already.
 */
export async function recordNominationDecided(manager: EntityManager, nominationId: string | undefined): Promise<string | null> {
  if (!nominationId) return null;
  const row = await queryRow<{ nominatedBy: string | null }>(manager,
    `WITH decided AS (
       INSERT INTO nomination_refs (id, decided) VALUES ($1, true) ON CONFLICT (id) DO UPDATE SET decided = true RETURNING nominated_by
     ) SELECT nominated_by AS "nominatedBy" FROM decided`, [nominationId]);
  return row?.nominatedBy ?? null;
}

/** The appeal window of one publication of a campaign's results. */
export async function recordAppealWindow(manager: EntityManager, published: EventPayloads['ResultsPublished']): Promise<void> {
  await manager.query(
    `INSERT INTO appeal_windows (campaign_id, version, title, closes_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (campaign_id, version) DO UPDATE SET title = EXCLUDED.title, closes_at = EXCLUDED.closes_at`,
    [published.campaignId, published.version, published.title, published.appealDeadline],
  );
}

/** A story in review from the moment it was submitted; out of it (published, sent back) it is not chased. */
export async function recordStoryReview(manager: EntityManager, change: EventPayloads['StoryReviewChanged']): Promise<void> {
  if (!change.inReview) {
    await manager.query(`DELETE FROM stories_in_review WHERE story_id = $1`, [change.storyId]);
    return;
  }
  await manager.query(
    `INSERT INTO stories_in_review (story_id, title, unit_path, since) VALUES ($1, $2, $3, $4)
     ON CONFLICT (story_id) DO UPDATE SET title = EXCLUDED.title, unit_path = EXCLUDED.unit_path, since = EXCLUDED.since`,
    [change.storyId, change.title, change.unitPath, change.at],
  );
}

/** A review owed from the moment it was assigned; scored, or moot once the reviews decided the submission, it is not chased. */
export async function recordReviewOwed(manager: EntityManager, change: EventPayloads['ReviewAssignmentChanged']): Promise<void> {
  if (!change.open) {
    await manager.query(`DELETE FROM reviews_owed WHERE submission_id = $1 AND reviewer_subject = $2`, [change.submissionId, change.reviewerSubject]);
    return;
  }
  await manager.query(
    `INSERT INTO reviews_owed (submission_id, reviewer_subject, campaign_id, campaign_title, criterion_name, since) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (submission_id, reviewer_subject) DO UPDATE SET campaign_title = EXCLUDED.campaign_title, criterion_name = EXCLUDED.criterion_name, since = EXCLUDED.since`,
    [change.submissionId, change.reviewerSubject, change.campaignId, change.campaignTitle, change.criterionName, change.at],
  );
}

/**
 * Where a proposal is after one of its moves: with a union unit (waiting there, or back there for correction) or with
 * the authority. A move older than the one kept (a dead letter replayed after newer ones) changes nothing.
 */
export async function recordProposalMove(manager: EntityManager, event: EventEnvelope<'RewardProposalMoved'>): Promise<void> {
  const moved = event.payload;
  const status = moved.toUnitPath === null ? 'WITH_AUTHORITY' : moved.action === 'RETURNED' ? 'RETURNED' : 'AT_LEVEL';
  await manager.query(
    `INSERT INTO proposal_refs (id, nomination_id, subject_name, form_name, status, holder_unit_path, since, moved_at, proposing_unit_path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET subject_name = EXCLUDED.subject_name, form_name = EXCLUDED.form_name, status = EXCLUDED.status,
       holder_unit_path = EXCLUDED.holder_unit_path, since = EXCLUDED.since, moved_at = EXCLUDED.moved_at,
       proposing_unit_path = coalesce(EXCLUDED.proposing_unit_path, proposal_refs.proposing_unit_path)
     WHERE proposal_refs.moved_at <= EXCLUDED.moved_at`,
    [moved.proposalId, moved.nominationId, moved.subject.name, moved.formName, status, moved.toUnitPath, moved.movedOn, event.occurredAt, moved.proposingUnitPath ?? null],
  );
}
