import { queryRows, type EventEnvelope, type HandlerScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import type { CriteriaVariant } from '../domain/criteria';
import { pointsForValue, totalScore } from '../domain/scoring';
import { chooseVariant } from '../domain/variants';
import type { CriteriaSetRow, CriterionRow, ParticipantFacts } from '../entities';
import type { EvaluationContext } from './context';
import { publishedSets, type PublishedSets } from './criteria';
import { participantFacts, readableParticipant } from './participants';

export function applicableSet(facts: ParticipantFacts, sets: PublishedSets): { set: CriteriaSetRow; criteria: CriterionRow[] } | null {
  const member = facts.memberId === null ? null : { isDirectProductionWorker: facts.isDirectProductionWorker ?? false, holdsLeadershipPost: facts.holdsLeadershipPost ?? false };
  const variant = chooseVariant({ organisationType: facts.organisationType, member }, new Set(sets.byVariant.keys()));
  if (!variant) return null;
  const set = sets.byVariant.get(variant)!;
  return { set, criteria: sets.criteria.get(set.id) ?? [] };
}

/** Sets a criterion's points and records the change (who, when, before, after, why); no-op when unchanged. */
export async function setPoints(manager: EntityManager, enrollmentId: string, criterion: CriterionRow, points: number, actor: string, reason: string): Promise<boolean> {
  const [current] = await queryRows<{ points: number }>(manager, `SELECT points::float AS points FROM criterion_scores WHERE enrollment_id = $1 AND criterion_id = $2 FOR UPDATE`, [
    enrollmentId,
    criterion.id,
  ]);
  if (current && current.points === points) return false;
  await manager.query(
    `INSERT INTO criterion_scores (enrollment_id, criterion_id, set_id, points) VALUES ($1, $2, $3, $4)
     ON CONFLICT (enrollment_id, criterion_id) DO UPDATE SET points = EXCLUDED.points, updated_at = now()`,
    [enrollmentId, criterion.id, criterion.setId, points],
  );
  await manager.query(`INSERT INTO score_audit (enrollment_id, criterion_id, set_id, before, after, actor, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    enrollmentId,
    criterion.id,
    criterion.setId,
    current?.points ?? null,
    points,
    actor,
    reason,
  ]);
  return true;
}

/**
 * A counted progress report, or a correction of one, sets the target's measured value and recomputes the automatic
 * scores that depend on it; the score history says which report (and for a correction, why).
 */
export async function recordProgress({ manager }: HandlerScope, event: EventEnvelope<'ProgressReported' | 'ProgressCorrected'>): Promise<void> {
  const report = event.payload;
  await manager.query(
    `INSERT INTO measured_values (enrollment_id, target_id, value) VALUES ($1, $2, $3)
     ON CONFLICT (enrollment_id, target_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [report.enrollmentId, report.targetId, report.currentValue],
  );
  const reason = 'reason' in report ? `correction of progress report ${report.reportId}: ${report.reason}` : `progress report ${report.reportId}`;
  await recomputeMeasuredScores(manager, report.campaignId, report.enrollmentId, 'system', reason);
}

/**
 * Recomputes the automatic (measured) criteria of a campaign's participants, or of one, from the latest reported
 * values. Idempotent: the same values give the same points and write nothing.
 */
export async function recomputeMeasuredScores(manager: EntityManager, campaignId: string, enrollmentId: string | null, actor: string, reason: string): Promise<number> {
  const sets = await publishedSets(manager, campaignId);
  if (sets.byVariant.size === 0) return 0;
  const participants = await participantFacts(manager, enrollmentId ? { enrollmentId } : { campaignId });
  const values = await queryRows<{ enrollmentId: string; targetId: string; value: number }>(manager,
    `SELECT enrollment_id AS "enrollmentId", target_id AS "targetId", value::float AS value FROM measured_values WHERE enrollment_id = ANY($1::uuid[])`,
    [participants.map((p) => p.enrollmentId)],
  );
  const measured = new Map(values.map((v) => [`${v.enrollmentId}:${v.targetId}`, v.value]));
  let changed = 0;
  for (const participant of participants) {
    const applicable = applicableSet(participant, sets);
    for (const criterion of applicable?.criteria ?? []) {
      if (criterion.method === 'RUBRIC' || !criterion.targetId) continue;
      const value = measured.get(`${participant.enrollmentId}:${criterion.targetId}`);
      if (value === undefined) continue;
      if (await setPoints(manager, participant.enrollmentId, criterion, pointsForValue(criterion, value), actor, reason)) changed++;
    }
  }
  return changed;
}

export interface ScoreBreakdown {
  enrollmentId: string;
  campaignId: string;
  variant: CriteriaVariant | null;
  criteriaSetVersion: number | null;
  total: number;
  breakdown: { criterion: CriterionRow; points: number | null; weighted: number }[];
}

export async function scoreOf(manager: EntityManager, facts: ParticipantFacts, sets: PublishedSets): Promise<ScoreBreakdown> {
  const applicable = applicableSet(facts, sets);
  if (!applicable) return { enrollmentId: facts.enrollmentId, campaignId: facts.campaignId, variant: null, criteriaSetVersion: null, total: 0, breakdown: [] };
  const rows = await queryRows<{ criterionId: string; points: number }>(manager, `SELECT criterion_id AS "criterionId", points::float AS points FROM criterion_scores WHERE enrollment_id = $1 AND set_id = $2`, [
    facts.enrollmentId,
    applicable.set.id,
  ]);
  const points = new Map(rows.map((r) => [r.criterionId, r.points]));
  return {
    enrollmentId: facts.enrollmentId,
    campaignId: facts.campaignId,
    variant: applicable.set.variant,
    criteriaSetVersion: applicable.set.version,
    total: totalScore(applicable.criteria.map((c) => ({ criterionId: c.id, weight: c.weight })), points),
    breakdown: applicable.criteria.map((criterion) => {
      const p = points.get(criterion.id) ?? null;
      return { criterion, points: p, weighted: Math.round(criterion.weight * (p ?? 0)) / 100 };
    }),
  };
}

export async function participantScore(ctx: EvaluationContext, enrollmentId: string): Promise<ScoreBreakdown> {
  const facts = await readableParticipant(ctx, enrollmentId);
  return scoreOf(ctx.db.manager, facts, await publishedSets(ctx.db.manager, facts.campaignId));
}

export async function scoreHistory(ctx: EvaluationContext, enrollmentId: string) {
  const facts = await readableParticipant(ctx, enrollmentId);
  return ctx.db.query(
    `SELECT criterion_id AS "criterionId", set_id AS "criteriaSetId", before::float AS before, after::float AS after, actor, reason, at
       FROM score_audit WHERE enrollment_id = $1 ORDER BY id`,
    [facts.enrollmentId],
  );
}
