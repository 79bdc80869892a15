import { queryRows, type EventEnvelope, type HandlerScope } from '@thidua/common';
import { revocationNote } from '../domain/stories';
import { record } from './stories';

/**
 * A reward decision was annulled or revoked (RewardRevoked): every story that carries it is annotated with the
 * revocation, which the story shows beside the decision; a candidate nobody took yet is dismissed, since its only reason
 * to exist was the decision. Published stories stay up, annotated, for an editor to correct or retract. Idempotent: a
 * story already annotated for this decision is left as it is.
 */
export async function annotateRevokedDecision(event: EventEnvelope<'RewardRevoked'>, { manager }: HandlerScope): Promise<void> {
  const revoked = event.payload;
  const revocation = { kind: revoked.kind, number: revoked.revocationNumber, revokedOn: revoked.revokedOn, reason: revoked.reason, legalSource: revoked.legalSource };
  const note = revocationNote(revoked);
  // stories made before candidates kept the decision's id find it by number, which was unique in the register then
  const stories = await queryRows<{ id: string; status: string }>(manager,
    `WITH annotated AS (UPDATE stories SET reward_decision = reward_decision || jsonb_build_object('revocation', $3::jsonb), updated_at = now(),
            status = CASE WHEN status = 'CANDIDATE' THEN 'RETRACTED' ELSE status END,
            retraction_reason = CASE WHEN status = 'CANDIDATE' THEN $4 ELSE retraction_reason END
      WHERE reward_decision IS NOT NULL AND NOT reward_decision ? 'revocation'
        AND (reward_decision->>'decisionId' = $1 OR (reward_decision->>'decisionId' IS NULL AND reward_decision->>'decisionNumber' = $2))
      RETURNING id, status) SELECT id, status FROM annotated`,
    [revoked.decisionId, revoked.decisionNumber, JSON.stringify(revocation), note],
  );
  for (const story of stories) {
    await record(manager, story.id, null, story.status, `EVENT ${event.type}`, 'system', note);
  }
}
