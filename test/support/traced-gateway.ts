/**
 * The gateway as `gateway/src/main.ts` runs it (tracing loaded first, stopped on SIGTERM with its spans flushed),
 * trusting this run's test token issuer (its key shared through TEST_TOKEN_KEY_FILE), for tests that need the gateway
 * in a process of its own: a test process's own module loader is not the one the instrumentations wrap.
 */
import '../../gateway/src/tracing';
import { runUntilSignal } from '@thidua/common';
import { startGateway } from '../../gateway/src/gateway';
import { testTokenIssuer } from './tokens';

runUntilSignal('gateway', async () => {
  const gateway = await startGateway({ testTokenIssuer: await testTokenIssuer(), responseCacheSeconds: 0, scopeCacheSeconds: 0 });
  console.log(`ready ${gateway.url}`);
  return gateway;
});
