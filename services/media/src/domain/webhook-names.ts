/** The states of a news channel's webhook delivery as its admin reads them (the portal's screen of channels). */
export const WEBHOOK_DELIVERY_STATUS_NAMES: Record<string, string> = {
  PENDING: 'Đang gửi lại',
  DELIVERED: 'Đã nhận',
  FAILED: 'Thất bại (đã ngừng gửi)',
};

/** What was sent, by the event's type. */
export const WEBHOOK_EVENT_NAMES: Record<string, string> = {
  StoryPublished: 'Đăng bài',
  StoryRetracted: 'Gỡ bài',
};
