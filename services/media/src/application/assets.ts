import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, parseId, queryRow, queryRows, requireRole, requireWithinScope, type FieldProblem, type Queryable } from '@thidua/common';
import { STORY_STATUS_NAMES } from '../domain/story-kinds';
import { EDITABLE } from '../domain/stories';
import type { MediaContext } from './context';
import { ASSET_COLUMNS, type AssetRow } from '../entities';
import { assetStorage } from './storage';
import { loadStory } from './stories';

/** Accepted file types; a Map, so that no name of Object's prototype (`__proto__`, `constructor`) passes as one. */
const KINDS = new Map<string, AssetRow['kind']>([
  ['image/jpeg', 'IMAGE'],
  ['image/png', 'IMAGE'],
  ['image/webp', 'IMAGE'],
  ['application/pdf', 'DOCUMENT'],
  ['video/mp4', 'VIDEO'],
]);
/** Uploads travel inside a GraphQL request (2 MB bodies): base64 of at most 1.5 MB. */
export const MAX_ASSET_BYTES = 1_500_000;

interface AssetInput {
  fileName: string;
  mimeType: string;
  contentBase64: string;
  altText?: string | null;
}

function assetProblems(input: AssetInput, kind: AssetRow['kind'] | undefined, bytes: Buffer): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!kind) problems.push({ field: 'mimeType', message: `chỉ nhận các loại tệp: ${[...KINDS.keys()].join(', ')}` });
  if (bytes.length === 0 || bytes.length > MAX_ASSET_BYTES) problems.push({ field: 'contentBase64', message: `tệp từ 1 đến ${MAX_ASSET_BYTES} byte, mã hoá base64` });
  // control characters (NUL, line breaks …) and slashes have no place in a file name
  if (!/^[^/\\\u0000-\u001f\u007f]{1,200}$/.test(input.fileName)) problems.push({ field: 'fileName', message: 'tên tệp từ 1 đến 200 ký tự, không có dấu gạch chéo hay ký tự điều khiển' });
  if (kind === 'IMAGE' && !input.altText?.trim()) problems.push({ field: 'altText', message: 'mô tả ảnh cho người đọc không nhìn thấy ảnh' });
  if ((input.altText?.length ?? 0) > 1000) problems.push({ field: 'altText', message: 'mô tả ảnh tối đa 1.000 ký tự' });
  return problems;
}

export async function addAsset(ctx: MediaContext, storyId: string, input: AssetInput): Promise<AssetRow> {
  requireRole(ctx.identity, 'EDITOR', 'NATIONAL_ADMIN');
  const story = await loadStory(ctx.db.manager, parseId('storyId', storyId));
  if (!story) throw new NotFoundError('Story', storyId);
  requireWithinScope(ctx.identity, story.unitPath);
  if (!EDITABLE.includes(story.status)) throw new ConflictError(`Tin bài ở trạng thái «${STORY_STATUS_NAMES[story.status]}» không sửa được`);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const kind = KINDS.get(input.mimeType);
  const problems = assetProblems(input, kind, bytes);
  if (problems.length > 0) throw new ValidationError(problems);
  // the file is written first and the row committed after it; a row that does not commit takes its file with it
  const storageKey = randomUUID();
  await assetStorage.put(storageKey, bytes);
  try {
    return await ctx.transaction(async ({ manager }) => {
      const [row] = await queryRows<AssetRow>(manager,
        `INSERT INTO assets (story_id, kind, file_name, mime_type, size_bytes, sha256, storage_key, alt_text, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING ${ASSET_COLUMNS}`,
        [story.id, kind, input.fileName, input.mimeType, bytes.length, createHash('sha256').update(bytes).digest('hex'), storageKey, input.altText?.trim() || null, ctx.identity.subject],
      );
      return row!;
    });
  } catch (error) {
    await assetStorage.remove(storageKey);
    throw error;
  }
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
