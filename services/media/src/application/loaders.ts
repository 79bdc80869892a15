import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupByKey, queryRows, toConnection, type Connection, type Identity } from '@thidua/common';
import { editorialScope } from '../domain/stories';
import { ASSET_COLUMNS, STORY_COLUMNS, type AssetRow, type StoryRow, type StorySubjectRow } from '../entities';

type StoryWithCursor = StoryRow & { cursorTime: string; ownerId: string };

export interface StoriesKey {
  ownerId: string;
  first: number;
  after: (string | number)[] | null;
}

export type StoryOwner = 'campaign' | 'member' | 'unit';

export interface MediaLoaders {
  stories: Record<StoryOwner, DataLoader<StoriesKey, Connection<StoryRow>, string>>;
  assets: DataLoader<string, AssetRow[]>;
  subjects: DataLoader<string, StorySubjectRow[]>;
}

const OWNER_JOIN: Record<StoryOwner, string> = {
  campaign: `FROM stories s0 WHERE s0.campaign_id = o.id`,
  member: `FROM stories s0 JOIN story_subjects j ON j.story_id = s0.id WHERE j.member_id = o.id`,
  unit: `FROM stories s0 JOIN story_subjects j ON j.story_id = s0.id WHERE j.unit_id = o.id`,
};

function cacheKey(key: StoriesKey): string {
  return JSON.stringify([key.ownerId, key.first, key.after]);
}

/**
 * Stories of many owners (campaigns, members, units) in one query: a LATERAL join takes each owner's page.
 * Published stories for everyone; all statuses for editors of the story's subtree.
 */
function storiesLoader(db: DataSource, owner: StoryOwner, scope: string | null): DataLoader<StoriesKey, Connection<StoryRow>, string> {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, StoriesKey[]>();
      for (const key of keys) {
        const group = JSON.stringify([key.first, key.after]);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<string, Connection<StoryRow>>();
      for (const group of groups.values()) {
        const { first, after } = group[0]!;
        const rows = await queryRows<StoryWithCursor>(db,
          `SELECT o.id AS "ownerId", s.*
             FROM unnest($1::uuid[]) AS o(id)
             CROSS JOIN LATERAL (
               SELECT ${STORY_COLUMNS.replace(/\bs\./g, 's0.')}, s0.created_at::text AS "cursorTime"
               ${OWNER_JOIN[owner]}
                 AND (s0.status = 'PUBLISHED' OR ($2::text IS NOT NULL AND s0.unit_path LIKE $2 || '%'))
                 AND ($4::timestamptz IS NULL OR (s0.created_at, s0.id) < ($4::timestamptz, $5::uuid))
               ORDER BY s0.created_at DESC, s0.id DESC
               LIMIT $3
             ) s`,
          [group.map((k) => k.ownerId), scope, first + 1, after?.[0] ?? null, after?.[1] ?? null],
        );
        const owned = groupByKey(group.map((k) => k.ownerId), rows, (row) => row.ownerId);
        group.forEach((key, i) => pages.set(cacheKey(key), toConnection(owned[i]!, first, (row) => [row.cursorTime, row.id])));
      }
      return keys.map((key) => pages.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

export function createLoaders(db: DataSource, identity: Identity): MediaLoaders {
  const scope = editorialScope(identity);
  return {
    stories: { campaign: storiesLoader(db, 'campaign', scope), member: storiesLoader(db, 'member', scope), unit: storiesLoader(db, 'unit', scope) },
    assets: new DataLoader(async (storyIds) => {
      const rows = await queryRows<AssetRow>(db, `SELECT ${ASSET_COLUMNS} FROM assets WHERE story_id = ANY($1::uuid[]) ORDER BY created_at`, [[...storyIds]]);
      return groupByKey(storyIds, rows, (row) => row.storyId);
    }),
    subjects: new DataLoader(async (storyIds) => {
      const rows = await queryRows<StorySubjectRow>(db,
        `SELECT j.story_id AS "storyId", j.member_id AS "memberId", j.unit_id AS "unitId", m.full_name AS "memberName"
           FROM story_subjects j LEFT JOIN member_refs m ON m.id = j.member_id WHERE j.story_id = ANY($1::uuid[])`,
        [[...storyIds]],
      );
      return groupByKey(storyIds, rows, (row) => row.storyId);
    }),
  };
}
