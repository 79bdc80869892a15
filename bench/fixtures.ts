import path from 'node:path';
import { Client } from 'pg';
import { databaseUrl, type Role } from '@thidua/common';
import { ensureTopics } from '../infra/topics';
import { BENCH_SUFFIX } from './support';
import { issueTestToken, testTokenIssuer } from '../test/support/tokens';

/**
 * Benchmarks sign their callers' tokens as the tests do (test/support/tokens.ts). The gateways they start in processes
 * of their own (bench/serve.ts) trust that key through this file, and so run with NODE_ENV=test as tests do.
 */
process.env.TEST_TOKEN_KEY_FILE ??= path.resolve(__dirname, '..', '.data', 'bench-token-key.json');
process.env.NODE_ENV = 'test';

/** What the benchmarks need from the generated data (run `npm run generate` first). */
export interface Fixtures {
  province: { id: string; path: string; code: string };
  /** Every province and city (34), Hà Nội first. */
  provinces: { id: string; path: string; code: string }[];
  grassroots: { id: string; path: string };
  memberId: string;
  /** What the data holds, for the results: "1,574 units, 109,517 members". */
  size: string;
  token(roles: Role[], unitPath: string | null, sub: string): Promise<string>;
}

export async function fixtures(): Promise<Fixtures> {
  process.env.DATABASE_SUFFIX = BENCH_SUFFIX;
  await ensureTopics('bench-');
  // made here, before any gateway process reads it
  await testTokenIssuer();
  const campaign = new Client({ connectionString: databaseUrl('campaign') });
  await campaign.connect();
  try {
    const provinces = (await campaign.query(`SELECT id, path, code FROM union_units WHERE level = 'PROVINCIAL' ORDER BY code <> 'HN', code`)).rows;
    const province = provinces[0];
    if (!province) throw new Error('No generated data: run `npm run generate -- --scale small` first');
    const member = (await campaign.query(`SELECT m.id, u.id AS "unitId", u.path FROM members m JOIN union_units u ON u.id = m.unit_id WHERE m.unit_path LIKE $1 || '%' ORDER BY m.id LIMIT 1`, [province.path])).rows[0];
    const counts = (await campaign.query(`SELECT (SELECT count(*) FROM union_units)::int AS units, (SELECT count(*) FROM members)::int AS members`)).rows[0];
    return {
      size: `${counts.units.toLocaleString('en-US')} units, ${counts.members.toLocaleString('en-US')} members`,
      province,
      provinces,
      grassroots: { id: member.unitId, path: member.path },
      memberId: member.id,
      token: (roles, unitPath, sub) => issueTestToken({ sub, name: sub, roles, unitPath }, '2h'),
    };
  } finally {
    await campaign.end();
  }
}
