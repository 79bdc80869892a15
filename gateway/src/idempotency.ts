import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse } from '@apollo/server';
import { GraphQLError, type FormattedExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';
import { isAnonymous, type Identity } from '@thidua/common';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A UUID, a ULID or a client's own token fit with room to spare; more is not a key but a payload. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;
/** A claim without an answer lapses after this (its gateway died mid-mutation): a retry then runs. */
const PENDING_MS = 60_000;

/** The first answer to a mutation sent with a key, kept for the key's lifetime. */
export interface StoredAnswer {
  status: number;
  result: FormattedExecutionResult;
}

/** What a key holds: who claimed it for which request, and its answer once there is one. */
export interface KeyRecord {
  fingerprint: string;
  answer?: StoredAnswer;
}

/** Where keys live: Redis when the gateway has it (shared by every replica), this process's memory otherwise. */
export interface IdempotencyStore {
  /** Takes the key for `fingerprint` if nobody holds it (true), or says nothing (false). */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<boolean>;
  read(key: string): Promise<KeyRecord | undefined>;
  complete(key: string, record: KeyRecord, ttlMs: number): Promise<void>;
  release(key: string): Promise<void>;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, { record: KeyRecord; expires: number }>();

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<boolean> {
    if (await this.read(key)) return false;
    this.records.set(key, { record: { fingerprint }, expires: Date.now() + ttlMs });
    return true;
  }

  async read(key: string): Promise<KeyRecord | undefined> {
    const held = this.records.get(key);
    if (held && held.expires <= Date.now()) this.records.delete(key);
    return held && held.expires > Date.now() ? held.record : undefined;
  }

  async complete(key: string, record: KeyRecord, ttlMs: number): Promise<void> {
    this.records.set(key, { record, expires: Date.now() + ttlMs });
    // expired keys of callers who never came back go as new ones arrive
    if (this.records.size % 1000 === 0) for (const [k, held] of this.records) if (held.expires <= Date.now()) this.records.delete(k);
  }

  async release(key: string): Promise<void> {
    this.records.delete(key);
  }
}

export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<boolean> {
    // SET NX is the one atomic step: of two replicas receiving the same retry at once, exactly one gets 'OK'
    return (await this.redis.set(this.prefix + key, JSON.stringify({ fingerprint }), 'PX', ttlMs, 'NX')) === 'OK';
  }

  async read(key: string): Promise<KeyRecord | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw ? (JSON.parse(raw) as KeyRecord) : undefined;
  }

  async complete(key: string, record: KeyRecord, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(record), 'PX', ttlMs);
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** How long a key's first answer is given back (24 h by default). */
  ttlMs: number;
  /** How long a retry waits for the first attempt still running before it is told to come back. */
  waitMs: number;
}

function refused(code: string, message: string, status: number, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, field: 'Idempotency-Key', ...extra, http: { status } } });
}

/** The key as sent, checked at the edge: one header, 1–200 visible ASCII characters, from a signed-in caller. */
export function idempotencyKeyOf(header: string | string[] | undefined, identity: Identity): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw refused('BAD_USER_INPUT', 'Chỉ gửi một tiêu đề Idempotency-Key cho mỗi yêu cầu', 400);
  const key = header.trim();
  if (key === '') throw refused('BAD_USER_INPUT', 'Tiêu đề Idempotency-Key đang trống; hãy gửi một mã riêng cho mỗi thao tác (ví dụ một UUID), hoặc bỏ tiêu đề đi', 400);
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw refused('BAD_USER_INPUT', `Tiêu đề Idempotency-Key dài ${key.length} ký tự, vượt giới hạn ${MAX_IDEMPOTENCY_KEY_LENGTH}; hãy dùng một mã ngắn như UUID`, 400, { maxLength: MAX_IDEMPOTENCY_KEY_LENGTH });
  }
  if (!KEY_CHARACTERS.test(key)) throw refused('BAD_USER_INPUT', 'Tiêu đề Idempotency-Key chỉ được chứa chữ, số và ký hiệu ASCII, không có khoảng trắng hay dấu tiếng Việt', 400);
  if (isAnonymous(identity)) throw refused('UNAUTHENTICATED', 'Idempotency-Key chỉ dùng được khi đã đăng nhập (mỗi khóa thuộc về một tài khoản); hãy đăng nhập hoặc bỏ tiêu đề', 401);
  return key;
}

/** The request a key stands for: its operation, name and variables (a retry sends exactly these again). */
function fingerprintOf(request: { query?: string; operationName?: string | null; variables?: Record<string, unknown> | null }): string {
  return createHash('sha256').update(JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? {}])).digest('base64url');
}

/** An answer worth giving back to a retry: not one saying a service was unreachable or failed (the retry should run again). */
function keepable(result: FormattedExecutionResult): boolean {
  return !(result.errors ?? []).some((error) => error.extensions?.retryable === true || error.extensions?.code === 'INTERNAL_SERVER_ERROR');
}

interface IdempotentContext {
  identity: Identity;
  idempotencyKey?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store that cannot answer (Redis away) refuses the mutation as retryable: running it unguarded could run it twice. */
async function guarded<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw refused('UNAVAILABLE', 'Không kiểm tra được khóa Idempotency-Key lúc này (kho khóa không trả lời); thao tác chưa được thực hiện, hãy thử lại sau ít phút với cùng khóa', 503, { retryable: true });
  }
}

/**
 * Idempotency keys for mutations (decision 0034): the first mutation sent with a key claims it (per account) and its
 * answer is kept; the same mutation sent again with that key gets the kept answer, nothing runs twice; another
 * request with the same key is refused; a retry arriving while the first still runs waits for its answer (up to
 * `waitMs`, then is told to retry). Answers of unreachable or failing services are not kept: the key is freed so
 * the retry runs. Queries ignore a well-formed key (they change nothing).
 */
export function idempotencyPlugin(options: IdempotencyOptions): ApolloServerPlugin<IdempotentContext> {
  const replays = new WeakMap<object, StoredAnswer>();
  const claims = new WeakMap<object, { key: string; fingerprint: string }>();

  const awaitAnswer = async (key: string, fingerprint: string): Promise<StoredAnswer | undefined> => {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const record = await options.store.read(key);
      if (!record) return undefined;
      if (record.fingerprint !== fingerprint) {
        throw refused('IDEMPOTENCY_KEY_REUSED', 'Khóa Idempotency-Key này đã được dùng cho một thao tác khác; mỗi thao tác cần một khóa riêng, hãy tạo khóa mới', 422);
      }
      if (record.answer) return record.answer;
      if (Date.now() >= deadline) {
        throw refused('IDEMPOTENCY_KEY_IN_PROGRESS', 'Thao tác với khóa Idempotency-Key này vẫn đang được xử lý; hãy thử lại sau giây lát với cùng khóa', 409, { retryable: true });
      }
      await sleep(50);
    }
  };

  const settle = async (requestContext: GraphQLRequestContext<IdempotentContext>, response: GraphQLResponse): Promise<void> => {
    const claim = claims.get(requestContext.contextValue);
    if (!claim || response.body.kind !== 'single') return;
    const result = response.body.singleResult;
    if (keepable(result)) await options.store.complete(claim.key, { fingerprint: claim.fingerprint, answer: { status: response.http.status ?? 200, result } }, options.ttlMs);
    else await options.store.release(claim.key);
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { contextValue, operation, request } = requestContext;
          if (operation?.operation !== 'mutation' || contextValue.idempotencyKey === undefined) return;
          const key = `${contextValue.identity.subject}\n${contextValue.idempotencyKey}`;
          const fingerprint = fingerprintOf(request);
          for (;;) {
            if (await guarded(() => options.store.claim(key, fingerprint, PENDING_MS))) {
              claims.set(contextValue, { key, fingerprint });
              return;
            }
            const answer = await guarded(() => awaitAnswer(key, fingerprint));
            if (answer) {
              replays.set(contextValue, answer);
              return;
            }
            // the first attempt's key was freed (its service was unreachable): this one claims it anew
          }
        },
        async responseForOperation({ contextValue }) {
          const answer = replays.get(contextValue);
          if (!answer) return null;
          return { http: { status: answer.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) }, body: { kind: 'single', singleResult: answer.result } };
        },
        async willSendResponse(requestContext) {
          // the answer goes out even when the store cannot keep it: the claim then lapses, and a retry runs again
          await settle(requestContext, requestContext.response).catch(() => undefined);
        },
      };
    },
  };
}
