import type { EventHandlers } from '@thidua/common';
import { roundTargetsFrom } from '../domain/rounds';
import { EvaluationRoundEntity, MemberRefEntity, RoundTargetEntity, UnitRefEntity } from '../entities';

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
      launchingUnitPath: launched.launchingUnitPath,
      openedAt: new Date(event.occurredAt),
    });
    await manager.getRepository(RoundTargetEntity).insert(roundTargetsFrom(launched).map((t) => ({ ...t, roundId: round.id })));
    await emit({
      type: 'EvaluationRoundOpened',
      aggregateId: round.id,
      unitPath: launched.launchingUnitPath,
      payload: { roundId: round.id, campaignId: launched.campaignId, targetCount: launched.targets.length },
    });
  },

  UnitUpserted: async (event, { manager }) => {
    const unit = event.payload;
    await manager.getRepository(UnitRefEntity).upsert(
      { id: unit.unitId, path: unit.path, level: unit.level, organisationType: unit.organisationType, provinceCode: unit.provinceCode },
      ['id'],
    );
  },

  MemberUpserted: async (event, { manager }) => {
    const member = event.payload;
    await manager.getRepository(MemberRefEntity).upsert(
      {
        id: member.memberId,
        fullName: member.fullName,
        unitId: member.unitId,
        unitPath: member.unitPath,
        occupationCode: member.occupationCode,
        isDirectProductionWorker: member.isDirectProductionWorker,
        holdsLeadershipPost: member.holdsLeadershipPost,
      },
      ['id'],
    );
  },
};
