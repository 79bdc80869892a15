/**
 * Idempotency keys on mutations (decision 0034), through the real gateway: a retried mutation with the same key
 * gets the first answer and nothing runs twice, also when the retries arrive together and at two gateway replicas
 * sharing Redis; the same key for another request is refused; keys belong to one account; an empty, huge or
 * non-ASCII key and an anonymous caller's key are refused at the edge with a message a person can act on; with Redis
 * unreachable a keyed mutation is refused as one to retry, never run unguarded.
 */
import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, type ServiceName } from '@thidua/common';
import { startGateway, type RunningGateway } from '../gateway/src/gateway';
import { graphql } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { testTokenIssuer } from './support/tokens';

let platform: TestPlatform;
let admin: string;
let otherAdmin: string;
const run = Date.now().toString(36);
let n = 0;

const CREATE = `mutation($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id code } }`;
const unitInput = () => ({ code: `IDEM-${run}-${++n}`, name: 'Liên đoàn Lao động thử khóa lặp', level: 'NATIONAL' });

/** The raw HTTP answer, headers included. */
async function send(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; replayed: string | null; body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: (await response.json()) as never };
}

async function unitsWithCode(code: string, token: string): Promise<number> {
  const found = await graphql<{ unionUnitByCode: { id: string } | null }>(platform.gatewayUrl, `query($c: String!) { unionUnitByCode(code: $c) { id } }`, { c: code }, token);
  return found.data?.unionUnitByCode ? 1 : 0;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await platform.token(['NATIONAL_ADMIN'], null, `admin-${run}`);
  otherAdmin = await platform.token(['NATIONAL_ADMIN'], null, `admin-2-${run}`);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

describe('Idempotency-Key on mutations', () => {
  it('gives a retry the first answer, and the mutation runs once', async () => {
    const key = randomUUID();
    const body = { query: CREATE, variables: { input: unitInput() } };
    const headers = { authorization: `Bearer ${admin}`, 'idempotency-key': key };
    const first = await send(platform.gatewayUrl, body, headers);
    expect(first.body.errors).toBeUndefined();
    const again = await send(platform.gatewayUrl, body, headers);
    expect([again.status, again.replayed]).toEqual([200, 'true']);
    expect(again.body).toEqual(first.body);
    // without the key, the same request runs again and the duplicate code is refused: the key is what saved it
    const withoutKey = await send(platform.gatewayUrl, body, { authorization: `Bearer ${admin}` });
    expect(withoutKey.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('runs concurrent retries with one key once, each getting the one answer', async () => {
    const key = randomUUID();
    const input = unitInput();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(platform.gatewayUrl, { query: CREATE, variables: { input } }, { authorization: `Bearer ${admin}`, 'idempotency-key': key })));
    const ids = new Set(answers.map((a) => a.body.data?.createUnionUnit?.id));
    expect(answers.map((a) => a.body.errors)).toEqual(answers.map(() => undefined));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(5);
    expect(await unitsWithCode(input.code, admin)).toBe(1);
  });

  it('refuses the same key for another request, and keeps keys apart per account', async () => {
    const key = randomUUID();
    const headers = { authorization: `Bearer ${admin}`, 'idempotency-key': key };
    expect((await send(platform.gatewayUrl, { query: CREATE, variables: { input: unitInput() } }, headers)).body.errors).toBeUndefined();
    const reused = await send(platform.gatewayUrl, { query: CREATE, variables: { input: unitInput() } }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(reused.body.errors?.[0]?.message).toMatch(/đã được dùng cho một thao tác khác/);
    // another account's same key is theirs: their mutation runs
    const theirs = await send(platform.gatewayUrl, { query: CREATE, variables: { input: unitInput() } }, { authorization: `Bearer ${otherAdmin}`, 'idempotency-key': key });
    expect([theirs.body.errors, theirs.replayed]).toEqual([undefined, null]);
  });

  it('refuses an empty, a huge or a non-ASCII key, and an anonymous caller’s, before anything runs', async () => {
    const body = () => ({ query: CREATE, variables: { input: unitInput() } });
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['empty', { authorization: `Bearer ${admin}`, 'idempotency-key': '   ' }, 400, /đang trống/],
      ['huge', { authorization: `Bearer ${admin}`, 'idempotency-key': 'k'.repeat(201) }, 400, /dài 201 ký tự, vượt giới hạn 200/],
      ['non-ASCII', { authorization: `Bearer ${admin}`, 'idempotency-key': 'ma khoa 1' }, 400, /chỉ được chứa/],
      ['anonymous', { 'idempotency-key': randomUUID() }, 401, /chỉ dùng được khi đã đăng nhập/],
    ];
    for (const [what, headers, status, message] of cases) {
      const input = body();
      const refused = await send(platform.gatewayUrl, input, headers);
      expect([what, refused.status, refused.body.errors?.[0]?.message]).toEqual([what, status, expect.stringMatching(message)]);
      expect([what, await unitsWithCode(input.variables.input.code, admin)]).toEqual([what, 0]);
    }
    // a key on a query changes nothing: the query is answered
    const query = await send(platform.gatewayUrl, { query: '{ occupations { code } }' }, { authorization: `Bearer ${admin}`, 'idempotency-key': randomUUID() });
    expect([query.status, query.body.errors]).toEqual([200, undefined]);
  });

  it('runs a retry sent to two gateway replicas at once only once (keys in Redis)', async () => {
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, platform.subgraphs[name].url])) as Record<ServiceName, string>;
    const shared = { port: 0, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', idempotencyKeyPrefix: `thidua-test:idempotency:${run}:`, rateLimitKeyPrefix: `thidua-test:rate:${run}:`, subgraphUrls: urls, testTokenIssuer: await testTokenIssuer() };
    const replicas: RunningGateway[] = [await startGateway(shared), await startGateway(shared)];
    try {
      const key = randomUUID();
      const input = unitInput();
      const answers = await Promise.all(
        [0, 1, 0, 1].map((i) => send(replicas[i]!.url, { query: CREATE, variables: { input } }, { authorization: `Bearer ${admin}`, 'idempotency-key': key })),
      );
      expect(answers.map((a) => a.body.errors)).toEqual([undefined, undefined, undefined, undefined]);
      expect(new Set(answers.map((a) => a.body.data.createUnionUnit.id)).size).toBe(1);
      expect(await unitsWithCode(input.code, admin)).toBe(1);
    } finally {
      for (const replica of replicas) await replica.stop();
    }
  });

  it('with Redis unreachable, refuses a keyed mutation as one to retry and runs it not, and still serves the others', async () => {
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, platform.subgraphs[name].url])) as Record<ServiceName, string>;
    // nothing listens on port 9 (discard): every command to this Redis fails at once
    const gateway = await startGateway({ port: 0, redisUrl: 'redis://127.0.0.1:9', subgraphUrls: urls, testTokenIssuer: await testTokenIssuer() });
    try {
      const keyed = unitInput();
      const refused = await send(gateway.url, { query: CREATE, variables: { input: keyed } }, { authorization: `Bearer ${admin}`, 'idempotency-key': randomUUID() });
      expect([refused.status, refused.body.errors?.[0]?.extensions?.code, refused.body.errors?.[0]?.extensions?.retryable]).toEqual([503, 'UNAVAILABLE', true]);
      expect(refused.body.errors?.[0]?.message).toMatch(/hãy thử lại sau ít phút với cùng khóa/);
      expect(await unitsWithCode(keyed.code, admin)).toBe(0);
      // without a key the mutation runs: the rate limits count in this process meanwhile
      const plain = unitInput();
      const ran = await send(gateway.url, { query: CREATE, variables: { input: plain } }, { authorization: `Bearer ${admin}` });
      expect([ran.status, ran.body.errors]).toEqual([200, undefined]);
      expect(await unitsWithCode(plain.code, admin)).toBe(1);
    } finally {
      await gateway.stop();
    }
  });
});
