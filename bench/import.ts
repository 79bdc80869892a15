/**
 * Benchmark 6 (and the event side of 4): a grassroots union imports its member list (20,000 rows, the most one
 * CSV may hold) through the gateway; then the MemberUpserted events it emitted travel outbox → Kafka → the read
 * models of evaluation, reward and media. Rows per second for the import, events per second and the time until
 * the last read model holds every member.
 *   npm run bench:import [-- --rows 20000]
 */
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { call, machine, numberOption, serve, writeResults } from './support';
import { fixtures } from './fixtures';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['Thị Hoa', 'Văn Nam', 'Thị Lan', 'Minh Tuấn', 'Thu Hà', 'Quang Huy', 'Ngọc Mai', 'Đức Long'];

async function readModelCount(service: 'evaluation' | 'reward' | 'media', unitId: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl(service) });
  await db.connect();
  try {
    return (await db.query(`SELECT count(*)::int AS n FROM member_refs WHERE unit_id = $1`, [unitId])).rows[0].n;
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const rows = numberOption('rows', 20_000);
  const data = await fixtures();
  const admin = { authorization: `Bearer ${await data.token(['NATIONAL_ADMIN'], null, 'bench-admin')}` };
  const subgraphs = await serve(['subgraphs']);
  const gateway = await serve(['gateway', 'ours']);
  try {
    const unit = await call(gateway.url, {
      query: `mutation($i: CreateUnionUnitInput!) { createUnionUnit(input: $i) { id } }`,
      variables: { i: { parentId: data.province.id, code: `IMPORT-${Date.now().toString(36)}`, name: 'Công đoàn Công ty May Nhập Liệu', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' } },
    }, admin);
    const unitId: string = unit.data.createUnionUnit.id;
    const lines = ['ho_ten,ma_nghe,truc_tiep_san_xuat,giu_chuc_vu,ngay_vao_cong_doan'];
    for (let i = 0; i < rows; i++) lines.push(`${FAMILY[i % 8]} ${GIVEN[(i >> 3) % 8]} ${i + 1},CN_DET_MAY,có,không,01/05/2020`);
    const started = Date.now();
    const result = await call(gateway.url, { query: `mutation($u: ID!, $csv: String!) { importMembers(unitId: $u, csv: $csv) { imported problems { row message } } }`, variables: { u: unitId, csv: lines.join('\n') } }, admin);
    const importMs = Date.now() - started;
    if (!result.data || result.data.importMembers.imported !== rows) throw new Error(JSON.stringify(result.errors ?? result.data.importMembers.problems.slice(0, 3)));
    const arrived: Record<string, number> = {};
    while (Object.keys(arrived).length < 3) {
      for (const service of ['evaluation', 'reward', 'media'] as const) {
        if (!arrived[service] && (await readModelCount(service, unitId)) === rows) arrived[service] = Date.now() - started - importMs;
      }
      if (Date.now() - started > 600_000) throw new Error(`read models incomplete after 10 minutes: ${JSON.stringify(arrived)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lastMs = Math.max(...Object.values(arrived));
    const file = writeResults('import', `# Benchmark 6: members CSV import, and its events reaching the read models

${new Date().toISOString()} · ${machine()} · data: ${data.size}.

- Import of ${rows.toLocaleString('en-US')} rows through the gateway (one transaction, ${rows.toLocaleString('en-US')} MemberUpserted events in the outbox): **${importMs} ms, ${Math.round(rows / (importMs / 1000)).toLocaleString('en-US')} rows/s**.
- Every member in the read models after the import returned: evaluation ${arrived.evaluation} ms, reward ${arrived.reward} ms, media ${arrived.media} ms; **${Math.round((rows * 3) / (lastMs / 1000)).toLocaleString('en-US')} events consumed per second** across the three consumers (outbox relay → Kafka → idempotent consumers).`);
    console.log(`import ${importMs} ms (${Math.round(rows / (importMs / 1000))} rows/s); read models ${JSON.stringify(arrived)} → ${file}`);
  } finally {
    await gateway.stop();
    await subgraphs.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
