import path from 'node:path';
import type { SubgraphDefinition } from '@thidua/common';
import { createLoaders, type CampaignLoaders } from './application/loaders';
import { entities } from './entities';
import { migrations } from './migrations';
import { handlers } from './events/handlers';
import { campaignRoutes } from './http/routes';
import { resolvers } from './resolvers';

/** The campaign subgraph: organisation and movements; it also keeps the platform's audit log. */
export const campaignSubgraph: SubgraphDefinition<CampaignLoaders> = {
  name: 'campaign',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  createLoaders,
  consumer: { from: ['campaign', 'evaluation', 'reward', 'media', 'notification'], handlers },
  routes: campaignRoutes,
};
