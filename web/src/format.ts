/** Vietnamese formats and labels for what the API returns in codes. */
const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export const vnd = (amount: number | null | undefined) => (amount === null || amount === undefined ? '—' : VND.format(amount));
/** A reward's cash, or null when it carries none: 0 ₫ is not a reward and is not shown as one (a certificate alone). */
export const rewardVnd = (amount: number | null | undefined) => (amount ? VND.format(amount) : null);
/** `, 702.000 ₫` after a reward's form, or nothing when the reward carries no cash. */
export const withReward = (amount: number | null | undefined) => {
  const cash = rewardVnd(amount);
  return cash ? `, ${cash}` : '';
};
export const num = (value: number | null | undefined) => (value === null || value === undefined ? '—' : NUMBER.format(value));
export const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${NUMBER.format(Math.round(share * 1000) / 10)}%`);

const MOMENT = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' });

/** A moment as `25/11/2026 08:05`, in Việt Nam's time (— when there is none). */
export function moment(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(MOMENT.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

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
  COUNCIL_POSITION_NAMES as COUNCIL_POSITION,
  CORRECTION_KIND_NAMES as CORRECTION_KIND,
  FORM_KIND_NAMES as FORM_KIND,
  INITIATIVE_REACH_NAMES as INITIATIVE_REACH,
  INITIATIVE_STATUS_NAMES as INITIATIVE_STATUS,
  NOMINATION_SOURCE_NAMES as NOMINATION_SOURCE,
  NOMINATION_STATUS_NAMES as NOMINATION_STATUS,
  PASSED_DOWN_NAME as PASSED_DOWN,
  PROPOSAL_STATUS_NAMES as PROPOSAL_STATUS,
  PROPOSAL_STEP_OUTCOME_NAMES as PROPOSAL_STEP_OUTCOME,
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

export { WEBHOOK_DELIVERY_STATUS_NAMES as WEBHOOK_DELIVERY_STATUS, WEBHOOK_EVENT_NAMES as WEBHOOK_EVENT } from '../../services/media/src/domain/webhook-names';
