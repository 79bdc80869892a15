import { randomUUID } from 'node:crypto';
import { readModelHandlers, type EventHandlers } from '@thidua/common';
import { CampaignRefEntity } from '../entities';

export const handlers: EventHandlers = {
  ...readModelHandlers,

  /** A launched campaign accepts nominations until it closes. */
  CampaignLaunched: async (event, { manager }) => {
    const launched = event.payload;
    await manager.getRepository(CampaignRefEntity).upsert(
      {
        campaignId: launched.campaignId,
        title: launched.title,
        launchingUnitPath: launched.launchingUnitPath,
        nominationsOpen: true,
        launchedAt: new Date(event.occurredAt),
      },
      ['campaignId'],
    );
  },

  /** A closed campaign takes no more nominations. */
  CampaignClosed: async (event, { manager }) => {
    await manager.getRepository(CampaignRefEntity).update({ campaignId: event.payload.campaignId }, { nominationsOpen: false });
  },

  /** Media is a discovery channel: a proposed exemplar opens a nomination for the council of the subject's level. */
  ExemplarProposed: async (event, { manager, emit }) => {
    const proposal = event.payload;
    const nominationId = randomUUID();
    const inserted = (await manager.query(
      `INSERT INTO nominations (id, source, status, member_id, unit_id, unit_path, subject_name, is_direct_production_worker, campaign_id, reason, source_event_id, created_by)
       VALUES ($1, 'MEDIA_DISCOVERY', 'OPEN', $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (source_event_id) DO NOTHING RETURNING id`,
      [nominationId, proposal.subject.memberId, proposal.subject.unitId, proposal.subject.unitPath, proposal.subject.name, proposal.subject.isDirectProductionWorker,
        proposal.campaignId, proposal.achievement, event.id, proposal.proposedBy],
    )) as unknown[];
    if (inserted.length === 0) return;
    await emit({
      type: 'NominationCreated',
      aggregateId: nominationId,
      unitPath: proposal.subject.unitPath,
      payload: { nominationId, source: 'MEDIA_DISCOVERY', subject: proposal.subject, campaignId: proposal.campaignId, sourceEventId: event.id, reason: proposal.achievement },
    });
  },
};
