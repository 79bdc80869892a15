import { NotFoundError, isOfficerOver, parseId, queryRows, requireAuthenticated, type EventEnvelope, type HandlerScope, type Identity, type Queryable } from '@thidua/common';
import { PARTICIPANT_SELECT, type ParticipantFacts } from '../entities';
import type { EvaluationContext } from './context';

/** Participants are the campaign's enrolments (units and members). */
export async function recordParticipant({ manager }: HandlerScope, event: EventEnvelope<'EnrollmentCreated'>): Promise<void> {
  const e = event.payload;
  await manager.query(
    `INSERT INTO participants (enrollment_id, campaign_id, unit_id, unit_path, member_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (enrollment_id) DO NOTHING`,
    [e.enrollmentId, e.campaignId, e.unitId, e.unitPath, e.memberId, event.occurredAt],
  );
}

/** The participants of a campaign, or one, in enrolment order. */
export function participantFacts(db: Queryable, where: { campaignId?: string; enrollmentId?: string }): Promise<ParticipantFacts[]> {
  return queryRows<ParticipantFacts>(
    db,
    `${PARTICIPANT_SELECT}
      WHERE ($1::uuid IS NULL OR p.campaign_id = $1) AND ($2::uuid IS NULL OR p.enrollment_id = $2)
      ORDER BY p.enrolled_at, p.enrollment_id`,
    [where.campaignId ?? null, where.enrollmentId ?? null],
  );
}

export async function factsOf(db: Queryable, enrollmentId: string): Promise<ParticipantFacts> {
  const [facts] = await participantFacts(db, { enrollmentId });
  if (!facts) throw new NotFoundError('Participant', enrollmentId);
  return facts;
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
