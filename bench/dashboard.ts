/**
 * Benchmark 1: a province officer's dashboard query (campaigns from campaign, rankings from evaluation, rewards and
 * fairness figures from reward, stories from media: four subgraphs, entity references), the same requests against
 * (a) our gateway as shipped and (b) stock @apollo/gateway with default settings, in one run on this machine.
 *   npm run bench:dashboard [-- --seconds 20 --connections 50]
 */
import { compareGateways, machine, numberOption, table, writeResults } from './support';
import { fixtures } from './fixtures';

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

  const { results, ratio } = await compareGateways(['(a) Thi Đua gateway as shipped', '(b) @apollo/gateway, default settings'], body, headers, { seconds, connections });
  const file = writeResults('dashboard', `# Benchmark 1: authenticated province dashboard through the gateway

${new Date().toISOString()} · ${machine()} · ${connections} connections, ${seconds} s per variant after a 3 s warm-up;
subgraphs, gateway and load generator are three processes on this machine. Data (\`npm run generate\`): ${data.size}.

${table(results)}

**Ratio (a)/(b): ${ratio.toFixed(2)}×** (goal ≥ 1.5×). (c) @graphql-hive/gateway is not measured yet (see the README).

Query: campaigns of the province with participation, rankings (evaluation), rewards (reward) and stories (media);
the reward fairness figures; the province's latest stories.`);
  console.log(`\n(a)/(b) = ${ratio.toFixed(2)}×  → ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
