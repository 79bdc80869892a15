import { ANONYMOUS, signInternalToken, INTERNAL_TOKEN_HEADER, type Identity } from '@thidua/common';

/**
 * News channels call with an API key (`x-api-key`). The media subgraph owns the keys (hashed); the gateway asks
 * it which channel a key belongs to and caches the answer briefly, so a revoked key stops working within
 * `cacheSeconds`.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { channel: { id: string; name: string } | null; until: number }>();

  constructor(
    private readonly mediaBaseUrl: string,
    private readonly internalTokenSecret: string,
    private readonly cacheSeconds: number,
  ) {}

  async identify(apiKey: string): Promise<Identity | null> {
    const now = Date.now();
    let entry = this.cache.get(apiKey);
    if (!entry || entry.until < now) {
      entry = { channel: await this.ask(apiKey), until: now + this.cacheSeconds * 1000 };
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(apiKey, entry);
    }
    if (!entry.channel) return null;
    return { subject: `channel:${entry.channel.id}`, roles: ['NEWS_CHANNEL'], unitPath: null, memberId: null, name: entry.channel.name };
  }

  private async ask(apiKey: string): Promise<{ id: string; name: string } | null> {
    const response = await fetch(`${this.mediaBaseUrl}/internal/api-keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await signInternalToken(ANONYMOUS, this.internalTokenSecret) },
      body: JSON.stringify({ apiKey }),
      signal: AbortSignal.timeout(3000),
    });
    if (response.status === 401) return null;
    if (!response.ok) throw new Error(`API key check failed with status ${response.status}`);
    return (await response.json()) as { id: string; name: string };
  }
}

/**
 * Requests per identity (user, API key or anonymous address), per gateway process: a token bucket holding a
 * minute's allowance and refilled continuously, so a burst up to the allowance passes and the rate is held to it.
 * Constant time per request whatever the allowance (a log of timestamps costs a scan of the last minute).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** Seconds to wait before the next request is allowed, or 0 when it is allowed now (and counted). */
  take(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
    }
    bucket.tokens -= 1;
    if (this.buckets.size >= 100_000 && !this.buckets.has(key)) this.buckets.clear();
    this.buckets.set(key, bucket);
    return 0;
  }
}
