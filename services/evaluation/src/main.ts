import './tracing';
import { runSubgraph } from '@thidua/common';
import { evaluationSubgraph } from './subgraph';

runSubgraph(evaluationSubgraph);
