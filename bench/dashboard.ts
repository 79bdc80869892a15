/**
 * Benchmark 1: a province officer's dashboard query (campaigns from campaign, rankings from evaluation, rewards and
 * fairness figures from reward, stories from media: four subgraphs, entity references), the same requests against
 * (a) our gateway as shipped, (b) stock @apollo/gateway with default settings and (c) @graphql-hive/gateway-runtime
 * with its defaults, in one run on this machine: first with every request from a different officer (the cost of a
 * request), then with one officer on every connection (what sharing identical in-flight queries saves). Each
 * process's CPU profile in the first scenario is summarised with the results.
 *   npm run bench:dashboard [-- --seconds 20 --connections 50]
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { WARM_UP_SECONDS, compareGateways, machine, numberOption, RESULTS_DIR, table, writeResults, type GatewayKind, type LoadResult } from './support';
import { fixtures } from './fixtures';
import { summariseProfile } from './profile';

const DASHBOARD = `query ProvinceDashboard($unitId: ID!, $from: Date!, $to: Date!, $province: String!) {
  campaigns(unitId: $unitId, first: 10) { edges { node {
    id title status participation { units members }
    rankings(first: 5) { edges { node { rank name unitName score } } }
    rewards(first: 5) { edges { node { subjectName formName amountVnd } } }
    stories(first: 3) { edges { node { title } } }
  } } }
  rewardFairness(unitId: $unitId, from: $from, to: $to) { decisions directWorkerShareOfRewards directWorkerShareOfMembers medianDaysToDecision spentVnd }
  provinceStories(provinceCode: $province, first: 5) { edges { node { title publishedAt } } }
}`;

/** Distinct officers whose requests take turns in the first scenario. */
const CALLERS = 500;

async function main(): Promise<void> {
  const seconds = numberOption('seconds', 15);
  const connections = numberOption('connections', 50);
  const data = await fixtures();
  const year = new Date().getUTCFullYear();
  const body = { query: DASHBOARD, variables: { unitId: data.province.id, from: `${year}-01-01`, to: `${year}-12-31`, province: data.province.code } };
  const oneCaller = { authorization: `Bearer ${await data.token(['UNIT_OFFICER'], data.province.path, 'bench-officer')}` };
  const manyCallers = await Promise.all(
    Array.from({ length: CALLERS }, async (_, i) => ({ authorization: `Bearer ${await data.token(['UNIT_OFFICER'], data.province.path, `bench-officer-${i}`)}` })),
  );
  // raw profiles stay out of git (several MB each); their summaries below are the record
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });

  const variants: [GatewayKind, string][] = [
    ['ours', '(a) Thi Đua gateway as shipped'],
    ['stock', '(b) @apollo/gateway, default settings'],
    ['hive', '(c) @graphql-hive/gateway-runtime, defaults'],
  ];
  console.log(`— ${CALLERS} officers, each request from the next one (nothing to share between requests)`);
  const many = await compareGateways(variants, body, manyCallers, { seconds, connections, profileDir });
  console.log('— one officer on every connection (identical requests in flight together)');
  const one = await compareGateways(variants, body, oneCaller, { seconds, connections });
  const ratios = (results: LoadResult[]) => {
    const [ours, stock, hive] = results.map((r) => r.requestsPerSecond) as [number, number, number];
    return { stock: ours / stock, hive: ours / hive };
  };
  const [manyRatios, oneRatios] = [ratios(many), ratios(one)];

  // each process's main thread wrote the largest profile of its directory
  const profiles = readdirSync(profileDir)
    .sort()
    .map((process) => {
      const files = readdirSync(path.join(profileDir, process)).map((f) => path.join(profileDir, process, f));
      const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
      return `### ${process}\n\n${summariseProfile(main)}`;
    })
    .join('\n\n');
  const file = writeResults('dashboard', `# Benchmark 1: authenticated province dashboard through the gateway

${new Date().toISOString()} · ${machine()} · ${connections} connections, ${seconds} s per variant after a ${WARM_UP_SECONDS} s warm-up;
subgraphs, gateway and load generator are three processes on this machine, started afresh for each variant. Data (\`npm run generate\`): ${data.size}.

## ${CALLERS} officers of the province, each request from the next one

Every request is a different caller's, so no gateway can share work between them: this is the cost of a request.

${table(many)}

**(a)/(b): ${manyRatios.stock.toFixed(2)}×** (goal ≥ 1.5×) · **(a)/(c): ${manyRatios.hive.toFixed(2)}×** (goal > 1×).

## One officer on every connection

The same caller's identical query, ${connections} at a time (a dashboard open in many tabs, a wall screen, retries). Hive Gateway
shares identical in-flight requests by default; ours shares identical queries of one caller while they run (nothing is kept).

${table(one)}

**(a)/(b): ${oneRatios.stock.toFixed(2)}×** · **(a)/(c): ${oneRatios.hive.toFixed(2)}×**.

Query: campaigns of the province with participation, rankings (evaluation), rewards (reward) and stories (media);
the reward fairness figures; the province's latest stories.

## Where the CPU goes, ${CALLERS} officers (self time while loaded, \`node --cpu-prof\`; raw profiles in bench/results/profiles/, not committed)

${profiles}`);
  console.log(`\n${CALLERS} officers: (a)/(b) = ${manyRatios.stock.toFixed(2)}×  (a)/(c) = ${manyRatios.hive.toFixed(2)}×`);
  console.log(`one officer: (a)/(b) = ${oneRatios.stock.toFixed(2)}×  (a)/(c) = ${oneRatios.hive.toFixed(2)}×  → ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
