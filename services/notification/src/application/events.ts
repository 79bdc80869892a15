import type { EntityManager } from 'typeorm';
import { queryRow, type EventEnvelope } from '@thidua/common';
import type { ChoosableKind } from '../domain/kinds';
import type { NotificationParams } from '../domain/texts';
import { deliver } from './deliver';
import { recordNominationDecided, recordProposalMove } from './references';

/** Whom an event's notification is for: members' own accounts, the officers of units, accounts by id, the national admins. */
interface Recipients {
  members?: string[];
  officersOf?: string[];
  accounts?: string[];
  nationalAdmins?: boolean;
}

/** The accounts of `Recipients` numbered from parameter $n, as a condition on `account_refs a` (false where none). */
function reaches(n: number): string {
  return `(coalesce(a.member_id = ANY ($${n}::uuid[]), false)
          OR (a.unit_id = ANY ($${n + 1}::uuid[]) AND 'UNIT_OFFICER' = ANY (a.roles))
          OR a.id = ANY ($${n + 2}::uuid[])
          OR ($${n + 3}::boolean AND 'NATIONAL_ADMIN' = ANY (a.roles)))`;
}

function recipientParams(to: Recipients): (string[] | boolean)[] {
  return [to.members ?? [], to.officersOf ?? [], to.accounts ?? [], to.nationalAdmins ?? false];
}

/**
 * One notification of `kind` per account reached (and not in `except`: they hear of it by another kind), keyed by
 * the occasion (a decision, an appeal, a story): the event redelivered notifies nobody twice.
 */
async function notify<K extends ChoosableKind>(
  manager: EntityManager,
  kind: K,
  occasion: string,
  params: NotificationParams[K],
  unitPath: string | null,
  to: Recipients,
  except: Recipients = {},
): Promise<void> {
  await deliver(
    manager,
    `WITH candidates AS (
       SELECT a.id AS account_id, $1::text AS kind, concat_ws(':', $1::text, $2::text, a.id) AS dedup_key, $3::jsonb AS params, $4::text AS unit_path
         FROM account_refs a
        WHERE a.enabled AND ${reaches(5)} AND NOT ${reaches(9)}
     )`,
    [kind, occasion, JSON.stringify(params), unitPath, ...recipientParams(to), ...recipientParams(except)],
  );
}

/** The person's own account, or for a collective its officers. */
function subjectRecipients(subject: { memberId: string | null; unitId: string }): Recipients {
  return subject.memberId ? { members: [subject.memberId] } : { officersOf: [subject.unitId] };
}

/** A reward granted: the person (or the collective's officers) is told, and the officer who nominated them. */
export async function rewardGranted(manager: EntityManager, event: EventEnvelope<'RewardGranted'>): Promise<void> {
  const p = event.payload;
  const nominatedBy = await recordNominationDecided(manager, p.nominationId);
  const subject = subjectRecipients(p.subject);
  await notify(manager, 'REWARD_GRANTED', p.decisionId, {
    decisionId: p.decisionId, decisionNumber: p.decisionNumber, decidedOn: p.decidedOn, formName: p.formName, subjectName: p.subject.name,
    collective: p.subject.memberId === null, amountVnd: p.amountVnd,
  }, p.subject.unitPath, subject);
  if (!nominatedBy || !p.nominationId) return;
  await notify(manager, 'NOMINATION_DECIDED', p.nominationId, {
    nominationId: p.nominationId, subjectName: p.subject.name, granted: true, decisionId: p.decisionId, decisionNumber: p.decisionNumber,
    formName: p.formName, reason: p.reason,
  }, p.subject.unitPath, { accounts: [nominatedBy] }, subject);
}

/** A nomination refused: the person (or the collective's officers) and the officer who nominated them read the reason. */
export async function rewardRefused(manager: EntityManager, event: EventEnvelope<'RewardRefused'>): Promise<void> {
  const p = event.payload;
  const nominatedBy = await recordNominationDecided(manager, p.nominationId);
  await notify(manager, 'NOMINATION_DECIDED', p.nominationId, {
    nominationId: p.nominationId, subjectName: p.subject.name, granted: false, decisionId: null, decisionNumber: null, formName: null, reason: p.reason, refusedBy: p.refusedBy ?? null,
  }, p.subject.unitPath, { ...subjectRecipients(p.subject), accounts: nominatedBy ? [nominatedBy] : [] });
}

/** An appeal decided: whoever the appealed enrolment is (the member's own account, or the unit's officers). */
export async function appealResolved(manager: EntityManager, event: EventEnvelope<'AppealResolved'>): Promise<void> {
  const p = event.payload;
  const enrolment = await queryRow<{ memberId: string | null; unitId: string; unitPath: string; title: string | null }>(manager,
    `SELECT e.member_id AS "memberId", e.unit_id AS "unitId", e.unit_path AS "unitPath", c.title
       FROM enrollment_refs e LEFT JOIN campaign_refs c ON c.id = e.campaign_id WHERE e.id = $1`, [p.enrollmentId]);
  if (!enrolment) return;
  await notify(manager, 'APPEAL_DECIDED', p.appealId, {
    appealId: p.appealId, campaignId: p.campaignId, campaignTitle: enrolment.title ?? '', accepted: p.accepted, resolution: p.resolution,
  }, enrolment.unitPath, subjectRecipients(enrolment));
}

/** A story published: the members it is about are told (an event written before it named them tells nobody). */
export async function storyPublished(manager: EntityManager, event: EventEnvelope<'StoryPublished'>): Promise<void> {
  const p = event.payload;
  if (!p.memberIds?.length) return;
  await notify(manager, 'STORY_ABOUT_ME_PUBLISHED', p.storyId, { storyId: p.storyId, title: p.title }, event.unitPath, { members: p.memberIds });
}

/**
 * A nomination closed without a decision: it is no longer chased; a returned one tells the officer who nominated,
 * with the council's reason, so the dossier is completed and nominated again.
 */
export async function nominationClosed(manager: EntityManager, event: EventEnvelope<'NominationClosed'>): Promise<void> {
  const p = event.payload;
  const nominatedBy = await recordNominationDecided(manager, p.nominationId);
  if (p.status !== 'RETURNED' || !nominatedBy) return;
  const council = await queryRow<{ name: string }>(manager, `SELECT name FROM unit_refs WHERE path = $1`, [p.grantingUnitPath]);
  await notify(manager, 'NOMINATION_RETURNED', p.nominationId, {
    nominationId: p.nominationId, subjectName: p.subject.name, grantingUnitName: council?.name ?? '', reason: p.reason,
  }, p.subject.unitPath, { accounts: [nominatedBy] });
}

/**
 * A proposal moved on its way to the deciding authority: where it is now is kept for the deadline scan; its council
 * has decided on the nomination (it is not chased at the council any more); a return tells the officers of the level
 * it came back to, with what to correct.
 */
export async function proposalMoved(manager: EntityManager, event: EventEnvelope<'RewardProposalMoved'>): Promise<void> {
  const p = event.payload;
  await recordProposalMove(manager, event);
  if (p.action === 'PROPOSED') await recordNominationDecided(manager, p.nominationId);
  if (p.action !== 'RETURNED' || p.toUnitPath === null) return;
  const units = await queryRow<{ to: string | null; toIsTop: boolean | null; fromName: string | null }>(manager,
    `SELECT (SELECT id::text FROM unit_refs WHERE path = $1) AS "to", (SELECT level = 'NATIONAL' FROM unit_refs WHERE path = $1) AS "toIsTop",
            (SELECT name FROM unit_refs WHERE path = $2) AS "fromName"`, [p.toUnitPath, p.fromUnitPath]);
  if (!units?.to) return;
  // the authority returns it to the level that sent it (from and to are that level), naming whose letter it was; a level above not known here is still a level
  const returnedBy = p.fromUnitPath === p.toUnitPath ? (p.answeredBy ?? null) : (units.fromName ?? 'Cấp trên');
  await notify(manager, 'PROPOSAL_RETURNED', `${p.proposalId}:${event.id}`, {
    proposalId: p.proposalId, subjectName: p.subject.name, formName: p.formName, returnedBy, note: p.note ?? '',
    passesDown: p.proposingUnitPath !== undefined && p.proposingUnitPath !== p.toUnitPath,
  // at the national level its national admins act on proposals too (as reward lets them)
  }, p.toUnitPath, { officersOf: [units.to], nationalAdmins: units.toIsTop === true });
}
