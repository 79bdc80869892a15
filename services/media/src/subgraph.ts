import path from 'node:path';
import type { SubgraphDefinition } from '@thidua/common';
import { createLoaders, type MediaLoaders } from './application/loaders';
import { handlers } from './events/handlers';
import { mediaRoutes } from './http/routes';
import { mediaWorkers } from './application/workers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The media subgraph: stories, sections, the editorial workflow, news channels, feeds and search. */
export const mediaSubgraph: SubgraphDefinition<MediaLoaders> = {
  name: 'media',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  resolvers,
  entities: [],
  migrations,
  consumer: { from: ['campaign', 'reward'], handlers },
  createLoaders,
  routes: mediaRoutes,
  workers: mediaWorkers,
};
