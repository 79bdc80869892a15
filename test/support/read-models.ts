import { Client } from 'pg';
import { databaseUrl, type ServiceName } from '@thidua/common';
import { eventually } from './graphql';

/** Waits until a subgraph's read model has caught up with the events: `count(*)` of `from` (a table and its WHERE) reaches `expected`. */
export async function eventuallyCounted(service: ServiceName, from: string, params: unknown[], expected: number, what: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl(service) });
  await db.connect();
  try {
    await eventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${from}`, params);
      return rows[0].n === expected ? true : null;
    }, 30000, what);
  } finally {
    await db.end();
  }
}
