import type { ServiceName, SubgraphDefinition } from '@thidua/common';
import { campaignSubgraph } from '../services/campaign/src/subgraph';
import { evaluationSubgraph } from '../services/evaluation/src/subgraph';
import { mediaSubgraph } from '../services/media/src/subgraph';
import { notificationSubgraph } from '../services/notification/src/subgraph';
import { rewardSubgraph } from '../services/reward/src/subgraph';

/** Every subgraph's definition, for scripts that work on all of them (databases, composition, tests). */
export const subgraphs: Record<ServiceName, SubgraphDefinition<unknown>> = {
  campaign: campaignSubgraph as SubgraphDefinition<unknown>,
  evaluation: evaluationSubgraph as SubgraphDefinition<unknown>,
  reward: rewardSubgraph as SubgraphDefinition<unknown>,
  media: mediaSubgraph as SubgraphDefinition<unknown>,
  notification: notificationSubgraph as SubgraphDefinition<unknown>,
};
