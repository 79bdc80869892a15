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

/** Requests per identity (user or API key) in a sliding one-minute window, per gateway process. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(readonly perMinute: number) {}

  /** Seconds to wait before the next request is allowed, or 0 when it is allowed now (and counted). */
  take(key: string, now = Date.now()): number {
    const recent = (this.windows.get(key) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= this.perMinute) {
      this.windows.set(key, recent);
      return Math.ceil((recent[0]! + 60_000 - now) / 1000);
    }
    recent.push(now);
    if (this.windows.size >= 100_000) this.windows.clear();
    this.windows.set(key, recent);
    return 0;
  }
}
