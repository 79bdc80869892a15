import { parse } from 'csv-parse/sync';
import type { FieldProblem, Gender } from '@thidua/common';

/**
 * CSV of members as a grassroots union keeps it. Headers in Vietnamese (with or without diacritics) or
 * English; one member a row:
 *   ho_ten, ma_nghe, truc_tiep_san_xuat, giu_chuc_vu, ngay_vao_cong_doan, gioi_tinh
 *   Nguyễn Thị Hồng Nhung, CN_DET_MAY, có, không, 01/05/2020, Nữ
 * The gender column (Nam / Nữ) is optional, as files kept before it was recorded lack it.
 */
export const IMPORT_COLUMNS = {
  fullName: ['ho_ten', 'họ_tên', 'ho ten', 'họ tên', 'full_name', 'fullname'],
  occupationCode: ['ma_nghe', 'mã_nghề', 'ma nghe', 'mã nghề', 'occupation_code', 'occupation'],
  isDirectProductionWorker: ['truc_tiep_san_xuat', 'trực_tiếp_sản_xuất', 'truc tiep san xuat', 'trực tiếp sản xuất', 'direct_production_worker'],
  holdsLeadershipPost: ['giu_chuc_vu', 'giữ_chức_vụ', 'giu chuc vu', 'giữ chức vụ', 'holds_leadership_post'],
  joinedUnionOn: ['ngay_vao_cong_doan', 'ngày_vào_công_đoàn', 'ngay vao cong doan', 'ngày vào công đoàn', 'joined_union_on'],
  gender: ['gioi_tinh', 'giới_tính', 'gioi tinh', 'giới tính', 'gender'],
} as const;
type Column = keyof typeof IMPORT_COLUMNS;
const REQUIRED: Column[] = ['fullName', 'occupationCode', 'isDirectProductionWorker', 'holdsLeadershipPost'];
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportedMember {
  row: number;
  fullName: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
  gender: Gender | null;
  joinedUnionOn: string | null;
}

export interface RowProblem extends FieldProblem {
  row: number;
}

export class MalformedFileError extends Error {}

const YES = new Set(['có', 'co', 'x', 'yes', 'y', 'true', '1']);
const NO = new Set(['không', 'khong', '', 'no', 'n', 'false', '0']);

function parseFlag(raw: string): boolean | null {
  const value = raw.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return null;
}

const GENDER_WORDS = new Map<string, Gender | null>([['nữ', 'FEMALE'], ['nu', 'FEMALE'], ['female', 'FEMALE'], ['nam', 'MALE'], ['male', 'MALE'], ['', null]]);

/** Nam / Nữ (with or without the accent), or empty when not recorded; undefined for anything else. */
function parseGender(raw: string): Gender | null | undefined {
  return GENDER_WORDS.get(raw.trim().toLowerCase().normalize('NFC'));
}

/** Accepts dd/mm/yyyy (as Vietnamese forms write it) or yyyy-mm-dd. */
function parseDay(raw: string): string | null | 'invalid' {
  const value = raw.trim();
  if (!value) return null;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'invalid';
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : 'invalid';
}

function columnIndex(headers: string[]): Partial<Record<Column, number>> {
  const normalised = headers.map((h) => h.trim().toLowerCase().normalize('NFC'));
  const index: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(IMPORT_COLUMNS) as Column[]) {
    const at = normalised.findIndex((h) => (IMPORT_COLUMNS[column] as readonly string[]).includes(h));
    if (at >= 0) index[column] = at;
  }
  return index;
}

export interface MemberRecord {
  /** The row number the officer sees in the file (1 is the header). */
  row: number;
  cells: string[];
}

/**
 * Parses the file. A file that is not CSV, lacks a required column or is too large throws MalformedFileError;
 * row-level problems (unknown flag, bad date, empty name) are collected with their row numbers (the header is
 * row 1), so the officer can fix them all at once.
 */
export function parseMemberCsv(csv: string, today: string): { members: ImportedMember[]; problems: RowProblem[] } {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: false, trim: false }) as string[][];
  } catch (error) {
    throw new MalformedFileError(`Tệp không đúng định dạng CSV: ${(error as Error).message}`);
  }
  return parseMemberRecords(records.map((cells, i) => ({ row: i + 1, cells })), today);
}

/**
 * The rules of the import, whatever the file's format (CSV, or a spreadsheet's first sheet): the first record is the
 * header, the others are members.
 */
export function parseMemberRecords(records: MemberRecord[], today: string): { members: ImportedMember[]; problems: RowProblem[] } {
  const [header, ...rows] = records;
  if (!header) throw new MalformedFileError('Tệp rỗng');
  const headers = header.cells;
  const index = columnIndex(headers);
  const missing = REQUIRED.filter((column) => index[column] === undefined);
  if (missing.length > 0) {
    throw new MalformedFileError(`Thiếu cột: ${missing.map((c) => IMPORT_COLUMNS[c][0]).join(', ')}`);
  }
  if (rows.length === 0) throw new MalformedFileError('Tệp có dòng tiêu đề nhưng không có đoàn viên nào');
  if (rows.length > MAX_IMPORT_ROWS) throw new MalformedFileError(`Mỗi tệp tối đa ${MAX_IMPORT_ROWS} đoàn viên; hãy chia thành nhiều tệp`);

  const members: ImportedMember[] = [];
  const problems: RowProblem[] = [];
  rows.forEach(({ row, cells }) => {
    const cell = (column: Column): string => (index[column] === undefined ? '' : (cells[index[column]!] ?? ''));
    const fullName = cell('fullName').trim().normalize('NFC');
    const direct = parseFlag(cell('isDirectProductionWorker'));
    const leader = parseFlag(cell('holdsLeadershipPost'));
    const joined = parseDay(cell('joinedUnionOn'));
    const gender = parseGender(cell('gender'));
    const rowProblems: RowProblem[] = [];
    if (!fullName || fullName.length > 200) rowProblems.push({ row, field: 'ho_ten', message: 'họ tên dài 1–200 ký tự' });
    if (!cell('occupationCode').trim()) rowProblems.push({ row, field: 'ma_nghe', message: 'thiếu mã nghề' });
    if (direct === null) rowProblems.push({ row, field: 'truc_tiep_san_xuat', message: 'write "có" or "không"' });
    if (leader === null) rowProblems.push({ row, field: 'giu_chuc_vu', message: 'write "có" or "không"' });
    if (joined === 'invalid') rowProblems.push({ row, field: 'ngay_vao_cong_doan', message: 'ghi ngày theo dạng dd/mm/yyyy' });
    else if (joined && joined > today) rowProblems.push({ row, field: 'ngay_vao_cong_doan', message: 'ngày vào công đoàn không thể ở tương lai' });
    if (gender === undefined) rowProblems.push({ row, field: 'gioi_tinh', message: 'ghi "Nam" hoặc "Nữ", hoặc để trống khi chưa có' });
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    members.push({
      row,
      fullName,
      occupationCode: cell('occupationCode').trim(),
      isDirectProductionWorker: direct!,
      holdsLeadershipPost: leader!,
      gender: gender ?? null,
      joinedUnionOn: joined === 'invalid' ? null : joined,
    });
  });
  return { members, problems };
}
