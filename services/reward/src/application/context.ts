import type { SubgraphContext } from '@thidua/common';
import type { RewardLoaders } from './loaders';

export type RewardContext = SubgraphContext<RewardLoaders>;
