/**
 * A gateway replica of the replica test: the shipped gateway (configured from the environment, as gateway/src/main.ts
 * is) that also trusts the test's caller tokens, whose key the test process shares through TEST_TOKEN_KEY_FILE.
 */
import { runUntilSignal } from '@thidua/common';
import { startGateway } from '../../gateway/src/gateway';
import { testTokenIssuer } from '../support/tokens';

runUntilSignal('gateway', async () => startGateway({ testTokenIssuer: await testTokenIssuer() }));
