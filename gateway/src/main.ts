import './tracing';
import { runUntilSignal } from '@thidua/common';
import { startGateway } from './gateway';

runUntilSignal('gateway', () => startGateway());
