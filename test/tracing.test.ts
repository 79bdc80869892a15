/**
 * Traces (decision 0028), from real processes: the gateway, the campaign and evaluation subgraphs each run as
 * `main.ts` runs them, exporting over OTLP/HTTP to a receiver this test starts. One mutation's trace covers the
 * gateway's request and query plan, the subgraph's request and its SQL, the event it writes, and the consumer's
 * work on that event in the other service with that work's SQL. Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is
 * traced: no SDK loaded, no trace headers kept with outbox rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { SERVICE_NAMES, databaseUrl } from '@thidua/common';
import { startTelemetry } from '@thidua/common/src/telemetry';
import { eventually, graphql } from './support/graphql';
import { freePorts } from './support/ports';
import { issueTestToken } from './support/tokens';
import { startTestPlatform } from './support/platform';

// the spawned gateway trusts the tokens this process signs
process.env.TEST_TOKEN_KEY_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'thidua-trace-')), 'test-token-key.json');

const ROOT = path.resolve(__dirname, '..');
const run = randomBytes(3).toString('hex');

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[]; links?: { traceId: string; spanId: string }[] }[] }[];
  }[];
}

const valueOf = (v: OtlpValue): unknown => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;
const attributesOf = (list: OtlpAttribute[] = []): Record<string, unknown> => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** An OTLP/HTTP receiver (JSON encoding), as a collector would be: every span exported to it, in order. */
function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resource of body.resourceSpans ?? []) {
          const service = String(attributesOf(resource.resource?.attributes)['service.name']);
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId ?? '', name: span.name, kind: span.kind, attributes: attributesOf(span.attributes), links: span.links ?? [] });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans })));
}

const children: ChildProcess[] = [];
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let gatewayUrl: string;

function spawnTsx(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`${script} exited ${code}:\n${output.slice(-3000)}`);
  });
  children.push(child);
  return child;
}

async function ready(url: string): Promise<void> {
  await eventually(async () => ((await fetch(url).then((r) => r.ok).catch(() => false)) ? true : null), 90_000, url);
}

beforeAll(async () => {
  receiver = await startReceiver();
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // spans leave within a fraction of a second, not the default 5 s
    OTEL_BSP_SCHEDULE_DELAY: '100',
    RUN_MIGRATIONS: 'false',
  };
  const [campaign, evaluation, gateway] = await freePorts(3);
  const ports = { campaign: campaign!, evaluation: evaluation!, gateway: gateway! };
  spawnTsx('services/campaign/src/main.ts', { ...tracing, PORT_CAMPAIGN: String(ports.campaign) });
  spawnTsx('services/evaluation/src/main.ts', { ...tracing, PORT_EVALUATION: String(ports.evaluation) });
  // reward and media take no part in this mutation: their URLs lead nowhere
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `http://127.0.0.1:${name in ports ? ports[name as 'campaign'] : 9}/graphql`]));
  spawnTsx('test/support/traced-gateway.ts', { ...tracing, ...urls, PORT_GATEWAY: String(ports.gateway) });
  await Promise.all([ready(`http://127.0.0.1:${ports.campaign}/health/ready`), ready(`http://127.0.0.1:${ports.evaluation}/health/ready`), ready(`http://127.0.0.1:${ports.gateway}/health/live`)]);
  gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
}, 120_000);

afterAll(async () => {
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
  await new Promise((resolve) => receiver?.server.close(resolve));
});

describe('one trace', () => {
  it('covers a mutation through the gateway, the event it writes and the consumer that applies it in another service', async () => {
    const token = await issueTestToken({ sub: `trace-admin-${run}`, name: 'Quản trị kiểm thử', roles: ['NATIONAL_ADMIN'], unitPath: null });
    const created = await graphql<{ createUnionUnit: { id: string } }>(gatewayUrl, `mutation($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id } }`, {
      input: { code: `TRACE-${run}`, name: `Công đoàn dấu vết ${run}`, level: 'NATIONAL' },
    }, token);
    expect(created.errors).toBeUndefined();
    const unitId = created.data!.createUnionUnit.id;

    const producer = await eventually(async () => receiver.spans.find((s) => s.name === 'create UnitUpserted' && s.attributes['messaging.kafka.message.key'] === unitId), 30_000, 'the event’s span');
    const trace = () => receiver.spans.filter((s) => s.traceId === producer.traceId);
    // the consumer's span (linked to the event's, and in its trace), and the statement that applied the event in
    // evaluation's database, under it
    const consumer = await eventually(async () => trace().find((s) => s.service === 'thidua-evaluation' && s.kind === 5 && s.links.some((l) => l.spanId === producer.spanId)), 30_000, 'evaluation’s consumer span');
    const effect = await eventually(async () => trace().find((s) => s.service === 'thidua-evaluation' && s.parentSpanId === consumer.spanId && /INSERT|UPDATE/i.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? s.name)) && /unit/i.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement']))), 30_000, 'the effect’s SQL');
    expect(consumer.name).toMatch(/^process /);
    expect(consumer.attributes['messaging.consumer.group.name']).toMatch(/evaluation/);
    expect(consumer.links).toEqual(expect.arrayContaining([expect.objectContaining({ traceId: producer.traceId, spanId: producer.spanId })]));

    // walking up from the effect reaches the gateway's own request: one unbroken chain across four hops
    const byId = new Map(trace().map((s) => [s.spanId, s]));
    const chain: ReceivedSpan[] = [];
    for (let span: ReceivedSpan | undefined = effect; span; span = byId.get(span.parentSpanId)) chain.push(span);
    const root = chain[chain.length - 1]!;
    expect(root.parentSpanId).toBe('');
    expect(root.service).toBe('thidua-gateway');
    expect(root.kind).toBe(2); // SERVER: the client's POST /graphql
    expect(chain.map((s) => s.service)).toEqual(expect.arrayContaining(['thidua-gateway', 'thidua-campaign', 'thidua-evaluation']));
    // the gateway planned the query, and the campaign subgraph's SQL (its INSERT of the unit) is in the same trace
    expect(trace().some((s) => s.service === 'thidua-gateway' && s.name === 'gateway.plan')).toBe(true);
    expect(trace().some((s) => s.service === 'thidua-campaign' && /INSERT/i.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'])) && /union_units/.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'])))).toBe(true);

    // the outbox row kept the producer span's context, which the relay sent along
    const db = new Client({ connectionString: databaseUrl('campaign') });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT trace_context FROM outbox WHERE message_key = $1 AND event_type = 'UnitUpserted'`, [unitId]);
      expect(rows[0].trace_context.traceparent).toBe(`00-${producer.traceId}-${producer.spanId}-01`);
    } finally {
      await db.end();
    }
  }, 90_000);

  it('probes and scrapes start no trace', async () => {
    const before = receiver.spans.length;
    await fetch(gatewayUrl.replace('/graphql', '/health/live'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.spans.slice(before).filter((s) => s.service === 'thidua-gateway' && s.parentSpanId === '')).toEqual([]);
  });
});

describe('without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('loads no SDK in the process', async () => {
    const sdkLoaded = (env: Record<string, string>): Promise<string> =>
      new Promise((resolve, reject) => {
        const probe = `require('./services/common/src/telemetry').startTelemetry('probe'); console.log(Object.keys(require.cache).some((f) => f.includes('@opentelemetry/sdk-node')))`;
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: ROOT, env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => (code === 0 ? resolve(output.trim()) : reject(new Error(`probe exited ${code}`))));
      });
    expect(await sdkLoaded({})).toBe('false');
    expect(await sdkLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' })).toBe('false');
    // the probe can tell: with the endpoint set, the SDK is there
    expect(await sdkLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })).toBe('true');
  }, 60_000);

  it('starts no SDK and keeps no trace context with the events', async () => {
    expect(startTelemetry('campaign', {})).toBe(false);
    const platform = await startTestPlatform();
    try {
      const token = await platform.token(['NATIONAL_ADMIN'], null);
      const created = await graphql<{ createUnionUnit: { id: string } }>(platform.gatewayUrl, `mutation($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id } }`, {
        input: { code: `NOTRACE-${run}`, name: `Công đoàn không dấu vết ${run}`, level: 'NATIONAL' },
      }, token);
      const rows = (await platform.subgraphs.campaign.dataSource.query(`SELECT trace_context FROM outbox WHERE message_key = $1`, [created.data!.createUnionUnit.id])) as { trace_context: unknown }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.trace_context)).toEqual(rows.map(() => null));
    } finally {
      await platform.stop();
    }
  }, 60_000);
});
