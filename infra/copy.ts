/** Bulk loading for the generators: rows streamed into PostgreSQL with COPY, with a progress bar. */
import { SingleBar } from 'cli-progress';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Value = string | number | boolean | null | string[] | Date;

/** One line of COPY's text format. */
function copyLine(values: Value[]): string {
  return `${values
    .map((value) => {
      if (value === null) return '\\N';
      if (typeof value === 'boolean') return value ? 't' : 'f';
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return `{${value.map((v) => `"${v.replace(/"/g, '\\\\"')}"`).join(',')}}`;
      return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    })
    .join('\t')}\n`;
}

/** COPY rows into a table, with a progress bar showing rows per second and time left; `total` may be an estimate. */
export async function copy(client: Client, label: string, table: string, columns: string[], total: number, rows: Iterable<Value[]>): Promise<number> {
  const bar = new SingleBar({
    format: `${label.padEnd(34)} [{bar}] {value}/{total} rows · {rate} rows/s · ETA {eta_formatted}`,
    barsize: 24,
    hideCursor: true,
    etaBuffer: 50,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  bar.start(total, 0, { rate: 0 });
  const started = Date.now();
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  let count = 0;
  let chunk = '';
  const flush = async () => {
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
    chunk = '';
    // a generator's total is an estimate (members per union vary): the bar never reads more than 100%
    if (count > bar.getTotal()) bar.setTotal(count);
    bar.update(count, { rate: Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)) });
  };
  for (const row of rows) {
    chunk += copyLine(row);
    count++;
    if (count % 2000 === 0) await flush();
  }
  await flush();
  stream.end();
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  bar.setTotal(count);
  bar.update(count, { rate: Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)) });
  bar.stop();
  return count;
}
