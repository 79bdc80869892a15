/**
 * Creates the event topics (one per producing service), the dead-letter topics (one per consumer group) and the
 * ACLs that say who may use them: a service writes only its own topic and dead-letter topic, and reads only the
 * topics it consumes, in its own group; the gateway reads every service's topic in groups of its own. Runs as
 * the admin principal (KAFKA_PASSWORD_ADMIN). Idempotent. KAFKA_TOPIC_PREFIX isolates a set of topics (tests use it).
 *
 * An event topic has KAFKA_TOPIC_PARTITIONS partitions (6): the replicas of a consuming service share its group and
 * divide the partitions among them, so more replicas than partitions would leave some idle; a topic made with fewer
 * is grown here (run it before the services start: a key may move to another partition when its topic grows).
 */
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Admin,
} from 'kafkajs';
import {
  GATEWAY_CACHE_GROUP_PREFIX,
  SERVICE_NAMES,
  consumerGroupId,
  createKafka,
  createLogger,
  deadLetterTopic,
  eventsTopic,
  kafkaBrokers,
  kafkaCredentials,
  type KafkaPrincipal,
} from '@thidua/common';
import { subgraphs } from './subgraphs';

export function platformTopics(prefix: string): string[] {
  return SERVICE_NAMES.flatMap((service) => [eventsTopic(service, prefix), deadLetterTopic(consumerGroupId(service, prefix))]);
}

function allow(
  principal: KafkaPrincipal,
  resourceType: AclResourceTypes.TOPIC | AclResourceTypes.GROUP,
  resourceName: string,
  operation: AclOperationTypes,
  resourcePatternType = ResourcePatternTypes.LITERAL,
): AclEntry {
  // WRITE and READ imply DESCRIBE, which is all a producer or consumer needs besides
  return { principal: `User:${principal}`, host: '*', resourceType, resourceName, resourcePatternType, operation, permissionType: AclPermissionTypes.ALLOW };
}

/** Everything the services and the gateway may do on the broker (admin and the broker itself are super users). */
export function platformAcls(prefix: string): AclEntry[] {
  const { TOPIC, GROUP } = AclResourceTypes;
  const { READ, WRITE, DELETE } = AclOperationTypes;
  return [
    ...SERVICE_NAMES.flatMap((service) => {
      const consumes = subgraphs[service].consumer?.from ?? [];
      return [
        allow(service, TOPIC, eventsTopic(service, prefix), WRITE),
        allow(service, TOPIC, deadLetterTopic(consumerGroupId(service, prefix)), WRITE),
        ...consumes.map((producer) => allow(service, TOPIC, eventsTopic(producer, prefix), READ)),
        ...(consumes.length > 0 ? [allow(service, GROUP, consumerGroupId(service, prefix), READ)] : []),
        allow('gateway', TOPIC, eventsTopic(service, prefix), READ),
      ];
    }),
    // a gateway process joins a group of its own and deletes it when it stops
    allow('gateway', GROUP, `${prefix}${GATEWAY_CACHE_GROUP_PREFIX}`, READ, ResourcePatternTypes.PREFIXED),
    allow('gateway', GROUP, `${prefix}${GATEWAY_CACHE_GROUP_PREFIX}`, DELETE, ResourcePatternTypes.PREFIXED),
  ];
}

async function asAdmin<T>(brokers: string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafka('thidua-infra', brokers, kafkaCredentials('admin'), createLogger('infra', 'warn')).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Partitions of an event topic: how many replicas of a consuming service can share its events. */
export function eventPartitions(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.KAFKA_TOPIC_PARTITIONS ?? 6);
  if (!Number.isInteger(value) || value < 1 || value > 1000) throw new Error(`KAFKA_TOPIC_PARTITIONS must be a whole number from 1 to 1000, not "${env.KAFKA_TOPIC_PARTITIONS}"`);
  return value;
}

/** A dead-letter topic is read by operators, in order: one partition. */
const partitionsOf = (topic: string): number => (topic.endsWith('.dlq') ? 1 : eventPartitions());

export function ensureTopics(prefix = process.env.KAFKA_TOPIC_PREFIX ?? '', brokers = kafkaBrokers()): Promise<string[]> {
  return asAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const wanted = platformTopics(prefix);
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitionsOf(topic), replicationFactor: 1 })),
      });
    }
    const present = wanted.filter((topic) => existing.has(topic));
    if (present.length > 0) {
      const { topics } = await admin.fetchTopicMetadata({ topics: present });
      const grow = topics.filter((t) => t.partitions.length < partitionsOf(t.name)).map((t) => ({ topic: t.name, count: partitionsOf(t.name) }));
      if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow, validateOnly: false });
    }
    // the broker keeps an ACL once however often it is created
    await admin.createAcls({ acl: platformAcls(prefix) });
    return missing;
  });
}

/** Deletes every topic under a prefix and the prefix's ACLs (tests clean up their run with it). */
export function removeTopics(prefix: string, brokers = kafkaBrokers()): Promise<void> {
  return asAdmin(brokers, async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10000 });
    await admin.deleteAcls({ filters: platformAcls(prefix) });
  });
}

if (require.main === module) {
  ensureTopics().then(
    (created) => console.log(`[kafka] topics and ACLs ready${created.length ? ` (created ${created.join(', ')})` : ''}`),
    (error: unknown) => {
      console.error('[kafka] cannot create topics:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
