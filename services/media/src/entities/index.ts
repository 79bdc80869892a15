/**
 * Row shapes of the media tables (see migrations/). Media reads and writes them with plain SQL: the queries
 * (LATERAL pages, full-text search, jsonb section filters) are the part worth reading.
 */
import type { BodyFormat } from '../domain/content';
import type { SectionFilter, SectionOrder } from '../domain/sections';
import type { StoryKind, StoryStatus } from '../domain/stories';

export interface StoryRow {
  id: string;
  kind: StoryKind;
  status: StoryStatus;
  title: string;
  summary: string | null;
  bodyFormat: BodyFormat;
  bodySource: string;
  bodyHtml: string;
  tags: string[];
  provinceCode: string | null;
  occupationCode: string | null;
  subjectIsDirectWorker: boolean | null;
  language: string;
  campaignId: string | null;
  unitPath: string;
  rewardDecision: {
    decisionId?: string;
    decisionNumber: string;
    decidedOn: string;
    formName: string;
    amountVnd: number;
    /** Set by RewardRevoked: the decision was annulled or revoked. */
    revocation?: { kind: 'ANNULLED' | 'REVOKED'; number: string; revokedOn: string; reason: string; legalSource: string };
  } | null;
  retractionReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export interface AssetRow {
  id: string;
  storyId: string;
  kind: 'IMAGE' | 'DOCUMENT' | 'VIDEO';
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  altText: string | null;
}

export const ASSET_COLUMNS = `id, story_id AS "storyId", kind, file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", sha256,
  storage_key AS "storageKey", alt_text AS "altText"`;

/** A member or unit a story is about. */
export interface StorySubjectRow {
  storyId: string;
  memberId: string | null;
  unitId: string | null;
  /** The member's name from the read model of members (null until MemberUpserted has reached media). */
  memberName: string | null;
}

/** A section (chuyên trang, chuyên mục): a filter over published stories plus an order. */
export interface SectionRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  filter: SectionFilter;
  sortOrder: SectionOrder;
}

export const SECTION_COLUMNS = `id, slug, name, description, filter, sort_order AS "sortOrder"`;

export const SECTION_SELECT = `SELECT ${SECTION_COLUMNS} FROM sections`;

/** A news channel (API key holder); the key itself is never stored. */
export interface NewsChannelRow {
  id: string;
  name: string;
  contactEmail: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const CHANNEL_COLUMNS = `id, name, contact_email AS "contactEmail", created_at AS "createdAt", revoked_at AS "revokedAt"`;

export const CHANNEL_SELECT = `SELECT ${CHANNEL_COLUMNS} FROM news_channels`;

/** A news channel's webhook (the secret is never read back: it was shown once). */
export interface WebhookRow {
  channelId: string;
  url: string;
  createdAt: Date;
}

export const WEBHOOK_SELECT = `SELECT channel_id AS "channelId", url, created_at AS "createdAt" FROM channel_webhooks`;

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One event for one channel's endpoint, with its attempts. */
export interface WebhookDeliveryRow {
  id: string;
  channelId: string;
  eventId: string;
  eventType: string;
  storyId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const DELIVERY_COLUMNS = `id, channel_id AS "channelId", event_id AS "eventId", event_type AS "eventType", story_id AS "storyId", status, attempts,
  last_status AS "lastStatus", last_error AS "lastError", delivered_at AS "deliveredAt", created_at AS "createdAt"`;

/** Stories (alias `s`), as StoryRow names their columns. */
export const STORY_COLUMNS = `s.id, s.kind, s.status, s.title, s.summary, s.body_format AS "bodyFormat", s.body_source AS "bodySource",
  s.body_html AS "bodyHtml", s.tags, s.province_code AS "provinceCode", s.occupation_code AS "occupationCode",
  s.subject_is_direct_worker AS "subjectIsDirectWorker", s.language, s.campaign_id AS "campaignId", s.unit_path AS "unitPath",
  s.reward_decision AS "rewardDecision", s.retraction_reason AS "retractionReason", s.created_by AS "createdBy",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.published_at AS "publishedAt"`;

export const STORY_SELECT = `SELECT ${STORY_COLUMNS} FROM stories s`;
