import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Consumer } from 'kafkajs';
import { GATEWAY_CACHE_GROUP_PREFIX, SERVICE_NAMES, createKafka, eventsTopic, registry, type CachedResponse, type GatewayConfig, type Logger, type ResponseCache } from '@thidua/common';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';

/** Events that change nothing a public reader sees (audit lines, private review steps). */
const IGNORED_EVENTS = new Set(['MutationAudited', 'SubmissionScored', 'NominationCreated', 'NominationClosed', 'EvaluationRoundOpened']);

/** Whether an event may change what anonymous readers see. */
export function changesPublicData(eventType: string): boolean {
  return !IGNORED_EVENTS.has(eventType);
}

const hits = new Counter({ name: 'thidua_gateway_response_cache_total', help: 'Public answers served from the cache, missed, or flushed', labelNames: ['outcome'], registers: [registry] });

/** Bytes an entry holds: its body, headers and key (UTF-16 in memory, so two bytes a character). */
function sizeOf(response: CachedResponse, key: string): number {
  return 2 * (response.body.length + key.length + response.headers.reduce((n, [name, value]) => n + name.length + value.length, 0)) + 64;
}

/**
 * Whole answers to anonymous queries, served before Apollo even parses them. Public data is the same for every
 * anonymous reader, so the key is the request itself (method, URL, body). Only successful answers without
 * errors are kept, for at most the configured time, within a bound in bytes (least recently used go first), and
 * everything is dropped when public data may have changed: on an event that says so (see `watchEvents`) and on
 * every mutation through this gateway. An answer computed across a flush is not kept: each request remembers the
 * cache's generation when it started.
 */
export class PublicResponseCache implements ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  /** Each anonymous request's key and the generation it started in, so `offer` neither hashes again nor keeps an answer computed across a flush. */
  private readonly pending = new WeakMap<IncomingMessage, { key: string; generation: number }>();
  private generation = 0;

  constructor(
    ttlMs: number,
    maxBytes: number,
    /** Rate limiting still applies to answers from the cache: false sends the request on to Apollo, which refuses it. */
    private readonly admit: (req: IncomingMessage) => Promise<boolean>,
  ) {
    // one answer may take at most a tenth of the cache, so a few huge answers cannot push out all the others
    this.entries = new LRUCache({ ttl: ttlMs, maxSize: maxBytes, maxEntrySize: Math.max(1, Math.floor(maxBytes / 10)), sizeCalculation: sizeOf });
  }

  static isAnonymous(req: IncomingMessage): boolean {
    return !req.headers.authorization && !req.headers['x-api-key'];
  }

  private key(req: IncomingMessage, raw: string): string {
    return createHash('sha256').update(`${req.method} ${req.url}\n${req.headers.accept ?? ''}\n${raw}`).digest('base64url');
  }

  async lookup(req: IncomingMessage, raw: string): Promise<CachedResponse | undefined> {
    if (!PublicResponseCache.isAnonymous(req)) return undefined;
    const key = this.key(req, raw);
    this.pending.set(req, { key, generation: this.generation });
    const response = this.entries.get(key);
    if (!response) {
      hits.inc({ outcome: 'miss' });
      return undefined;
    }
    if (!(await this.admit(req))) return undefined;
    hits.inc({ outcome: 'hit' });
    return response;
  }

  offer(req: IncomingMessage, response: CachedResponse): void {
    const pending = this.pending.get(req);
    if (!pending || pending.generation !== this.generation || response.status !== 200 || !response.body.startsWith('{"data"')) return;
    if (response.body.includes('"errors":')) return;
    this.entries.set(pending.key, { ...response, headers: [...response.headers, ['x-cache', 'HIT']] });
  }

  flush(): void {
    this.generation++;
    this.entries.clear();
    hits.inc({ outcome: 'flush' });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held (as counted by `sizeOf`). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }
}

/**
 * Follows every service's events (a consumer group of this process's own, from the latest offset, so every replica
 * hears every event) and tells `onEvent` each one's type: the caches decide what it empties.
 */
export async function watchEvents(onEvent: (eventType: string) => void, config: GatewayConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const kafka = createKafka('thidua-gateway-cache', config.kafkaBrokers, config.kafkaCredentials, logger);
  const groupId = `${config.topicPrefix}${GATEWAY_CACHE_GROUP_PREFIX}${randomUUID()}`;
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: SERVICE_NAMES.map((service) => eventsTopic(service, config.topicPrefix)), fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const type = message.headers?.['event-type']?.toString();
      if (type) onEvent(type);
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
      // the group was this process's alone: leave nothing behind on the broker
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
