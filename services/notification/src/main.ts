import './tracing';
import { runSubgraph } from '@thidua/common';
import { notificationSubgraph } from './subgraph';

runSubgraph(notificationSubgraph);
