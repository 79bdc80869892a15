/** The roles as people call them, in messages and in the portal. Pure, with no imports, so the portal uses the same file. */
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
