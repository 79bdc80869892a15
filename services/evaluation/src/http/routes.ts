import {
  DownloadNotFoundError,
  ValidationError,
  allPages,
  downloadContext,
  downloadRoute,
  idSegment,
  type Download,
  type DownloadRequest,
  type RouteDependencies,
  type RouteHandler,
  type SheetColumn,
} from '@thidua/common';
import { criterionById } from '../application/criteria';
import { createLoaders } from '../application/loaders';
import type { RankingDimension, SubmissionRow } from '../entities';
import { rankings } from '../application/publications';
import { myReviewAssignments } from '../application/reviews';

/** /exports/rankings/<campaign id>.xlsx?by=&key=&version= — a published ranking (public), as the campaign page and dashboards show it. */
interface Line {
  rank: number;
  name: string;
  unitName: string;
  score: number;
  breakdown: { criterion: string; weight: number; points: number }[];
}

const COLUMNS: SheetColumn<Line>[] = [
  { header: 'Hạng', width: 8, format: 'integer', value: (l) => l.rank },
  { header: 'Cá nhân, tập thể', width: 30, value: (l) => l.name },
  { header: 'Đơn vị', width: 40, value: (l) => l.unitName },
  { header: 'Điểm', width: 10, format: 'decimal', value: (l) => l.score },
  { header: 'Điểm theo tiêu chí', width: 60, value: (l) => l.breakdown.map((b) => `${b.criterion} (${b.weight}%): ${b.points}`).join('; ') },
];

const DIMENSIONS: RankingDimension[] = ['CAMPAIGN', 'PROVINCE', 'SECTOR', 'ORGANISATION_TYPE', 'OCCUPATION'];

function spreadsheets(deps: RouteDependencies) {
  return async (request: DownloadRequest): Promise<Download> => {
    const [file, extra] = request.segments;
    if (!file?.endsWith('.xlsx') || extra !== undefined) throw new DownloadNotFoundError('Không có bảng tính này');
    const campaignId = idSegment(file.slice(0, -5), 'phong trào thi đua');
    const by = (request.query.get('by') ?? 'CAMPAIGN') as RankingDimension;
    if (!DIMENSIONS.includes(by)) throw ValidationError.single('by', `xếp hạng theo ${DIMENSIONS.join(', ')}`);
    const key = request.query.get('key');
    const asked = request.query.get('version');
    const wanted = asked === null || asked === '' ? null : Number(asked);
    const ctx = downloadContext(deps, request.identity, createLoaders(deps.dataSource));
    let version: number | null = null;
    const pages = await allPages(async (after) => {
      const page = await rankings(ctx, campaignId, by, key, { first: 100, after }, wanted);
      version = page.publicationVersion;
      return page as { edges: { cursor: string; node: Line }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    });
    if (version === null) throw new DownloadNotFoundError('Phong trào này chưa công bố kết quả');
    return { kind: 'xlsx', fileName: `Xếp hạng${by === 'CAMPAIGN' ? '' : ` ${by}-${key}`} (công bố lần ${version}).xlsx`, title: 'Kết quả thi đua công bố', sheets: [{ name: 'Xếp hạng', columns: COLUMNS, rows: pages }] };
  };
}

/** /exports/reviews/queue.xlsx — the caller's review queue (chấm điểm minh chứng), oldest assignment first, as the reviewer's screen lists it. */
interface QueueLine {
  submission: SubmissionRow;
  criterionName: string;
}

const QUEUE_COLUMNS: SheetColumn<QueueLine>[] = [
  { header: 'Tiêu chí', width: 40, value: (l) => l.criterionName },
  { header: 'Nội dung báo cáo', width: 80, value: (l) => l.submission.text },
  { header: 'Minh chứng', width: 60, value: (l) => l.submission.evidence.map((e) => e.url).join('\n') },
  { header: 'Số lượt đã chấm', width: 14, format: 'integer', value: (l) => l.submission.reviewCount },
];

function reviewQueue(deps: RouteDependencies) {
  return async (request: DownloadRequest): Promise<Download> => {
    if (request.segments.length !== 1 || request.segments[0] !== 'queue.xlsx') throw new DownloadNotFoundError('Không có bảng tính này');
    const ctx = downloadContext(deps, request.identity, createLoaders(deps.dataSource));
    const pages = await allPages((after) => myReviewAssignments(ctx, { first: 100, after }));
    async function* lines(): AsyncGenerator<QueueLine[]> {
      for await (const page of pages) {
        yield Promise.all(page.map(async (submission) => ({ submission, criterionName: (await criterionById(deps.dataSource, submission.criterionId)).name })));
      }
    }
    return { kind: 'xlsx', fileName: 'Minh chứng chờ chấm.xlsx', title: 'Minh chứng chờ chấm', sheets: [{ name: 'Chờ chấm', columns: QUEUE_COLUMNS, rows: lines() }] };
  };
}

export function evaluationRoutes(deps: RouteDependencies): Record<string, RouteHandler> {
  return {
    '/exports/rankings/': downloadRoute(deps, '/exports/rankings/', spreadsheets(deps)),
    '/exports/reviews/': downloadRoute(deps, '/exports/reviews/', reviewQueue(deps)),
  };
}
