import type { IncomingMessage } from 'node:http';
import type { NodeSDK } from '@opentelemetry/sdk-node';

/** Requests that only probe or scrape the process: a trace of each would drown the traces of real work. */
const UNTRACED_PATHS = /^\/(health\/|metrics$|assets\/|favicon)/;

let sdk: NodeSDK | undefined;

/**
 * Traces of one process, exported over OTLP to OTEL_EXPORTER_OTLP_ENDPOINT (protocol, headers, sampler and batch
 * settings from the standard OTEL_* variables). Without that variable nothing is loaded or registered, and the
 * tracing calls elsewhere (`@opentelemetry/api`) stay its no-ops: no cost when nobody collects.
 *
 * Call it before anything else is loaded (each process's `tracing.ts`, imported first by its `main.ts`): the
 * instrumentations wrap `http` and `pg` as they are required.
 */
export function startTelemetry(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_SDK_DISABLED === 'true') return false;
  // required here, not imported above: a process that exports nothing never loads the SDK
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  sdk = new Sdk({
    serviceName: env.OTEL_SERVICE_NAME ?? `thidua-${service}`,
    // traces only: metrics are Prometheus' (prom-client, /metrics), logs are pino's on stdout
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.test(req.url ?? '') }),
      // statements of a traced request or event only: the outbox relay's polling would otherwise be a trace a second
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered; a process calls it as it stops (runUntilSignal does). */
export async function stopTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
