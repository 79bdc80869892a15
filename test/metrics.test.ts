/**
 * Prometheus metrics (decision 0028) on the real platform: names by Prometheus' conventions, the outbox's backlog
 * and each consumer group's lag as gauges read at scrape time (both seen rising, then falling back to zero), the
 * delivery histogram, and the Grafana dashboard committed beside them querying nothing the services do not expose.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { consumerLag, eventsTopic, registry } from '@thidua/common';
import { eventually } from './support/graphql';
import { testKafka } from './support/kafka';
import { usePlatform } from './support/platform';

const env = usePlatform();
const run = randomBytes(3).toString('hex');
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const DASHBOARD = path.resolve(__dirname, '..', 'services', 'common', 'grafana', 'thidua.json');

async function scrape(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

/** The value of one series in a scrape, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && wanted.every((pair) => (match[2] ?? '').split(',').includes(pair))) return Number(match[3]);
  }
  return undefined;
}

/** Metric names a PromQL expression reads: identifiers not followed by `(` (functions) nor inside braces or quotes. */
export function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  const names = new Set<string>();
  for (const match of withoutStrings.matchAll(/\b([a-zA-Z_:][\w:]*)\b(?!\s*\()/g)) {
    const word = match[1]!;
    if (!/^(by|without|on|ignoring|group_left|group_right|offset|bool|and|or|unless|le)$/.test(word) && /_/.test(word) && !/^\d/.test(word)) names.add(word);
  }
  return [...names];
}

/** Every series name a scrape declares (a labelled metric has no series before its first value), a histogram's _bucket, _sum and _count included. */
function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram' || type === 'summary') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('metric names', () => {
  it('follow Prometheus conventions: thidua_ prefix, _total on counters only, histograms in seconds', async () => {
    const all = await registry.getMetricsAsJSON();
    const ours = all.filter((m) => !/^(process|nodejs)_/.test(m.name));
    expect(ours.length).toBeGreaterThan(8);
    for (const metric of ours) {
      expect([metric.name, /^thidua_[a-z][a-z0-9_]*$/.test(metric.name)]).toEqual([metric.name, true]);
      expect([metric.name, metric.name.endsWith('_total')]).toEqual([metric.name, String(metric.type) === 'counter']);
      if (String(metric.type) === 'histogram') expect(metric.name).toMatch(/_seconds$/);
    }
    expect(ours.map((m) => m.name)).toEqual(expect.arrayContaining(['thidua_outbox_events_waiting', 'thidua_outbox_oldest_waiting_seconds', 'thidua_consumer_lag_messages', 'thidua_event_delivery_seconds', 'thidua_gateway_response_cache_total']));
  });
});

describe('the outbox gauges', () => {
  it('count the rows waiting while the relay is stopped, with the oldest one’s age, and return to zero once it publishes', async () => {
    const { campaign } = env.platform.subgraphs;
    const token = await env.platform.token(['NATIONAL_ADMIN'], null);
    await campaign.relay.stop();
    try {
      for (const n of [1, 2, 3]) await env.api.createUnit({ code: `MET-${run}-${n}`, name: `Công đoàn đo lường ${n}`, level: 'NATIONAL' }, token);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const text = await scrape(campaign.metricsPort);
      expect(sample(text, 'thidua_outbox_events_waiting', { service: 'campaign' })).toBeGreaterThanOrEqual(3);
      expect(sample(text, 'thidua_outbox_oldest_waiting_seconds', { service: 'campaign' })).toBeGreaterThanOrEqual(1);
    } finally {
      await campaign.relay.start();
    }
    await eventually(async () => (sample(await scrape(campaign.metricsPort), 'thidua_outbox_events_waiting', { service: 'campaign' }) === 0 ? true : null), 30_000, 'the outbox drained');
    expect(sample(await scrape(campaign.metricsPort), 'thidua_outbox_oldest_waiting_seconds', { service: 'campaign' })).toBe(0);
  }, 60_000);
});

describe('consumer lag', () => {
  it('is per group and topic, and falls to zero once the events are applied; delivery times are observed', async () => {
    const token = await env.platform.token(['NATIONAL_ADMIN'], null);
    await env.api.createUnit({ code: `LAG-${run}`, name: 'Công đoàn độ trễ', level: 'NATIONAL' }, token);
    const labels = { group: `${prefix}evaluation`, topic: eventsTopic('campaign', prefix) };
    await eventually(async () => (sample(await scrape(env.platform.subgraphs.evaluation.metricsPort), 'thidua_consumer_lag_messages', labels) === 0 ? true : null), 30_000, 'evaluation caught up');
    const text = await scrape(env.platform.subgraphs.evaluation.metricsPort);
    expect(sample(text, 'thidua_consumer_lag_messages', { group: `${prefix}media`, topic: eventsTopic('campaign', prefix) })).toBeDefined();
    expect(sample(text, 'thidua_event_delivery_seconds_count', { consumer: `${prefix}evaluation` })).toBeGreaterThan(0);
  }, 60_000);

  it('counts every message a group has not consumed: a group that never read the topic lags by all of it', async () => {
    const admin = testKafka(`lag-${run}`).admin();
    await admin.connect();
    try {
      const topic = eventsTopic('campaign', prefix);
      const offsets = await admin.fetchTopicOffsets(topic);
      const kept = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      expect(kept).toBeGreaterThan(0);
      expect(await consumerLag(admin, `${prefix}never-consumed-${run}`, [topic])).toEqual({ [topic]: kept });
      expect(await consumerLag(admin, `${prefix}evaluation`, [topic])).toEqual({ [topic]: 0 });
    } finally {
      await admin.disconnect();
    }
  }, 30_000);
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
  const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNamesIn(target.expr).map((name) => ({ panel: panel.title, name }))));

  it('queries only metrics the gateway and the subgraphs expose', async () => {
    const exposed = new Set([...exposedNames(await scrape(env.platform.gateway.metricsPort)), ...exposedNames(await scrape(env.platform.subgraphs.campaign.metricsPort))]);
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter(({ name }) => !exposed.has(name))).toEqual([]);
  });

  it('would be caught reading a metric nobody exposes, or a renamed one', () => {
    expect(metricNamesIn('sum by (job, le) (rate(thidua_graphql_request_seconds_bucket{job=~"$job", status="200"}[$__rate_interval]))')).toEqual(['thidua_graphql_request_seconds_bucket']);
    expect(metricNamesIn('rate(gateway_response_cache_total[5m]) / on (job) thidua_missing_seconds')).toEqual(['gateway_response_cache_total', 'thidua_missing_seconds']);
  });
});
