/** The header's unread badge and the inbox page tell each other when the count changed (marking read). */
export const NOTIFICATIONS_CHANGED = 'thidua:notifications-changed';

export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

export const UNREAD_COUNT = `query UnreadNotifications { myUnreadNotificationCount }`;
