/**
 * The HTTP edge under hostile input, on the real platform: malformed request targets, headers and bodies get a 4xx
 * and never take a process down (a property-based fuzz against a gateway process of its own and the campaign
 * subgraph); GraphQL requests follow the GraphQL-over-HTTP spec (graphql-http's whole server audit, parse errors,
 * limits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { serverAudits } from 'graphql-http';
import { ANONYMOUS, SERVICE_NAMES, loadGatewayConfig } from '@thidua/common';
import { QUERY_LIMITS } from '../gateway/src/gateway';
import { InternalTokenSigner } from '../gateway/src/internal-tokens';
import { eventually } from './support/graphql';
import { freePorts } from './support/ports';
import { startTestPlatform, type TestPlatform } from './support/platform';

let platform: TestPlatform;
let gatewayProcess: ChildProcess;
let processGateway: string;
let processExit: { code: number | null; output: string } | undefined;

beforeAll(async () => {
  platform = await startTestPlatform();
  // a gateway of its own process in front of the same subgraphs: a request that crashed it would end it for good
  const port = (await freePorts(1))[0]!;
  gatewayProcess = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      PORT_GATEWAY: String(port),
      RESPONSE_CACHE_SECONDS: '0',
      SCOPE_CACHE_SECONDS: '0',
      ANONYMOUS_REQUESTS_PER_MINUTE: '1000000',
      ...Object.fromEntries(SERVICE_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, platform.subgraphs[name].url])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  gatewayProcess.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  gatewayProcess.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  gatewayProcess.once('exit', (code) => (processExit = { code, output }));
  processGateway = `http://127.0.0.1:${port}`;
  // a process of its own compiles the gateway first: under a loaded CI machine that has taken more than 30 s
  await eventually(async () => {
    if (processExit) throw new Error(`the gateway process ended (${processExit.code}) before it was live:\n${processExit.output.slice(-4000)}`);
    return (await fetch(`${processGateway}/health/live`).then((r) => r.ok).catch(() => false)) || null;
  }, 90_000, 'the gateway process');
}, 120_000);

afterAll(async () => {
  gatewayProcess?.kill('SIGTERM');
  await platform?.stop();
});

/** One request written byte for byte on a socket (fetch would refuse or repair the malformed ones); the status it got, or null. */
function rawRequest(port: number, head: string, body: string): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(null));
    socket.connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body, 'utf8')])));
  });
}

const segment = fc.oneof(
  fc.constantFrom('%', '%zz', '%2e%2e', '..', '%E0%A4%A', '%00', '%2F', 'metrics', 'graphql', 'sections', 'a.rss', '%C3%A2', '~', '@', ';'),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
  fc.string({ unit: 'binary-ascii', maxLength: 6 }).map((s) => s.replace(/[\s]/g, '')),
);
const target = fc
  .tuple(fc.constantFrom('/', '/graphql', '/feeds/', '/feeds/sections/', '/assets/', '/health/', '/internal/api-keys/verify', '//', '/static/'), fc.array(segment, { maxLength: 4 }), fc.option(fc.string({ maxLength: 30 })))
  .map(([prefix, segments, query]) => `${prefix}${segments.join('/')}${query === null ? '' : `?${query.replace(/[\s#]/g, '')}`}`);
const headerValue = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', 'application/json', 'application/graphql-response+json', 'text/plain', 'multipart/form-data; boundary=x', '*/*', 'Bearer', 'Bearer x.y.z'));
const headers = fc.dictionary(
  fc.constantFrom('content-type', 'accept', 'authorization', 'x-api-key', 'x-correlation-id', 'apollo-require-preflight', 'x-forwarded-for', 'content-encoding', 'x-thidua-internal-token'),
  headerValue.map((v) => v.replace(/[\r\n]/g, '')),
  { maxKeys: 5 },
);
const body = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ query: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '{ occupations { code } }', 'mutation { x }', '{ __typename }', 'query($a: Int!) { __typename }')), variables: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)),
);
const request = fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'BREW'), target, headers, body });

function head(r: { method: string; target: string; headers: Record<string, string> }, bodyBytes: number, extra: Record<string, string> = {}): string {
  const lines = Object.entries({ ...r.headers, ...extra }).map(([name, value]) => `${name}: ${value}`);
  return `${r.method} ${r.target} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${lines.join('\r\n')}${lines.length ? '\r\n' : ''}content-length: ${bodyBytes}\r\n\r\n`;
}

describe('hostile HTTP', () => {
  it('answers malformed request targets with 400 and stays up (GET /% used to end the gateway)', async () => {
    const port = Number(new URL(processGateway).port);
    for (const bad of ['/%', '/%zz', '/graphql%', '/feeds/%E0%A4%A', '/assets/%2e%2e/metrics', '/static/../../etc/passwd']) {
      expect([bad, await rawRequest(port, `GET ${bad} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`, '')]).toEqual([bad, 400]);
    }
    expect((await fetch(`${processGateway}/health/live`)).status).toBe(200);
  });

  it('never answers 5xx to random methods, targets, headers and bodies, on the gateway and on a subgraph, and both stay up', async () => {
    const gatewayPort = Number(new URL(processGateway).port);
    const campaignPort = platform.subgraphs.campaign.port;
    const signer = await InternalTokenSigner.fromPem(loadGatewayConfig().internalTokenPrivateKey);
    const campaignToken = await signer.tokenFor('fuzz', { ...ANONYMOUS, subject: 'fuzz', roles: ['NATIONAL_ADMIN'] }, 'campaign');
    const seen = new Map<number | null, number>();
    await fc.assert(
      fc.asyncProperty(request, fc.boolean(), fc.boolean(), async (r, toSubgraph, withToken) => {
        const bytes = Buffer.byteLength(r.body, 'utf8');
        const extra: Record<string, string> = toSubgraph && withToken ? { 'x-thidua-internal-token': campaignToken } : {};
        const status = await rawRequest(toSubgraph ? campaignPort : gatewayPort, head(r, bytes, extra), r.body);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        return status !== null && status < 500;
      }),
      { numRuns: 400, plugins: [fc.interruptAfterTimeLimit(25_000)] },
    );
    expect(processExit).toBeUndefined();
    expect((await fetch(`${processGateway}/health/live`)).status).toBe(200);
    expect((await fetch(platform.subgraphs.campaign.url.replace('/graphql', '/health/live'))).status).toBe(200);
    // the fuzz reached more than one kind of answer (not all refused at the door)
    expect([...seen.keys()].filter((s) => s !== null && s < 300).length).toBeGreaterThan(0);
  }, 60000);
});

describe('GraphQL over HTTP', () => {
  it('passes every audit of graphql-http’s server audit suite', async () => {
    // a non-browser client: GET requests carry the header Apollo's CSRF prevention asks of them
    const fetchFn = (input: string, init: RequestInit = {}) =>
      fetch(input, (init.method ?? 'GET') === 'GET' ? { ...init, headers: { ...(init.headers as Record<string, string>), 'apollo-require-preflight': 'true' } } : init);
    const results = [];
    for (const audit of serverAudits({ url: platform.gatewayUrl, fetchFn })) {
      const result = await audit.fn();
      results.push({ id: audit.id, name: audit.name, status: result.status, ...(result.status === 'ok' ? {} : { reason: result.reason }) });
    }
    expect(results.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED: 200 in application/json, 400 in application/graphql-response+json', async () => {
    for (const [accept, status] of [['application/json', 200], ['application/graphql-response+json', 400], [undefined, 200]] as const) {
      const response = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: '{"query":"{"}' });
      const answer = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect([accept, response.status, answer.errors[0]!.extensions.code, 'data' in answer]).toEqual([accept, status, 'GRAPHQL_PARSE_FAILED', false]);
    }
  });

  it('refuses queries past the limits with 400 in both media types', async () => {
    const deep = `{ unionUnit(id: "00000000-0000-0000-0000-000000000000") { ${'parent { '.repeat(QUERY_LIMITS.maxDepth.n + 1)}id${' }'.repeat(QUERY_LIMITS.maxDepth.n + 1)} } }`;
    const tokens = `{ occupations { ${Array.from({ length: QUERY_LIMITS.maxTokens.n }, () => 'code').join(' ')} } }`;
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      for (const query of [deep, tokens]) {
        const response = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
        expect([accept, response.status]).toEqual([accept, 400]);
      }
    }
  });

  it('refuses a POST without content-type with 4xx', async () => {
    const response = await fetch(platform.gatewayUrl, { method: 'POST', body: '{"query":"{ __typename }"}', headers: { 'content-type': '' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
