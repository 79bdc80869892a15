import type { IncomingMessage, ServerResponse } from 'node:http';
import { Feed } from 'feed';
import { ANONYMOUS, PayloadTooLargeError, newAuditTrail, readBody, sendJson, type RouteDependencies, type RouteHandler } from '@thidua/common';
import type { DataSource } from 'typeorm';
import { channelForKey } from './channels';
import type { MediaContext } from './context';
import { createLoaders } from './context';
import type { StoryRow } from '../entities';
import { provinceStories, requireSection, sectionStories } from './sections';
import { assetStorage } from './storage';
import { feedHtml, feedText } from '../domain/feed-text';

const PUBLIC_BASE_URL = (process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
const FEED_SIZE = 50;
const FORMATS = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' } as const;
type Format = keyof typeof FORMATS;

/** A read-only context for routes: anonymous, published stories only. */
function publicContext(db: DataSource, deps: RouteDependencies): MediaContext {
  return {
    identity: ANONYMOUS,
    correlationId: 'feed',
    logger: deps.logger,
    db,
    loaders: createLoaders(db, ANONYMOUS),
    audit: newAuditTrail(),
    transaction: () => Promise.reject(new Error('feeds are read-only')),
  };
}

/** Public links (through the gateway) to stories, their files and section feeds. */
export function storyUrl(id: string): string {
  return `${PUBLIC_BASE_URL}/stories/${id}`;
}

export function assetUrl(id: string): string {
  return `${PUBLIC_BASE_URL}/assets/${id}`;
}

export function sectionFeedUrl(slug: string, format: Format): string {
  return `${PUBLIC_BASE_URL}/feeds/sections/${slug}.${format}`;
}

function render(feed: Feed, format: Format): string {
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}

/** RSS 2.0, Atom 1.0 or JSON Feed 1.0 with stable ids (`urn:uuid:<story>`) and real publication dates. */
export function buildFeed(title: string, selfPath: string, stories: StoryRow[], format: Format): string {
  const updated = stories.reduce<Date>((latest, s) => (s.updatedAt > latest ? s.updatedAt : latest), new Date(0));
  const feed = new Feed({
    title,
    id: `${PUBLIC_BASE_URL}${selfPath}`,
    link: PUBLIC_BASE_URL,
    language: 'vi',
    copyright: 'Tổng Liên đoàn Lao động Việt Nam',
    updated: stories.length > 0 ? updated : new Date(),
    generator: 'Thi Đua',
    feedLinks: { [format === 'json' ? 'json' : format]: `${PUBLIC_BASE_URL}${selfPath}` },
  });
  // JSON Feed's title and summary are plain text; RSS and Atom readers take them as HTML (see feed-text.ts)
  const text = format === 'json' ? (value: string) => value : feedText;
  for (const story of stories) {
    feed.addItem({
      title: text(story.title),
      id: `urn:uuid:${story.id}`,
      link: storyUrl(story.id),
      description: story.summary === null ? undefined : text(story.summary),
      content: feedHtml(story.bodyHtml),
      date: story.updatedAt,
      published: story.publishedAt ?? story.createdAt,
      category: [{ name: story.kind }, ...story.tags.map((tag) => ({ name: tag }))],
    });
  }
  return render(feed, format);
}

function parseFeedPath(path: string): { kind: 'sections' | 'provinces'; key: string; format: Format } | null {
  const match = /^\/feeds\/(sections|provinces)\/([A-Za-z0-9-]+)\.(rss|atom|json)$/.exec(path);
  return match ? { kind: match[1] as 'sections' | 'provinces', key: match[2]!, format: match[3] as Format } : null;
}

async function feedRoute(deps: RouteDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await deps.identify(req);
  const path = (req.url ?? '').split('?', 1)[0]!;
  const target = parseFeedPath(path);
  if (!target) return sendJson(res, 404, { error: 'Feeds are /feeds/sections/<slug>.(rss|atom|json) and /feeds/provinces/<code>.(rss|atom|json)' });
  const ctx = publicContext(deps.dataSource, deps);
  let title: string;
  let stories: StoryRow[];
  if (target.kind === 'sections') {
    const section = await requireSection(deps.dataSource, target.key).catch(() => null);
    if (!section) return sendJson(res, 404, { error: `No section "${target.key}"` });
    title = section.name;
    stories = (await sectionStories(ctx, section, { first: FEED_SIZE })).edges.map((e) => e.node);
  } else {
    title = `Gương điển hình – ${target.key}`;
    stories = (await provinceStories(ctx, target.key, { first: FEED_SIZE })).edges.map((e) => e.node);
  }
  res.writeHead(200, { 'content-type': FORMATS[target.format], 'cache-control': 'public, max-age=60' });
  res.end(buildFeed(title, path, stories, target.format));
}

/** Files of published stories. */
async function assetRoute(deps: RouteDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await deps.identify(req);
  const id = /^\/assets\/([0-9a-f-]{36})$/.exec((req.url ?? '').split('?', 1)[0]!)?.[1];
  const [asset] = id
    ? ((await deps.dataSource.query(
        `SELECT a.storage_key AS "storageKey", a.mime_type AS "mimeType", a.file_name AS "fileName" FROM assets a JOIN stories s ON s.id = a.story_id
          WHERE a.id = $1 AND s.status = 'PUBLISHED'`,
        [id],
      )) as { storageKey: string; mimeType: string; fileName: string }[])
    : [];
  if (!asset) return sendJson(res, 404, { error: 'No such published asset' });
  res.writeHead(200, { 'content-type': asset.mimeType, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(asset.fileName)}`, 'x-content-type-options': 'nosniff' });
  res.end(await assetStorage.get(asset.storageKey));
}

/** The gateway asks which channel an API key belongs to (internal: it needs the gateway's token). */
async function verifyKeyRoute(deps: RouteDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await deps.identify(req);
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST { "apiKey": "…" }' });
  let apiKey: unknown;
  try {
    apiKey = (JSON.parse(await readBody(req, 4096)) as { apiKey?: unknown } | null)?.apiKey;
  } catch (error) {
    return sendJson(res, error instanceof PayloadTooLargeError ? 413 : 400, { error: 'Nội dung phải là JSON { "apiKey": "…" } dưới 4 KB' });
  }
  const channel = typeof apiKey === 'string' ? await channelForKey(deps.dataSource, apiKey) : null;
  sendJson(res, channel ? 200 : 401, channel ?? { error: 'invalid or revoked API key' });
}

function guarded(deps: RouteDependencies, handler: (deps: RouteDependencies, req: IncomingMessage, res: ServerResponse) => Promise<void>): RouteHandler {
  return (req, res) =>
    handler(deps, req, res).catch((error: Error & { code?: string }) => {
      if (error.code === 'UNAUTHENTICATED') return sendJson(res, 401, { error: error.message });
      throw error;
    });
}

export function mediaRoutes(deps: RouteDependencies): Record<string, RouteHandler> {
  return {
    '/feeds/': guarded(deps, feedRoute),
    '/assets/': guarded(deps, assetRoute),
    '/internal/api-keys/verify': guarded(deps, verifyKeyRoute),
  };
}
