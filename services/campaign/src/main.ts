import './tracing';
import { runSubgraph } from '@thidua/common';
import { campaignSubgraph } from './subgraph';

runSubgraph(campaignSubgraph);
