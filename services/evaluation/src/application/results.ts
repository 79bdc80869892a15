import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodePosition,
  isOfficerOver,
  pageSize,
  parseId,
  requireAuthenticated,
  toConnection,
  type CriteriaVariant,
  type PageRequest,
  type PublishedEntryV1,
} from '@thidua/common';
import type { DataSource, EntityManager } from 'typeorm';
import { appealDeadline, groupPlaces, rank } from '../domain/ranking';
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

/** A publication's header; its lines are rows of publication_entries. */
export interface Publication {
  id: string;
  campaignId: string;
  version: number;
  publishedAt: Date;
  appealDeadline: Date;
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
  await manager.query(`UPDATE publications SET latest = false WHERE campaign_id = $1 AND latest`, [round.campaignId]);
  const [publication] = (await manager.query(
    `INSERT INTO publications (campaign_id, version, published_by, published_at, appeal_deadline, reason, latest) VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING id`,
    [round.campaignId, next, ctx.identity.subject, publishedAt, deadline, reason],
  )) as { id: string }[];
  await insertEntries(manager, publication!.id, entries);
  await manager.query(`UPDATE evaluation_rounds SET status = 'PUBLISHED' WHERE id = $1`, [round.id]);
  return { version: next, publishedAt, deadline, entries };
}

/** Group rankings a publication answers directly: the entry field that keys the group, and its columns. */
const GROUPS = {
  PROVINCE: { field: 'provinceCode', key: 'province_code', keyType: 'text', position: 'province_position', rank: 'province_rank' },
  SECTOR: { field: 'sectorUnitId', key: 'sector_unit_id', keyType: 'uuid', position: 'sector_position', rank: 'sector_rank' },
  ORGANISATION_TYPE: { field: 'organisationType', key: 'organisation_type', keyType: 'text', position: 'organisation_type_position', rank: 'organisation_type_rank' },
  OCCUPATION: { field: 'occupationCode', key: 'occupation_code', keyType: 'text', position: 'occupation_position', rank: 'occupation_rank' },
} as const satisfies Record<string, { field: keyof PublishedEntry; key: string; keyType: 'text' | 'uuid'; position: string; rank: string }>;

export type RankingDimension = 'CAMPAIGN' | keyof typeof GROUPS;

/** Lines per INSERT: one JSON parameter each, well under PostgreSQL's limits at any campaign size. */
const ENTRY_CHUNK = 5000;

async function insertEntries(manager: EntityManager, publicationId: string, entries: PublishedEntry[]): Promise<void> {
  const groups = Object.values(GROUPS).map((group) => ({ ...group, places: groupPlaces(entries, (e) => e[group.field]) }));
  for (let start = 0; start < entries.length; start += ENTRY_CHUNK) {
    const lines = entries.slice(start, start + ENTRY_CHUNK).map((e, i) => {
      const line: Record<string, unknown> = {
        publication_id: publicationId, position: start + i + 1, rank: e.rank, enrollment_id: e.enrollmentId, member_id: e.memberId, unit_id: e.unitId,
        unit_path: e.unitPath, name: e.name, unit_name: e.unitName, total: e.total, criteria_set_version: e.criteriaSetVersion, variant: e.variant,
        is_direct_production_worker: e.isDirectProductionWorker, holds_leadership_post: e.holdsLeadershipPost, criteria_fully_met: e.criteriaFullyMet, breakdown: e.breakdown,
      };
      for (const group of groups) {
        line[group.key] = e[group.field];
        line[group.position] = group.places[start + i]?.position ?? null;
        line[group.rank] = group.places[start + i]?.rank ?? null;
      }
      return line;
    });
    await manager.query(`INSERT INTO publication_entries SELECT * FROM jsonb_populate_recordset(NULL::publication_entries, $1::jsonb)`, [JSON.stringify(lines)]);
  }
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
  ctx.loaders.rankingPage.clearAll();
  return rankings(ctx, round.campaignId, 'CAMPAIGN', null, {});
}

/** A publication's header columns, as `Publication` names them (alias `p`). */
const PUBLICATION_HEADER = `p.id, p.campaign_id AS "campaignId", p.version, p.published_at AS "publishedAt", p.appeal_deadline AS "appealDeadline"`;

export async function latestPublication(manager: EntityManager, campaignId: string): Promise<Publication | null> {
  const [row] = (await manager.query(
    `SELECT ${PUBLICATION_HEADER} FROM publications p WHERE p.campaign_id = $1 AND p.latest`,
    [campaignId],
  )) as Publication[];
  return row ?? null;
}

/** One page of one campaign's ranking, as asked by a resolver. */
export interface RankingPageRequest {
  campaignId: string;
  by: RankingDimension;
  key: string | null;
  after: number;
  limit: number;
}

interface RankingLine {
  position: number;
  rank: number;
  name: string;
  unitName: string;
  score: number;
  breakdown: unknown;
}

export interface RankingPage {
  publication: Publication | null;
  lines: RankingLine[];
}

/**
 * Pages of several campaigns' rankings in one statement per shape (dimension, key, cursor, size): each campaign's
 * latest publication and, through its index, the lines after the cursor's position. Group rankings use the
 * positions and ranks stored at publication.
 */
export async function rankingPages(db: DataSource, requests: readonly RankingPageRequest[]): Promise<RankingPage[]> {
  const shapes = new Map<string, RankingPageRequest[]>();
  for (const request of requests) {
    const shape = JSON.stringify([request.by, request.key, request.after, request.limit]);
    shapes.set(shape, [...(shapes.get(shape) ?? []), request]);
  }
  const pages = new Map<RankingPageRequest, RankingPage>();
  for (const same of shapes.values()) {
    const { by, key, after, limit } = same[0]!;
    const group = by === 'CAMPAIGN' ? null : GROUPS[by];
    const position = group?.position ?? 'position';
    const rows = (await db.query(
      `SELECT ${PUBLICATION_HEADER}, e.line
         FROM publications p
         LEFT JOIN LATERAL (
           SELECT json_build_object('position', ${position}, 'rank', ${group?.rank ?? 'rank'}, 'name', name, 'unitName', unit_name, 'score', total, 'breakdown', breakdown) AS line
             FROM publication_entries
            WHERE publication_id = p.id ${group ? `AND ${group.key} = $4::${group.keyType}` : ''} AND ${position} > $2
            ORDER BY ${position} LIMIT $3) e ON true
        WHERE p.campaign_id = ANY($1::uuid[]) AND p.latest`,
      [same.map((r) => r.campaignId), after, limit + 1, ...(group ? [key] : [])],
    )) as (Publication & { line: RankingLine | null })[];
    for (const request of same) {
      const mine = rows.filter((row) => row.campaignId === request.campaignId);
      let publication: Publication | null = null;
      if (mine[0]) {
        const { line: _line, ...header } = mine[0];
        publication = header;
      }
      pages.set(request, { publication, lines: mine.flatMap((row) => (row.line ? [row.line] : [])).sort((a, b) => a.position - b.position) });
    }
  }
  return requests.map((request) => pages.get(request)!);
}

/** Published rankings, public: name, unit, score and breakdown only. Group rankings re-rank within the group. */
export async function rankings(ctx: EvaluationContext, campaignId: string, by: RankingDimension, key: string | null, page: PageRequest) {
  const limit = pageSize(page.first);
  if (by !== 'CAMPAIGN' && !key) throw ValidationError.single('key', `ranking by ${by} needs a key`);
  const groupKey = by !== 'CAMPAIGN' && GROUPS[by].keyType === 'uuid' ? parseId('key', key!) : key;
  const after = decodePosition(page.after);
  const { publication, lines } = await ctx.loaders.rankingPage.load({ campaignId, by, key: groupKey, after, limit });
  if (!publication) return { publicationVersion: null, publishedAt: null, appealDeadline: null, ...toConnection([], limit, () => []) };
  const connection = toConnection(lines, limit, (line) => [line.position]);
  return {
    publicationVersion: publication.version,
    publishedAt: publication.publishedAt,
    appealDeadline: publication.appealDeadline,
    edges: connection.edges.map(({ cursor, node: { position: _position, ...node } }) => ({ cursor, node })),
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
