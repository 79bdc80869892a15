import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { todayInVietnam } from '../clock';

/**
 * Spreadsheets exchanged between levels (.xlsx, exceljs). Written as a stream: rows go out as they are read from the
 * database, page by page, so a sheet of any length never sits in memory whole (bench/exports.ts measures it).
 * Every sheet has its Vietnamese header on row 1, frozen, with filters, and number and date formats per column.
 */
export type CellFormat = 'text' | 'integer' | 'vnd' | 'decimal' | 'percent' | 'date';
export type Cell = string | number | boolean | Date | null;

export interface SheetColumn<T> {
  header: string;
  /** Characters. */
  width: number;
  format?: CellFormat;
  value(row: T): Cell;
}

export interface SheetSpec<T> {
  /** At most 31 characters, as Excel allows. */
  name: string;
  columns: SheetColumn<T>[];
  /** Pages of rows, in order (a keyset-paginated query, for instance). */
  rows: AsyncIterable<T[]> | Iterable<T[]>;
}

const NUMBER_FORMATS: Record<CellFormat, string | undefined> = {
  text: '@',
  integer: '#,##0',
  vnd: '#,##0',
  decimal: '#,##0.##',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
};

/** `2026-11-25` as the date cell Excel shows as 25/11/2026 (calendar days carry no time zone). */
export function dateCell(isoDate: string | null | undefined): Date | null {
  if (!isoDate) return null;
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** The day a moment fell on in Việt Nam, as a date cell (a moment after 17:00 UTC is already the next day there). */
export function vietnamDayCell(at: Date | null | undefined): Date | null {
  return at ? dateCell(todayInVietnam(at)) : null;
}

async function writeSheet<T>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec<T>, output: Writable): Promise<number> {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((column, i) => ({ key: String(i), header: column.header, width: column.width, style: { numFmt: NUMBER_FORMATS[column.format ?? 'text'] } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  let count = 0;
  for await (const page of spec.rows) {
    for (const row of page) {
      sheet.addRow(spec.columns.map((column) => column.value(row))).commit();
      count++;
    }
    // the client reads slower than we write: wait rather than let the zip's buffer grow
    if (output.writableNeedDrain) await once(output, 'drain');
  }
  sheet.commit();
  return count;
}

/** Writes a workbook of one or more sheets to `output` and returns the number of data rows. */
export async function writeWorkbook(output: Writable, sheets: SheetSpec<any>[], title: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Thi Đua';
  workbook.title = title;
  workbook.created = new Date();
  let rows = 0;
  for (const sheet of sheets) rows += await writeSheet(workbook, sheet, output);
  await workbook.commit();
  return rows;
}

export class UnreadableSpreadsheetError extends Error {}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

export interface SheetRow {
  /** The row number Excel shows (1 is the header). */
  row: number;
  cells: string[];
}

/** The first worksheet of an .xlsx as text, row by row (dates as dd/mm/yyyy); empty rows are left out. */
export async function readFirstSheet(file: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnreadableSpreadsheetError('Tệp không phải bảng tính Excel (.xlsx) đọc được');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSpreadsheetError('Bảng tính không có trang nào');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ row: number, cells });
  });
  return rows;
}
