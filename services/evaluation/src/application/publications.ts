import { ConflictError, NotFoundError, ValidationError, decodePosition, pageSize, parseId, queryRow, queryRows, toConnection, type PageRequest, type TransactionScope } from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { appealDeadline, groupPlaces } from '../domain/ranking';
import { acceptsPublication } from '../domain/rounds';
import { GROUPS, PUBLICATION_HEADER, type EvaluationRoundRow, type Publication, type PublicationCause, type PublishedEntry, type RankingDimension } from '../entities';
import type { EvaluationContext } from './context';
import { currentResults } from './results';
import { lockRound, organisedRound } from './rounds';

/** At most this many lines travel in a ResultsPublished event; the publication keeps them all. */
const EVENT_ENTRY_LIMIT = 500;

/** Writes a new version of a campaign's results (the latest from now on), with the appeal window it opens. */
export async function publish(ctx: EvaluationContext, manager: EntityManager, round: EvaluationRoundRow, cause: PublicationCause, reason: string) {
  const entries = await currentResults(manager, round.campaignId);
  if (entries.length === 0) throw new ConflictError('Chưa có kết quả để công bố: chưa tập thể, đoàn viên nào có điểm theo một bộ tiêu chí đã ban hành.', { rule: 'nothing-to-publish' });
  const [numbers] = await queryRows<{ next: number; windowDays: number }>(manager,
    `SELECT (SELECT coalesce(max(version), 0) + 1 FROM publications WHERE campaign_id = $1) AS next,
            (SELECT coalesce(max(appeal_window_days), 10) FROM criteria_sets WHERE campaign_id = $1 AND status = 'PUBLISHED') AS "windowDays"`,
    [round.campaignId],
  );
  const { next, windowDays } = numbers!;
  const publishedAt = new Date();
  const deadline = appealDeadline(publishedAt, windowDays);
  await manager.query(`UPDATE publications SET latest = false WHERE campaign_id = $1 AND latest`, [round.campaignId]);
  const [publication] = await queryRows<{ id: string }>(manager,
    `INSERT INTO publications (campaign_id, version, published_by, published_at, appeal_deadline, reason, cause, latest) VALUES ($1, $2, $3, $4, $5, $6, $7, true) RETURNING id`,
    [round.campaignId, next, ctx.identity.subject, publishedAt, deadline, reason, cause],
  );
  await insertEntries(manager, publication!.id, entries);
  // a closed campaign's round stays CLOSING when an accepted appeal republishes
  await manager.query(`UPDATE evaluation_rounds SET status = 'PUBLISHED' WHERE id = $1 AND status = 'OPEN'`, [round.id]);
  return { version: next, publishedAt, deadline, entries };
}

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

export async function emitPublished(
  emit: TransactionScope['emit'],
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

/** Results become public at once; the appeal window opens. Organisers only, while the campaign runs. */
export async function publishResults(ctx: EvaluationContext, campaignId: string) {
  const round = await organisedRound(ctx, campaignId);
  await ctx.transaction(async ({ manager, emit }) => {
    const locked = (await lockRound(manager, round.campaignId))!;
    if (!acceptsPublication(locked.status)) {
      throw new ConflictError(
        `Phong trào «${round.title}» đã kết thúc: không công bố thêm kết quả. Kết quả đã công bố được giữ nguyên; khiếu nại đang mở vẫn được giải quyết.`,
        { rule: 'campaign-closed', status: locked.status },
      );
    }
    const published = await publish(ctx, manager, locked, 'RESULTS', 'results published');
    await emitPublished(emit, round, published, 'results published');
  });
  ctx.loaders.rankingPage.clearAll();
  return rankings(ctx, round.campaignId, 'CAMPAIGN', null, {});
}

export function latestPublication(manager: EntityManager, campaignId: string): Promise<Publication | null> {
  return queryRow<Publication>(manager, `SELECT ${PUBLICATION_HEADER} FROM publications p WHERE p.campaign_id = $1 AND p.latest`, [campaignId]);
}

/**
 * Published rankings, public: name, unit, score and breakdown only. Group rankings re-rank within the group. The
 * latest publication unless `version` names an earlier one: every version stays readable, as published.
 */
export async function rankings(ctx: EvaluationContext, campaignId: string, by: RankingDimension, key: string | null, page: PageRequest, version: number | null = null) {
  const limit = pageSize(page.first);
  if (by !== 'CAMPAIGN' && !key) throw ValidationError.single('key', `xếp hạng theo ${by} cần chọn nhóm (key)`);
  if (version !== null && !(Number.isInteger(version) && version >= 1)) throw ValidationError.single('version', `Lần công bố là số nguyên từ 1 trở lên (đã nhận ${version}).`);
  const groupKey = by !== 'CAMPAIGN' && GROUPS[by].keyType === 'uuid' ? parseId('key', key!) : key;
  const after = decodePosition(page.after);
  const { publication, lines } = await ctx.loaders.rankingPage.load({ campaignId, by, key: groupKey, after, limit, version });
  if (!publication && version !== null) {
    const round = await ctx.loaders.roundByCampaign.load(campaignId);
    throw new NotFoundError('Publication', `${campaignId}@${version}`, `Phong trào ${round ? `«${round.title}»` : 'này'} chưa có lần công bố thứ ${version}.`);
  }
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
