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

/** Levels of the union tree, as named in a sentence ("đơn vị cấp …"). */
export const UNIT_LEVEL_NAMES: Record<string, string> = {
  NATIONAL: 'Tổng Liên đoàn',
  PROVINCIAL: 'liên đoàn lao động tỉnh, thành phố',
  SECTOR: 'công đoàn ngành',
  UPPER_GRASSROOTS: 'công đoàn cấp trên cơ sở',
  GRASSROOTS: 'công đoàn cơ sở',
};
