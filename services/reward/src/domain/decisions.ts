import type { FieldProblem } from '@thidua/common';

/**
 * Decision numbers in the administrative form (số, ký hiệu văn bản): `<số>/QĐ-<issuer code>`, e.g. `125/QĐ-LĐLĐ` is
 * the 125th decision of a provincial federation in the year of its date. The number runs from 1 each year per issuer
 * and the year is not part of it (it is in the date). The issuer's code is data (decision_issuer_codes); a unit with
 * none set writes the abbreviation its level customarily uses.
 */
export const NUMBERING_RULE = {
  source: 'Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I (số, ký hiệu của văn bản: số từ 01 mỗi năm, "QĐ" và chữ viết tắt tên cơ quan ban hành) — điều khoản chưa đối chiếu',
  verified: false,
} as const;

/** The customary abbreviation per level: Tổng Liên đoàn, Liên đoàn Lao động tỉnh/thành phố, công đoàn ngành, công đoàn cấp trên cơ sở, công đoàn cơ sở. */
export const DEFAULT_ISSUER_CODES: Record<string, string> = {
  NATIONAL: 'TLĐ',
  PROVINCIAL: 'LĐLĐ',
  SECTOR: 'CĐN',
  UPPER_GRASSROOTS: 'CĐCTCS',
  GRASSROOTS: 'CĐCS',
};

/** The largest number a register reaches in a year (five digits in any paper register we know). */
export const MAX_DECISION_SEQUENCE = 99_999;

const ISSUER_CODE = /^[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$/u;
const DECISION_NUMBER = /^(\d{1,5})\/QĐ-(.+)$/u;

export function decisionNumber(sequence: number, issuerCode: string): string {
  return `${sequence}/QĐ-${issuerCode}`;
}

/** Problems of an issuer code: upper-case letters (Đ included), digits and hyphens, as the symbol is written. */
export function issuerCodeProblems(code: string, field = 'code'): FieldProblem[] {
  const trimmed = code.trim().normalize('NFC');
  if (trimmed.length < 2 || trimmed.length > 30 || !ISSUER_CODE.test(trimmed)) {
    return [{ field, message: 'chữ viết tắt tên đơn vị ban hành: 2–30 chữ in hoa (có Đ), chữ số và dấu gạch nối, ví dụ LĐLĐ hoặc CĐCS-MTL' }];
  }
  return [];
}

/**
 * A number entered from the paper register: the form `<số>/QĐ-<code>` with this issuer's code and a sequence from 1.
 * Returns the sequence, or the problem for the field.
 */
export function parseEnteredNumber(entered: string, issuerCode: string, field = 'number'): { sequence: number } | { problem: FieldProblem } {
  const match = DECISION_NUMBER.exec(entered.trim().normalize('NFC'));
  const sequence = match ? Number(match[1]) : 0;
  if (!match || sequence < 1 || sequence > MAX_DECISION_SEQUENCE) {
    return { problem: { field, message: `số quyết định theo mẫu số/QĐ-${issuerCode}, ví dụ 125/QĐ-${issuerCode} (số từ 1 đến ${MAX_DECISION_SEQUENCE.toLocaleString('vi-VN')})` } };
  }
  if (match[2] !== issuerCode) {
    return { problem: { field, message: `ký hiệu của đơn vị ban hành là QĐ-${issuerCode}, không phải QĐ-${match[2]}` } };
  }
  return { sequence };
}
