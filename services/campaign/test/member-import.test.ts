/**
 * The member import's rules do not depend on the file's format: the same rows as CSV and as an .xlsx (written and
 * read back with exceljs, as an officer's spreadsheet would be) give the same members and the same problems by row.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFirstSheet } from '@thidua/common';
import { parseMemberCsv, parseMemberRecords } from '../src/domain/member-import';

const HEADER = ['Họ tên', 'Mã nghề', 'Trực tiếp sản xuất', 'Giữ chức vụ', 'Ngày vào công đoàn'];
const name = fc.constantFrom('Nguyễn Thị Hồng Nhung', 'Đặng Thùy Trâm', 'Ưng Hoàng Phúc', ' Lê Văn Tám ', 'x'.repeat(201));
const flag = fc.constantFrom('có', 'không', 'Có', 'x', 'yes', 'có lẽ', '1');
const date = fc.constantFrom('', '01/05/2020', '1/5/2020', '2020-05-01', '31/02/2021', '01/01/2999', 'hôm qua');
const row = fc.tuple(name, fc.constantFrom('CN_DET_MAY', '', 'KY_SU'), flag, flag, date);

const csvOf = (rows: string[][]) => [HEADER, ...rows].map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Đoàn viên');
  for (const cells of [HEADER, ...rows]) sheet.addRow(cells);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('member import from a spreadsheet', () => {
  it('follows the CSV import row for row: the same members, the same problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
        const fromCsv = parseMemberCsv(csvOf(rows), '2026-06-01');
        const fromSheet = parseMemberRecords(await readFirstSheet(await xlsxOf(rows)), '2026-06-01');
        expect(fromSheet).toEqual(fromCsv);
      }),
      { numRuns: 40 },
    );
  });

  it('reads dates typed as dates and numbers typed as numbers as the officer sees them', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Đoàn viên').addRows([HEADER, ['Nguyễn Thị Hồng Nhung', 'CN_DET_MAY', true, 0, new Date(Date.UTC(2020, 4, 1))]]);
    const parsed = parseMemberRecords(await readFirstSheet(Buffer.from(await book.xlsx.writeBuffer())), '2026-06-01');
    expect(parsed).toEqual({ problems: [], members: [{ row: 2, fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false, gender: null, joinedUnionOn: '2020-05-01' }] });
  });
});
