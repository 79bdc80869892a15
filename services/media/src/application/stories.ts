import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  decodeCursor,
  pageSize,
  requireRole,
  toConnection,
  type Connection,
  type Identity,
  type PageRequest,
  type SubgraphContext,
} from '@thidua/common';
import { editorialScope } from '../domain/stories';
import type { StoryRow } from '../entities';

const STORY_COLUMNS = `s.id, s.kind, s.status, s.title, s.summary, s.campaign_id AS "campaignId", s.unit_path AS "unitPath",
  s.source_event_id AS "sourceEventId", s.created_at AS "createdAt", s.published_at AS "publishedAt", s.created_at::text AS "cursorTime"`;

type StoryWithCursor = StoryRow & { cursorTime: string };

interface CampaignStoriesKey {
  campaignId: string;
  first: number;
  after: (string | number)[] | null;
}

export interface MediaLoaders {
  campaignStories: DataLoader<CampaignStoriesKey, Connection<StoryRow>, string>;
}

export type MediaContext = SubgraphContext<MediaLoaders>;

/**
 * Stories of many campaigns in one query: a LATERAL join takes each campaign's page. Keys that share page size
 * and cursor are batched together (the usual case: the first page for every campaign of a list).
 */
export function createLoaders(db: DataSource, identity: Identity): MediaLoaders {
  const scope = editorialScope(identity);
  return {
    campaignStories: new DataLoader(
      async (keys) => {
        const groups = new Map<string, CampaignStoriesKey[]>();
        for (const key of keys) {
          const group = JSON.stringify([key.first, key.after]);
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const pages = new Map<string, Connection<StoryRow>>();
        for (const group of groups.values()) {
          const { first, after } = group[0]!;
          const rows = (await db.query(
            `SELECT ${STORY_COLUMNS}
               FROM unnest($1::uuid[]) AS c(id)
               CROSS JOIN LATERAL (
                 SELECT * FROM stories s0
                  WHERE s0.campaign_id = c.id
                    AND (s0.status = 'PUBLISHED' OR ($2::text IS NOT NULL AND s0.unit_path LIKE $2 || '%'))
                    AND ($4::timestamptz IS NULL OR (s0.created_at, s0.id) < ($4::timestamptz, $5::uuid))
                  ORDER BY s0.created_at DESC, s0.id DESC
                  LIMIT $3
               ) s`,
            [group.map((k) => k.campaignId), scope, first + 1, after?.[0] ?? null, after?.[1] ?? null],
          )) as StoryWithCursor[];
          for (const key of group) {
            const own = rows.filter((row) => row.campaignId === key.campaignId);
            pages.set(cacheKey(key), toConnection(own, first, (row) => [row.cursorTime, row.id]));
          }
        }
        return keys.map((key) => pages.get(cacheKey(key))!);
      },
      { cacheKeyFn: cacheKey },
    ),
  };
}

function cacheKey(key: CampaignStoriesKey): string {
  return JSON.stringify([key.campaignId, key.first, key.after]);
}

export function campaignStories(ctx: MediaContext, campaignId: string, page: PageRequest): Promise<Connection<StoryRow>> {
  return ctx.loaders.campaignStories.load({ campaignId, first: pageSize(page.first), after: decodeCursor(page.after) });
}

export async function storyCandidates(ctx: MediaContext, page: PageRequest): Promise<Connection<StoryRow>> {
  requireRole(ctx.identity, 'EDITOR', 'NATIONAL_ADMIN');
  const scope = editorialScope(ctx.identity) ?? '/';
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = (await ctx.db.query(
    `SELECT ${STORY_COLUMNS} FROM stories s
      WHERE s.status = 'CANDIDATE' AND s.unit_path LIKE $1 || '%'
        AND ($3::timestamptz IS NULL OR (s.created_at, s.id) < ($3::timestamptz, $4::uuid))
      ORDER BY s.created_at DESC, s.id DESC LIMIT $2`,
    [scope, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
  )) as StoryWithCursor[];
  return toConnection(rows, limit, (row) => [row.cursorTime, row.id]);
}
