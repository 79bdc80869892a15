import { createHash } from 'node:crypto';
import type { Identity } from '@thidua/common';
import { registry } from '@thidua/common';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import type { Executor, ExecutionResult, RequestContext } from './executor';
import { operationCaching, type Caching } from './scope-fields';

const outcomes = new Counter({
  name: 'thidua_gateway_scope_cache_total',
  help: 'Authenticated answers served from the per-scope cache, shared with an execution in flight, missed, or flushed',
  labelNames: ['outcome'],
  registers: [registry],
});

/**
 * The claims the subgraphs decide on, as one string: roles (in a fixed order), unit path and member id. Two
 * callers with the same scope get the same answer to a SCOPE query; nothing else about them may enter it.
 */
export function scopeOf(identity: Identity): string {
  return JSON.stringify([[...identity.roles].sort(), identity.unitPath, identity.memberId]);
}

/** What a request needs from its context to be cached: its scope (absent: never cached) and its account. */
interface ScopedContext {
  cacheScope?: string;
  identity?: Identity;
}

/** Bytes an entry holds (UTF-16 in memory): its answer's JSON and its key. */
function sizeOf(entry: CachedAnswer, key: string): number {
  return 2 * (entry.bytes + key.length) + 64;
}

interface CachedAnswer {
  result: ExecutionResult;
  bytes: number;
}

/**
 * Whole answers of authenticated queries, kept per authorization scope (decision 0034). Emptied on every event
 * (`flush`, from the gateway's event consumer) and on every mutation through this gateway; a second, trailing flush
 * `settleMs` after the last event drops answers computed while a subgraph's consumer was still applying that
 * event (the gateway hears an event about when the subgraphs do, not after they applied it). An answer computed
 * across a flush is not kept: each execution remembers the generation it started in.
 */
export class ScopeCache {
  private readonly entries: LRUCache<string, CachedAnswer>;
  private readonly inflight = new Map<string, Promise<ExecutionResult>>();
  private readonly classified = new LRUCache<string, Caching>({ max: 2000 });
  private generation = 0;
  private trailing: NodeJS.Timeout | undefined;

  constructor(
    ttlMs: number,
    maxBytes: number,
    private readonly settleMs: number,
  ) {
    this.entries = new LRUCache({ ttl: ttlMs, maxSize: maxBytes, maxEntrySize: Math.max(1, Math.floor(maxBytes / 10)), sizeCalculation: sizeOf });
  }

  /** The entry's key, or undefined when the request must run (a mutation, no scope, a field never cached). */
  keyOf(requestContext: RequestContext): string | undefined {
    if (requestContext.operation.operation !== 'query') return undefined;
    const context = requestContext.context as ScopedContext;
    if (context.cacheScope === undefined || !context.identity) return undefined;
    const hash = requestContext.queryHash;
    let caching = this.classified.get(hash);
    if (caching === undefined) {
      caching = operationCaching(requestContext.schema, requestContext.document);
      this.classified.set(hash, caching);
    }
    if (caching === 'NEVER') return undefined;
    const account = caching === 'ACCOUNT' ? context.identity.subject : '';
    const { operationName, variables } = requestContext.request;
    return createHash('sha256').update(JSON.stringify([context.cacheScope, account, hash, operationName ?? '', variables ?? {}])).digest('base64url');
  }

  /** An executor answering from the cache, sharing one execution per key while it runs, and keeping clean answers. */
  wrap(executor: Executor): Executor {
    return async (requestContext) => {
      const key = this.keyOf(requestContext);
      if (key === undefined) return executor(requestContext);
      const cached = this.entries.get(key);
      if (cached) {
        outcomes.inc({ outcome: 'hit' });
        return { ...cached.result };
      }
      const running = this.inflight.get(key);
      if (running) {
        outcomes.inc({ outcome: 'shared' });
        return { ...(await running) };
      }
      outcomes.inc({ outcome: 'miss' });
      const execution: Promise<ExecutionResult> = this.execute(executor, requestContext, key).finally(() => {
        // a flush may have let a newer execution of the same key start meanwhile: that one stays
        if (this.inflight.get(key) === execution) this.inflight.delete(key);
      });
      this.inflight.set(key, execution);
      return { ...(await execution) };
    };
  }

  private async execute(executor: Executor, requestContext: RequestContext, key: string): Promise<ExecutionResult> {
    const generation = this.generation;
    const result = await executor(requestContext);
    if (generation === this.generation && result.data && !result.errors?.length) {
      this.entries.set(key, { result, bytes: JSON.stringify(result.data).length });
    }
    return result;
  }

  /** Drops every answer now and, if settling is on, once more after the last call has settled. */
  flush(): void {
    this.drop();
    if (this.settleMs <= 0) return;
    clearTimeout(this.trailing);
    this.trailing = setTimeout(() => this.drop(), this.settleMs);
    this.trailing.unref();
  }

  private drop(): void {
    this.generation++;
    this.entries.clear();
    // executions in flight may have started before the change: later requests run afresh
    this.inflight.clear();
    outcomes.inc({ outcome: 'flush' });
  }

  stop(): void {
    clearTimeout(this.trailing);
  }

  get size(): number {
    return this.entries.size;
  }
}
