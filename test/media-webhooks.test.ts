/**
 * News channels' webhooks (issue 19): a channel's HTTPS endpoint receives each story published and retracted, signed
 * with HMAC-SHA256, retried with backoff until it answers 2xx, once in effect; its admin sees the deliveries. The
 * endpoint is a real HTTPS server this test starts, with a certificate made here (trusted through WEBHOOK_CA_FILE).
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventually } from './support/graphql';
import { usePlatform } from './support/platform';
import { issueTestToken } from './support/tokens';
import { TWO_PROVINCES, buildUnionTree, uniqueRun } from './support/union-tree';

interface Hit {
  event: string;
  delivery: string;
  signature: string;
  body: string;
  answered: number;
}

const hits: Hit[] = [];
/** How many of the next requests the endpoint answers 500. */
let failNext = 0;
let endpoint: Server;
let endpointUrl: string;
const saved = { ca: process.env.WEBHOOK_CA_FILE, base: process.env.WEBHOOK_RETRY_BASE_SECONDS, poll: process.env.WEBHOOK_POLL_MS };

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'thidua-webhook-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  endpoint = createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const answered = failNext > 0 ? 500 : 200;
      if (failNext > 0) failNext -= 1;
      hits.push({ event: String(req.headers['x-thidua-event']), delivery: String(req.headers['x-thidua-delivery']), signature: String(req.headers['x-thidua-signature']), body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `https://127.0.0.1:${(endpoint.address() as AddressInfo).port}/thidua`;
  // read by media when it starts (usePlatform's beforeAll, below)
  process.env.WEBHOOK_CA_FILE = path.join(dir, 'cert.pem');
  process.env.WEBHOOK_RETRY_BASE_SECONDS = '1';
  process.env.WEBHOOK_POLL_MS = '200';
});

const env = usePlatform();

afterAll(async () => {
  await new Promise<void>((resolve) => endpoint.close(() => resolve()));
  for (const [name, value] of [['WEBHOOK_CA_FILE', saved.ca], ['WEBHOOK_RETRY_BASE_SECONDS', saved.base], ['WEBHOOK_POLL_MS', saved.poll]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const TRANSITION = `mutation($id: ID!, $action: StoryAction!, $note: String) { transitionStory(id: $id, action: $action, note: $note) { status } }`;
const SET_WEBHOOK = `mutation($channelId: ID!, $url: String!) { setNewsChannelWebhook(channelId: $channelId, url: $url) { webhook { url } secret } }`;

let admin: string;
let editor: string;
let channelId: string;
let secret: string;
let storyId: string;

function forStory(event: string): Hit[] {
  return hits.filter((hit) => hit.event === event && (JSON.parse(hit.body) as { story: { storyId: string } }).story.storyId === storyId);
}

function verified(hit: Hit): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hit.signature);
  return !!match && createHmac('sha256', secret).update(`${match[1]}.${hit.body}`).digest('hex') === match[2];
}

beforeAll(async () => {
  const run = uniqueRun();
  admin = await env.platform.token(['NATIONAL_ADMIN'], '/');
  const tree = await buildUnionTree(env.api, admin, { units: TWO_PROVINCES }, run);
  editor = await issueTestToken({ sub: `editor-${run}`, name: 'Biên tập viên', roles: ['EDITOR'], unitPath: tree.units.bn!.path });
  channelId = (await env.api.ok(`mutation($name: String!) { registerNewsChannel(name: $name, contactEmail: "toasoan@laodong.vn") { channel { id } } }`, { name: `Báo Lao Động ${run}` }, admin)).registerNewsChannel.channel.id;
  const other = (await env.api.ok(`mutation($name: String!) { registerNewsChannel(name: $name, contactEmail: "bantin@vtv.vn") { channel { id } } }`, { name: `VTV ${run}` }, admin)).registerNewsChannel.channel.id;
  // a channel revoked after registering its endpoint gets nothing more
  await env.api.ok(SET_WEBHOOK, { channelId: other, url: `${endpointUrl}/revoked` }, admin);
  await env.api.ok(`mutation($id: ID!) { revokeNewsChannel(id: $id) { id } }`, { id: other }, admin);
  const registered = (await env.api.ok(SET_WEBHOOK, { channelId, url: endpointUrl }, admin)).setNewsChannelWebhook;
  expect(registered.webhook.url).toBe(endpointUrl);
  expect(registered.secret).toMatch(/^whsec_/);
  secret = registered.secret;
  storyId = (await env.api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
    input: { kind: 'GOOD_PRACTICE', title: `Tổ công đoàn “3 không” ${run}`, summary: 'Không tai nạn, không nợ lương, không tranh chấp', body: 'Cách làm của **tổ công đoàn** nhà máy.' },
  }, editor)).createStory.id;
}, 60_000);

describe("a news channel's webhook", () => {
  it('refuses an endpoint that is not HTTPS, and anyone but a national admin', async () => {
    const plain = await env.api.refused(SET_WEBHOOK, { channelId, url: 'http://toasoan.vn/thidua' }, admin);
    expect(plain.code).toBe('BAD_USER_INPUT');
    expect(plain.problems.map((p) => p.field)).toEqual(['url']);
    expect(plain.message).toContain('HTTPS');
    expect((await env.api.refused(SET_WEBHOOK, { channelId, url: 'không phải địa chỉ' }, admin)).problems.map((p) => p.field)).toEqual(['url']);
    expect((await env.api.refused(SET_WEBHOOK, { channelId, url: endpointUrl }, editor)).code).toBe('FORBIDDEN');
    expect((await env.api.refused(SET_WEBHOOK, { channelId: '00000000-0000-4000-8000-000000000000', url: endpointUrl }, admin)).code).toBe('NOT_FOUND');
  });

  it('receives the published story once, signed', async () => {
    await env.api.ok(TRANSITION, { id: storyId, action: 'SUBMIT_FOR_REVIEW' }, editor);
    await env.api.ok(TRANSITION, { id: storyId, action: 'PUBLISH' }, editor);
    const [hit] = await eventually(async () => (forStory('StoryPublished').length > 0 ? forStory('StoryPublished') : null), 20000, 'the published story');
    expect(verified(hit!)).toBe(true);
    expect(JSON.parse(hit!.body)).toMatchObject({ type: 'StoryPublished', story: { storyId, kind: 'GOOD_PRACTICE' } });
    expect(hits.filter((h) => h.body.includes(storyId))).toHaveLength(1);
  });

  it('receives the retracted story once after its endpoint failed twice, and the admin sees the attempts', async () => {
    failNext = 2;
    await env.api.ok(TRANSITION, { id: storyId, action: 'RETRACT', note: 'Sai tên đơn vị, sẽ đăng lại' }, editor);
    await eventually(async () => (forStory('StoryRetracted').some((h) => h.answered === 200) ? true : null), 30000, 'the retracted story delivered');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const attempts = forStory('StoryRetracted');
    expect(attempts.map((h) => h.answered)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((h) => h.delivery)).size).toBe(1);
    expect(attempts.every(verified)).toBe(true);
    expect(JSON.parse(attempts[2]!.body)).toMatchObject({ type: 'StoryRetracted', story: { storyId, reason: 'Sai tên đơn vị, sẽ đăng lại' } });
    expect(forStory('StoryPublished')).toHaveLength(1);
    expect(hits.filter((h) => h.body.includes(storyId) && h.delivery !== attempts[0]!.delivery && h.event === 'StoryRetracted')).toEqual([]);

    const channels = (await env.api.ok(`query { newsChannels { id revokedAt webhook { url deliveries { eventType storyId status attempts lastStatus lastError } } } }`, {}, admin)).newsChannels;
    const mine = channels.find((c: { id: string }) => c.id === channelId);
    expect(mine.webhook.deliveries).toEqual([
      { eventType: 'StoryRetracted', storyId, status: 'DELIVERED', attempts: 3, lastStatus: 200, lastError: null },
      { eventType: 'StoryPublished', storyId, status: 'DELIVERED', attempts: 1, lastStatus: 200, lastError: null },
    ]);
    const revoked = channels.filter((c: { revokedAt: string | null; webhook: { url: string } | null }) => c.revokedAt && c.webhook?.url === `${endpointUrl}/revoked`);
    expect(revoked).toHaveLength(1);
    expect(revoked[0].webhook.deliveries).toEqual([]);
    expect(hits.filter((h) => h.body.includes(storyId))).toHaveLength(4);
    expect((await env.api.refused(`query { newsChannels { id } }`, {}, editor)).code).toBe('FORBIDDEN');
  });
});
