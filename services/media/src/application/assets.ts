import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, parseId, queryRow, queryRows, requireRole, requireWithinScope, type Queryable } from '@thidua/common';
import { EDITABLE } from '../domain/stories';
import type { MediaContext } from './context';
import { ASSET_COLUMNS, type AssetRow } from '../entities';
import { assetStorage } from './storage';
import { loadStory } from './stories';

const KINDS: Record<string, AssetRow['kind']> = {
  'image/jpeg': 'IMAGE',
  'image/png': 'IMAGE',
  'image/webp': 'IMAGE',
  'application/pdf': 'DOCUMENT',
  'video/mp4': 'VIDEO',
};
/** Uploads travel inside a GraphQL request (2 MB bodies): base64 of at most 1.5 MB. */
export const MAX_ASSET_BYTES = 1_500_000;

export async function addAsset(
  ctx: MediaContext,
  storyId: string,
  input: { fileName: string; mimeType: string; contentBase64: string; altText?: string | null },
): Promise<AssetRow> {
  requireRole(ctx.identity, 'EDITOR', 'NATIONAL_ADMIN');
  const story = await loadStory(ctx.db.manager, parseId('storyId', storyId));
  if (!story) throw new NotFoundError('Story', storyId);
  requireWithinScope(ctx.identity, story.unitPath);
  if (!EDITABLE.includes(story.status)) throw new ConflictError(`A story ${story.status} cannot change`);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const problems = [];
  const kind = KINDS[input.mimeType];
  if (!kind) problems.push({ field: 'mimeType', message: `accepted: ${Object.keys(KINDS).join(', ')}` });
  if (bytes.length === 0 || bytes.length > MAX_ASSET_BYTES) problems.push({ field: 'contentBase64', message: `a file of 1 byte to ${MAX_ASSET_BYTES} bytes, base64-encoded` });
  if (!/^[^/\\]{1,200}$/.test(input.fileName)) problems.push({ field: 'fileName', message: 'a file name without slashes, up to 200 characters' });
  if (kind === 'IMAGE' && !input.altText?.trim()) problems.push({ field: 'altText', message: 'describe the image for readers who cannot see it' });
  if (problems.length > 0) throw new ValidationError(problems);
  const storageKey = randomUUID();
  await assetStorage.put(storageKey, bytes);
  const [row] = await queryRows<AssetRow>(ctx.db,
    `INSERT INTO assets (story_id, kind, file_name, mime_type, size_bytes, sha256, storage_key, alt_text, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING ${ASSET_COLUMNS}`,
    [story.id, kind, input.fileName, input.mimeType, bytes.length, createHash('sha256').update(bytes).digest('hex'), storageKey, input.altText?.trim() || null, ctx.identity.subject],
  );
  return row!;
}

/** Where a published story's file is kept and how to serve it; null for files of unpublished stories (nothing leaks). */
export function publishedAssetFile(db: Queryable, id: string): Promise<{ storageKey: string; mimeType: string; fileName: string } | null> {
  return queryRow(
    db,
    `SELECT a.storage_key AS "storageKey", a.mime_type AS "mimeType", a.file_name AS "fileName" FROM assets a JOIN stories s ON s.id = a.story_id
      WHERE a.id = $1 AND s.status = 'PUBLISHED'`,
    [id],
  );
}
