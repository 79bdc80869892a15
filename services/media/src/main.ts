import './tracing';
import { runSubgraph } from '@thidua/common';
import { mediaSubgraph } from './subgraph';

runSubgraph(mediaSubgraph);
