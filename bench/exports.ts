/**
 * Benchmark 7: a members spreadsheet of 20,000 rows (the most a grassroots union's file may hold) written by the
 * export kit as a stream (services/common/src/documents/excel.ts), against exceljs's in-memory workbook written at the
 * end, at 2,000, 20,000 and 100,000 rows. Rows arrive in pages of 100, as the export reads them from PostgreSQL; the
 * client reads with backpressure (64 KB buffer). Each variant runs in a fresh process (`--expose-gc`), sampling the
 * heap at every page and every 5 ms: the streamed sheet's peak stays flat while the in-memory one grows with the rows.
 *   npm run bench:exports
 */
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dateCell, writeWorkbook, type SheetColumn } from '@thidua/common';
import { machine, writeResults } from './support';

interface Member {
  fullName: string;
  occupationCode: string;
  direct: boolean;
  leader: boolean;
  joined: string;
  occupationName: string;
  unitName: string;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['Thị Hồng Nhung', 'Văn Nam', 'Thị Lan', 'Minh Tuấn', 'Thu Hà', 'Quang Huy', 'Ngọc Mai', 'Đức Long'];
const COLUMNS: SheetColumn<Member>[] = [
  { header: 'Họ tên', width: 28, value: (m) => m.fullName },
  { header: 'Mã nghề', width: 16, value: (m) => m.occupationCode },
  { header: 'Trực tiếp sản xuất', width: 12, value: (m) => (m.direct ? 'có' : 'không') },
  { header: 'Giữ chức vụ', width: 12, value: (m) => (m.leader ? 'có' : 'không') },
  { header: 'Ngày vào công đoàn', width: 14, format: 'date', value: (m) => dateCell(m.joined) },
  { header: 'Tên nghề', width: 28, value: (m) => m.occupationName },
  { header: 'Công đoàn cơ sở', width: 40, value: (m) => m.unitName },
];

const PAGE = 100;
let peakHeap = 0;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

/** Pages of members as the database would hand them out, a tick apart. */
async function* pages(rows: number): AsyncGenerator<Member[]> {
  for (let start = 0; start < rows; start += PAGE) {
    await new Promise((resolve) => setImmediate(resolve));
    sample();
    yield Array.from({ length: Math.min(PAGE, rows - start) }, (_, i) => {
      const n = start + i;
      return {
        fullName: `${FAMILY[n % 8]} ${GIVEN[(n >> 3) % 8]} ${n}`, occupationCode: 'CN_DET_MAY', direct: n % 3 !== 0, leader: n % 17 === 0,
        joined: `20${String(10 + (n % 15)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 9}`, occupationName: 'Công nhân dệt may', unitName: 'Công đoàn Công ty Cổ phần May Bắc Giang',
      };
    });
  }
}

/** A client reading with a 64 KB buffer, a tick per chunk; notes when the first byte arrived. */
function client(started: number) {
  let bytes = 0;
  let firstByteMs: number | null = null;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      firstByteMs ??= performance.now() - started;
      bytes += chunk.length;
      sample();
      setImmediate(done);
    },
  });
  return { sink, result: () => ({ bytes, firstByteMs: firstByteMs ?? 0 }) };
}

async function run(variant: 'streamed' | 'in-memory', rows: number): Promise<Record<string, number>> {
  global.gc!();
  const baseline = process.memoryUsage().heapUsed;
  peakHeap = baseline;
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const { sink, result } = client(started);
  if (variant === 'streamed') {
    await writeWorkbook(sink, [{ name: 'Đoàn viên', columns: COLUMNS, rows: pages(rows) }], 'Danh sách đoàn viên');
  } else {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đoàn viên', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c, i) => ({ key: String(i), header: c.header, width: c.width }));
    for await (const page of pages(rows)) for (const member of page) sheet.addRow(COLUMNS.map((c) => c.value(member)));
    await workbook.xlsx.write(sink);
  }
  await new Promise<void>((resolve) => sink.end(resolve));
  clearInterval(timer);
  const totalMs = performance.now() - started;
  return { ...result(), totalMs, peakHeapMb: (peakHeap - baseline) / 2 ** 20 };
}

async function child(): Promise<void> {
  const [variant, rows] = process.argv.slice(3) as ['streamed' | 'in-memory', string];
  console.log(JSON.stringify(await run(variant, Number(rows))));
}

async function main(): Promise<void> {
  const lines = ['| rows | variant | first byte ms | total ms | rows/s | file MB | peak heap above baseline MB |', '|---:|---|---:|---:|---:|---:|---:|'];
  for (const rows of [2_000, 20_000, 100_000]) {
    for (const variant of ['streamed', 'in-memory'] as const) {
      const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, 'child', variant, String(rows)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(output.trim().split('\n').pop()!) as Record<string, number>;
      const line = `| ${rows.toLocaleString('en')} | ${variant} | ${Math.round(r.firstByteMs!)} | ${Math.round(r.totalMs!)} | ${Math.round(rows / (r.totalMs! / 1000)).toLocaleString('en')} | ${(r.bytes! / 2 ** 20).toFixed(2)} | ${r.peakHeapMb!.toFixed(1)} |`;
      console.log(line);
      lines.push(line);
    }
  }
  const file = writeResults('exports', `# Benchmark 7: a members spreadsheet streamed, against an in-memory workbook

${machine()}; ${new Date().toISOString()}. \`npm run bench:exports\`. Rows in pages of 100 (as the export reads them), 7 columns
(the members export's), a client reading with a 64 KB buffer; a fresh process per line, heap sampled every 5 ms and at every page.

${lines.join('\n')}

The streamed sheet's first bytes leave after one page and its heap stays flat whatever the number of rows: rows are
written to the zip stream as they come and the writer waits when the client's buffer is full. The in-memory workbook
sends nothing until every row is built and its heap grows with the rows.`);
  console.log(`wrote ${file}`);
}

if (process.argv[2] === 'child') void child();
else void main();
