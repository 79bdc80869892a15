import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, PayloadTooLargeError, provinceName, newAuditTrail, readBody, sendJson, type RouteDependencies, type RouteHandler } from '@thidua/common';
import type { DataSource } from 'typeorm';
import { publishedAssetFile } from '../application/assets';
import { channelForKey } from '../application/channels';
import type { MediaContext } from '../application/context';
import type { FeedFormat } from '../application/links';
import { createLoaders } from '../application/loaders';
import { provinceStories, requireSection, sectionStories } from '../application/sections';
import type { StoryRow } from '../entities';
import { assetStorage } from '../application/storage';
import { storyExportRoutes } from './exports';
import { FEED_CONTENT_TYPES, buildFeed, type FeedChannel } from './feeds';

const FEED_SIZE = 50;

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

function parseFeedPath(path: string): { kind: 'sections' | 'provinces'; key: string; format: FeedFormat } | null {
  const match = /^\/feeds\/(sections|provinces)\/([A-Za-z0-9-]+)\.(rss|atom|json)$/.exec(path);
  return match ? { kind: match[1] as 'sections' | 'provinces', key: match[2]!, format: match[3] as FeedFormat } : null;
}

async function feedRoute(deps: RouteDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await deps.identify(req);
  const path = (req.url ?? '').split('?', 1)[0]!;
  const target = parseFeedPath(path);
  if (!target) return sendJson(res, 404, { error: 'Feeds are /feeds/sections/<slug>.(rss|atom|json) and /feeds/provinces/<code>.(rss|atom|json)' });
  const ctx = publicContext(deps.dataSource, deps);
  let channel: FeedChannel;
  let stories: StoryRow[];
  if (target.kind === 'sections') {
    const section = await requireSection(deps.dataSource, target.key).catch(() => null);
    if (!section) return sendJson(res, 404, { error: `No section "${target.key}"` });
    channel = { title: section.name, description: section.description ?? `Tin bài chuyên mục «${section.name}» trên cổng Thi Đua của Công đoàn Việt Nam.`, selfPath: path };
    stories = (await sectionStories(ctx, section, { first: FEED_SIZE })).edges.map((e) => e.node);
  } else {
    const province = provinceName(target.key) ?? target.key;
    channel = { title: `Tin bài – ${province}`, description: `Tin bài đã đăng của ${province} trên cổng Thi Đua của Công đoàn Việt Nam: gương điển hình, cách làm hay, người tốt việc tốt, tin phong trào.`, selfPath: path };
    stories = (await provinceStories(ctx, target.key, { first: FEED_SIZE })).edges.map((e) => e.node);
  }
  res.writeHead(200, { 'content-type': FEED_CONTENT_TYPES[target.format], 'cache-control': 'public, max-age=60' });
  res.end(buildFeed(channel, stories, target.format));
}

/** Files of published stories. */
async function assetRoute(deps: RouteDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await deps.identify(req);
  const id = /^\/assets\/([0-9a-f-]{36})$/.exec((req.url ?? '').split('?', 1)[0]!)?.[1];
  const asset = id ? await publishedAssetFile(deps.dataSource, id) : null;
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
    ...storyExportRoutes(deps),
  };
}
