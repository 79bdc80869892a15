import { asSentence } from '@thidua/common';
import type { NotificationKind } from './kinds';

/** What each kind's notification records when it is made (its texts are written from these when shown or sent). */
export interface NotificationParams {
  PROGRESS_OVERDUE: { campaignId: string; campaignTitle: string; unitName: string; periodStart: string; periodEnd: string };
  PROGRESS_OVERDUE_BELOW: {
    campaignId: string;
    campaignTitle: string;
    unitName: string;
    periodStart: string;
    periodEnd: string;
    /** How many units one level down have not reported, and the first names of them (at most ten). */
    count: number;
    unitNames: string[];
  };
  PROGRESS_DUE_SOON: { campaignId: string; campaignTitle: string; unitName: string; periodStart: string; periodEnd: string };
  SUMMARY_OVERDUE: SummaryOverdue;
  SUMMARY_OVERDUE_BELOW: SummaryOverdue;
  /** `decideBy`: an ad-hoc nomination's last day for a decision, `daysAllowed` then counting from the achievement. */
  NOMINATION_HELD: HeldNomination & { grantingUnitName: string; adHoc: boolean; openedOn: string; daysAllowed: number; decideBy?: string | null };
  /** Nominations held past their days anywhere in a province's (or sector's) subtree: the first ten, and how many. */
  NOMINATIONS_HELD_IN_SUBTREE: { unitName: string; day: string; count: number; items: (HeldNomination & { grantingUnitName: string })[] };
  APPEAL_WINDOW_CLOSING: { campaignId: string; campaignTitle: string; closesAt: string };
  STORY_WAITING_REVIEW: { storyId: string; title: string; since: string; daysAllowed: number };
  REVIEW_OVERDUE: { submissionId: string; campaignId: string; campaignTitle: string; criterionName: string; since: string; daysAllowed: number };
  NOMINATION_DECIDED: {
    nominationId: string;
    subjectName: string;
    granted: boolean;
    /** Granted: the decision; refused: the council's reason. */
    decisionId: string | null;
    decisionNumber: string | null;
    formName: string | null;
    reason: string;
    /** Who refused, when it was the deciding authority rather than the council. */
    refusedBy?: string | null;
  };
  /** A proposal to a deciding authority waiting at a union level longer than that level's days. */
  PROPOSAL_HELD: {
    proposalId: string;
    subjectName: string;
    formName: string;
    unitName: string;
    /** Back at the unit for correction, rather than waiting to be passed on or returned. */
    returned: boolean;
    /** Back at a unit above the one that proposed it: it may also pass it down (decision 0041). */
    passesDown?: boolean;
    /** The national federation: it sends the dossier to the authority itself. */
    atTop: boolean;
    since: string;
    daysHeld: number;
    daysAllowed: number;
  };
  /**
   * A proposal returned to the level for correction, by the level above (named) or by the authority (null); a level
   * above the one that proposed it may also pass it further down (`passesDown`).
   */
  PROPOSAL_RETURNED: { proposalId: string; subjectName: string; formName: string; returnedBy: string | null; note: string; passesDown?: boolean };
  /** The council of the granting unit returned the nominator's dossier for what it lacks (trả lại hồ sơ). */
  NOMINATION_RETURNED: { nominationId: string; subjectName: string; grantingUnitName: string; reason: string };
  REWARD_GRANTED: { decisionId: string; decisionNumber: string; decidedOn: string; formName: string; subjectName: string; collective: boolean; amountVnd: number };
  APPEAL_DECIDED: { appealId: string; campaignId: string; campaignTitle: string; accepted: boolean; resolution: string };
  STORY_ABOUT_ME_PUBLISHED: { storyId: string; title: string };
  /** The day's notifications of the kinds the account gathers into one e-mail (tổng hợp hằng ngày). */
  DAILY_DIGEST: { day: string; items: { title: string; link: string }[] };
}

interface SummaryOverdue {
  campaignId: string;
  campaignTitle: string;
  /** The launching unit, whose summary it is. */
  unitName: string;
  /** The campaign's last day, by which its summary is due (as the campaign subgraph counts it overdue). */
  endsOn: string;
}

interface HeldNomination {
  nominationId: string;
  subjectName: string;
  daysHeld: number;
}

/** A notification as a person reads it: in Vietnamese, with the portal screen where the work is done. */
export interface NotificationText {
  title: string;
  body: string;
  /** A path of the portal (`/work/progress?campaign=…`); e-mails make it absolute. */
  link: string;
}

/** 2026-11-30 → 30/11/2026, as Vietnamese dates are written. */
export function vietnameseDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

function period(start: string, end: string): string {
  return `${vietnameseDate(start)}–${vietnameseDate(end)}`;
}

/** An instant as a person in Việt Nam reads it: 17:00 ngày 03/12/2026. */
export function vietnameseMoment(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${vietnameseDate(local)}`;
}

/** 1500000 → 1.500.000 đồng. */
function dong(amount: number): string {
  return `${amount.toLocaleString('vi-VN')} đồng`;
}

function andMore(count: number, named: number, what: string): string {
  return count > named ? ` và ${count - named} ${what} khác` : '';
}

type Renderers = { [K in NotificationKind]: (params: NotificationParams[K], base: string) => NotificationText };

const RENDERERS: Renderers = {
  PROGRESS_OVERDUE: (p) => ({
    title: `Quá hạn báo cáo tiến độ: ${p.campaignTitle}`,
    body:
      `${p.unitName || 'Đơn vị'} chưa báo cáo tiến độ kỳ ${period(p.periodStart, p.periodEnd)} của phong trào «${p.campaignTitle}». ` +
      `Hạn báo cáo là ngày ${vietnameseDate(p.periodEnd)}; đề nghị đồng chí báo cáo ngay để cấp trên theo dõi, đôn đốc.`,
    link: `/work/progress?campaign=${p.campaignId}`,
  }),
  PROGRESS_OVERDUE_BELOW: (p) => {
    const more = andMore(p.count, p.unitNames.length, 'đơn vị');
    return {
      title: `${p.count} đơn vị trực thuộc quá hạn báo cáo tiến độ: ${p.campaignTitle}`,
      body:
        `Kỳ ${period(p.periodStart, p.periodEnd)} của phong trào «${p.campaignTitle}» đã hết hạn báo cáo, ` +
        `${p.count} đơn vị trực thuộc ${p.unitName || 'đơn vị đồng chí'} chưa báo cáo: ${p.unitNames.join(', ')}${more}. ` +
        `Đề nghị đồng chí kiểm tra, đôn đốc.`,
      link: `/campaigns/${p.campaignId}`,
    };
  },
  PROGRESS_DUE_SOON: (p) => ({
    title: `Sắp đến hạn báo cáo tiến độ: ${p.campaignTitle}`,
    body:
      `Kỳ ${period(p.periodStart, p.periodEnd)} của phong trào «${p.campaignTitle}» kết thúc ngày ${vietnameseDate(p.periodEnd)}; ` +
      `${p.unitName || 'đơn vị'} chưa báo cáo tiến độ kỳ này. Đề nghị đồng chí báo cáo trước hạn.`,
    link: `/work/progress?campaign=${p.campaignId}`,
  }),
  SUMMARY_OVERDUE: (p) => ({
    title: `Quá hạn tổng kết phong trào: ${p.campaignTitle}`,
    body:
      `Phong trào «${p.campaignTitle}» do ${p.unitName || 'đơn vị đồng chí'} phát động đã kết thúc ngày ${vietnameseDate(p.endsOn)} ` +
      `nhưng chưa có báo cáo tổng kết. Đề nghị đồng chí tổng kết phong trào.`,
    link: `/work/campaigns?id=${p.campaignId}`,
  }),
  SUMMARY_OVERDUE_BELOW: (p) => ({
    title: `Đơn vị trực thuộc quá hạn tổng kết phong trào: ${p.campaignTitle}`,
    body:
      `${p.unitName || 'Đơn vị trực thuộc'} chưa tổng kết phong trào «${p.campaignTitle}» đã kết thúc ngày ${vietnameseDate(p.endsOn)}. ` +
      `Đề nghị đồng chí kiểm tra, đôn đốc.`,
    link: `/campaigns/${p.campaignId}`,
  }),
  NOMINATION_HELD: (p) => ({
    title: `Đề nghị khen thưởng chờ xét quá hạn: ${p.subjectName}`,
    body:
      `Đề nghị khen thưởng${p.adHoc ? ' đột xuất' : ''} cho ${p.subjectName} ` +
      // an ad-hoc nomination can be late the day it is filed (its achievement is older than its days)
      (p.daysHeld > 0
        ? `đã chờ Hội đồng thi đua – khen thưởng của ${p.grantingUnitName || 'đơn vị đồng chí'} ${p.daysHeld} ngày (từ ngày ${vietnameseDate(p.openedOn)}), `
        : `vừa đến Hội đồng thi đua – khen thưởng của ${p.grantingUnitName || 'đơn vị đồng chí'} hôm nay (ngày ${vietnameseDate(p.openedOn)}) nhưng đã `) +
      (p.decideBy
        ? `quá hạn quyết định ngày ${vietnameseDate(p.decideBy)} (khen thưởng đột xuất được quyết định trong ${p.daysAllowed} ngày kể từ khi lập thành tích). `
        : `quá thời hạn ${p.daysAllowed} ngày. `) +
      `Đề nghị Hội đồng xem xét, quyết định.`,
    link: `/work/council`,
  }),
  NOMINATIONS_HELD_IN_SUBTREE: (p) => ({
    title: `${p.count} đề nghị khen thưởng chờ xét quá hạn trong ${p.unitName || 'đơn vị đồng chí'}`,
    body:
      `Đến ngày ${vietnameseDate(p.day)}, ${p.count} đề nghị khen thưởng trong ${p.unitName || 'đơn vị đồng chí'} đã chờ xét quá thời hạn: ` +
      `${p.items.map((i) => `${i.subjectName} (${i.grantingUnitName}, ${i.daysHeld} ngày)`).join('; ')}${andMore(p.count, p.items.length, 'đề nghị')}. ` +
      `Đề nghị đồng chí kiểm tra, đôn đốc các hội đồng.`,
    link: `/work/council`,
  }),
  APPEAL_WINDOW_CLOSING: (p) => ({
    title: `Sắp hết hạn khiếu nại kết quả: ${p.campaignTitle}`,
    body:
      `Thời hạn khiếu nại kết quả bình xét phong trào «${p.campaignTitle}» kết thúc lúc ${vietnameseMoment(p.closesAt)}. ` +
      `Nếu chưa đồng ý với kết quả, đồng chí gửi khiếu nại trước thời hạn này.`,
    link: `/work/appeals?campaign=${p.campaignId}`,
  }),
  STORY_WAITING_REVIEW: (p) => ({
    title: `Tin bài chờ duyệt quá hạn: ${p.title}`,
    body: `Tin bài «${p.title}» đã chờ duyệt từ ${vietnameseMoment(p.since)}, quá ${p.daysAllowed} ngày. Đề nghị đồng chí duyệt đăng hoặc yêu cầu chỉnh sửa.`,
    link: `/work/editor`,
  }),
  REVIEW_OVERDUE: (p) => ({
    title: `Minh chứng chờ đồng chí chấm quá hạn: ${p.campaignTitle}`,
    body:
      `Minh chứng cho tiêu chí «${p.criterionName}» của phong trào «${p.campaignTitle}» được phân công đồng chí chấm từ ` +
      `${vietnameseMoment(p.since)}, đã quá ${p.daysAllowed} ngày. Đề nghị đồng chí chấm điểm, hoặc khai báo xung đột lợi ích nếu có.`,
    link: `/work/reviews`,
  }),
  NOMINATION_DECIDED: (p) => ({
    title: p.granted ? `Đề nghị khen thưởng đã được chấp thuận: ${p.subjectName}` : `Đề nghị khen thưởng không được chấp thuận: ${p.subjectName}`,
    body: p.granted
      ? `Hội đồng đã quyết định khen thưởng ${p.formName ?? ''} cho ${p.subjectName} (quyết định số ${p.decisionNumber ?? ''}). ${p.reason}`
      : `${p.refusedBy ?? 'Hội đồng'} đã không chấp thuận đề nghị khen thưởng cho ${p.subjectName}. Lý do: ${p.reason}`,
    link: p.granted && p.decisionId ? `/rewards/decisions/${p.decisionId}` : `/work/nominate`,
  }),
  PROPOSAL_HELD: (p) => ({
    title: `Hồ sơ trình khen chờ quá hạn: ${p.subjectName}`,
    body: `Hồ sơ đề nghị tặng ${p.formName} cho ${p.subjectName} đã ${p.returned ? 'bị trả lại, chờ bổ sung' : 'chờ'} tại ${p.unitName} ${p.daysHeld} ngày ` +
      `(từ ngày ${vietnameseDate(p.since)}), quá thời hạn ${p.daysAllowed} ngày của cấp này. Đề nghị đồng chí ` +
      (p.returned ? `bổ sung rồi gửi lại hồ sơ${p.passesDown ? ', hoặc chuyển xuống cấp dưới để bổ sung' : ''}.` : `${p.atTop ? 'trình cấp có thẩm quyền' : 'chuyển lên cấp trên'} hoặc trả lại hồ sơ kèm lý do.`),
    link: '/work/proposals',
  }),
  PROPOSAL_RETURNED: (p) => ({
    title: `Hồ sơ trình khen bị trả lại: ${p.subjectName}`,
    body: `${p.returnedBy ?? 'Cấp có thẩm quyền quyết định'} đã trả lại hồ sơ đề nghị tặng ${p.formName} cho ${p.subjectName} để bổ sung. ` +
      `Lý do: ${asSentence(p.note)} Đề nghị đồng chí bổ sung rồi gửi lại hồ sơ` +
      (p.passesDown ? ', hoặc chuyển xuống cấp dưới để bổ sung nếu phần cần bổ sung do cấp dưới lưu giữ.' : '.'),
    link: '/work/proposals',
  }),
  NOMINATION_RETURNED: (p) => ({
    title: `Hồ sơ đề nghị khen thưởng bị trả lại: ${p.subjectName}`,
    body: `Hội đồng thi đua – khen thưởng của ${p.grantingUnitName || 'đơn vị xét khen thưởng'} đã trả lại hồ sơ đề nghị khen thưởng cho ${p.subjectName} để bổ sung. ` +
      `Lý do: ${asSentence(p.reason)} Đề nghị đồng chí bổ sung hồ sơ và lập lại đề nghị khen thưởng.`,
    link: '/work/nominate',
  }),
  REWARD_GRANTED: (p) => ({
    title: `${p.collective ? 'Đơn vị được khen thưởng' : 'Đồng chí được khen thưởng'}: ${p.formName}`,
    body:
      `${p.subjectName} được khen thưởng ${p.formName} theo quyết định số ${p.decisionNumber} ngày ${vietnameseDate(p.decidedOn)}` +
      `${p.amountVnd > 0 ? `, kèm tiền thưởng ${dong(p.amountVnd)}` : ''}. Chúc mừng ${p.collective ? 'tập thể' : 'đồng chí'}!`,
    link: `/rewards/decisions/${p.decisionId}`,
  }),
  APPEAL_DECIDED: (p) => ({
    title: `Khiếu nại kết quả ${p.accepted ? 'được chấp nhận' : 'không được chấp nhận'}: ${p.campaignTitle}`,
    body: `Khiếu nại của đồng chí về kết quả bình xét phong trào «${p.campaignTitle}» đã được giải quyết: ${p.resolution}`,
    link: `/campaigns/${p.campaignId}`,
  }),
  STORY_ABOUT_ME_PUBLISHED: (p) => ({
    title: `Bài viết về đồng chí đã được đăng: ${p.title}`,
    body: `Bài «${p.title}» viết về đồng chí đã được đăng trên cổng thông tin thi đua, khen thưởng.`,
    link: `/stories/${p.storyId}`,
  }),
  DAILY_DIGEST: (p, base) => ({
    title: `Tổng hợp thông báo ngày ${vietnameseDate(p.day)}: ${p.items.length} việc cần xử lý`,
    body: p.items.map((item) => `• ${item.title} — ${base}${item.link}`).join('\n'),
    link: '/me/notifications',
  }),
};

/** `base` makes the links inside a text absolute (an e-mail's); the inbox keeps them as paths of the portal. */
export function renderNotification<K extends NotificationKind>(kind: K, params: NotificationParams[K], base = ''): NotificationText {
  return RENDERERS[kind](params, base);
}
