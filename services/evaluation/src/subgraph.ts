import path from 'node:path';
import type { SubgraphDefinition } from '@thidua/common';
import { createLoaders, type EvaluationLoaders } from './application/loaders';
import { entities } from './entities';
import { handlers } from './events/handlers';
import { evaluationRoutes } from './http/routes';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const evaluationSubgraph: SubgraphDefinition<EvaluationLoaders> = {
  name: 'evaluation',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  consumer: { from: ['campaign'], handlers },
  createLoaders,
  routes: evaluationRoutes,
};
