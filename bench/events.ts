/**
 * Benchmark 4: events end to end, on the real broker. A writer commits member changes at a steady rate, each
 * transaction updating the member row and appending MemberUpserted to campaign's outbox as a mutation does;
 * campaign's relay publishes; evaluation, reward and media apply them to their read models. Latency runs from
 * the writer's COMMIT returning to reward's consumer having committed the event (polled every 10 ms, so a
 * figure may be up to 10 ms high). Then a burst committed in one transaction measures the relay's events/s.
 *   npm run bench:events [-- --rate 1000 --seconds 20 --burst 20000]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { Outbox, createDataSource, databaseUrl } from '@thidua/common';
import type { MemberRow } from '../services/campaign/src/entities';
import { memberUpserted } from '../services/campaign/src/application/published-events';
import { fixtures } from './fixtures';
import { machine, numberOption, percentile, serve, writeResults } from './support';

const POLL_MS = 10;
const WARM_UP_SECONDS = 5;
const CONSUMER = 'bench-reward';

interface Pending {
  committedAt: number;
  seenAt?: number;
}

/** Changes a member's name and records MemberUpserted, in the caller's transaction; returns the event id. */
async function changeMember(manager: EntityManager, outbox: Outbox, member: MemberRow, round: number): Promise<string> {
  const fullName = `${member.fullName.replace(/ \(\d+\)$/, '')} (${round})`;
  await manager.query(`UPDATE members SET full_name = $2 WHERE id = $1`, [member.id, fullName]);
  return (await outbox.append(manager, randomUUID(), memberUpserted({ ...member, fullName }))).id;
}

/** One member change in a transaction of its own, as the campaign service's mutation commits it. */
function commitChange(writer: DataSource, outbox: Outbox, member: MemberRow, round: number): Promise<string> {
  return writer.transaction((manager) => changeMember(manager, outbox, member, round));
}

/** Watches reward's processed events for the pending ids and stamps when each is first seen. */
function watchProcessed(reward: Client, pending: Map<string, Pending>): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      const waiting = [...pending].filter(([, p]) => p.seenAt === undefined).map(([id]) => id);
      if (waiting.length > 0) {
        const { rows } = await reward.query(`SELECT event_id FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`, [CONSUMER, waiting]);
        const now = performance.now();
        for (const row of rows) pending.get(row.event_id)!.seenAt ??= now;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Busy and total CPU time of the whole machine so far (/proc/stat, in clock ticks). */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
  return { busy, total: busy + idle! + iowait! };
}

/** CPU time (clock ticks) used so far by the processes of each name: PostgreSQL's backends, the broker's JVM. */
function ticksByCommand(commands: string[]): Record<string, number> {
  const ticks: Record<string, number> = Object.fromEntries(commands.map((c) => [c, 0]));
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!(command in ticks)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks[command]! += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended while we looked
    }
  }
  return ticks;
}

/**
 * Commits at a steady rate for `seconds`: every 10 ms a tick starts rate/100 commits without waiting for earlier
 * ticks, and stamps each event when its commit returns. A tick is skipped while more than a second's worth are in flight.
 */
async function sustain(rate: number, seconds: number, commit: () => Promise<string>, pending: Map<string, Pending>): Promise<{ elapsed: number; behind: number }> {
  const perTick = Math.max(1, Math.round(rate / 100));
  const inFlight = new Set<Promise<void>>();
  let behind = 0;
  const started = performance.now();
  for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
    const wait = started + tick * 10 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size > rate) {
      behind++;
      continue;
    }
    for (let i = 0; i < perTick; i++) {
      const work = commit().then((id) => void pending.set(id, { committedAt: performance.now() }));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
  }
  await Promise.all(inFlight);
  return { elapsed: (performance.now() - started) / 1000, behind };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function main(): Promise<void> {
  const rate = numberOption('rate', 1000);
  const seconds = numberOption('seconds', 20);
  const burst = numberOption('burst', 20000);
  const data = await fixtures();
  const subgraphs = await serve(['subgraphs']);
  // many writers at once, as many gateway requests would be: a commit waits for its WAL flush, not for the CPU
  const writer = createDataSource({ url: databaseUrl('campaign'), entities: [], migrations: [], poolSize: 40 });
  await writer.initialize();
  const reward = new Client({ connectionString: databaseUrl('reward') });
  await reward.connect();
  const outbox = new Outbox('campaign', 'bench-');
  try {
    const members = (await writer.query(
      `SELECT id, full_name AS "fullName", unit_id AS "unitId", unit_path AS "unitPath", occupation_code AS "occupationCode",
              is_direct_production_worker AS "isDirectProductionWorker", holds_leadership_post AS "holdsLeadershipPost", left_union_on AS "leftUnionOn"
         FROM members ORDER BY id LIMIT 5000`,
    )) as MemberRow[];

    let sent = 0;
    const commitNext = () => {
      const round = sent++;
      return commitChange(writer, outbox, members[round % members.length]!, round);
    };
    // warm-up at the same rate, unmeasured (V8's code and the broker's JIT are cold at first), then the outbox drains
    await sustain(rate, WARM_UP_SECONDS, commitNext, new Map());
    await until(async () => (await writer.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0].n === 0, 120_000);

    const pending = new Map<string, Pending>();
    const watcher = watchProcessed(reward, pending);
    const [ticksBefore, subgraphCpuBefore, writerCpuBefore, othersBefore] = [machineTicks(), await subgraphs.cpuMs(), process.cpuUsage(), ticksByCommand(['postgres', 'java'])];
    const { elapsed, behind } = await sustain(rate, seconds, commitNext, pending);
    const ticksAfter = machineTicks();
    const busyShare = (ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total);
    const writerCpu = process.cpuUsage(writerCpuBefore);
    const othersAfter = ticksByCommand(['postgres', 'java']);
    // clock ticks are 1/100 s on Linux
    const perEvent = (command: string) => (((othersAfter[command]! - othersBefore[command]!) * 10) / pending.size).toFixed(2);
    const cpu = {
      machine: `${Math.round(busyShare * 100)}% of ${os.cpus().length} cores`,
      subgraphsPerEvent: (((await subgraphs.cpuMs()) - subgraphCpuBefore) / pending.size).toFixed(2),
      writerPerEvent: ((writerCpu.user + writerCpu.system) / 1000 / pending.size).toFixed(2),
      postgresPerEvent: perEvent('postgres'),
      brokerPerEvent: perEvent('java'),
    };
    console.log(`CPU during the steady phase: machine ${cpu.machine} busy; per event: subgraphs ${cpu.subgraphsPerEvent} ms, writer ${cpu.writerPerEvent} ms, PostgreSQL ${cpu.postgresPerEvent} ms, broker ${cpu.brokerPerEvent} ms`);
    const allSeen = await until(async () => [...pending.values()].every((p) => p.seenAt !== undefined), 60_000);
    await watcher.stop();
    const latencies = [...pending.values()].flatMap((p) => (p.seenAt === undefined ? [] : [p.seenAt - p.committedAt])).sort((a, b) => a - b);
    const achieved = Math.round(pending.size / elapsed);
    if (behind > 0) console.log(`the writer fell behind the schedule ${behind} times (more than ${rate} commits in flight)`);
    const steady = { achieved, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: Math.round(latencies.at(-1) ?? NaN), lost: pending.size - latencies.length };
    console.log(`steady: ${pending.size} events at ${achieved}/s · p50 ${steady.p50} ms · p95 ${steady.p95} ms · p99 ${steady.p99} ms · max ${steady.max} ms · not seen ${steady.lost}${allSeen ? '' : ' (timed out)'}`);

    // burst: one transaction commits many changes at once (an import's shape), then the relay is timed until the
    // outbox is empty and reward's consumer until it has them all
    const burstStarted = performance.now();
    const burstIds = await writer.transaction(async (manager) => {
      const ids: string[] = [];
      for (let i = 0; i < burst; i++) ids.push(await changeMember(manager, outbox, members[i % members.length]!, sent + i));
      return ids;
    });
    const committedAt = performance.now();
    const committedIn = (committedAt - burstStarted) / 1000;
    await until(async () => (await writer.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0].n === 0, 120_000);
    const publishedIn = (performance.now() - committedAt) / 1000;
    await until(async () => (await reward.query(`SELECT count(*)::int AS n FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`, [CONSUMER, burstIds])).rows[0].n === burstIds.length, 300_000);
    const consumedIn = (performance.now() - committedAt) / 1000;
    const relayRate = Math.round(burst / publishedIn);
    const consumerRate = Math.round(burst / consumedIn);
    console.log(`burst: ${burst} committed in one transaction (${committedIn.toFixed(1)} s), then published in ${publishedIn.toFixed(1)} s (${relayRate}/s), in reward's read model after ${consumedIn.toFixed(1)} s (${consumerRate}/s)`);

    const goal = steady.p99 < 500 && achieved >= rate * 0.95 ? 'met' : 'NOT met';
    const file = writeResults('events', `# Benchmark 4: events end to end

${new Date().toISOString()} · ${machine()} · data (\`npm run generate\`): ${data.size}. Subgraphs, broker (one KRaft node), PostgreSQL and the writer on this machine.

A writer commits member changes (row and MemberUpserted in one transaction, as campaign's mutations do) at ${rate}/s for ${seconds} s,
after ${WARM_UP_SECONDS} s of unmeasured warm-up at the same rate;
campaign's relay publishes them; evaluation, reward and media apply them to their read models. Latency: from the writer's COMMIT
returning to reward's consumer having committed the event (polled every ${POLL_MS} ms).

| measure | value |
|---|---:|
| events committed (steady) | ${pending.size} at ${achieved}/s |
| latency p50 | ${steady.p50} ms |
| latency p95 | ${steady.p95} ms |
| latency p99 | ${steady.p99} ms |
| latency max | ${steady.max} ms |
| events not seen within 60 s | ${steady.lost} |
| machine CPU busy during the steady phase | ${cpu.machine} |
| CPU per event: the four subgraphs (relay, three consumers) | ${cpu.subgraphsPerEvent} ms |
| CPU per event: the writer | ${cpu.writerPerEvent} ms |
| CPU per event: PostgreSQL (all backends) | ${cpu.postgresPerEvent} ms |
| CPU per event: the Kafka broker | ${cpu.brokerPerEvent} ms |
| relay: ${burst} events committed in one transaction | all published ${publishedIn.toFixed(1)} s after the commit: **${relayRate} events/s** |
| reward's consumer, same burst | all applied ${consumedIn.toFixed(1)} s after the commit: ${consumerRate} events/s |

**Goal p99 < 500 ms at ${rate} events/s: ${goal}.**`);
    console.log(`→ ${file}`);
  } finally {
    await reward.end();
    await writer.destroy();
    await subgraphs.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
