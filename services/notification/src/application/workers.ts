import { createTransport } from 'nodemailer';
import { ensureScheduledJob, pollEvery, runDueJob, todayInVietnam, type BackgroundWorker, type WorkerDependencies } from '@thidua/common';
import { DEADLINE_SCAN_JOB, scanDeadlines } from './deadlines';
import { DAILY_DIGEST_JOB, sendDailyDigests } from './digest';
import { sendDueEmails } from './email';
import { loadNotificationSettings } from './settings';

/**
 * Each replica polls for the deadline scan (run by whichever claims it) and for e-mails to send (each claimed by
 * one replica): no timer here does the work by itself, so two replicas notify as one.
 */
export async function notificationWorkers({ dataSource, logger }: WorkerDependencies): Promise<BackgroundWorker[]> {
  const settings = loadNotificationSettings();
  await ensureScheduledJob(dataSource, DEADLINE_SCAN_JOB, settings.deadlineScanEverySeconds);
  await ensureScheduledJob(dataSource, DAILY_DIGEST_JOB, 86_400);
  const workers = [
    pollEvery('claimed-jobs', settings.pollMs, async () => {
      const scan = await runDueJob(dataSource, DEADLINE_SCAN_JOB, (manager) => scanDeadlines(manager, todayInVietnam(), settings.reportReminderDays));
      if (scan) logger.info({ scan }, 'deadlines scanned');
      const digest = await runDueJob(dataSource, DAILY_DIGEST_JOB, (manager) => sendDailyDigests(manager, todayInVietnam()));
      if (digest) logger.info({ digest }, 'daily digests sent');
    }, logger),
  ];
  if (!settings.smtpUrl) {
    logger.warn('SMTP_URL is not set: e-mails stay queued until a replica with it runs');
    return workers;
  }
  const mail = { transport: createTransport(settings.smtpUrl), from: settings.mailFrom, portalUrl: settings.portalUrl, retryBaseSeconds: settings.emailRetryBaseSeconds };
  const sender = pollEvery('email', settings.pollMs, () => sendDueEmails(dataSource, mail, logger), logger);
  return [
    ...workers,
    {
      async stop() {
        await sender.stop();
        mail.transport.close();
      },
    },
  ];
}
