import path from 'node:path';
import type { SubgraphDefinition } from '@thidua/common';
import { createLoaders, type NotificationLoaders } from './application/loaders';
import { notificationWorkers } from './application/workers';
import { handlers } from './events/handlers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The notification subgraph: deadlines and events become inbox notifications and e-mails (issue 19, decision 0029). */
export const notificationSubgraph: SubgraphDefinition<NotificationLoaders> = {
  name: 'notification',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  resolvers,
  entities: [],
  migrations,
  consumer: { from: ['campaign', 'evaluation', 'reward', 'media'], handlers },
  createLoaders,
  workers: notificationWorkers,
};
