import type { ServiceName } from '../config';

/** `campaign.events`, `evaluation.events`, …: one topic per producing service, keyed by aggregate id. */
export function eventsTopic(producer: ServiceName, prefix = ''): string {
  return `${prefix}${producer}.events`;
}

/** The consumer group of a service's event consumer. */
export function consumerGroupId(service: ServiceName, prefix = ''): string {
  return `${prefix}${service}`;
}

/** One dead-letter topic per consumer group (the group id already carries any topic prefix). */
export function deadLetterTopic(groupId: string): string {
  return `${groupId}.dlq`;
}

/** Each gateway process follows events in a group of its own, named with this prefix (and the topic prefix). */
export const GATEWAY_CACHE_GROUP_PREFIX = 'gateway-cache-';
