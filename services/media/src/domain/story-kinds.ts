/**
 * The kinds of stories and the names union media give them, as readers see them in the portal and in feeds. Pure,
 * with no imports, so the web portal uses the same file.
 */
export type StoryKind = 'EXEMPLAR' | 'GOOD_PRACTICE' | 'GOOD_DEED' | 'AD_HOC_ACHIEVEMENT' | 'CAMPAIGN_NEWS' | 'CAMPAIGN_SUMMARY';

export const STORY_KIND_NAMES: Record<StoryKind, string> = {
  EXEMPLAR: 'Gương điển hình tiên tiến',
  GOOD_PRACTICE: 'Mô hình mới, cách làm hay',
  GOOD_DEED: 'Người tốt, việc tốt',
  AD_HOC_ACHIEVEMENT: 'Thành tích đột xuất',
  CAMPAIGN_NEWS: 'Tin phong trào',
  CAMPAIGN_SUMMARY: 'Tổng kết phong trào',
};

/** A story's place in the editorial workflow, as editors call it. */
export const STORY_STATUS_NAMES: Record<string, string> = {
  CANDIDATE: 'Đề xuất',
  DRAFT: 'Bản thảo',
  IN_REVIEW: 'Chờ duyệt',
  PUBLISHED: 'Đã đăng',
  RETRACTED: 'Đã gỡ',
  DISMISSED: 'Bỏ qua',
};

/** The editorial steps, as the buttons that take them say. */
export const STORY_ACTION_NAMES: Record<string, string> = {
  TAKE: 'nhận viết',
  SUBMIT_FOR_REVIEW: 'gửi duyệt',
  REQUEST_CHANGES: 'yêu cầu chỉnh sửa',
  PUBLISH: 'đăng',
  RETRACT: 'gỡ',
  DISMISS: 'bỏ qua',
};
