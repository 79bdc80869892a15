/**
 * Benchmark 2: an anonymous public read (the portal's reward register, ad-hoc rewards) against (a) our gateway as
 * shipped, whose cache answers public queries and is emptied by the Kafka events that change them, and (b) stock
 * @apollo/gateway; then, under load on (a), a reward is granted three times and the time until the public answer
 * shows it is measured.
 *   npm run bench:public [-- --seconds 15 --connections 50]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WARM_UP_SECONDS, call, compareGateways, machine, numberOption, table, writeResults } from './support';
import { fixtures } from './fixtures';

const REGISTER = readFileSync(path.resolve(__dirname, '..', 'gateway', 'public-operations', 'portal-reward-register.graphql'), 'utf8');

async function main(): Promise<void> {
  const seconds = numberOption('seconds', 15);
  const connections = numberOption('connections', 50);
  const data = await fixtures();
  const body = { query: REGISTER, variables: { filter: { adHoc: true }, first: 20 } };
  const admin = { authorization: `Bearer ${await data.token(['NATIONAL_ADMIN'], null, 'bench-admin')}` };
  const council = { authorization: `Bearer ${await data.token(['COUNCIL_MEMBER'], data.grassroots.path, 'bench-council')}` };

  const visibleAfterMs: number[] = [];
  const results = await compareGateways([['ours', '(a) Thi Đua gateway, public cache'], ['stock', '(b) @apollo/gateway, default settings']], body, {}, {
    seconds,
    connections,
    whileOurs: async (url) => {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 4));
        visibleAfterMs.push(await grantAndWait(url, body, admin, council, data, i));
      }
    },
  });
  const ratio = results[0]!.requestsPerSecond / results[1]!.requestsPerSecond;
  const file = writeResults('public-reads', `# Benchmark 2: anonymous public reads through the gateway

${new Date().toISOString()} · ${machine()} · ${connections} connections, ${seconds} s per variant after a ${WARM_UP_SECONDS} s warm-up. Data (\`npm run generate\`): ${data.size}.

${table(results)}

**Ratio (a)/(b): ${ratio.toFixed(1)}×** (goal ≥ 10×).

A reward decision granted under load on (a) was visible in the public answer after **${visibleAfterMs.join(' ms, ')} ms**
(goal < 1,000 ms): RewardGranted → outbox relay → Kafka → the gateway's consumer empties the cache → the next
read is computed afresh. Query: \`gateway/public-operations/portal-reward-register.graphql\`, ad-hoc rewards.`);
  console.log(`\n(a)/(b) = ${ratio.toFixed(1)}×, visible after ${visibleAfterMs.join(', ')} ms → ${file}`);
}

/** Grants an ad-hoc reward through the gateway and polls the public answer until it shows it; returns the milliseconds. */
async function grantAndWait(url: string, body: unknown, admin: Record<string, string>, council: Record<string, string>, data: Awaited<ReturnType<typeof fixtures>>, round: number): Promise<number> {
  const before = JSON.stringify((await call(url, body)).data);
  const nominated = await call(url, {
    query: `mutation($i: NominateInput!) { nominate(input: $i) { id } }`,
    variables: { i: { source: 'AD_HOC', memberId: data.memberId, grantingUnitId: data.grassroots.id, formCode: 'GIAY_KHEN', achievedOn: new Date().toISOString().slice(0, 10), reason: `Thành tích đột xuất trong lúc đo tải, lần ${round + 1}` } },
  }, admin);
  if (!nominated.data) throw new Error(JSON.stringify(nominated.errors));
  const granted = await call(url, { query: `mutation($id: ID!) { grantReward(nominationId: $id, input: { signerRole: "Chủ tịch công đoàn cơ sở" }) { number } }`, variables: { id: nominated.data.nominate.id } }, council);
  if (!granted.data) throw new Error(JSON.stringify(granted.errors));
  const started = Date.now();
  while (JSON.stringify((await call(url, body)).data) === before) {
    if (Date.now() - started > 30_000) throw new Error('the new decision never became visible');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
