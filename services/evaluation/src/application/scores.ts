import { NotFoundError, isOfficerOver, parseId, requireAuthenticated, type Identity, type OrganisationType } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import type { CriteriaVariant } from '../domain/criteria';
import { pointsForValue, totalScore } from '../domain/scoring';
import { chooseVariant } from '../domain/variants';
import type { EvaluationContext } from './context';
import { SET_SELECT } from './context';
import { criteriaOfSets, type CriteriaSetRow, type CriterionRow } from './sets';

/** What evaluation knows of a participant, from its read models (fed by campaign events). */
export interface ParticipantFacts {
  enrollmentId: string;
  campaignId: string;
  unitId: string;
  unitPath: string;
  memberId: string | null;
  unitName: string | null;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
  sectorUnitId: string | null;
  memberName: string | null;
  occupationCode: string | null;
  isDirectProductionWorker: boolean | null;
  holdsLeadershipPost: boolean | null;
}

export async function participantFacts(manager: EntityManager, where: { campaignId?: string; enrollmentId?: string }): Promise<ParticipantFacts[]> {
  return (await manager.query(
    `SELECT p.enrollment_id AS "enrollmentId", p.campaign_id AS "campaignId", p.unit_id AS "unitId", p.unit_path AS "unitPath", p.member_id AS "memberId",
            u.name AS "unitName", u.organisation_type AS "organisationType", u.province_code AS "provinceCode",
            (SELECT s.id FROM unit_refs s WHERE s.level = 'SECTOR' AND p.unit_path LIKE s.path || '%' LIMIT 1) AS "sectorUnitId",
            m.full_name AS "memberName", m.occupation_code AS "occupationCode",
            m.is_direct_production_worker AS "isDirectProductionWorker", m.holds_leadership_post AS "holdsLeadershipPost"
       FROM participants p LEFT JOIN unit_refs u ON u.id = p.unit_id LEFT JOIN member_refs m ON m.id = p.member_id
      WHERE ($1::uuid IS NULL OR p.campaign_id = $1) AND ($2::uuid IS NULL OR p.enrollment_id = $2)
      ORDER BY p.enrolled_at, p.enrollment_id`,
    [where.campaignId ?? null, where.enrollmentId ?? null],
  )) as ParticipantFacts[];
}

export interface PublishedSets {
  byVariant: Map<CriteriaVariant, CriteriaSetRow>;
  criteria: Map<string, CriterionRow[]>;
}

export async function publishedSets(manager: EntityManager, campaignId: string): Promise<PublishedSets> {
  const sets = (await manager.query(`${SET_SELECT} WHERE campaign_id = $1 AND status = 'PUBLISHED'`, [campaignId])) as CriteriaSetRow[];
  const criteria = await criteriaOfSets(manager, sets.map((s) => s.id));
  return {
    byVariant: new Map(sets.map((s) => [s.variant, s])),
    criteria: new Map(sets.map((s) => [s.id, criteria.filter((c) => c.setId === s.id)])),
  };
}

export function applicableSet(facts: ParticipantFacts, sets: PublishedSets): { set: CriteriaSetRow; criteria: CriterionRow[] } | null {
  const member = facts.memberId === null ? null : { isDirectProductionWorker: facts.isDirectProductionWorker ?? false, holdsLeadershipPost: facts.holdsLeadershipPost ?? false };
  const variant = chooseVariant({ organisationType: facts.organisationType, member }, new Set(sets.byVariant.keys()));
  if (!variant) return null;
  const set = sets.byVariant.get(variant)!;
  return { set, criteria: sets.criteria.get(set.id) ?? [] };
}

/** Sets a criterion's points and records the change (who, when, before, after, why); no-op when unchanged. */
export async function setPoints(manager: EntityManager, enrollmentId: string, criterion: CriterionRow, points: number, actor: string, reason: string): Promise<boolean> {
  const [current] = (await manager.query(`SELECT points::float AS points FROM criterion_scores WHERE enrollment_id = $1 AND criterion_id = $2 FOR UPDATE`, [
    enrollmentId,
    criterion.id,
  ])) as { points: number }[];
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
 * Recomputes the automatic (measured) criteria of a campaign's participants, or of one, from the latest reported
 * values. Idempotent: the same values give the same points and write nothing.
 */
export async function recomputeMeasuredScores(manager: EntityManager, campaignId: string, enrollmentId: string | null, actor: string, reason: string): Promise<number> {
  const sets = await publishedSets(manager, campaignId);
  if (sets.byVariant.size === 0) return 0;
  const participants = await participantFacts(manager, enrollmentId ? { enrollmentId } : { campaignId });
  const values = (await manager.query(
    `SELECT enrollment_id AS "enrollmentId", target_id AS "targetId", value::float AS value FROM measured_values WHERE enrollment_id = ANY($1::uuid[])`,
    [participants.map((p) => p.enrollmentId)],
  )) as { enrollmentId: string; targetId: string; value: number }[];
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
  const rows = (await manager.query(`SELECT criterion_id AS "criterionId", points::float AS points FROM criterion_scores WHERE enrollment_id = $1 AND set_id = $2`, [
    facts.enrollmentId,
    applicable.set.id,
  ])) as { criterionId: string; points: number }[];
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

/** The participant themself, officers over the participant's unit, and officers over the launching unit. */
export function canReadParticipant(identity: Identity, facts: { memberId: string | null; unitPath: string }, launchingUnitPath: string): boolean {
  if (facts.memberId !== null && identity.memberId === facts.memberId) return true;
  return isOfficerOver(identity, facts.unitPath) || isOfficerOver(identity, launchingUnitPath);
}

export async function readableParticipant(ctx: EvaluationContext, enrollmentId: string): Promise<ParticipantFacts> {
  requireAuthenticated(ctx.identity);
  const [facts] = await participantFacts(ctx.db.manager, { enrollmentId: parseId('enrollmentId', enrollmentId) });
  const round = facts ? await ctx.loaders.roundByCampaign.load(facts.campaignId) : null;
  if (!facts || !round || !canReadParticipant(ctx.identity, facts, round.launchingUnitPath)) throw new NotFoundError('Participant', enrollmentId);
  return facts;
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
