import type { IncomingMessage } from 'node:http';
import type { Redis } from 'ioredis';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { GatewayConfig } from '@thidua/common';

/** What is limited, each per minute: news channel keys, signed-in users, anonymous client addresses, failed API keys per address. */
export type LimitKind = 'apiKey' | 'user' | 'anonymous' | 'invalidApiKey';

/**
 * The client address of a request: the socket's, or with TRUST_PROXY the address the trusted proxies in front saw
 * (from X-Forwarded-For, read right to left, only through proxies we trust). TRUST_PROXY is a number of proxy hops,
 * or a list of proxy addresses and subnets (`loopback`, `10.0.0.0/8`, …); unset, X-Forwarded-For is ignored, so no
 * client can choose its own bucket.
 */
export function clientAddressOf(trustProxy: string): (req: IncomingMessage) => string {
  const setting = trustProxy.trim();
  if (setting === '' || setting === 'false' || setting === '0') return (req) => req.socket.remoteAddress ?? 'unknown';
  const hops = Number(setting);
  const trust = Number.isInteger(hops) && hops > 0 ? (_addr: string, i: number) => i < hops : proxyaddr.compile(setting.split(',').map((s) => s.trim()));
  return (req) => proxyaddr(req, trust).slice(0, 100);
}

/**
 * Requests per identity and minute with rate-limiter-flexible: in this process's memory by default, or shared by
 * every gateway replica through the gateway's Redis when it has one (falling back to memory while Redis is
 * unreachable). Counters expire by themselves; nothing is ever emptied wholesale.
 */
export class RateLimits {
  readonly perMinute: Record<LimitKind, number>;
  private readonly limiters: Record<LimitKind, RateLimiterAbstract>;

  constructor(config: GatewayConfig, redis: Redis | undefined) {
    this.perMinute = {
      apiKey: config.apiKeyRequestsPerMinute,
      user: config.userRequestsPerMinute,
      anonymous: config.anonymousRequestsPerMinute,
      invalidApiKey: config.invalidApiKeyAttemptsPerMinute,
    };
    const limiter = (kind: LimitKind): RateLimiterAbstract => {
      const options = { points: this.perMinute[kind], duration: 60, keyPrefix: `${config.rateLimitKeyPrefix}${kind}` };
      if (!redis) return new RateLimiterMemory(options);
      return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
    };
    this.limiters = { apiKey: limiter('apiKey'), user: limiter('user'), anonymous: limiter('anonymous'), invalidApiKey: limiter('invalidApiKey') };
  }

  /** Counts one request; returns 0 when it is allowed, else the seconds to wait (the request is refused). */
  async take(kind: LimitKind, key: string): Promise<number> {
    try {
      await this.limiters[kind].consume(key);
      return 0;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
      throw outcome;
    }
  }

  /** Seconds to wait when the key has no request left this minute, without counting one; 0 otherwise. */
  async blocked(kind: LimitKind, key: string): Promise<number> {
    const state = await this.limiters[kind].get(key);
    return state && state.remainingPoints <= 0 ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
  }
}
