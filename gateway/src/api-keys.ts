import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { INTERNAL_TOKEN_HEADER, type Identity } from '@thidua/common';

type Channel = { id: string; name: string };

/**
 * News channels call with an API key (`x-api-key`). The media subgraph owns the keys (hashed); the gateway asks
 * it which channel a key belongs to and caches the answer briefly, so a revoked key stops working within
 * `cacheSeconds`. Keys are held by their SHA-256 only, the least recently used dropped first when the cache is full.
 * Unknown keys are not kept: the gateway limits failed attempts per client address instead (see gateway.ts).
 */
export class ApiKeyVerifier {
  private readonly cache: LRUCache<string, Channel> | undefined;

  constructor(
    private readonly mediaBaseUrl: string,
    /** An internal token for media, for the gateway's own call. */
    private readonly mediaToken: () => Promise<string>,
    cacheSeconds: number,
  ) {
    this.cache = cacheSeconds > 0 ? new LRUCache<string, Channel>({ max: 10_000, ttl: cacheSeconds * 1000 }) : undefined;
  }

  async identify(apiKey: string): Promise<Identity | null> {
    const hash = createHash('sha256').update(apiKey).digest('base64url');
    let channel = this.cache?.get(hash) ?? null;
    if (!channel) {
      channel = await this.ask(apiKey);
      if (channel) this.cache?.set(hash, channel);
    }
    if (!channel) return null;
    return { subject: `channel:${channel.id}`, roles: ['NEWS_CHANNEL'], unitPath: null, memberId: null, name: channel.name };
  }

  private async ask(apiKey: string): Promise<Channel | null> {
    const response = await fetch(`${this.mediaBaseUrl}/internal/api-keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await this.mediaToken() },
      body: JSON.stringify({ apiKey }),
      signal: AbortSignal.timeout(3000),
    });
    if (response.status === 401) return null;
    if (!response.ok) throw new Error(`API key check failed with status ${response.status}`);
    return (await response.json()) as Channel;
  }
}
