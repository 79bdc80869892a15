/**
 * What the platform tells people about (loại thông báo), each with the channels an account gets it on until it
 * chooses otherwise. Deadlines come from the scan (deadlines.ts), events from the other services' topics.
 */
export const NOTIFICATION_KINDS = ['PROGRESS_OVERDUE', 'PROGRESS_OVERDUE_BELOW'] as const;
/** What an account chooses channels for; the daily digest itself (DAILY_DIGEST) is how those choices are sent. */
export type ChoosableKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationKind = ChoosableKind | 'DAILY_DIGEST';

/** The channels of one kind for one account: the in-app inbox (hộp thư), e-mail, and whether e-mails of it wait for the daily digest. */
export interface Channels {
  inbox: boolean;
  email: boolean;
  digest: boolean;
}

export const KIND_LABELS: Record<ChoosableKind, string> = {
  PROGRESS_OVERDUE: 'Đơn vị của tôi quá hạn báo cáo tiến độ',
  PROGRESS_OVERDUE_BELOW: 'Đơn vị trực thuộc quá hạn báo cáo tiến độ',
};

/** Deadlines are what officers must act on: both channels until the account turns one off. */
export const DEFAULT_CHANNELS: Channels = { inbox: true, email: true, digest: false };

export function isChoosableKind(value: string): value is ChoosableKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
