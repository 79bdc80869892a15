import { queryRows, type EventEnvelope, type HandlerScope, type Queryable } from '@thidua/common';
import { suspensionFailure } from '../domain/suspension';
import type { NominationRow, PendingCasesRow } from '../entities';
import type { RuleFailure } from '../domain/rules';

/** ProceedingsChanged → the subject's open cases (the list is the whole truth, so the last event wins). */
export async function recordProceedings({ manager }: HandlerScope, event: EventEnvelope<'ProceedingsChanged'>): Promise<void> {
  const { memberId, unitId, pending } = event.payload;
  const subjectId = memberId ?? unitId;
  if (pending.length === 0) {
    await manager.query(`DELETE FROM pending_proceeding_refs WHERE subject_id = $1`, [subjectId]);
    return;
  }
  const since = pending.map((c) => c.openedOn).sort()[0]!;
  await manager.query(
    `INSERT INTO pending_proceeding_refs (subject_id, member_id, unit_id, kinds, since) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (subject_id) DO UPDATE SET kinds = EXCLUDED.kinds, since = EXCLUDED.since, unit_id = EXCLUDED.unit_id`,
    [subjectId, memberId, unitId, pending.map((c) => c.kind), since],
  );
}

/** Open cases of members or units (by member id, or unit id for a collective); one query for all of them. */
export function pendingCasesOf(db: Queryable, subjectIds: readonly string[]): Promise<PendingCasesRow[]> {
  return queryRows<PendingCasesRow>(db, `SELECT subject_id AS "subjectId", kinds, since::text AS since FROM pending_proceeding_refs WHERE subject_id = ANY($1::uuid[])`, [[...subjectIds]]);
}

/** Why this nomination cannot be decided now (its subject has an open case), or null. */
export async function nominationSuspension(db: Queryable, nomination: Pick<NominationRow, 'memberId' | 'unitId' | 'subjectName'>): Promise<RuleFailure | null> {
  const [cases] = await pendingCasesOf(db, [nomination.memberId ?? nomination.unitId]);
  return suspensionFailure(cases ?? null, nomination.subjectName);
}

/** A suspension as the API shows it (NominationSuspension): the open cases' kinds and first day, and the rule's refusal. */
export interface SuspensionView {
  kinds: string[];
  since: string;
  message: string;
  rule: string;
  source: string;
}

/** The suspension of a nomination still to be decided, from its subject's open cases (by member id, or unit id). */
export function suspensionView(cases: PendingCasesRow | null, nomination: Pick<NominationRow, 'status' | 'subjectName'>): SuspensionView | null {
  if (nomination.status === 'GRANTED' || nomination.status === 'REFUSED') return null;
  const failure = suspensionFailure(cases, nomination.subjectName);
  return failure && cases ? { kinds: cases.kinds, since: cases.since, message: failure.message, rule: failure.rule, source: failure.source ?? '' } : null;
}
