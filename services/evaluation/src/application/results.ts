import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  isOfficerOver,
  pageSize,
  parseId,
  requireAuthenticated,
  toConnection,
  type CriteriaVariant,
  type PageRequest,
  type PublishedEntryV1,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { appealDeadline, rank } from '../domain/ranking';
import type { EvaluationRoundRow } from '../entities';
import type { EvaluationContext } from './context';
import { criterionById } from './reviews';
import { participantFacts, publishedSets, scoreOf, setPoints } from './scores';
import { organisedRound } from './sets';

/** A line of a publication: public fields plus what group rankings filter on. */
export interface PublishedEntry extends PublishedEntryV1 {
  unitName: string;
  provinceCode: string | null;
  sectorUnitId: string | null;
  organisationType: string | null;
  occupationCode: string | null;
  criteriaFullyMet: number;
  breakdown: { criterion: string; weight: number; points: number }[];
}

export interface Publication {
  id: string;
  campaignId: string;
  version: number;
  publishedAt: Date;
  appealDeadline: Date;
  entries: PublishedEntry[];
}

const EVENT_ENTRY_LIMIT = 500;

/** Scores every participant with the set that applies to them and ranks them (tie-break: domain/ranking.ts). */
async function currentResults(manager: EntityManager, campaignId: string): Promise<PublishedEntry[]> {
  const [participants, sets] = await Promise.all([participantFacts(manager, { campaignId }), publishedSets(manager, campaignId)]);
  const scored: Omit<PublishedEntry, 'rank'>[] = [];
  for (const facts of participants) {
    const score = await scoreOf(manager, facts, sets);
    if (!score.variant) continue;
    scored.push({
      enrollmentId: facts.enrollmentId,
      memberId: facts.memberId,
      unitId: facts.unitId,
      unitPath: facts.unitPath,
      name: facts.memberName ?? facts.unitName ?? 'Chưa rõ tên',
      unitName: facts.unitName ?? '',
      total: score.total,
      criteriaSetVersion: score.criteriaSetVersion!,
      variant: score.variant as CriteriaVariant,
      isDirectProductionWorker: facts.isDirectProductionWorker ?? false,
      holdsLeadershipPost: facts.holdsLeadershipPost,
      provinceCode: facts.provinceCode,
      sectorUnitId: facts.sectorUnitId,
      organisationType: facts.organisationType,
      occupationCode: facts.occupationCode,
      criteriaFullyMet: score.breakdown.filter((b) => b.points === 100).length,
      breakdown: score.breakdown.map((b) => ({ criterion: b.criterion.name, weight: b.criterion.weight, points: b.points ?? 0 })),
    });
  }
  return rank(scored);
}

async function publish(ctx: EvaluationContext, manager: EntityManager, round: EvaluationRoundRow, reason: string) {
  const entries = await currentResults(manager, round.campaignId);
  if (entries.length === 0) throw new ConflictError('Nothing to publish yet: no participant has a score under a published criteria set');
  const [numbers] = (await manager.query(
    `SELECT (SELECT coalesce(max(version), 0) + 1 FROM publications WHERE campaign_id = $1) AS next,
            (SELECT coalesce(max(appeal_window_days), 10) FROM criteria_sets WHERE campaign_id = $1 AND status = 'PUBLISHED') AS "windowDays"`,
    [round.campaignId],
  )) as { next: number; windowDays: number }[];
  const { next, windowDays } = numbers!;
  const publishedAt = new Date();
  const deadline = appealDeadline(publishedAt, windowDays);
  await manager.query(
    `INSERT INTO publications (campaign_id, version, published_by, published_at, appeal_deadline, reason, entries) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [round.campaignId, next, ctx.identity.subject, publishedAt, deadline, reason, JSON.stringify(entries)],
  );
  await manager.query(`UPDATE evaluation_rounds SET status = 'PUBLISHED' WHERE id = $1`, [round.id]);
  return { version: next, publishedAt, deadline, entries };
}

async function emitPublished(
  emit: Parameters<Parameters<EvaluationContext['transaction']>[0]>[0]['emit'],
  round: EvaluationRoundRow,
  published: Awaited<ReturnType<typeof publish>>,
  reason: string,
): Promise<void> {
  await emit({
    type: 'ResultsPublished',
    aggregateId: round.campaignId,
    unitPath: round.launchingUnitPath,
    payload: {
      campaignId: round.campaignId,
      title: round.title,
      launchingUnitPath: round.launchingUnitPath,
      version: published.version,
      publishedAt: published.publishedAt.toISOString(),
      appealDeadline: published.deadline.toISOString(),
      reason,
      truncated: published.entries.length > EVENT_ENTRY_LIMIT,
      entries: published.entries.slice(0, EVENT_ENTRY_LIMIT).map(
        ({ enrollmentId, rank: position, memberId, unitId, unitPath, name, total, criteriaSetVersion, variant, isDirectProductionWorker, holdsLeadershipPost }) => ({
          enrollmentId,
          rank: position,
          memberId,
          unitId,
          unitPath,
          name,
          total,
          criteriaSetVersion,
          variant,
          isDirectProductionWorker,
          holdsLeadershipPost,
        }),
      ),
    },
  });
}

/** Results become public at once; the appeal window opens. Organisers only. */
export async function publishResults(ctx: EvaluationContext, campaignId: string) {
  const round = await organisedRound(ctx, campaignId);
  await ctx.transaction(async ({ manager, emit }) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`publish:${round.campaignId}`]);
    const published = await publish(ctx, manager, round, 'results published');
    await emitPublished(emit, round, published, 'results published');
  });
  return rankings(ctx, round.campaignId, 'CAMPAIGN', null, {});
}

export async function latestPublication(manager: EntityManager, campaignId: string): Promise<Publication | null> {
  const [row] = (await manager.query(
    `SELECT id, campaign_id AS "campaignId", version, published_at AS "publishedAt", appeal_deadline AS "appealDeadline", entries
       FROM publications WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1`,
    [campaignId],
  )) as Publication[];
  return row ?? null;
}

export type RankingDimension = 'CAMPAIGN' | 'PROVINCE' | 'SECTOR' | 'ORGANISATION_TYPE' | 'OCCUPATION';

const DIMENSION_FIELD: Record<Exclude<RankingDimension, 'CAMPAIGN'>, keyof PublishedEntry> = {
  PROVINCE: 'provinceCode',
  SECTOR: 'sectorUnitId',
  ORGANISATION_TYPE: 'organisationType',
  OCCUPATION: 'occupationCode',
};

/** Published rankings, public: name, unit, score and breakdown only. Group rankings re-rank within the group. */
export async function rankings(ctx: EvaluationContext, campaignId: string, by: RankingDimension, key: string | null, page: PageRequest) {
  const publication = await latestPublication(ctx.db.manager, campaignId);
  const limit = pageSize(page.first);
  if (!publication) return { publicationVersion: null, publishedAt: null, appealDeadline: null, ...toConnection([], limit, () => []) };
  let entries = publication.entries;
  if (by !== 'CAMPAIGN') {
    if (!key) throw ValidationError.single('key', `ranking by ${by} needs a key`);
    const field = DIMENSION_FIELD[by];
    entries = rank(entries.filter((e) => String(e[field]) === key));
  }
  const offset = Number(decodeCursor(page.after)?.[0] ?? 0);
  const slice = entries.slice(offset, offset + limit + 1).map((e, i) => ({
    position: offset + i + 1,
    node: { rank: e.rank, name: e.name, unitName: e.unitName, score: e.total, breakdown: e.breakdown },
  }));
  const connection = toConnection(slice, limit, (row) => [row.position]);
  return {
    publicationVersion: publication.version,
    publishedAt: publication.publishedAt,
    appealDeadline: publication.appealDeadline,
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })),
    pageInfo: connection.pageInfo,
  };
}

export interface AppealRow {
  id: string;
  campaignId: string;
  enrollmentId: string;
  reason: string;
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED';
  filedAt: Date;
  resolution: string | null;
  resolvedAt: Date | null;
}

const APPEAL_SELECT = `SELECT id, campaign_id AS "campaignId", enrollment_id AS "enrollmentId", reason, status, filed_at AS "filedAt",
  resolution, resolved_at AS "resolvedAt" FROM appeals`;

/** A participant (or an officer over their unit) appeals within the window of the latest publication. */
export async function fileAppeal(ctx: EvaluationContext, campaignId: string, enrollmentId: string, reason: string): Promise<AppealRow> {
  requireAuthenticated(ctx.identity);
  const [facts] = await participantFacts(ctx.db.manager, { enrollmentId: parseId('enrollmentId', enrollmentId) });
  if (!facts || facts.campaignId !== parseId('campaignId', campaignId)) throw new NotFoundError('Participant', enrollmentId);
  const own = facts.memberId !== null && ctx.identity.memberId === facts.memberId;
  if (!own && !isOfficerOver(ctx.identity, facts.unitPath)) {
    throw new ForbiddenError('Only the participant, or an officer over their unit, appeals');
  }
  if (reason.trim().length < 10) throw ValidationError.single('reason', 'say what is wrong with the result (at least 10 characters)');
  return ctx.transaction(async ({ manager }) => {
    const publication = await latestPublication(manager, facts.campaignId);
    if (!publication) throw new ConflictError('Results are not published yet: there is nothing to appeal');
    if (new Date() > new Date(publication.appealDeadline)) {
      throw new ConflictError(`The appeal window closed on ${new Date(publication.appealDeadline).toISOString()}`, { rule: 'appeal-window' });
    }
    const [open] = (await manager.query(`SELECT id FROM appeals WHERE enrollment_id = $1 AND status = 'OPEN'`, [facts.enrollmentId])) as { id: string }[];
    if (open) throw new ConflictError('An appeal of this result is already open', { appealId: open.id });
    const [row] = (await manager.query(
      `INSERT INTO appeals (campaign_id, enrollment_id, reason, status, filed_by) VALUES ($1, $2, $3, 'OPEN', $4) RETURNING id`,
      [facts.campaignId, facts.enrollmentId, reason.trim().normalize('NFC'), ctx.identity.subject],
    )) as { id: string }[];
    return (await manager.query(`${APPEAL_SELECT} WHERE id = $1`, [row!.id]))[0] as AppealRow;
  });
}

/**
 * Organisers resolve an appeal. Accepting applies the score corrections (each recorded in the audit trail with
 * the appeal as its reason), then republishes: a new publication version, earlier ones kept.
 */
export async function resolveAppeal(
  ctx: EvaluationContext,
  id: string,
  accept: boolean,
  resolution: string,
  corrections: { criterionId: string; points: number }[],
): Promise<AppealRow> {
  return ctx.transaction(async ({ manager, emit }) => {
    const [appeal] = (await manager.query(`${APPEAL_SELECT} WHERE id = $1 FOR UPDATE`, [parseId('id', id)])) as AppealRow[];
    if (!appeal) throw new NotFoundError('Appeal', id);
    const round = await organisedRound(ctx, appeal.campaignId);
    if (appeal.status !== 'OPEN') throw new ConflictError(`This appeal is already ${appeal.status}`);
    const problems = [];
    if (resolution.trim().length < 10) problems.push({ field: 'resolution', message: 'explain the decision (at least 10 characters)' });
    if (accept && corrections.length === 0) problems.push({ field: 'corrections', message: 'an accepted appeal corrects at least one score' });
    corrections.forEach((c, i) => {
      if (!(c.points >= 0 && c.points <= 100)) problems.push({ field: `corrections.${i}.points`, message: 'points are between 0 and 100' });
    });
    if (problems.length > 0) throw new ValidationError(problems);
    let republishedVersion: number | null = null;
    if (accept) {
      const reason = `appeal ${appeal.id}: ${resolution.trim()}`;
      for (const correction of corrections) {
        const criterion = await criterionById(manager, parseId('criterionId', correction.criterionId));
        await setPoints(manager, appeal.enrollmentId, criterion, correction.points, ctx.identity.subject, reason);
      }
      const published = await publish(ctx, manager, round, reason);
      await emitPublished(emit, round, published, reason);
      republishedVersion = published.version;
    }
    await manager.query(`UPDATE appeals SET status = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [
      appeal.id,
      accept ? 'ACCEPTED' : 'REJECTED',
      resolution.trim(),
      ctx.identity.subject,
    ]);
    await emit({
      type: 'AppealResolved',
      aggregateId: appeal.id,
      unitPath: round.launchingUnitPath,
      payload: { appealId: appeal.id, campaignId: appeal.campaignId, enrollmentId: appeal.enrollmentId, accepted: accept, resolution: resolution.trim(), republishedVersion },
    });
    return (await manager.query(`${APPEAL_SELECT} WHERE id = $1`, [appeal.id]))[0] as AppealRow;
  });
}

export async function appealsOf(ctx: EvaluationContext, campaignId: string): Promise<AppealRow[]> {
  await organisedRound(ctx, campaignId);
  return ctx.db.query(`${APPEAL_SELECT} WHERE campaign_id = $1 ORDER BY filed_at`, [campaignId]);
}
