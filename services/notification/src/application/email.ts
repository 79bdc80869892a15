import type { DataSource } from 'typeorm';
import type { Transporter } from 'nodemailer';
import { queryRows, retryDelaySeconds, type Logger } from '@thidua/common';
import { renderNotification, type NotificationParams } from '../domain/texts';
import { MAX_EMAIL_ATTEMPTS } from '../domain/retries';
import type { PendingEmailRow } from '../entities';

export interface Mail {
  transport: Transporter;
  from: string;
  portalUrl: string;
  retryBaseSeconds: number;
}

/** E-mails sent per claim: few, since the claim's transaction stays open while they go out. */
const BATCH = 20;

/**
 * Sends the e-mails due, claimed by this replica alone (FOR UPDATE SKIP LOCKED): each is marked sent in the claim's
 * transaction, so two replicas never send the same one. A crash between the SMTP server's acceptance and the commit
 * sends that one again; its Message-ID is the notification's, so a mail client sees the same message twice
 * (decision 0029).
 */
export async function sendDueEmails(db: DataSource, mail: Mail, logger: Logger): Promise<number> {
  return db.transaction(async (manager) => {
    const due = await queryRows<PendingEmailRow>(
      manager,
      `SELECT d.notification_id AS "notificationId", d.to_address AS "toAddress", d.attempts, n.kind, n.params
         FROM email_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at
        LIMIT ${BATCH}
        FOR UPDATE OF d SKIP LOCKED`,
    );
    let sent = 0;
    for (const email of due) {
      const text = renderNotification(email.kind, email.params as unknown as NotificationParams[typeof email.kind], mail.portalUrl);
      const link = `${mail.portalUrl}${text.link}`;
      try {
        await mail.transport.sendMail({
          from: mail.from,
          to: email.toAddress,
          subject: text.title,
          messageId: `<${email.notificationId}@thidua.vn>`,
          text: `${text.body}\n\nXem và xử lý: ${link}\n\n— Thi Đua, Tổng Liên đoàn Lao động Việt Nam\nĐổi cách nhận thông báo: ${mail.portalUrl}/me/notifications`,
        });
        await manager.query(`UPDATE email_deliveries SET status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE notification_id = $1`, [email.notificationId]);
        sent += 1;
      } catch (error) {
        const attempts = email.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        logger.warn({ notificationId: email.notificationId, attempts, err: message }, 'e-mail not accepted by the SMTP server; tried again later');
        await manager.query(
          `UPDATE email_deliveries SET attempts = $2::int, last_error = $3, status = CASE WHEN $2::int >= $4::int THEN 'FAILED' ELSE 'PENDING' END,
                  next_attempt_at = now() + make_interval(secs => $5::double precision) WHERE notification_id = $1`,
          [email.notificationId, attempts, message.slice(0, 1000), MAX_EMAIL_ATTEMPTS, retryDelaySeconds(attempts, mail.retryBaseSeconds)],
        );
      }
    }
    return sent;
  });
}
