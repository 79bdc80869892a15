import path from 'node:path';
import type { SubgraphDefinition } from '@thidua/common';
import { createLoaders, type RewardLoaders } from './application/loaders';
import { entities } from './entities';
import { handlers } from './events/handlers';
import { rewardRoutes } from './http/routes';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const rewardSubgraph: SubgraphDefinition<RewardLoaders> = {
  name: 'reward',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  // its own events too: a granted reward's decision and certificate are issued as documents
  consumer: { from: ['campaign', 'evaluation', 'media', 'reward'], handlers },
  createLoaders,
  routes: rewardRoutes,
};
