import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EmailAddressResolver } from 'graphql-scalars';
import { NotFoundError, ValidationError, parseId, queryRow, queryRows, requireRole, rowById, type Queryable } from '@thidua/common';
import { CHANNEL_COLUMNS, CHANNEL_SELECT, type NewsChannelRow } from '../entities';
import type { MediaContext } from './context';

function hash(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/**
 * Registers a news channel and returns its API key once: `thd_<prefix>_<secret>`. Only the prefix (to find the
 * row) and a SHA-256 of the whole key are stored; 32 random bytes need no slow hash.
 */
export async function registerNewsChannel(ctx: MediaContext, name: string, contactEmail: string): Promise<{ channel: NewsChannelRow; apiKey: string }> {
  // channels read the whole country's stories: only the national federation lets them in or out
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const problems = [];
  if (name.trim().length < 2) problems.push({ field: 'name', message: 'hãy ghi tên kênh tin (ít nhất 2 ký tự)' });
  try {
    EmailAddressResolver.parseValue(contactEmail);
  } catch {
    problems.push({ field: 'contactEmail', message: 'địa chỉ thư điện tử không hợp lệ' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const prefix = randomBytes(6).toString('hex');
  const apiKey = `thd_${prefix}_${randomBytes(32).toString('base64url')}`;
  const [channel] = await ctx.transaction(({ manager }) => queryRows<NewsChannelRow>(manager,
    `INSERT INTO news_channels (name, contact_email, key_prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${CHANNEL_COLUMNS}`,
    [name.trim().normalize('NFC'), contactEmail.trim(), prefix, hash(apiKey).toString('hex'), ctx.identity.subject],
  ));
  return { channel: channel!, apiKey };
}

export async function revokeNewsChannel(ctx: MediaContext, id: string): Promise<NewsChannelRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const channelId = parseId('id', id);
  const [row] = await ctx.transaction(({ manager }) =>
    queryRows<{ id: string }>(manager, `WITH revoked AS (UPDATE news_channels SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id) SELECT id FROM revoked`, [channelId]),
  );
  if (!row) throw new NotFoundError('News channel', id);
  return (await rowById<NewsChannelRow>(ctx.db, CHANNEL_SELECT, row.id))!;
}

export function newsChannels(ctx: MediaContext): Promise<NewsChannelRow[]> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  return queryRows<NewsChannelRow>(ctx.db, `${CHANNEL_SELECT} ORDER BY created_at`);
}

/** The channel a key belongs to, or null for a malformed, unknown or revoked key. Constant-time comparison. */
export async function channelForKey(db: Queryable, apiKey: string): Promise<{ id: string; name: string } | null> {
  const match = /^thd_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(apiKey);
  if (!match) return null;
  const row = await queryRow<{ id: string; name: string; keyHash: string; revokedAt: Date | null }>(
    db,
    `SELECT id, name, key_hash AS "keyHash", revoked_at AS "revokedAt" FROM news_channels WHERE key_prefix = $1`,
    [match[1]],
  );
  if (!row || row.revokedAt) return null;
  return timingSafeEqual(Buffer.from(row.keyHash, 'hex'), hash(apiKey)) ? { id: row.id, name: row.name } : null;
}

