import { DEFAULT_REPORT_REMINDER_DAYS } from '../domain/regulation';

/** The notification subgraph's own settings, from the environment (README, "Configuration"). */
export interface NotificationSettings {
  /** The SMTP server e-mails go through (`smtp://user:pass@host:port`, `smtps://…`); none: e-mails wait, queued. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The portal's address, for the links in e-mails. */
  portalUrl: string;
  /** How often each replica looks for due jobs and e-mails to send. */
  pollMs: number;
  /** How often the deadlines are scanned (once, whichever replica claims the run). */
  deadlineScanEverySeconds: number;
  /** How many days before a reporting period ends its unreported units are reminded. */
  reportReminderDays: number;
  /** The first wait before an e-mail the SMTP server refused is tried again (doubling after each failure). */
  emailRetryBaseSeconds: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadNotificationSettings(env: NodeJS.ProcessEnv = process.env): NotificationSettings {
  return {
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'Thi Đua <thongbao@thidua.vn>',
    portalUrl: (env.PORTAL_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, ''),
    pollMs: positive(env, 'NOTIFICATION_POLL_MS', 2000),
    deadlineScanEverySeconds: positive(env, 'DEADLINE_SCAN_EVERY_SECONDS', 3600),
    emailRetryBaseSeconds: positive(env, 'EMAIL_RETRY_BASE_SECONDS', 30),
    reportReminderDays: positive(env, 'REPORT_REMINDER_DAYS', DEFAULT_REPORT_REMINDER_DAYS),
  };
}
