import type { ServiceName } from '../config';

/** `campaign.events`, `evaluation.events`, …: one topic per producing service, keyed by aggregate id. */
export function eventsTopic(producer: ServiceName, prefix = ''): string {
  return `${prefix}${producer}.events`;
}

/** One dead-letter topic per consumer group (the group id already carries any topic prefix). */
export function deadLetterTopic(groupId: string): string {
  return `${groupId}.dlq`;
}
