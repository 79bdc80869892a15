import { startGateway } from './gateway';

startGateway().then(
  (running) => {
    const shutdown = (): void => {
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  },
  (error: unknown) => {
    console.error('gateway failed to start:', error);
    process.exit(1);
  },
);
