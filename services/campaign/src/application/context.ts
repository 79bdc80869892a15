import type { SubgraphContext } from '@thidua/common';
import type { CampaignLoaders } from './loaders';

export type CampaignContext = SubgraphContext<CampaignLoaders>;
