import { pollEvery, type BackgroundWorker, type WorkerDependencies } from '@thidua/common';
import { sendDueWebhooks, webhookSender } from './webhooks';

/** Every replica polls for webhook deliveries due; each delivery is claimed by one (application/webhooks.ts). */
export async function mediaWorkers({ dataSource, logger }: WorkerDependencies): Promise<BackgroundWorker[]> {
  const sender = webhookSender();
  const pollMs = Number(process.env.WEBHOOK_POLL_MS ?? 1000);
  return [pollEvery('webhooks', pollMs, () => sendDueWebhooks(dataSource, sender, logger), logger)];
}
