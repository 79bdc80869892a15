/**
 * What the platform tells people about (loại thông báo), each with the channels an account gets it on until it
 * chooses otherwise. Deadlines come from the scan (deadlines.ts), events from the other services' topics.
 */
export const NOTIFICATION_KINDS = ['PROGRESS_OVERDUE', 'PROGRESS_OVERDUE_BELOW'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The channels of one kind for one account: the in-app inbox (hộp thư) and e-mail. */
export interface Channels {
  inbox: boolean;
  email: boolean;
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  PROGRESS_OVERDUE: 'Đơn vị của tôi quá hạn báo cáo tiến độ',
  PROGRESS_OVERDUE_BELOW: 'Đơn vị trực thuộc quá hạn báo cáo tiến độ',
};

/** Deadlines are what officers must act on: both channels until the account turns one off. */
export const DEFAULT_CHANNELS: Channels = { inbox: true, email: true };

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
