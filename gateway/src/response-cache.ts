import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Consumer } from 'kafkajs';
import { GATEWAY_CACHE_GROUP_PREFIX, SERVICE_NAMES, createKafka, eventsTopic, registry, type CachedResponse, type GatewayConfig, type Logger, type ResponseCache } from '@thidua/common';
import { Counter } from 'prom-client';

/** Events that change nothing a public reader sees (audit lines, private review steps). */
const IGNORED_EVENTS = new Set(['MutationAudited', 'SubmissionScored', 'NominationCreated', 'EvaluationRoundOpened']);

const hits = new Counter({ name: 'gateway_response_cache_total', help: 'Public answers served from the cache, missed, or flushed', labelNames: ['outcome'], registers: [registry] });

interface Entry {
  expiresAt: number;
  response: CachedResponse;
}

/**
 * Whole answers to anonymous queries, served before Apollo even parses them. Public data is the same for every
 * anonymous reader, so the key is the request itself (method, URL, body). Only successful answers without
 * errors are kept, for at most the configured time, and everything is dropped when an event says public data
 * changed (see `watchEvents`). An answer computed across a flush is not kept: each request remembers the
 * cache's generation when it started.
 */
export class PublicResponseCache implements ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Each anonymous request's key and the generation it started in, so `offer` neither hashes again nor keeps an answer computed across a flush. */
  private readonly pending = new WeakMap<IncomingMessage, { key: string; generation: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    /** Rate limiting still applies to answers from the cache: false sends the request on to Apollo, which refuses it. */
    private readonly admit: (req: IncomingMessage) => boolean,
  ) {}

  static isAnonymous(req: IncomingMessage): boolean {
    return !req.headers.authorization && !req.headers['x-api-key'];
  }

  private key(req: IncomingMessage, raw: string): string {
    return createHash('sha256').update(`${req.method} ${req.url}\n${req.headers.accept ?? ''}\n${raw}`).digest('base64url');
  }

  lookup(req: IncomingMessage, raw: string): CachedResponse | undefined {
    if (!PublicResponseCache.isAnonymous(req)) return undefined;
    const key = this.key(req, raw);
    this.pending.set(req, { key, generation: this.generation });
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt < Date.now()) {
      if (entry) this.entries.delete(key);
      hits.inc({ outcome: 'miss' });
      return undefined;
    }
    if (!this.admit(req)) return undefined;
    // most recently used last: the oldest entries go first when the cache is full
    this.entries.delete(key);
    this.entries.set(key, entry);
    hits.inc({ outcome: 'hit' });
    return entry.response;
  }

  offer(req: IncomingMessage, response: CachedResponse): void {
    const pending = this.pending.get(req);
    if (!pending || pending.generation !== this.generation || response.status !== 200 || !response.body.startsWith('{"data"')) return;
    if (response.body.includes('"errors":')) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(pending.key, { expiresAt: Date.now() + this.ttlMs, response: { ...response, headers: [...response.headers, ['x-cache', 'HIT']] } });
  }

  flush(): void {
    this.generation++;
    this.entries.clear();
    hits.inc({ outcome: 'flush' });
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Follows every service's events (a consumer group of its own, from the latest offset) and flushes the cache when
 * one may change public data: results published, rewards granted, stories published, campaigns launched …
 */
export async function watchEvents(cache: PublicResponseCache, config: GatewayConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const kafka = createKafka('thidua-gateway-cache', config.kafkaBrokers, config.kafkaCredentials, logger);
  const groupId = `${config.topicPrefix}${GATEWAY_CACHE_GROUP_PREFIX}${randomUUID()}`;
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: SERVICE_NAMES.map((service) => eventsTopic(service, config.topicPrefix)), fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const type = message.headers?.['event-type']?.toString();
      if (type && !IGNORED_EVENTS.has(type)) cache.flush();
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
