import type { EventEnvelope, HandlerScope } from '@thidua/common';
import { CampaignRefEntity } from '../entities';

/** A launched campaign accepts nominations until it closes. */
export async function openNominations({ manager }: HandlerScope, event: EventEnvelope<'CampaignLaunched'>): Promise<void> {
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
}

/** A closed campaign takes no more nominations from officers. */
export async function closeNominations({ manager }: HandlerScope, event: EventEnvelope<'CampaignClosed'>): Promise<void> {
  await manager.getRepository(CampaignRefEntity).update({ campaignId: event.payload.campaignId }, { nominationsOpen: false });
}
