import type { EventEnvelope, HandlerScope } from '@thidua/common';
import { renderBody } from '../domain/content';
import type { CandidateContent } from '../domain/stories';
import { record, refreshSearch } from './stories';

/** Where a candidate belongs and what it is about, as the event that makes it tells. */
export interface CandidateFacts {
  campaignId: string | null;
  unitPath: string;
  provinceCode?: string | null;
  occupationCode?: string | null;
  subjectIsDirectWorker?: boolean | null;
  rewardDecision?: unknown;
  subject?: { memberId: string | null; unitId: string } | null;
}

/** Every candidate remembers the event that made it, so a redelivered event cannot make a second one. */
export async function addCandidate(event: EventEnvelope, { manager }: HandlerScope, content: CandidateContent, facts: CandidateFacts): Promise<void> {
  const bodyHtml = renderBody('MARKDOWN', content.summary);
  const [row] = (await manager.query(
    `INSERT INTO stories (kind, status, title, summary, body_format, body_source, body_html, campaign_id, unit_path, province_code, occupation_code,
                          subject_is_direct_worker, reward_decision, source_event_id, created_by)
     VALUES ($1, 'CANDIDATE', $2, $3, 'MARKDOWN', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'system')
     ON CONFLICT (source_event_id) DO NOTHING RETURNING id`,
    [content.kind, content.title, content.summary, bodyHtml, facts.campaignId, facts.unitPath, facts.provinceCode ?? null, facts.occupationCode ?? null,
      facts.subjectIsDirectWorker ?? null, facts.rewardDecision ? JSON.stringify(facts.rewardDecision) : null, event.id],
  )) as { id: string }[];
  if (!row) return;
  if (facts.subject) {
    await manager.query(`INSERT INTO story_subjects (story_id, member_id, unit_id) VALUES ($1, $2, $3)`, [
      row.id,
      facts.subject.memberId,
      facts.subject.memberId ? null : facts.subject.unitId,
    ]);
  }
  await refreshSearch(manager, { id: row.id, title: content.title, summary: content.summary, tags: [], bodyHtml });
  await record(manager, row.id, null, 'CANDIDATE', `EVENT ${event.type}`, 'system', event.id);
}
