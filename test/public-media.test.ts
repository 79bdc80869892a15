/// <reference lib="dom" />
/**
 * What the public sees of media, attacked: feeds with hostile titles (parsed by a real XML parser and opened in
 * Chromium on the portal's origin), the security headers of the portal, feeds and files, a retracted story leaving
 * the gateway's public cache (on this gateway at once, on another replica by the StoryRetracted event), the cache's
 * bound in bytes, and uploads that must leave nothing behind. Real gateway, subgraphs, PostgreSQL, broker, Chromium.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { SERVICE_NAMES, databaseOwnerUrl, type ServiceName } from '@thidua/common';
import { startGateway, type RunningGateway } from '../gateway/src/gateway';
import { PublicResponseCache } from '../gateway/src/response-cache';
import { Api } from './support/api';
import { launchBrowser } from './support/browser';
import { eventually, graphql } from './support/graphql';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { testTokenIssuer } from './support/tokens';

const run = Date.now().toString(36);
const PROVINCE = `Z${run}`.toUpperCase();
/** `]]>` twice (the feed library split only the first) and a script in the XHTML namespace, which Chromium runs in XML. */
const HOSTILE_TITLE = `Tin ]]> thử ]]><script xmlns="http://www.w3.org/1999/xhtml">window.pwned = 1</script><b>đậm</b>`;
const ASSET_DIR = path.resolve(__dirname, '..', '.data', 'assets');

let platform: TestPlatform;
let api: Api;
let editor: string;
let base: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  base = platform.gatewayUrl.replace(/\/graphql$/, '');
  const admin = await platform.token(['NATIONAL_ADMIN'], null);
  const unit = await api.createUnit({ code: `PM${run}`, name: 'Báo Lao Động (thử)', level: 'NATIONAL' }, admin);
  editor = await platform.token(['EDITOR'], unit.path, `editor-${run}`);
});

afterAll(async () => {
  await platform?.stop();
});

const CREATE = `mutation($i: StoryInput!) { createStory(input: $i) { id } }`;
const MOVE = `mutation($id: ID!, $a: StoryAction!, $n: String) { transitionStory(id: $id, action: $a, note: $n) { status } }`;

async function publishedStory(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { createStory } = await api.ok(CREATE, { i: { kind: 'GOOD_DEED', title, summary: `Tóm tắt ]]> <script>x</script> ${run}`, body: 'Nội dung **tốt**', provinceCode: PROVINCE, ...extra } }, editor);
  await api.ok(MOVE, { id: createStory.id, a: 'SUBMIT_FOR_REVIEW' }, editor);
  await api.ok(MOVE, { id: createStory.id, a: 'PUBLISH' }, editor);
  return createStory.id;
}

describe('feeds', () => {
  let browser: Browser;
  let storyId: string;

  beforeAll(async () => {
    storyId = await publishedStory(HOSTILE_TITLE);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('escape hostile titles: Chromium’s XML parser reads each feed whole, with the title as written and no script element', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/health/live`);
    for (const format of ['rss', 'atom']) {
      const xml = await (await fetch(`${base}/feeds/provinces/${PROVINCE}.${format}`)).text();
      const parsed = await page.evaluate((source) => {
        const document = new DOMParser().parseFromString(source, 'application/xml');
        const title = document.querySelector('item > title, entry > title');
        const holder = window.document.createElement('div');
        holder.innerHTML = title?.textContent ?? '';
        return {
          error: document.querySelector('parsererror')?.textContent ?? null,
          scripts: document.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', 'script').length + document.getElementsByTagName('script').length,
          // readers treat the title as HTML: what they show is the text of that HTML
          shown: holder.textContent,
          markup: holder.children.length,
        };
      }, xml);
      expect([format, parsed]).toEqual([format, { error: null, scripts: 0, shown: HOSTILE_TITLE, markup: 0 }]);
    }
    const json = (await (await fetch(`${base}/feeds/provinces/${PROVINCE}.json`)).json()) as { items: { title: string }[] };
    expect(json.items[0]!.title).toBe(HOSTILE_TITLE);
    await page.close();
  });

  it('opened in Chromium on the portal’s origin, run nothing', async () => {
    const page = await browser.newPage();
    for (const format of ['rss', 'atom']) {
      await page.goto(`${base}/feeds/provinces/${PROVINCE}.${format}`);
      expect([format, await page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null)]).toEqual([format, null]);
    }
    await page.close();
  });

  it('feeds, files and the portal send a strict Content-Security-Policy, nosniff and a Referrer-Policy', async () => {
    const { addAsset } = await api.ok(
      `mutation($s: ID!, $i: AssetInput!) { addAsset(storyId: $s, input: $i) { id } }`,
      { s: (await api.ok(CREATE, { i: { kind: 'GOOD_DEED', title: `Tin có ảnh ${run}`, provinceCode: PROVINCE } }, editor)).createStory.id, i: { fileName: 'a.png', mimeType: 'image/png', contentBase64: Buffer.from('png').toString('base64'), altText: 'ảnh' } },
      editor,
    );
    expect(addAsset.id).toBeDefined();
    for (const url of [`${base}/feeds/provinces/${PROVINCE}.rss`, `${base}/assets/00000000-0000-4000-8000-000000000000`, `${base}/`, `${base}/stories/${storyId}`]) {
      const response = await fetch(url);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect([url, /default-src '(none|self)'/.test(policy), /script-src 'self'|default-src 'none'/.test(policy), response.headers.get('x-content-type-options'), response.headers.get('referrer-policy') !== null]).toEqual([url, true, true, 'nosniff', true]);
    }
    expect((await fetch(`${base}/feeds/provinces/${PROVINCE}.rss`)).headers.get('content-security-policy')).toMatch(/sandbox/);
  });
});

describe('the public cache', () => {
  const SEARCH = `query($t: String!) { searchStories(text: $t) { edges { node { id status } } } }`;
  const cachedGateway = async (): Promise<RunningGateway> =>
    startGateway({ port: 0, responseCacheSeconds: 300, scopeCacheSeconds: 0, subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, platform.subgraphs[n].url])) as Record<ServiceName, string>, testTokenIssuer: await testTokenIssuer() });
  const search = async (url: string, text: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SEARCH, variables: { t: text } }) });
    const body = (await response.json()) as { data: { searchStories: { edges: { node: { id: string } }[] } } };
    return { cache: response.headers.get('x-cache'), ids: body.data.searchStories.edges.map((e) => e.node.id) };
  };

  it('forgets a retracted story: at once on the gateway that retracted it, on another replica by the StoryRetracted event', async () => {
    const word = `rutlai${run}`;
    const id = await publishedStory(`Gương sáng ${word}`);
    const [writer, replica] = await Promise.all([cachedGateway(), cachedGateway()]);
    try {
      for (const gateway of [writer, replica]) {
        await search(gateway.url, word);
        expect(await search(gateway.url, word)).toEqual({ cache: 'HIT', ids: [id] });
      }
      const retracted = await graphql(writer.url, MOVE, { id, a: 'RETRACT', n: 'Sai sự thật, đã xác minh lại' }, editor);
      expect(retracted.errors).toBeUndefined();
      expect((await search(writer.url, word)).ids).toEqual([]);
      await eventually(async () => ((await search(replica.url, word)).ids.length === 0 ? true : null), 5000, 'the replica to drop the retracted story');
    } finally {
      await Promise.all([writer.stop(), replica.stop()]);
    }
  });

  it('is bounded in bytes: the least recently used answers go, the bound holds', async () => {
    const cache = new PublicResponseCache(60_000, 200_000, async () => true);
    const request = (_i: number) => ({ method: 'POST', url: '/graphql', headers: {} }) as unknown as IncomingMessage;
    for (let i = 0; i < 200; i++) {
      const req = request(i);
      await cache.lookup(req, `{"query":"{ a${i} }"}`);
      cache.offer(req, { status: 200, headers: [['content-type', 'application/json']], body: `{"data":{"a":"${'x'.repeat(1000)}"}}` });
    }
    expect(cache.bytes).toBeLessThanOrEqual(200_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(await cache.lookup(request(0), `{"query":"{ a0 }"}`)).toBeUndefined();
    expect(await cache.lookup(request(199), `{"query":"{ a199 }"}`)).toBeDefined();
  });
});

describe('uploads and links', () => {
  const ADD = `mutation($s: ID!, $i: AssetInput!) { addAsset(storyId: $s, input: $i) { id } }`;
  const files = (): string[] => (existsSync(ASSET_DIR) ? readdirSync(ASSET_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : []);

  it('refuses a mimeType named after Object’s prototype, and a failed upload leaves no file on disk', async () => {
    const story = (await api.ok(CREATE, { i: { kind: 'GOOD_DEED', title: `Tin tệp ${run}`, provinceCode: PROVINCE } }, editor)).createStory.id;
    const before = files();
    for (const mimeType of ['__proto__', 'constructor', 'toString']) {
      const refused = await api.refused(ADD, { s: story, i: { fileName: 'x.pdf', mimeType, contentBase64: Buffer.from('%PDF').toString('base64') } }, editor);
      expect([mimeType, refused.code, refused.problems.map((p) => p.field)]).toEqual([mimeType, 'BAD_USER_INPUT', ['mimeType']]);
    }
    // the database refuses the row after the file is written (a constraint added for this test): the file goes too
    // the owner's login: a constraint is a schema change the service's own role may not make
    const media = new Client({ connectionString: databaseOwnerUrl('media') });
    await media.connect();
    try {
      await media.query(`ALTER TABLE assets ADD CONSTRAINT test_refuse_upload CHECK (file_name <> 'refused.pdf')`);
      const failed = await graphql(platform.gatewayUrl, ADD, { s: story, i: { fileName: 'refused.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4').toString('base64') } }, editor);
      expect(failed.errors?.length).toBe(1);
    } finally {
      await media.query(`ALTER TABLE assets DROP CONSTRAINT IF EXISTS test_refuse_upload`);
      await media.end();
    }
    expect(files()).toEqual(before);
  });

  it('takes only http and https links', async () => {
    const admin = await platform.token(['NATIONAL_ADMIN'], null);
    const REPORT = `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { periodStart } }`;
    const input = (evidenceUrl: string) => ({ i: { enrollmentId: '00000000-0000-4000-8000-000000000000', targetId: '00000000-0000-4000-8000-000000000000', periodStart: '2026-10-01', value: 1, evidenceUrl } });
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      const refused = await graphql(platform.gatewayUrl, REPORT, input(url), admin);
      expect([url, refused.errors?.[0]?.extensions?.code, refused.errors?.[0]?.message]).toEqual([url, 'BAD_USER_INPUT', expect.stringMatching(/http:\/\/ hoặc https:\/\//)]);
    }
    const web = await graphql(platform.gatewayUrl, REPORT, input('https://bacninh.gov.vn/bao-cao.pdf'), admin);
    expect(web.errors?.[0]?.message).not.toMatch(/http:\/\/ hoặc https:\/\//);
  });
});
