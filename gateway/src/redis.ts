import { Redis } from 'ioredis';
import type { GatewayConfig, Logger } from '@thidua/common';

/**
 * The gateway's one connection to Redis (REDIS_URL), shared by the rate limits and the idempotency keys. Commands
 * fail at once while Redis is unreachable rather than queue: the rate limits then count in memory, and a mutation
 * sent with an Idempotency-Key is refused as retryable (UNAVAILABLE) instead of hanging.
 */
export interface GatewayRedis {
  client: Redis | undefined;
  stop(): Promise<void>;
}

/** Waits up to 2 s for Redis before the first request; without REDIS_URL there is none. */
export async function connectRedis(config: GatewayConfig, logger: Logger): Promise<GatewayRedis> {
  if (!config.redisUrl) return { client: undefined, stop: async () => undefined };
  const client = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  client.on('error', (error: Error) => logger.warn({ err: error }, 'Redis unreachable; rate limits count in memory and Idempotency-Keys are refused meanwhile'));
  // not events.once: it rejects on the first 'error', and a Redis away must not stop the gateway from starting
  await new Promise<void>((resolve) => {
    client.once('ready', resolve);
    setTimeout(resolve, 2000).unref();
  });
  return {
    client,
    async stop() {
      // the server is closed before this: nothing is left to settle, and a Redis that never answered must not hold the stop
      await client.quit().catch(() => client.disconnect());
    },
  };
}
