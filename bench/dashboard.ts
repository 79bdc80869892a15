/**
 * Benchmark 1: a province officer's dashboard query (campaigns from campaign, rankings from evaluation, rewards and
 * fairness figures from reward, stories from media: four subgraphs, entity references), the same requests against
 * (a) our gateway as shipped (with its per-scope cache, decision 0034) and (b) stock @apollo/gateway with default
 * settings (and (c) @graphql-hive/gateway-runtime with its defaults when asked for with --hive), in one run on this
 * machine, each variant in fresh processes: 500 distinct officers of one province (one scope), then 500 officers
 * spread over the 34 provinces (34 scopes, each asking about its own province). While our gateway is loaded with the
 * first, campaigns are launched in the province and the time until the dashboard shows each is measured: through
 * the campaign subgraph directly (as another gateway replica would: only the event tells ours) and through ours.
 * Each process's CPU profile in the first scenario is summarised with the results.
 *   npm run bench:dashboard [-- --seconds 15 --connections 50 --hive 1]
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { INTERNAL_TOKEN_HEADER, loadGatewayConfig } from '@thidua/common';
import { InternalTokenSigner } from '../gateway/src/internal-tokens';
import { WARM_UP_SECONDS, call, compareGateways, machine, numberOption, RESULTS_DIR, table, writeResults, type GatewayKind, type LoadResult } from './support';
import { fixtures, type Fixtures } from './fixtures';
import { subgraphUrls } from './serve';
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

/** Distinct officers whose requests take turns in each scenario. */
const CALLERS = 500;
/** Campaigns launched while the first scenario loads our gateway, half through the subgraph and half through ours. */
const CHANGES = 6;

type Province = Fixtures['provinces'][number];

function dashboardOf(province: Province): { query: string; variables: Record<string, string> } {
  const year = new Date().getUTCFullYear();
  return { query: DASHBOARD, variables: { unitId: province.id, from: `${year}-01-01`, to: `${year}-12-31`, province: province.code } };
}

const LAUNCH = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id } }`;

/** Launches a campaign of the province at `url` (the subgraph, with an internal token, or the gateway, with a user's). */
async function launch(url: string, headers: Record<string, string>, province: Province, title: string): Promise<void> {
  const year = new Date().getUTCFullYear();
  const input = {
    launchingUnitId: province.id,
    title,
    goal: 'Đo thời gian một thay đổi hiện trên bảng điều khiển',
    category: 'FOR_WORKERS',
    startsOn: `${year}-01-01`,
    endsOn: `${year + 1}-12-31`,
    targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: 100 }],
  };
  const answer = await call(url, { query: LAUNCH, variables: { input } }, headers);
  if (answer.errors?.length || !answer.data) throw new Error(`launching a campaign: ${JSON.stringify(answer.errors)}`);
}

/** Milliseconds from a launch's answer until the dashboard, read every 20 ms by an officer, lists the campaign. */
async function visibleAfter(gatewayUrl: string, officer: Record<string, string>, body: object, title: string, launched: () => Promise<void>): Promise<number> {
  await launched();
  const since = performance.now();
  for (;;) {
    const answer = await call(gatewayUrl, body, officer);
    const titles: string[] = (answer.data?.campaigns?.edges ?? []).map((edge: { node: { title: string } }) => edge.node.title);
    if (titles.includes(title)) return Math.round(performance.now() - since);
    if (performance.now() - since > 30_000) throw new Error(`"${title}" not on the dashboard after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Visibility {
  throughSubgraph: number[];
  throughGateway: number[];
}

/** While the load runs: campaigns launched in the province, and how soon the dashboard shows each. */
async function measureVisibility(data: Fixtures, officer: Record<string, string>, visibility: Visibility, gatewayUrl: string): Promise<void> {
  const signer = await InternalTokenSigner.fromPem(loadGatewayConfig().internalTokenPrivateKey);
  const admin = { subject: 'bench-admin', roles: ['NATIONAL_ADMIN' as const], unitPath: null, memberId: null, name: 'bench-admin' };
  const adminToken = `Bearer ${await data.token(['NATIONAL_ADMIN'], '/', 'bench-admin')}`;
  const body = dashboardOf(data.province);
  // the load settles first, so the dashboard is cached when each change comes
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (let i = 0; i < CHANGES; i++) {
    const title = `Đo độ tươi ${Date.now()}-${i}`;
    if (i % 2 === 0) {
      const headers = { [INTERNAL_TOKEN_HEADER]: await signer.tokenFor('bench-admin', admin, 'campaign') };
      visibility.throughSubgraph.push(await visibleAfter(gatewayUrl, officer, body, title, () => launch(subgraphUrls.campaign, headers, data.province, title)));
    } else {
      visibility.throughGateway.push(await visibleAfter(gatewayUrl, officer, body, title, () => launch(gatewayUrl, { authorization: adminToken }, data.province, title)));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Ours over stock, in words when stock answered nothing within the run (an overloaded machine: see the load average). */
const ratio = (results: LoadResult[]): string =>
  results[1]!.requestsPerSecond > 0 ? `${(results[0]!.requestsPerSecond / results[1]!.requestsPerSecond).toFixed(2)}×` : 'stock answered no request within the run';
const worst = (values: number[]): string => (values.length ? `${Math.max(...values)} ms (each: ${values.join(', ')} ms)` : '—');

async function main(): Promise<void> {
  const seconds = numberOption('seconds', 15);
  const connections = numberOption('connections', 50);
  const data = await fixtures();
  const officers = async (province: (i: number) => Province) =>
    Promise.all(Array.from({ length: CALLERS }, async (_, i) => ({ authorization: `Bearer ${await data.token(['UNIT_OFFICER'], province(i).path, `bench-officer-${i}`)}` })));
  const oneProvince = await officers(() => data.province);
  const spread = (i: number): Province => data.provinces[i % data.provinces.length]!;
  const spreadOfficers = await officers(spread);
  const spreadBodies = Array.from({ length: CALLERS }, (_, i) => dashboardOf(spread(i)));
  // raw profiles stay out of git (several MB each); their summaries below are the record
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });

  const variants: [GatewayKind, string][] = [
    ['ours', '(a) Thi Đua gateway as shipped'],
    ['stock', '(b) @apollo/gateway, default settings'],
    ...(process.argv.includes('--hive') ? [['hive', '(c) @graphql-hive/gateway-runtime, defaults'] as [GatewayKind, string]] : []),
  ];
  const visibility: Visibility = { throughSubgraph: [], throughGateway: [] };
  const observer = { authorization: `Bearer ${await data.token(['UNIT_OFFICER'], data.province.path, 'bench-observer')}` };
  console.log(`— ${CALLERS} officers of ${data.province.code}, each request from the next one`);
  const one = await compareGateways(variants, dashboardOf(data.province), oneProvince, {
    seconds,
    connections,
    profileDir,
    whileOurs: (url) => measureVisibility(data, observer, visibility, url),
  });
  console.log(`— ${CALLERS} officers over the ${data.provinces.length} provinces, each asking about their own`);
  const many = await compareGateways(variants, spreadBodies, spreadOfficers, { seconds, connections });
  const [oneRatio, manyRatio] = [ratio(one), ratio(many)];
  const allVisible = [...visibility.throughSubgraph, ...visibility.throughGateway];

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

## ${CALLERS} officers of one province (${data.province.code}), each request from the next one

Every request is a different officer's (their own token, their own account), all of one scope (role UNIT_OFFICER, the
province's unit path). Ours answers them from its per-scope cache after the first; stock pays every request in full.

${table(one)}

**(a)/(b): ${oneRatio}** (goal ≥ 5×).

A change on the dashboard, while ${connections} connections load our gateway (${CHANGES} campaigns launched in the province, the
dashboard read every 20 ms by an officer until it lists the campaign; from the launch's answer):
- launched through the campaign subgraph directly (as through another gateway replica: only the event empties our cache): worst ${worst(visibility.throughSubgraph)};
- launched through our gateway (its mutation empties the cache at once): worst ${worst(visibility.throughGateway)}.

**Worst ${allVisible.length ? Math.max(...allVisible) : '—'} ms** (goal ≤ 1000 ms).

## ${CALLERS} officers over the ${data.provinces.length} provinces, each asking about their own province

${data.provinces.length} scopes, about ${Math.round(CALLERS / data.provinces.length)} officers each; the n-th request is officer n's dashboard of their province.

${table(many)}

**(a)/(b): ${manyRatio}** (goal ≥ 1.5×).

Query: campaigns of the province with participation, rankings (evaluation), rewards (reward) and stories (media);
the reward fairness figures; the province's latest stories.

## Where the CPU goes, ${CALLERS} officers of one province (self time while loaded, \`node --cpu-prof\`; raw profiles in bench/results/profiles/, not committed)

${profiles}`);
  console.log(`\none province: (a)/(b) = ${oneRatio}  spread: (a)/(b) = ${manyRatio}  change visible within ${allVisible.join(', ')} ms → ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
