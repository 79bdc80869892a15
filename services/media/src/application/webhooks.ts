import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  NotFoundError,
  ValidationError,
  parseId,
  queryRows,
  requireRole,
  retryDelaySeconds,
  type EventEnvelope,
  type Logger,
} from '@thidua/common';
import { MAX_WEBHOOK_ATTEMPTS, SIGNATURE_HEADER, signature, webhookUrlProblems } from '../domain/webhooks';
import { DELIVERY_COLUMNS, WEBHOOK_SELECT, type WebhookDeliveryRow, type WebhookRow } from '../entities';
import type { MediaContext } from './context';

/** Registers (or replaces) a channel's endpoint; the signing secret is returned this once. */
export async function setChannelWebhook(ctx: MediaContext, channelId: string, url: string): Promise<{ webhook: WebhookRow; secret: string }> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN');
  const id = parseId('channelId', channelId);
  const problems = webhookUrlProblems(url);
  if (problems.length > 0) throw new ValidationError(problems);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [webhook] = await ctx.transaction(async ({ manager }) => {
    const [channel] = await queryRows<{ id: string }>(manager, `SELECT id FROM news_channels WHERE id = $1 AND revoked_at IS NULL`, [id]);
    if (!channel) throw new NotFoundError('News channel', channelId, 'Không tìm thấy kênh tin này, hoặc kênh đã bị thu hồi.');
    return queryRows<WebhookRow>(manager,
      `INSERT INTO channel_webhooks (channel_id, url, secret) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, created_at = now()
       RETURNING channel_id AS "channelId", url, created_at AS "createdAt"`,
      [id, url.trim(), secret]);
  });
  return { webhook: webhook!, secret };
}

export async function channelWebhook(db: DataSource, channelId: string): Promise<WebhookRow | null> {
  const [row] = await queryRows<WebhookRow>(db, `${WEBHOOK_SELECT} WHERE channel_id = $1`, [channelId]);
  return row ?? null;
}

/** The channel's latest deliveries, for its admin: what arrived, what is retried, what failed and why. */
export function channelDeliveries(db: DataSource, channelId: string, first: number): Promise<WebhookDeliveryRow[]> {
  return queryRows<WebhookDeliveryRow>(db, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE channel_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [channelId, Math.min(Math.max(first, 1), 100)]);
}

/**
 * In the transaction that publishes or retracts a story, next to its event: one delivery per channel with an
 * endpoint (the webhooks' outbox). A channel revoked meanwhile gets nothing more.
 */
export async function queueWebhooks(manager: EntityManager, event: EventEnvelope<'StoryPublished' | 'StoryRetracted'>): Promise<void> {
  // the members a story is about are for the platform's own notifications, not for news channels
  const { memberIds: _members, ...story } = event.payload as EventEnvelope<'StoryPublished'>['payload'];
  const body = { id: event.id, type: event.type, occurredAt: event.occurredAt, story };
  await manager.query(
    `INSERT INTO webhook_deliveries (channel_id, event_id, event_type, story_id, payload)
     SELECT w.channel_id, $1, $2, $3, $4 FROM channel_webhooks w JOIN news_channels c ON c.id = w.channel_id AND c.revoked_at IS NULL
     ON CONFLICT (channel_id, event_id) DO NOTHING`,
    [event.id, event.type, event.payload.storyId, JSON.stringify(body)],
  );
}

export interface WebhookSender {
  /** Extra certificate authorities trusted for endpoints (a private CA; tests), beside the system's. */
  ca: Buffer | undefined;
  retryBaseSeconds: number;
  timeoutMs: number;
}

export function webhookSender(env: NodeJS.ProcessEnv = process.env): WebhookSender {
  return {
    ca: env.WEBHOOK_CA_FILE ? readFileSync(env.WEBHOOK_CA_FILE) : undefined,
    retryBaseSeconds: Number(env.WEBHOOK_RETRY_BASE_SECONDS ?? 30),
    timeoutMs: 10_000,
  };
}

/** POSTs one delivery; the answer's status, or the reason none came. */
function post(sender: WebhookSender, url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      timeout: sender.timeoutMs,
      ...(sender.ca ? { ca: sender.ca } : {}),
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${sender.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

interface DueDelivery {
  id: string;
  attempts: number;
  eventType: string;
  payload: unknown;
  url: string;
  secret: string;
}

/**
 * Sends the deliveries due, each claimed by one replica (FOR UPDATE SKIP LOCKED) and marked in the claim's
 * transaction: a 2xx answer delivers it; anything else is retried with a doubling wait, and shown as FAILED after
 * MAX_WEBHOOK_ATTEMPTS. The delivery's id travels in `x-thidua-delivery`: an endpoint that saw it already (its answer
 * was lost) ignores it, which makes the rare second POST harmless.
 */
export async function sendDueWebhooks(db: DataSource, sender: WebhookSender, logger: Logger): Promise<number> {
  return db.transaction(async (manager) => {
    const due = await queryRows<DueDelivery>(manager,
      `SELECT d.id, d.attempts, d.event_type AS "eventType", d.payload, w.url, w.secret
         FROM webhook_deliveries d JOIN channel_webhooks w ON w.channel_id = d.channel_id
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at LIMIT 10
        FOR UPDATE OF d SKIP LOCKED`);
    let delivered = 0;
    for (const delivery of due) {
      const body = JSON.stringify(delivery.payload);
      let status: number | null = null;
      let error: string | null = null;
      try {
        status = await post(sender, delivery.url, body, {
          [SIGNATURE_HEADER]: signature(delivery.secret, Math.floor(Date.now() / 1000), body),
          'x-thidua-event': delivery.eventType,
          'x-thidua-delivery': delivery.id,
        });
        if (status < 200 || status > 299) error = `HTTP ${status}`;
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
      }
      const attempts = delivery.attempts + 1;
      if (!error) {
        delivered += 1;
        await manager.query(`UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = $2, last_status = $3, last_error = NULL, delivered_at = now() WHERE id = $1`, [delivery.id, attempts, status]);
        continue;
      }
      logger.warn({ deliveryId: delivery.id, attempts, err: error }, 'webhook not accepted; tried again later');
      await manager.query(
        `UPDATE webhook_deliveries SET attempts = $2::int, last_status = $3::int, last_error = $4, status = CASE WHEN $2::int >= $5::int THEN 'FAILED' ELSE 'PENDING' END,
                next_attempt_at = now() + make_interval(secs => $6::double precision) WHERE id = $1`,
        [delivery.id, attempts, status, error.slice(0, 1000), MAX_WEBHOOK_ATTEMPTS, retryDelaySeconds(attempts, sender.retryBaseSeconds)],
      );
    }
    return delivered;
  });
}
