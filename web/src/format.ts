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

export {
  BLOC_KIND_NAMES as BLOC_KIND,
  BLOC_STATUS_NAMES as BLOC_STATUS,
  COLLEAGUE_DEED_NAMES as COLLEAGUE_DEED,
  COLLEAGUE_STATUS_NAMES as COLLEAGUE_STATUS,
  CORRECTION_KIND_NAMES as CORRECTION_KIND,
  FORM_KIND_NAMES as FORM_KIND,
  INITIATIVE_REACH_NAMES as INITIATIVE_REACH,
  INITIATIVE_STATUS_NAMES as INITIATIVE_STATUS,
  NOMINATION_SOURCE_NAMES as NOMINATION_SOURCE,
  NOMINATION_STATUS_NAMES as NOMINATION_STATUS,
  REGISTRATION_STATUS_NAMES as REGISTRATION_STATUS,
  REWARD_PERIOD_LABELS as REWARD_PERIOD,
  SUBJECT_NAMES as SUBJECT,
} from '../../services/reward/src/domain/reward-names';

export { STORY_KIND_NAMES as STORY_KIND } from '../../services/media/src/domain/story-kinds';

export { STORY_STATUS_NAMES as STORY_STATUS } from '../../services/media/src/domain/story-kinds';

export const PROCEEDING_KIND: Record<string, string> = {
  DISCIPLINE: 'Đang xem xét kỷ luật',
  INSPECTION: 'Đang thanh tra, kiểm tra',
  COMPLAINT: 'Có đơn thư khiếu nại, tố cáo',
};

export const REPORT_STATUS: Record<string, string> = { PENDING_CONFIRMATION: 'Chờ xác nhận', CONFIRMED: 'Đã xác nhận' };

export const label = (labels: Record<string, string>, code: string | null | undefined) => (code ? (labels[code] ?? code) : '—');
