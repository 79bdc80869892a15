import {
  DownloadNotFoundError,
  allPages,
  vietnamDayCell,
  downloadContext,
  downloadRoute,
  provinceName,
  type Download,
  type DownloadRequest,
  type RouteDependencies,
  type RouteHandler,
  type SheetColumn,
} from '@thidua/common';
import { createLoaders } from '../application/loaders';
import { storyUrl } from '../application/links';
import { sectionBySlug, sectionStories } from '../application/sections';
import { searchStories, storyCandidates } from '../application/stories';
import { STORY_KIND_NAMES } from '../domain/story-kinds';
import type { StoryRow } from '../entities';

/**
 * Spreadsheets of the public stories page (through the gateway), published stories only, as the page lists them:
 *   /exports/stories/sections/<slug>.xlsx   a section's stories, in the section's order
 *   /exports/stories/search.xlsx?text=       the stories a search finds, best first
 *   /exports/stories/candidates.xlsx         the candidates waiting for the editor's subtree, newest first (editors)
 */
const COLUMNS: SheetColumn<StoryRow>[] = [
  { header: 'Tiêu đề', width: 60, value: (s) => s.title },
  { header: 'Thể loại', width: 28, value: (s) => STORY_KIND_NAMES[s.kind] },
  { header: 'Tỉnh, thành phố', width: 22, value: (s) => (s.provinceCode ? (provinceName(s.provinceCode) ?? s.provinceCode) : '') },
  { header: 'Ngày đăng', width: 12, format: 'date', value: (s) => vietnamDayCell(s.publishedAt) },
  { header: 'Tóm tắt', width: 80, value: (s) => s.summary ?? '' },
  { header: 'Đường dẫn', width: 50, value: (s) => storyUrl(s.id) },
];

/** A candidate is not published yet: it has the day it was proposed and no public link. */
const CANDIDATE_COLUMNS: SheetColumn<StoryRow>[] = [
  { header: 'Tiêu đề', width: 60, value: (s) => s.title },
  { header: 'Thể loại', width: 28, value: (s) => STORY_KIND_NAMES[s.kind] },
  { header: 'Tỉnh, thành phố', width: 22, value: (s) => (s.provinceCode ? (provinceName(s.provinceCode) ?? s.provinceCode) : '') },
  { header: 'Ngày đề xuất', width: 12, format: 'date', value: (s) => vietnamDayCell(s.createdAt) },
  { header: 'Số quyết định khen thưởng', width: 20, value: (s) => s.rewardDecision?.decisionNumber ?? '' },
  { header: 'Tóm tắt', width: 80, value: (s) => s.summary ?? '' },
];

function spreadsheets(deps: RouteDependencies) {
  return async (request: DownloadRequest): Promise<Download> => {
    const ctx = downloadContext(deps, request.identity, createLoaders(deps.dataSource, request.identity));
    const [first, second, extra] = request.segments;
    if (first === 'search.xlsx' && second === undefined) {
      const text = request.query.get('text') ?? '';
      const rows = await allPages((after) => searchStories(ctx, text, { first: 100, after }));
      return { kind: 'xlsx', fileName: `Tin bài - tìm ${text.trim().slice(0, 40)}.xlsx`, title: `Tin bài tìm theo “${text.trim().slice(0, 100)}”`, sheets: [{ name: 'Tin bài', columns: COLUMNS, rows }] };
    }
    if (first === 'candidates.xlsx' && second === undefined) {
      const rows = await allPages((after) => storyCandidates(ctx, { first: 100, after }));
      return { kind: 'xlsx', fileName: 'Đề xuất chờ biên tập.xlsx', title: 'Đề xuất chờ biên tập', sheets: [{ name: 'Đề xuất', columns: CANDIDATE_COLUMNS, rows }] };
    }
    if (first === 'sections' && second?.endsWith('.xlsx') && extra === undefined) {
      const section = await sectionBySlug(deps.dataSource, second.slice(0, -5));
      if (!section) throw new DownloadNotFoundError('Không có chuyên mục này');
      const rows = await allPages((after) => sectionStories(ctx, section, { first: 100, after }));
      return { kind: 'xlsx', fileName: `Tin bài - ${section.name}.xlsx`, title: `Chuyên mục ${section.name}`, sheets: [{ name: 'Tin bài', columns: COLUMNS, rows }] };
    }
    throw new DownloadNotFoundError('Không có bảng tính này');
  };
}

export function storyExportRoutes(deps: RouteDependencies): Record<string, RouteHandler> {
  return { '/exports/stories/': downloadRoute(deps, '/exports/stories/', spreadsheets(deps)) };
}
