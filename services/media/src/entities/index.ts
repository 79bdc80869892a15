import { EntitySchema } from 'typeorm';
import type { StoryKind, StoryStatus } from '../domain/stories';

export interface StoryRow {
  id: string;
  kind: StoryKind;
  status: StoryStatus;
  title: string;
  summary: string | null;
  campaignId: string | null;
  unitPath: string;
  /** The event that made this candidate, so a redelivered event cannot make a second one. */
  sourceEventId: string | null;
  createdAt: Date;
  publishedAt: Date | null;
}

export const StoryEntity = new EntitySchema<StoryRow>({
  name: 'Story',
  tableName: 'stories',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    kind: { type: 'text' },
    status: { type: 'text' },
    title: { type: 'text' },
    summary: { type: 'text', nullable: true },
    campaignId: { name: 'campaign_id', type: 'uuid', nullable: true },
    unitPath: { name: 'unit_path', type: 'text' },
    sourceEventId: { name: 'source_event_id', type: 'uuid', nullable: true, unique: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    publishedAt: { name: 'published_at', type: 'timestamptz', nullable: true },
  },
});

export const entities = [StoryEntity];
