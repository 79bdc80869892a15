import { ConflictError, ForbiddenError, NotFoundError, ValidationError, decodeCursor, isOfficerOver, pageSize, parseId, queryRow, queryRows, requireAuthenticated, requireRole, requireWithinScope, toConnection, unitPathInput, type Connection, type NewEvent, type PageRequest, type SubmissionScoredV1 } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { conflictOfInterest } from '../domain/conflicts';
import { consolidateReviews, pointsForRubric } from '../domain/scoring';
import { SUBMISSION_COLUMNS, SUBMISSION_SELECT, type EvaluationRoundRow, type SubmissionRow } from '../entities';
import type { EvaluationContext } from './context';
import { criterionById, publishedSets } from './criteria';
import { canReadParticipant, factsOf, participantFacts } from './participants';
import { organisedRound } from './rounds';
import { applicableSet, setPoints } from './scores';

const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

async function loadSubmission(manager: EntityManager, id: string, lock = false): Promise<SubmissionRow> {
  // a plain FOR UPDATE would reach the review count's subquery, whose aggregate cannot be locked
  const row = await queryRow<SubmissionRow>(manager, `${SUBMISSION_SELECT} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`, [parseId('submissionId', id)]);
  if (!row) throw new NotFoundError('Submission', id);
  return row;
}

/** Evidence (links and files' metadata) for a rubric criterion of the set that applies to the participant. */
export async function submitEvidence(
  ctx: EvaluationContext,
  input: { enrollmentId: string; criterionId: string; text: string; evidence: SubmissionRow['evidence'] },
): Promise<SubmissionRow> {
  requireAuthenticated(ctx.identity);
  const enrollmentId = parseId('enrollmentId', input.enrollmentId);
  const criterionId = parseId('criterionId', input.criterionId);
  const facts = await factsOf(ctx.db.manager, enrollmentId);
  const own = facts.memberId !== null && ctx.identity.memberId === facts.memberId;
  if (!own && !isOfficerOver(ctx.identity, facts.unitPath)) {
    throw new ForbiddenError('Chỉ người tham gia, hoặc cán bộ công đoàn quản lý đơn vị của họ, mới nộp minh chứng');
  }
  const applicable = applicableSet(facts, await publishedSets(ctx.db.manager, facts.campaignId));
  const criterion = applicable?.criteria.find((c) => c.id === criterionId);
  const problems = [];
  if (!criterion) problems.push({ field: 'criterionId', message: 'tiêu chí này không thuộc bộ tiêu chí áp dụng cho người tham gia này' });
  else if (criterion.method !== 'RUBRIC') problems.push({ field: 'criterionId', message: 'tiêu chí định lượng được chấm từ báo cáo tiến độ, không nộp minh chứng' });
  if (input.text.trim().length < 10) problems.push({ field: 'text', message: 'hãy mô tả thành tích (ít nhất 10 ký tự)' });
  if (input.evidence.length === 0) problems.push({ field: 'evidence', message: 'hãy đính kèm ít nhất một minh chứng' });
  input.evidence.forEach((e, i) => {
    if (e.sizeBytes !== null && e.sizeBytes !== undefined && (e.sizeBytes < 0 || e.sizeBytes > MAX_EVIDENCE_BYTES)) {
      problems.push({ field: `evidence.${i}.sizeBytes`, message: 'mỗi tệp tối đa 50 MB' });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return ctx.transaction(async ({ manager }) => {
    const [existing] = await queryRows<{ id: string }>(manager, `SELECT id FROM submissions WHERE enrollment_id = $1 AND criterion_id = $2`, [enrollmentId, criterionId]);
    if (existing) throw new ConflictError('Minh chứng cho tiêu chí này đã được nộp; không nộp lần hai', { submissionId: existing.id });
    const [row] = await queryRows<{ id: string }>(manager,
      `INSERT INTO submissions (enrollment_id, criterion_id, text, evidence, status, submitted_by) VALUES ($1, $2, $3, $4, 'IN_REVIEW', $5) RETURNING id`,
      [enrollmentId, criterionId, input.text.trim().normalize('NFC'), JSON.stringify(input.evidence), ctx.identity.subject],
    );
    return loadSubmission(manager, row!.id);
  });
}

async function declaredConflicts(manager: EntityManager, reviewerSubject: string): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(manager, `SELECT enrollment_id AS id FROM conflict_declarations WHERE reviewer_subject = $1`, [reviewerSubject]);
  return new Set(rows.map((r) => r.id));
}

/** The reviewer as assigning names them: their unit in canonical form, so `/VN/BN/x` or a path without its slash is still their own unit. */
function reviewerFacts(reviewer: { subject: string; memberId?: string | null; unitPath?: string | null }) {
  return { subject: reviewer.subject, memberId: reviewer.memberId ? parseId('reviewer.memberId', reviewer.memberId) : null, unitPath: unitPathInput('reviewer.unitPath', reviewer.unitPath) };
}

/** A movement's submissions for its organisers, who assign their reviewers. */
export async function campaignSubmissions(ctx: EvaluationContext, campaignId: string): Promise<SubmissionRow[]> {
  const round = await organisedRound(ctx, campaignId);
  return queryRows<SubmissionRow>(ctx.db, `${SUBMISSION_SELECT} JOIN participants p ON p.enrollment_id = s.enrollment_id WHERE p.campaign_id = $1 ORDER BY s.submitted_at, s.id`, [round.campaignId]);
}

/** What assigning would refuse for this reviewer, shown to the organisers before they assign. */
export async function conflictWith(ctx: EvaluationContext, submission: SubmissionRow, reviewer: { subject: string; memberId?: string | null; unitPath?: string | null }): Promise<string | null> {
  const facts = await factsOf(ctx.db.manager, submission.enrollmentId);
  await organisedRound(ctx, facts.campaignId);
  return conflictOfInterest(reviewerFacts(reviewer), facts, await declaredConflicts(ctx.db.manager, reviewer.subject));
}

/** Organisers (officers over the launching unit) assign reviewers; conflicted reviewers are refused. */
export async function assignReviewer(
  ctx: EvaluationContext,
  submissionId: string,
  reviewer: { subject: string; memberId?: string | null; unitPath?: string | null },
): Promise<SubmissionRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  return ctx.transaction(async ({ manager, emit }) => {
    const submission = await loadSubmission(manager, submissionId, true);
    const facts = await factsOf(manager, submission.enrollmentId);
    const round = (await ctx.loaders.roundByCampaign.load(facts.campaignId))!;
    requireWithinScope(ctx.identity, round.launchingUnitPath);
    if (submission.status === 'SCORED') throw new ConflictError('Minh chứng này đã được chấm xong');
    const facts_ = reviewerFacts(reviewer);
    const conflict = conflictOfInterest(facts_, facts, await declaredConflicts(manager, reviewer.subject));
    if (conflict) throw new ConflictError(`Xung đột lợi ích: ${conflict}`, { rule: 'conflict-of-interest' });
    const assigned = await queryRows<{ at: Date }>(manager,
      `INSERT INTO review_assignments (submission_id, reviewer_subject, reviewer_member_id, reviewer_unit_path, assigned_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING assigned_at AS at`,
      [submission.id, reviewer.subject, facts_.memberId, facts_.unitPath, ctx.identity.subject],
    );
    const criterion = await criterionById(manager, submission.criterionId);
    for (const { at } of assigned) await emit(assignmentChanged(submission, round, criterion.name, { reviewerSubject: reviewer.subject, open: true, at }));
    return loadSubmission(manager, submission.id);
  });
}

export async function declareConflict(ctx: EvaluationContext, enrollmentId: string, reason: string): Promise<boolean> {
  requireRole(ctx.identity, 'REVIEWER');
  if (reason.trim().length < 5) throw ValidationError.single('reason', 'hãy nêu xung đột lợi ích là gì (ít nhất 5 ký tự)');
  await factsOf(ctx.db.manager, parseId('enrollmentId', enrollmentId));
  await ctx.transaction(({ manager }) =>
    manager.query(`INSERT INTO conflict_declarations (reviewer_subject, enrollment_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      ctx.identity.subject,
      enrollmentId.toLowerCase(),
      reason.trim(),
    ]),
  );
  return true;
}

/**
 * An assigned reviewer scores a submission on the criterion's rubric. Conflicts are checked again against the
 * reviewer's own identity; two reviews decide, or call for a third when they disagree beyond the threshold.
 */
export async function reviewSubmission(ctx: EvaluationContext, submissionId: string, score: number, comment: string | null): Promise<SubmissionRow> {
  requireRole(ctx.identity, 'REVIEWER');
  return ctx.transaction(async ({ manager, emit }) => {
    const submission = await loadSubmission(manager, submissionId, true);
    const [assignment] = await queryRows<unknown>(manager, `SELECT 1 FROM review_assignments WHERE submission_id = $1 AND reviewer_subject = $2`, [
      submission.id,
      ctx.identity.subject,
    ]);
    if (!assignment) throw new ForbiddenError('Bạn không được phân công chấm minh chứng này');
    const facts = await factsOf(manager, submission.enrollmentId);
    const conflict = conflictOfInterest(
      { subject: ctx.identity.subject, memberId: ctx.identity.memberId, unitPath: ctx.identity.unitPath },
      facts,
      await declaredConflicts(manager, ctx.identity.subject),
    );
    if (conflict) throw new ConflictError(`Xung đột lợi ích: ${conflict}`, { rule: 'conflict-of-interest' });
    if (submission.status === 'SCORED') throw new ConflictError('Minh chứng này đã được chấm xong');
    const criterion = await criterionById(manager, submission.criterionId);
    const scale = criterion.rubricLevels.map((l) => l.score);
    if (!scale.includes(score)) throw ValidationError.single('score', `hãy chọn một trong các mức đánh giá: ${scale.join(', ')}`);
    const [already] = await queryRows<unknown>(manager, `SELECT 1 FROM reviews WHERE submission_id = $1 AND reviewer_subject = $2`, [submission.id, ctx.identity.subject]);
    if (already) throw new ConflictError('Bạn đã chấm minh chứng này rồi');
    await manager.query(`INSERT INTO reviews (submission_id, reviewer_subject, score, comment) VALUES ($1, $2, $3, $4)`, [
      submission.id,
      ctx.identity.subject,
      score,
      comment?.trim() || null,
    ]);
    const scores = ((await manager.query(`SELECT score FROM reviews WHERE submission_id = $1 ORDER BY reviewed_at`, [submission.id])) as { score: number }[]).map((r) => r.score);
    const set = await queryRows<{ t: number }>(manager, `SELECT disagreement_threshold AS t FROM criteria_sets WHERE id = $1`, [criterion.setId]);
    const outcome = consolidateReviews(scores, set[0]!.t);
    const round = (await ctx.loaders.roundByCampaign.load(facts.campaignId))!;
    for (const reviewerSubject of await reviewersNoLongerOwing(manager, submission.id, ctx.identity.subject, outcome.status === 'SCORED')) {
      await emit(assignmentChanged(submission, round, criterion.name, { reviewerSubject, open: false, at: new Date() }));
    }
    if (outcome.status === 'NEEDS_THIRD_REVIEW') await manager.query(`UPDATE submissions SET status = 'NEEDS_THIRD_REVIEW' WHERE id = $1`, [submission.id]);
    if (outcome.status === 'SCORED') {
      const points = pointsForRubric(outcome.score, Math.max(...scale));
      await manager.query(`UPDATE submissions SET status = 'SCORED', final_score = $2 WHERE id = $1`, [submission.id, outcome.score]);
      await setPoints(manager, submission.enrollmentId, criterion, points, ctx.identity.subject, `rubric review of submission ${submission.id} (${scores.length} reviews)`);
      const payload: SubmissionScoredV1 = {
        submissionId: submission.id,
        enrollmentId: submission.enrollmentId,
        campaignId: facts.campaignId,
        criterionId: criterion.id,
        criteriaSetId: criterion.setId,
        reviews: scores.length,
        finalScore: outcome.score,
        points,
      };
      await emit({ type: 'SubmissionScored', aggregateId: submission.id, unitPath: facts.unitPath, payload });
    }
    return loadSubmission(manager, submission.id);
  });
}

/**
 * Who owes this submission no review any more: the reviewer who just scored it, and once the reviews decided it, every
 * assigned reviewer who had not reviewed it yet (their assignment is moot).
 */
async function reviewersNoLongerOwing(manager: EntityManager, submissionId: string, reviewer: string, decided: boolean): Promise<string[]> {
  if (!decided) return [reviewer];
  const rows = await queryRows<{ subject: string }>(manager,
    `SELECT a.reviewer_subject AS subject FROM review_assignments a
      WHERE a.submission_id = $1 AND (a.reviewer_subject = $2 OR NOT EXISTS (SELECT 1 FROM reviews r WHERE r.submission_id = a.submission_id AND r.reviewer_subject = a.reviewer_subject))
      ORDER BY a.assigned_at`,
    [submissionId, reviewer],
  );
  return rows.map((row) => row.subject);
}

/** A review owed or no longer owed (the notification subgraph chases the ones that wait). */
function assignmentChanged(
  submission: SubmissionRow,
  round: EvaluationRoundRow,
  criterionName: string,
  change: { reviewerSubject: string; open: boolean; at: Date },
): NewEvent<'ReviewAssignmentChanged'> {
  return {
    type: 'ReviewAssignmentChanged',
    aggregateId: submission.id,
    unitPath: round.launchingUnitPath,
    payload: {
      submissionId: submission.id,
      reviewerSubject: change.reviewerSubject,
      campaignId: round.campaignId,
      campaignTitle: round.title,
      criterionName,
      open: change.open,
      at: change.at.toISOString(),
    },
  };
}

/** Submissions assigned to the caller that still wait for their review, oldest first (the reviewer's queue). */
export async function myReviewAssignments(ctx: EvaluationContext, page: PageRequest): Promise<Connection<SubmissionRow>> {
  requireAuthenticated(ctx.identity);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = await queryRows<SubmissionRow & { assignedAt: string }>(ctx.db,
    `SELECT ${SUBMISSION_COLUMNS}, a.assigned_at::text AS "assignedAt" FROM submissions s JOIN review_assignments a ON a.submission_id = s.id AND a.reviewer_subject = $1
      WHERE s.status <> 'SCORED' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.submission_id = s.id AND r.reviewer_subject = $1)
        AND ($3::timestamptz IS NULL OR (a.assigned_at, s.id) > ($3::timestamptz, $4::uuid))
      ORDER BY a.assigned_at, s.id LIMIT $2`,
    [ctx.identity.subject, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  );
  return toConnection(rows, limit, (row) => [row.assignedAt, row.id]);
}

export async function visibleSubmission(ctx: EvaluationContext, id: string): Promise<SubmissionRow | null> {
  requireAuthenticated(ctx.identity);
  const submission = await loadSubmission(ctx.db.manager, id);
  const [facts] = await participantFacts(ctx.db.manager, { enrollmentId: submission.enrollmentId });
  const round = facts ? await ctx.loaders.roundByCampaign.load(facts.campaignId) : null;
  const assigned = ((await ctx.db.query(`SELECT 1 FROM review_assignments WHERE submission_id = $1 AND reviewer_subject = $2`, [id, ctx.identity.subject])) as unknown[]).length > 0;
  const reader = !!facts && !!round && canReadParticipant(ctx.identity, facts, round.launchingUnitPath);
  return assigned || reader ? submission : null;
}

