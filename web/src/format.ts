/** Vietnamese formats and labels for what the API returns in codes. */
const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export const vnd = (amount: number | null | undefined) => (amount === null || amount === undefined ? '—' : VND.format(amount));
export const num = (value: number | null | undefined) => (value === null || value === undefined ? '—' : NUMBER.format(value));
export const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${NUMBER.format(Math.round(share * 1000) / 10)}%`);

/** `2026-11-25` → `25/11/2026` (dates are calendar days end to end). */
export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [year, month, date] = iso.slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}

export { todayInVietnam as todayIso } from '../../services/common/src/clock';

export { CAMPAIGN_STATUS_NAMES as CAMPAIGN_STATUS, CAMPAIGN_CATEGORY_NAMES as CATEGORY } from '../../services/campaign/src/domain/campaign-names';

export { ORGANISATION_TYPE_NAMES as ORGANISATION_TYPE, UNIT_LEVEL_NAMES as UNIT_LEVEL } from '../../services/common/src/names';

export const NOMINATION_SOURCE: Record<string, string> = {
  RESULTS: 'Từ kết quả thi đua',
  MEDIA_DISCOVERY: 'Phát hiện qua báo chí',
  OFFICER: 'Cán bộ đề xuất',
  AD_HOC: 'Khen thưởng đột xuất',
  LONG_SERVICE: 'Kỷ niệm chương theo số năm tham gia Công đoàn',
  BLOC: 'Dẫn đầu khối, cụm thi đua',
};

export const NOMINATION_STATUS: Record<string, string> = {
  OPEN: 'Chờ xét',
  IN_COUNCIL: 'Hội đồng đang xét',
  GRANTED: 'Đã khen thưởng',
  REFUSED: 'Không khen thưởng',
  WITHDRAWN: 'Đã rút đề nghị',
  RETURNED: 'Trả lại hồ sơ',
};

/** Hủy bỏ (Law on Emulation and Commendation 2022, art. 93 cl. 2) or thu hồi (issued in error). */
export const CORRECTION_KIND: Record<string, string> = {
  ANNULLED: 'Hủy bỏ quyết định',
  REVOKED: 'Thu hồi quyết định',
};

export { STORY_KIND_NAMES as STORY_KIND } from '../../services/media/src/domain/story-kinds';

export { STORY_STATUS_NAMES as STORY_STATUS } from '../../services/media/src/domain/story-kinds';

export const COLLEAGUE_DEED: Record<string, string> = { GOOD_DEED: 'Người tốt, việc tốt', INITIATIVE: 'Sáng kiến, cách làm hay' };

export const COLLEAGUE_STATUS: Record<string, string> = {
  SUBMITTED: 'Chờ công đoàn cơ sở xem xét',
  NOMINATED: 'Đã đề nghị khen thưởng',
  FORWARDED_TO_MEDIA: 'Đã chuyển ban biên tập',
  DECLINED: 'Không đề nghị',
};

export const REGISTRATION_STATUS: Record<string, string> = { SUBMITTED: 'Chờ cấp trên duyệt', APPROVED: 'Đã duyệt', RETURNED: 'Bị trả lại' };

export const BLOC_STATUS: Record<string, string> = { FORMED: 'Mới thành lập', COVENANT_SIGNED: 'Đã ký giao ước', RANKED: 'Đã xếp hạng' };

export const BLOC_KIND: Record<string, string> = { KHOI: 'Khối thi đua', CUM: 'Cụm thi đua' };

export const PROCEEDING_KIND: Record<string, string> = {
  DISCIPLINE: 'Đang xem xét kỷ luật',
  INSPECTION: 'Đang thanh tra, kiểm tra',
  COMPLAINT: 'Có đơn thư khiếu nại, tố cáo',
};

export const REPORT_STATUS: Record<string, string> = { PENDING_CONFIRMATION: 'Chờ xác nhận', CONFIRMED: 'Đã xác nhận' };

/** Positions in a council (Hội đồng Thi đua - Khen thưởng), as the reward subgraph names them. */
export const COUNCIL_POSITION: Record<string, string> = { CHAIR: 'Chủ tịch Hội đồng', VICE_CHAIR: 'Phó Chủ tịch Hội đồng', STANDING_MEMBER: 'Ủy viên thường trực', MEMBER: 'Ủy viên' };

export const label = (labels: Record<string, string>, code: string | null | undefined) => (code ? (labels[code] ?? code) : '—');
