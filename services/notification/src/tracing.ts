import { startTelemetry } from '@thidua/common/src/telemetry';

// a module of its own, imported first by main.ts: the instrumentations must be in place before http and pg load
startTelemetry('notification');
