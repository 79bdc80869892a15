/**
 * Benchmark 3: SQL statements per gateway query as the page grows. A page of members (campaign) with each
 * member's rewards (reward), published scores (evaluation) and stories (media): with entity references batched
 * by DataLoader the count stays the same whether the page holds 10 members or 100.
 *   npm run bench:statements
 */
import { call, machine, serve, writeResults } from './support';
import { fixtures } from './fixtures';

const PAGE = `query MembersPage($unitId: ID!, $first: Int!) {
  members(unitId: $unitId, first: $first) { edges { node {
    fullName
    rewards(first: 3) { edges { node { formName } } }
    scores { campaignTitle rank }
    stories(first: 2) { edges { node { title } } }
  } } }
}`;

async function main(): Promise<void> {
  const data = await fixtures();
  const headers = { authorization: `Bearer ${await data.token(['UNIT_OFFICER'], data.province.path, 'bench-officer')}` };
  const subgraphs = await serve(['subgraphs']);
  const gateway = await serve(['gateway', 'ours']);
  const rows: { first: number; members: number; statements: number }[] = [];
  try {
    for (const first of [1, 10, 50, 100]) {
      const body = { query: PAGE, variables: { unitId: data.province.id, first } };
      const warm = await call(gateway.url, body, headers);
      if (warm.errors?.length) throw new Error(JSON.stringify(warm.errors));
      // the fewest of 5 runs: background work (consumers, timers) can only add statements, never remove them
      const counts: number[] = [];
      for (let i = 0; i < 5; i++) {
        const before = await subgraphs.statements();
        await call(gateway.url, body, headers);
        counts.push((await subgraphs.statements()) - before);
      }
      rows.push({ first, members: warm.data.members.edges.length, statements: Math.min(...counts) });
      console.log(`first ${first}: ${Math.min(...counts)} statements per query (runs: ${counts.join(', ')})`);
    }
  } finally {
    await gateway.stop();
    await subgraphs.stop();
  }
  const constant = rows.slice(1).every((row) => row.statements === rows[1]!.statements);
  const file = writeResults('statements', `# Benchmark 3: SQL statements per gateway query as the page grows

${new Date().toISOString()} · ${machine()} · data: ${data.size}. Each figure is the fewest of 5 identical queries
(statements counted in the subgraphs' process; the outbox relay's and consumers' polling left out).

| members on the page | statements per query |
|---:|---:|
${rows.map((row) => `| ${row.members} | ${row.statements} |`).join('\n')}

${constant ? '**Constant from 10 to 100 members**: every entity reference is resolved in one query per batch.' : '**Not constant**: some field resolves per entity.'}

Query: a page of a province's members with each member's rewards (reward), published scores (evaluation) and
stories (media).`);
  console.log(`→ ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
