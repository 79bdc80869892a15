/**
 * What the platform tells people about (loại thông báo), each with the channels an account gets it on until it
 * chooses otherwise. Deadlines come from the scan (deadlines.ts), events from the other services' topics.
 */
export const NOTIFICATION_KINDS = [
  'PROGRESS_OVERDUE',
  'PROGRESS_OVERDUE_BELOW',
  'PROGRESS_DUE_SOON',
  'SUMMARY_OVERDUE',
  'SUMMARY_OVERDUE_BELOW',
  'NOMINATION_HELD',
  'NOMINATIONS_HELD_IN_SUBTREE',
  'PROPOSAL_HELD',
  'APPEAL_WINDOW_CLOSING',
  'STORY_WAITING_REVIEW',
  'REVIEW_OVERDUE',
  'NOMINATION_DECIDED',
  'NOMINATION_RETURNED',
  'PROPOSAL_RETURNED',
  'REWARD_GRANTED',
  'APPEAL_DECIDED',
  'STORY_ABOUT_ME_PUBLISHED',
] as const;
/** What an account chooses channels for; the daily digest itself (DAILY_DIGEST) is how those choices are sent. */
export type ChoosableKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationKind = ChoosableKind | 'DAILY_DIGEST';

/** The channels of one kind for one account: the in-app inbox (hộp thư), e-mail, and whether e-mails of it wait for the daily digest. */
export interface Channels {
  inbox: boolean;
  email: boolean;
  digest: boolean;
}

/** The settings screen's names of the kinds (the notifications' own texts are in texts.ts). */
export const KIND_LABELS: Record<ChoosableKind, string> = {
  PROGRESS_OVERDUE: 'Đơn vị của tôi quá hạn báo cáo tiến độ',
  PROGRESS_OVERDUE_BELOW: 'Đơn vị trực thuộc quá hạn báo cáo tiến độ',
  PROGRESS_DUE_SOON: 'Sắp đến hạn báo cáo tiến độ',
  SUMMARY_OVERDUE: 'Phong trào quá hạn tổng kết',
  SUMMARY_OVERDUE_BELOW: 'Phong trào của đơn vị trực thuộc quá hạn tổng kết',
  NOMINATION_HELD: 'Đề nghị khen thưởng chờ xét quá hạn ở cấp của tôi',
  NOMINATIONS_HELD_IN_SUBTREE: 'Tổng hợp đề nghị khen thưởng chờ xét quá hạn trong tỉnh, ngành',
  PROPOSAL_HELD: 'Hồ sơ trình khen chờ cấp tôi chuyển tiếp quá hạn',
  APPEAL_WINDOW_CLOSING: 'Sắp hết hạn khiếu nại kết quả',
  STORY_WAITING_REVIEW: 'Tin bài chờ duyệt quá hạn',
  REVIEW_OVERDUE: 'Minh chứng được phân công chấm đã quá hạn',
  NOMINATION_DECIDED: 'Đề nghị khen thưởng của tôi đã được xét',
  NOMINATION_RETURNED: 'Hồ sơ đề nghị khen thưởng của tôi bị trả lại để bổ sung',
  PROPOSAL_RETURNED: 'Hồ sơ trình khen bị trả lại cấp tôi để bổ sung',
  REWARD_GRANTED: 'Tôi, đơn vị của tôi được khen thưởng',
  APPEAL_DECIDED: 'Khiếu nại kết quả đã được giải quyết',
  STORY_ABOUT_ME_PUBLISHED: 'Bài viết về tôi được đăng',
};

/** Deadlines and outcomes are what people must act on or know: both channels until the account turns one off. */
const DEFAULT_CHANNELS: Channels = { inbox: true, email: true, digest: false };

/**
 * Kinds whose e-mails wait for the daily digest unless the account chooses otherwise: a province's officers get
 * one letter a day about their whole subtree, not one per unit (issue 19).
 */
const DIGEST_BY_DEFAULT: ReadonlySet<ChoosableKind> = new Set(['NOMINATIONS_HELD_IN_SUBTREE']);

export function defaultChannels(kind: ChoosableKind): Channels {
  return DIGEST_BY_DEFAULT.has(kind) ? { ...DEFAULT_CHANNELS, digest: true } : DEFAULT_CHANNELS;
}

export function isChoosableKind(value: string): value is ChoosableKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
