import './tracing';
import { runSubgraph } from '@thidua/common';
import { rewardSubgraph } from './subgraph';

runSubgraph(rewardSubgraph);
