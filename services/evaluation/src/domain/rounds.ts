import type { CampaignLaunchedV1 } from '@thidua/common';

export type RoundStatus = 'OPEN' | 'PUBLISHED' | 'CLOSED';

/** A round measures exactly the launched campaign's targets, in their order. */
export function roundTargetsFrom(launched: CampaignLaunchedV1) {
  return launched.targets.map((target, position) => ({ ...target, position }));
}
