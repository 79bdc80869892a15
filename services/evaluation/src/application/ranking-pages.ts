import type { DataSource } from 'typeorm';
import { queryRows } from '@thidua/common';
import { GROUPS, PUBLICATION_HEADER, type Publication, type RankingDimension, type RankingLine } from '../entities';

/** One page of one campaign's ranking, as asked by a resolver. */
export interface RankingPageRequest {
  campaignId: string;
  by: RankingDimension;
  key: string | null;
  after: number;
  limit: number;
  /** A version of the publication; the latest when null. */
  version: number | null;
}

export interface RankingPage {
  publication: Publication | null;
  lines: RankingLine[];
}

/**
 * Pages of several campaigns' rankings in one statement per shape (dimension, key, cursor, size, version): each
 * campaign's latest publication (or the version asked) and, through its index, the lines after the cursor's
 * position. Group rankings use the positions and ranks stored at publication.
 */
export async function rankingPages(db: DataSource, requests: readonly RankingPageRequest[]): Promise<RankingPage[]> {
  const shapes = new Map<string, RankingPageRequest[]>();
  for (const request of requests) {
    const shape = JSON.stringify([request.by, request.key, request.after, request.limit, request.version]);
    shapes.set(shape, [...(shapes.get(shape) ?? []), request]);
  }
  const pages = new Map<RankingPageRequest, RankingPage>();
  for (const same of shapes.values()) {
    const { by, key, after, limit, version } = same[0]!;
    const group = by === 'CAMPAIGN' ? null : GROUPS[by];
    const position = group?.position ?? 'position';
    const rows = await queryRows<Publication & { line: RankingLine | null }>(db,
      `SELECT ${PUBLICATION_HEADER}, e.line
         FROM publications p
         LEFT JOIN LATERAL (
           SELECT json_build_object('position', ${position}, 'rank', ${group?.rank ?? 'rank'}, 'name', name, 'unitName', unit_name, 'score', total, 'breakdown', breakdown) AS line
             FROM publication_entries
            WHERE publication_id = p.id ${group ? `AND ${group.key} = $4::${group.keyType}` : ''} AND ${position} > $2
            ORDER BY ${position} LIMIT $3) e ON true
        WHERE p.campaign_id = ANY($1::uuid[]) AND ${version === null ? 'p.latest' : `p.version = ${group ? '$5' : '$4'}::int`}`,
      [same.map((r) => r.campaignId), after, limit + 1, ...(group ? [key] : []), ...(version === null ? [] : [version])],
    );
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
