import path from 'node:path';
import type { SubgraphDefinition } from '@thidua/common';
import { createLoaders, type MediaLoaders } from './application/stories';
import { entities } from './entities';
import { handlers } from './events/handlers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const mediaSubgraph: SubgraphDefinition<MediaLoaders> = {
  name: 'media',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  consumer: { from: ['campaign'], handlers },
  createLoaders,
};
