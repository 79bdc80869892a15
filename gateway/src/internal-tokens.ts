import { LRUCache } from 'lru-cache';
import type { CryptoKey } from 'jose';
import { INTERNAL_TOKEN_REUSE_SECONDS, importSigningKey, signInternalToken, type Identity, type ServiceName } from '@thidua/common';

/**
 * Mints the internal tokens the gateway forwards to subgraphs: signed with its private key, one audience per
 * subgraph. A token is reused while fresh (half its lifetime), so a busy caller costs one signature per subgraph a
 * minute; the least recently used go first when the cache is full (never all at once).
 */
export class InternalTokenSigner {
  private readonly cache = new LRUCache<string, string>({ max: 50_000, ttl: INTERNAL_TOKEN_REUSE_SECONDS * 1000 });

  private constructor(private readonly key: CryptoKey) {}

  static async fromPem(privateKeyPem: string): Promise<InternalTokenSigner> {
    return new InternalTokenSigner(await importSigningKey(privateKeyPem));
  }

  /** `callerKey` stands for one verified identity (its bearer token, its API key, or "anonymous"). */
  async tokenFor(callerKey: string, identity: Identity, service: ServiceName): Promise<string> {
    const key = `${service}\n${callerKey}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const token = await signInternalToken(identity, this.key, service);
    this.cache.set(key, token);
    return token;
  }
}
