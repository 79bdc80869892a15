import type { ServiceName } from '../config';
import { EVENT_OWNERS, EVERY_SERVICE, type EventEnvelope } from './contracts';

/**
 * Why an event may not be taken as coming from where it claims, or undefined when it may: its type must belong to
 * the service whose topic carried it, and its envelope must name that service as producer. The broker lets only a
 * topic's own service write it, so together they tell a genuine event from one forged by another principal.
 */
export function originProblem(event: Pick<EventEnvelope, 'type' | 'producer'>, topicOwner: ServiceName): string | undefined {
  const owner = EVENT_OWNERS[event.type];
  if (owner === undefined) return `Sự kiện loại ${event.type} không có dịch vụ sở hữu nào được khai báo (EVENT_OWNERS)`;
  if (owner !== EVERY_SERVICE && owner !== topicOwner) {
    return `Sự kiện ${event.type} chỉ được nhận từ topic của dịch vụ ${owner}, nhưng đến từ topic của dịch vụ ${topicOwner}`;
  }
  if (event.producer !== topicOwner) {
    return `Sự kiện ${event.type} trên topic của dịch vụ ${topicOwner} lại ghi nơi phát là ${event.producer}`;
  }
  return undefined;
}
