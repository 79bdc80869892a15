/**
 * Benchmark 5: queries at national scale, through our gateway as a signed-in national officer (so no response
 * cache answers them), each sent one after another `--requests` times: latency percentiles, not throughput.
 * A province's ranking in the national campaign where every member is ranked (first page and deep pages),
 * a unit subtree listing (first page, filtered, and a later page), story search with and without diacritics.
 * The EXPLAIN (ANALYZE, BUFFERS) plan of every SQL statement each query sends is saved with the results.
 *   npm run generate -- --scale national      (or medium, for a quicker look)
 *   npm run bench:national [-- --requests 200]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseUrl, encodeCursor, type ServiceName } from '@thidua/common';
import { fixtures } from './fixtures';
import { call, machine, numberOption, percentile, serve, writeResults, type Served } from './support';

interface NationalQuery {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

interface Measured {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  plans: string[];
}

const GOAL_P95_MS = 100;
const RANKING = `query Ranking($campaign: ID!, $by: RankingDimension, $key: String, $after: String) {
  campaign(id: $campaign) { title rankings(by: $by, key: $key, first: 20, after: $after) { publicationVersion edges { node { rank name unitName score } } pageInfo { hasNextPage endCursor } } }
}`;
const SUBTREE = `query Subtree($unit: ID!, $type: OrganisationType, $level: UnitLevel, $after: String) {
  unionUnit(id: $unit) { name subtree(organisationType: $type, level: $level, first: 50, after: $after) { edges { node { id name level organisationType } } pageInfo { hasNextPage endCursor } } }
}`;
const SEARCH = `query Search($text: String!) { searchStories(text: $text, first: 20) { edges { node { title publishedAt } } } }`;

async function withDatabase<T>(service: ServiceName, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: databaseUrl(service) });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Runs EXPLAIN (ANALYZE, BUFFERS) on each captured SELECT, on the database that received it. */
async function plansOf(statements: { database: string; text: string; values: unknown[] }[]): Promise<string[]> {
  const plans: string[] = [];
  for (const statement of statements.filter((s) => /^\s*(SELECT|WITH)/i.test(s.text))) {
    const service = statement.database.replace(/_bench$/, '') as ServiceName;
    const plan = await withDatabase(service, (db) => db.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values));
    plans.push(`-- ${statement.database}\n${statement.text.replace(/\s+/g, ' ').trim()}\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
  }
  return plans;
}

async function measure(gatewayUrl: string, subgraphs: Served, sqlFile: string, query: NationalQuery, requests: number, headers: Record<string, string>): Promise<Measured> {
  const body = { query: query.query, variables: query.variables };
  const check = await call(gatewayUrl, body, headers);
  if (check.errors?.length || !check.data) throw new Error(`${query.name}: ${JSON.stringify(check.errors)}`);
  for (let i = 0; i < 5; i++) await call(gatewayUrl, body, headers);
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const answer = await call(gatewayUrl, body, headers);
    latencies.push(performance.now() - started);
    if (answer.errors?.length) throw new Error(`${query.name}: ${JSON.stringify(answer.errors)}`);
  }
  await subgraphs.statements();
  await call(gatewayUrl, body, headers);
  await subgraphs.statements();
  const plans = await plansOf(JSON.parse(readFileSync(sqlFile, 'utf8')));
  latencies.sort((a, b) => a - b);
  const result = { name: query.name, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), plans };
  console.log(`${query.name.padEnd(62)} p50 ${result.p50} ms · p95 ${result.p95} ms · p99 ${result.p99} ms`);
  return result;
}

/** The cursor of the page `pages` pages into a listing, found by walking it (cursors are opaque). */
async function cursorAfterPages(gatewayUrl: string, headers: Record<string, string>, variables: Record<string, unknown>, pages: number): Promise<string> {
  let after: string | null = null;
  for (let i = 0; i < pages; i++) {
    const answer: { data?: any } = await call(gatewayUrl, { query: SUBTREE, variables: { ...variables, after } }, headers);
    after = answer.data.unionUnit.subtree.pageInfo.endCursor;
  }
  return after!;
}

async function main(): Promise<void> {
  const requests = numberOption('requests', 200);
  const data = await fixtures();
  const year = new Date().getUTCFullYear();
  const { campaignId, provinces } = await withDatabase('evaluation', async (db) => {
    const campaign = (await db.query(`SELECT campaign_id FROM evaluation_rounds WHERE title = $1`, [`Giỏi việc nước, đảm việc nhà toàn quốc ${year}`])).rows[0];
    if (!campaign) throw new Error('No national campaign with every member ranked: run `npm run generate` again');
    const counts = await db.query(
      `SELECT e.province_code AS code, count(*)::int AS lines FROM publication_entries e JOIN publications p ON p.id = e.publication_id AND p.latest
        WHERE p.campaign_id = $1 AND e.province_code IN ('HCM', 'HN') GROUP BY 1`,
      [campaign.campaign_id],
    );
    return { campaignId: campaign.campaign_id as string, provinces: Object.fromEntries(counts.rows.map((r) => [r.code, r.lines as number])) as Record<string, number> };
  });
  const hcm = await withDatabase('campaign', async (db) => (await db.query(`SELECT id FROM union_units WHERE code = 'HCM'`)).rows[0].id as string);
  const lines = provinces.HCM ?? 0;
  const headers = { authorization: `Bearer ${await data.token(['UNIT_OFFICER'], '/vn/', 'bench-national-officer')}` };

  const sqlFile = path.join(os.tmpdir(), `thidua-bench-sql-${process.pid}.json`);
  const subgraphs = await serve(['subgraphs'], { BENCH_SQL_FILE: sqlFile });
  const gateway = await serve(['gateway', 'ours']);
  const results: Measured[] = [];
  try {
    const queries: NationalQuery[] = [
      { name: `Hồ Chí Minh City ranking (${lines.toLocaleString('en-US')} members), first page`, query: RANKING, variables: { campaign: campaignId, by: 'PROVINCE', key: 'HCM' } },
      { name: 'Hồ Chí Minh City ranking, page at its middle', query: RANKING, variables: { campaign: campaignId, by: 'PROVINCE', key: 'HCM', after: encodeCursor([Math.floor(lines / 2)]) } },
      { name: 'Hồ Chí Minh City ranking, last page', query: RANKING, variables: { campaign: campaignId, by: 'PROVINCE', key: 'HCM', after: encodeCursor([Math.max(0, lines - 20)]) } },
      { name: 'National ranking (every member), first page', query: RANKING, variables: { campaign: campaignId } },
      { name: 'Subtree of Hồ Chí Minh City, first page', query: SUBTREE, variables: { unit: hcm } },
      { name: 'Subtree of Hồ Chí Minh City, FDI grassroots unions', query: SUBTREE, variables: { unit: hcm, type: 'FDI_ENTERPRISE', level: 'GRASSROOTS' } },
      { name: 'Subtree of Hồ Chí Minh City, 20th page', query: SUBTREE, variables: { unit: hcm, after: await cursorAfterPages(gateway.url, headers, { unit: hcm }, 19) } },
      { name: 'Story search “sáng kiến”', query: SEARCH, variables: { text: 'sáng kiến' } },
      { name: 'Story search without diacritics “sang kien nang suat”', query: SEARCH, variables: { text: 'sang kien nang suat' } },
    ];
    for (const query of queries) results.push(await measure(gateway.url, subgraphs, sqlFile, query, requests, headers));
  } finally {
    await gateway.stop();
    await subgraphs.stop();
  }

  const table = [
    '| query | p50 ms | p95 ms | p99 ms | goal p95 < 100 ms |',
    '|---|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.name} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.p95 < GOAL_P95_MS ? 'met' : 'NOT met'} |`),
  ].join('\n');
  writeResults('national-queries-plans', `# Benchmark 5: EXPLAIN (ANALYZE, BUFFERS) of every statement, per query\n\n${results.map((r) => `## ${r.name}\n\n\`\`\`\n${r.plans.join('\n\n')}\n\`\`\``).join('\n\n')}`);
  const file = writeResults('national-queries', `# Benchmark 5: queries at national scale

${new Date().toISOString()} · ${machine()} · data (\`npm run generate\`): ${data.size}; the national campaign ranks every member.
Through our gateway as a signed-in officer (no response cache), ${requests} requests per query one after another, after 5 warm-up requests.

${table}

Plans of every statement: [national-queries-plans.md](national-queries-plans.md).`);
  console.log(`\n${table}\n→ ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
