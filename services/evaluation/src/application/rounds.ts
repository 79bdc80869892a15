import { NotFoundError, parseId, requireRole, requireWithinScope, type EventEnvelope, type HandlerScope } from '@thidua/common';
import { roundTargetsFrom } from '../domain/rounds';
import { EvaluationRoundEntity, RoundTargetEntity, type EvaluationRoundRow } from '../entities';
import type { EvaluationContext } from './context';

/** A launched campaign opens its evaluation round (bình xét) with the campaign's targets. */
export async function openRound({ manager, emit }: HandlerScope, event: EventEnvelope<'CampaignLaunched'>): Promise<void> {
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
}

/** The round of a campaign the caller organises (officers over its launching unit). */
export async function organisedRound(ctx: EvaluationContext, campaignId: string): Promise<EvaluationRoundRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const round = await ctx.loaders.roundByCampaign.load(parseId('campaignId', campaignId));
  if (!round) throw new NotFoundError('Evaluation round of campaign', campaignId);
  requireWithinScope(ctx.identity, round.launchingUnitPath);
  return round;
}
