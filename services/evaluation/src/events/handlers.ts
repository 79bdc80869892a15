import { readModelHandlers, type EventHandlers } from '@thidua/common';
import { recomputeMeasuredScores } from '../application/scores';
import { roundTargetsFrom } from '../domain/rounds';
import { EvaluationRoundEntity, RoundTargetEntity } from '../entities';

/** What evaluation does with other services' events. Each runs once per event (idempotent consumer). */
export const handlers: EventHandlers = {
  /** A launched campaign opens its evaluation round (bình xét) with the campaign's targets. */
  CampaignLaunched: async (event, { manager, emit }) => {
    const launched = event.payload;
    const existing = await manager.getRepository(EvaluationRoundEntity).findOneBy({ campaignId: launched.campaignId });
    if (existing) return;
    const round = await manager.getRepository(EvaluationRoundEntity).save({
      campaignId: launched.campaignId,
      status: 'OPEN' as const,
      title: launched.title,
      launchingUnitPath: launched.launchingUnitPath,
      openedAt: new Date(event.occurredAt),
    });
    await manager.getRepository(RoundTargetEntity).insert(
      roundTargetsFrom(launched).map(({ targetId, name, unitOfMeasure, targetValue, direction, weight, position }) => ({
        roundId: round.id,
        targetId,
        name,
        unitOfMeasure,
        targetValue,
        direction,
        weight,
        position,
      })),
    );
    await emit({
      type: 'EvaluationRoundOpened',
      aggregateId: round.id,
      unitPath: launched.launchingUnitPath,
      payload: { roundId: round.id, campaignId: launched.campaignId, targetCount: launched.targets.length },
    });
  },

  /** Participants are the campaign's enrolments (units and members). */
  EnrollmentCreated: async (event, { manager }) => {
    const e = event.payload;
    await manager.query(
      `INSERT INTO participants (enrollment_id, campaign_id, unit_id, unit_path, member_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (enrollment_id) DO NOTHING`,
      [e.enrollmentId, e.campaignId, e.unitId, e.unitPath, e.memberId, event.occurredAt],
    );
  },

  /** A progress report updates the measured value and recomputes the automatic scores that depend on it. */
  ProgressReported: async (event, { manager }) => {
    const report = event.payload;
    await manager.query(
      `INSERT INTO measured_values (enrollment_id, target_id, value) VALUES ($1, $2, $3)
       ON CONFLICT (enrollment_id, target_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [report.enrollmentId, report.targetId, report.currentValue],
    );
    await recomputeMeasuredScores(manager, report.campaignId, report.enrollmentId, 'system', `progress report ${report.reportId}`);
  },

  ...readModelHandlers,
};
