/**
 * The gateway's protections, each shown failing an attack it exists for: query limits (depth, aliases, tokens,
 * cost, batches, body size), CSRF, GraphQL-over-HTTP rules, production hardening, the public allowlist, JWKS,
 * rate limits. Each limit is also shown to let our own largest legitimate operations through.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { SERVICE_NAMES, createErrorFormatter, loadGatewayConfig, type GatewayConfig, type ServiceName } from '@thidua/common';
import { PUBLIC_OPERATIONS_DIR } from '../gateway/src/allowlist';
import { QUERY_LIMITS, startGateway, type RunningGateway } from '../gateway/src/gateway';
import { eventually, graphql } from './support/graphql';
import { productionSecrets } from './support/production';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { testTokenIssuer } from './support/tokens';

let platform: TestPlatform;
let admin: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await platform.token(['NATIONAL_ADMIN'], null);
});

afterAll(async () => {
  await platform?.stop();
});

async function withGateway<T>(overrides: Partial<GatewayConfig>, work: (gateway: RunningGateway) => Promise<T>): Promise<T> {
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((name) => [name, platform.subgraphs[name].url])) as Record<ServiceName, string>,
    // production refuses a test issuer (shown below); other gateways trust the one platform.token() signs for
    ...(overrides.isProduction ? {} : { testTokenIssuer: await testTokenIssuer() }),
    ...overrides,
  });
  try {
    return await work(gateway);
  } finally {
    await gateway.stop();
  }
}

function publicOperations(): { name: string; source: string }[] {
  return readdirSync(PUBLIC_OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((file) => {
      const document = parse(readFileSync(path.join(PUBLIC_OPERATIONS_DIR, file), 'utf8'));
      return document.definitions.map((d) => ({ name: `${file}#${(d as { name?: { value: string } }).name?.value}`, source: readFileSync(path.join(PUBLIC_OPERATIONS_DIR, file), 'utf8') }));
    });
}

const nested = (depth: number, leaf: string) => `${'parent { '.repeat(depth)}${leaf}${' }'.repeat(depth)}`;

describe('query limits', () => {
  it('let our largest legitimate operations through', async () => {
    const ids = (await graphql<any>(platform.gatewayUrl, `{ campaigns(first: 1) { edges { node { id } } } }`)).data;
    expect(ids).toBeDefined();
    for (const operation of ['LaunchedCampaigns', 'SearchStories']) {
      const source = publicOperations().find((o) => o.name.endsWith(`#${operation}`))!.source;
      const result = await graphql(platform.gatewayUrl, source, { text: 'thi đua' }, undefined, {});
      const limitErrors = (result.errors ?? []).filter((e) => /limit|depth|aliases|tokens/i.test(e.message));
      expect([operation, limitErrors]).toEqual([operation, []]);
    }
  });

  it('refuse a query deeper than the limit', async () => {
    const result = await graphql(platform.gatewayUrl, `{ unionUnit(id: "00000000-0000-0000-0000-000000000000") { ${nested(QUERY_LIMITS.maxDepth.n + 1, 'id')} } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuse more aliases than the limit', async () => {
    const aliases = Array.from({ length: QUERY_LIMITS.maxAliases.n + 1 }, (_, i) => `a${i}: occupations { code }`).join(' ');
    const result = await graphql(platform.gatewayUrl, `{ ${aliases} }`);
    expect(result.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('refuse a query over the cost limit that stays within depth, alias and token limits', async () => {
    // pages of pages: each field costs as many times as the page it asks for (900 copies of one field, the former
    // example, no longer get that far: graphql-js aborts their validation first)
    const page = (leaf: string) => `children(first: 100) { edges { node { ${leaf} } } }`;
    const result = await graphql(platform.gatewayUrl, `{ unionUnit(id: "00000000-0000-0000-0000-000000000000") { ${page(page('id code name'))} } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/Cost limit/i);
  });

  it('refuse a document with too many tokens', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens.n }, () => 'code').join(' ');
    const result = await graphql(platform.gatewayUrl, `{ occupations { ${fields} } }`);
    expect(result.errors?.[0]?.message).toMatch(/more th?a[nt] 2000 tokens/i);
  });

  it('refuse batched operations and oversized bodies', async () => {
    const batch = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ occupations { code } }' }, { query: '{ occupations { name } }' }]),
    });
    expect(batch.status).toBe(400);
    expect(await batch.text()).toMatch(/batch/i);
    const big = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ occupations { code } } #${'x'.repeat(3 * 1024 * 1024)}` }) });
    expect(big.status).toBe(413);
  });

  it('pass a body the gateway accepts on to the subgraph whole (a 1.3 MB member file reaches campaign)', async () => {
    const admin = await platform.token(['NATIONAL_ADMIN'], null);
    const csv = ['ho_ten,ma_nghe,truc_tiep_san_xuat,giu_chuc_vu', ...Array.from({ length: 20_000 }, (_, i) => `Dòng thiếu cột số ${i} ${'x'.repeat(40)}`)].join('\n');
    const result = await graphql(platform.gatewayUrl, `mutation($u: ID!, $csv: String!) { importMembers(unitId: $u, csv: $csv) { imported } }`, { u: '00000000-0000-4000-8000-000000000000', csv }, admin);
    // the subgraph read it and answered about its content, not the gateway about a refused subgraph request
    expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
  });
});

describe('GraphQL over HTTP', () => {
  it('blocks CSRF: a simple cross-site GET without a preflight header is refused', async () => {
    const response = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ occupations { code } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    const text = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ occupations { code } }"}' });
    expect(text.status).toBe(400);
  });

  it('runs queries over GET with a preflight header, never mutations', async () => {
    const headers = { 'apollo-require-preflight': 'true' };
    const query = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ occupations { code } }')}`, { headers });
    expect(query.status).toBe(200);
    const mutation = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('mutation { launchCampaign(id: "x") { id } }')}`, { headers });
    expect(mutation.status).toBe(405);
  });

  it('answers application/graphql-response+json with status codes for bad requests', async () => {
    const ok = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ occupations { code } }' }) });
    expect(ok.headers.get('content-type')).toContain('application/graphql-response+json');
    const invalid = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ nothingHere }' }) });
    expect(invalid.status).toBe(400);
    const notJson = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
  });
});

describe('production hardening', () => {
  it('turns introspection and field suggestions off', async () => {
    const { internalTokenPrivateKey } = productionSecrets();
    await withGateway({ isProduction: true, internalTokenPrivateKey }, async (gateway) => {
      const introspection = await graphql(gateway.url, `{ __schema { types { name } } }`);
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      const typo = await graphql(gateway.url, `{ occupation { code } }`);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    });
    const development = await graphql(platform.gatewayUrl, `{ occupation { code } }`);
    expect(development.errors?.[0]?.message).toMatch(/Did you mean/);
  });

  it('masks internal errors: no SQL, no stack traces', () => {
    const sqlError = Object.assign(new Error('duplicate key value violates "campaigns_pkey" in INSERT INTO campaigns …'), { stack: 'at QueryRunner.query (…)' });
    const formatted = createErrorFormatter(true)({ message: sqlError.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } }, sqlError);
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, locations: undefined, path: undefined });
  });
});

describe('public operations allowlist mode', () => {
  it('are valid against the composed API schema', async () => {
    const { data } = await graphql<any>(platform.gatewayUrl, getIntrospectionQuery());
    const schema = buildClientSchema(data);
    for (const operation of publicOperations()) {
      const document = parse(operation.source);
      expect([operation.name, validate(schema, document).map((e) => e.message)]).toEqual([operation.name, []]);
    }
  });

  it('lets anonymous callers run only the public operations, and signed-in callers anything', async () => {
    await withGateway({ publicQueryAllowlist: true }, async (gateway) => {
      const launched = publicOperations().find((o) => o.name.endsWith('#LaunchedCampaigns'))!;
      const allowed = await graphql(gateway.url, launched.source.replace(/query SectionStories[\s\S]*/, ''), {});
      expect(allowed.errors ?? []).toEqual([]);
      const other = await graphql(gateway.url, `{ occupations { code } }`);
      expect([other.status, other.errors?.[0]?.extensions?.code]).toEqual([403, 'OPERATION_NOT_ALLOWED']);
      const signedIn = await graphql(gateway.url, `{ occupations { code } }`, {}, admin);
      expect(signedIn.errors).toBeUndefined();
    });
  });
});

describe('identical queries in flight at once', () => {
  it('are shared only within one caller: each caller gets the answer its own rights give', async () => {
    const run = Date.now().toString(36);
    const root = await graphql(platform.gatewayUrl, `mutation($i: CreateUnionUnitInput!) { createUnionUnit(input: $i) { id } }`, { i: { code: `SHARE-${run}`, name: 'Đơn vị thử chia sẻ', level: 'NATIONAL' } }, admin);
    const unitId = (root.data as { createUnionUnit: { id: string } }).createUnionUnit.id;
    const outsider = await platform.token(['UNIT_OFFICER'], '/noi-khac/');
    const FIGURES = `query Shared($u: ID!) { rewardFairness(unitId: $u, from: "2026-01-01", to: "2026-12-31") { decisions } }`;
    await eventually(async () => ((await graphql(platform.gatewayUrl, FIGURES, { u: unitId }, admin)).data ? true : null), 30000, 'the unit in reward’s read model');
    const callers = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? admin : outsider));
    const answers = await Promise.all(callers.map((token) => graphql(platform.gatewayUrl, FIGURES, { u: unitId }, token)));
    answers.forEach((answer, i) => {
      if (callers[i] === admin) expect(answer).toMatchObject({ data: { rewardFairness: { decisions: 0 } } });
      else expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});

describe('identity', () => {
  let jwks: Server;
  let jwksUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const address = jwks.address() as { port: number };
    jwksUrl = `http://127.0.0.1:${address.port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('verifies RS256 tokens against the provider’s JWKS (OIDC_JWKS_URL) in production mode, which refuses to trust a test issuer', async () => {
    const config = loadGatewayConfig();
    const provider = 'https://dang-nhap.congdoan.example/realms/thidua';
    const { internalTokenPrivateKey } = productionSecrets();
    await expect(withGateway({ isProduction: true, internalTokenPrivateKey, testTokenIssuer: await testTokenIssuer() }, async () => undefined)).rejects.toThrow('production refuses it');
    await withGateway({ isProduction: true, internalTokenPrivateKey, oidcIssuer: provider, oidcJwksUrl: jwksUrl }, async (gateway) => {
      const token = await new SignJWT({ roles: ['NATIONAL_ADMIN'], unit_path: '/vn/' })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject('idp-admin')
        .setIssuer(provider)
        .setAudience(config.oidcAudience)
        .setExpirationTime('5m')
        .sign(privateKey);
      // the gateway's own field: the subgraphs here trust the development key, not this production gateway's
      const ok = await graphql(gateway.url, `{ __typename }`, {}, token);
      expect([ok.status, ok.errors]).toEqual([200, undefined]);
      const testIssuers = await graphql(gateway.url, `{ occupations { code } }`, {}, admin);
      expect([testIssuers.status, testIssuers.errors?.[0]?.extensions?.code, testIssuers.errors?.[0]?.message]).toEqual([
        401,
        'UNAUTHENTICATED',
        'Mã truy cập do một nơi cấp khác phát hành; hãy đăng nhập qua cổng Thi Đua',
      ]);
    });
  });

  it('rate limits each signed-in user with a clear error', async () => {
    await withGateway({ userRequestsPerMinute: 2 }, async (gateway) => {
      for (let i = 0; i < 2; i++) expect((await graphql(gateway.url, `{ occupations { code } }`, {}, admin)).status).toBe(200);
      const third = await graphql(gateway.url, `{ occupations { code } }`, {}, admin);
      expect([third.status, third.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
      const someoneElse = await graphql(gateway.url, `{ occupations { code } }`, {}, await platform.token(['UNIT_OFFICER'], '/vn/', 'other-user'));
      expect(someoneElse.status).toBe(200);
    });
  });
});

