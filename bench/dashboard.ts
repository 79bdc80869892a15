/**
 * Benchmark 1: a province officer's dashboard query (campaigns from campaign, rankings from evaluation, rewards and
 * fairness figures from reward, stories from media: four subgraphs, entity references), the same requests against
 * (a) our gateway as shipped, (b) stock @apollo/gateway with default settings and (c) @graphql-hive/gateway-runtime
 * with its defaults, in one run on this machine. Each process's CPU profile is summarised with the results.
 *   npm run bench:dashboard [-- --seconds 20 --connections 50]
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { WARM_UP_SECONDS, compareGateways, machine, numberOption, RESULTS_DIR, table, writeResults } from './support';
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

async function main(): Promise<void> {
  const seconds = numberOption('seconds', 15);
  const connections = numberOption('connections', 50);
  const data = await fixtures();
  const year = new Date().getUTCFullYear();
  const body = { query: DASHBOARD, variables: { unitId: data.province.id, from: `${year}-01-01`, to: `${year}-12-31`, province: data.province.code } };
  const headers = { authorization: `Bearer ${await data.token(['UNIT_OFFICER'], data.province.path, 'bench-officer')}` };
  // raw profiles stay out of git (several MB each); their summaries below are the record
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });

  const results = await compareGateways(
    [
      ['ours', '(a) Thi Đua gateway as shipped'],
      ['stock', '(b) @apollo/gateway, default settings'],
      ['hive', '(c) @graphql-hive/gateway-runtime, defaults'],
    ],
    body,
    headers,
    { seconds, connections, profileDir },
  );
  const [ours, stock, hive] = results.map((r) => r.requestsPerSecond) as [number, number, number];
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

${table(results)}

**Ratio (a)/(b): ${(ours / stock).toFixed(2)}×** (goal ≥ 1.5×) · **(a)/(c): ${(ours / hive).toFixed(2)}×** (goal > 1×).

Query: campaigns of the province with participation, rankings (evaluation), rewards (reward) and stories (media);
the reward fairness figures; the province's latest stories.

## Where the CPU goes (self time while loaded, from \`node --cpu-prof\`; raw profiles in bench/results/profiles/, not committed)

${profiles}`);
  console.log(`\n(a)/(b) = ${(ours / stock).toFixed(2)}×  (a)/(c) = ${(ours / hive).toFixed(2)}×  → ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
