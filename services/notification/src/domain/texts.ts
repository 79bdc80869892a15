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
  /** The day's notifications of the kinds the account gathers into one e-mail (tổng hợp hằng ngày). */
  DAILY_DIGEST: { day: string; items: { title: string; link: string }[] };
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
    const more = p.count > p.unitNames.length ? ` và ${p.count - p.unitNames.length} đơn vị khác` : '';
    return {
      title: `${p.count} đơn vị trực thuộc quá hạn báo cáo tiến độ: ${p.campaignTitle}`,
      body:
        `Kỳ ${period(p.periodStart, p.periodEnd)} của phong trào «${p.campaignTitle}» đã hết hạn báo cáo, ` +
        `${p.count} đơn vị trực thuộc ${p.unitName || 'đơn vị đồng chí'} chưa báo cáo: ${p.unitNames.join(', ')}${more}. ` +
        `Đề nghị đồng chí kiểm tra, đôn đốc.`,
      link: `/campaigns/${p.campaignId}`,
    };
  },
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
