/**
 * Names of the platform's codes as people say them, in messages and in the portal. Pure, with no imports, so the
 * portal and every service use the same file.
 */

/** The roles. */
export const ROLE_NAMES: Record<string, string> = {
  NATIONAL_ADMIN: 'Quản trị Tổng Liên đoàn',
  UNIT_OFFICER: 'Cán bộ công đoàn',
  REVIEWER: 'Người chấm điểm',
  COUNCIL_MEMBER: 'Thành viên Hội đồng TĐKT',
  EDITOR: 'Biên tập viên',
  MEMBER: 'Đoàn viên',
  EMPLOYER: 'Người sử dụng lao động',
  NEWS_CHANNEL: 'Kênh tin',
};

/** Organisation types (loại hình), as a list labels them; `inSentence` for the middle of a sentence. */
export const ORGANISATION_TYPE_NAMES: Record<string, string> = {
  ADMINISTRATIVE_AGENCY: 'Cơ quan hành chính',
  PUBLIC_SERVICE_UNIT: 'Đơn vị sự nghiệp',
  STATE_OWNED_ENTERPRISE: 'Doanh nghiệp Nhà nước',
  PRIVATE_ENTERPRISE: 'Doanh nghiệp tư nhân',
  FDI_ENTERPRISE: 'Doanh nghiệp FDI',
  UNION_AGENCY: 'Cơ quan công đoàn',
  UNSPECIFIED: 'Chưa phân loại',
};

/** Levels of the union tree (cấp công đoàn). */
export const UNIT_LEVEL_NAMES: Record<string, string> = {
  NATIONAL: 'Tổng Liên đoàn',
  PROVINCIAL: 'Liên đoàn Lao động tỉnh, thành phố',
  SECTOR: 'Công đoàn ngành',
  UPPER_GRASSROOTS: 'Công đoàn cấp trên trực tiếp cơ sở',
  GRASSROOTS: 'Công đoàn cơ sở',
};

/** A name as it reads inside a sentence: "Doanh nghiệp Nhà nước" → "doanh nghiệp Nhà nước" (only the first letter). */
export function inSentence(name: string | undefined): string {
  if (!name) return '';
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}
