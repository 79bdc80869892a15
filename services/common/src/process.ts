import { stopTelemetry } from './telemetry';

/**
 * Runs a process's main component: exits 1 when it cannot start; on SIGTERM or SIGINT stops it (draining
 * requests, the outbox, connections) and exits 0.
 */
export function runUntilSignal(name: string, start: () => Promise<{ stop(): Promise<void> }>): void {
  start().then(
    (running) => {
      const shutdown = (): void => {
        running.stop().then(
          () => stopTelemetry().then(() => process.exit(0)),
          (error: unknown) => {
            console.error(`${name} did not stop cleanly:`, error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error: unknown) => {
      console.error(`${name} failed to start:`, error);
      process.exit(1);
    },
  );
}
