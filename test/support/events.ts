import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@thidua/common';

/** A valid CampaignLaunched event, as the campaign subgraph would write it, for tests that produce events directly. */
export function campaignLaunchedEvent(title: string, unitPath = '/vn/bg/'): EventEnvelope<'CampaignLaunched'> {
  const campaignId = randomUUID();
  return {
    id: randomUUID(),
    type: 'CampaignLaunched',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'campaign',
    aggregateId: campaignId,
    unitPath,
    correlationId: `test-${randomUUID()}`,
    causationId: null,
    payload: {
      campaignId,
      title,
      category: 'FOR_WORKERS',
      launchingUnitId: randomUUID(),
      launchingUnitPath: unitPath,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      targets: [{ targetId: randomUUID(), name: 'Năng suất lao động', unitOfMeasure: '%', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'LATEST', weight: 100 }],
      scope: { unitId: randomUUID(), unitPath, organisationTypes: [], occupationCodes: [] },
      derivedFromId: null,
    },
  };
}
