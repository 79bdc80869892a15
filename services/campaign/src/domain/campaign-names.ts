/**
 * The Vietnamese names of a movement's status and category, as officers and readers see them in the portal and in
 * spreadsheets. Pure, with no imports, so the web portal uses the same file.
 */
export const CAMPAIGN_STATUS_NAMES: Record<string, string> = {
  DRAFT: 'Bản nháp',
  LAUNCHED: 'Đã phát động',
  IN_PROGRESS: 'Đang triển khai',
  SUMMARISING: 'Đang sơ kết, tổng kết',
  CLOSED: 'Đã kết thúc',
};

export const CAMPAIGN_CATEGORY_NAMES: Record<string, string> = {
  UNION_WORK: 'Thi đua thực hiện nhiệm vụ công đoàn',
  FOR_WORKERS: 'Thi đua trong công nhân, viên chức, lao động',
  FOR_WORKERS_IN_UNION_BODIES: 'Thi đua trong cán bộ cơ quan công đoàn',
};
