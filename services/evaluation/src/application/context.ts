import type { SubgraphContext } from '@thidua/common';
import type { EvaluationLoaders } from './loaders';

export type EvaluationContext = SubgraphContext<EvaluationLoaders>;
