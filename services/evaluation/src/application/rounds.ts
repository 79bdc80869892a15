import { NotFoundError, parseId, queryRow, requireRole, requireWithinScope, type EventEnvelope, type HandlerScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { closedCampaignRoundStatus, roundTargetsFrom, type AppealState } from '../domain/rounds';
import { APPEAL_STATE_SELECT, EvaluationRoundEntity, RoundTargetEntity, type EvaluationRoundRow } from '../entities';
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

export async function appealState(manager: EntityManager, campaignId: string): Promise<AppealState> {
  return (await queryRow<AppealState>(manager, APPEAL_STATE_SELECT, [[campaignId]]))!;
}

/** The round of a campaign, locked for the rest of the transaction (publishing, appeals and closing take turns). */
export function lockRound(manager: EntityManager, campaignId: string): Promise<EvaluationRoundRow | null> {
  return manager.getRepository(EvaluationRoundEntity).findOne({ where: { campaignId }, lock: { mode: 'pessimistic_write' } });
}

/**
 * A closed campaign (CampaignClosed) closes its round: at once when nothing can be appealed any more, else CLOSING
 * until the window of the latest publication ends and the open appeals are resolved (decision 0019).
 */
export async function closeRound({ manager }: HandlerScope, event: EventEnvelope<'CampaignClosed'>): Promise<void> {
  const round = await lockRound(manager, event.payload.campaignId);
  if (!round || round.campaignClosedAt) return;
  const status = closedCampaignRoundStatus(await appealState(manager, round.campaignId), new Date());
  await manager.getRepository(EvaluationRoundEntity).update({ id: round.id }, { status, campaignClosedAt: new Date(event.payload.closedAt) });
}

/** A CLOSING round whose window has passed with its last appeal resolved is CLOSED from now on. */
export async function settleClosingRound(manager: EntityManager, round: EvaluationRoundRow): Promise<void> {
  if (round.status !== 'CLOSING') return;
  if (closedCampaignRoundStatus(await appealState(manager, round.campaignId), new Date()) === 'CLOSED') {
    await manager.getRepository(EvaluationRoundEntity).update({ id: round.id }, { status: 'CLOSED' });
  }
}
