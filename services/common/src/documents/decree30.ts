import QRCode from 'qrcode';
import { html, trusted, type Html } from './html';
import type { IssuingUnit } from './store';

/**
 * The layout of administrative documents by Decree 30/2020/NĐ-CP (Phụ lục I), with the trade union's conventions:
 * A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman's metric twin Liberation Serif, 13–14 pt;
 * the issuing body (and its superior body) on the left, the national title and motto on the right with the place
 * and date below; number and symbol; type and subject of the document; body justified with a 1 cm first-line indent;
 * the signer's authority (on behalf of the standing committee, "TM."), title and name; the recipients.
 */
const PAGE_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page landscape { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 14pt; line-height: 1.25; color: #000;
  font-variant-ligatures: none; -webkit-print-color-adjust: exact; }
body { margin: 0; }
p { margin: 0 0 6pt; }
table { border-collapse: collapse; }
.heading { width: 100%; table-layout: fixed; margin-bottom: 12pt; }
.heading td { vertical-align: top; text-align: center; padding: 0; }
.heading .left { width: 41%; font-size: 13pt; }
.heading .right { width: 59%; }
.superior { text-transform: uppercase; }
.issuer { text-transform: uppercase; font-weight: bold; }
.rule { display: block; margin: 2pt auto 6pt; border-top: 0.75pt solid #000; width: 40%; }
.number { font-size: 13pt; white-space: nowrap; }
.code { white-space: nowrap; }
.national { font-size: 12.5pt; font-weight: bold; text-transform: uppercase; white-space: nowrap; }
.motto { display: inline-block; font-weight: bold; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; white-space: nowrap; }
.dated { font-style: italic; margin-top: 8pt; }
.type { text-align: center; font-weight: bold; text-transform: uppercase; margin: 6pt 0 0; }
.subject { text-align: center; font-weight: bold; margin: 0; }
.subject + .rule, .type + .rule { width: 30%; }
.authority { text-align: center; font-weight: bold; text-transform: uppercase; margin: 6pt 0; }
.body p, .body li { text-align: justify; text-indent: 1cm; }
.body h3 { font-size: 14pt; margin: 8pt 0 4pt; text-indent: 1cm; }
.article { font-weight: bold; }
.closing { width: 100%; table-layout: fixed; margin-top: 12pt; page-break-inside: avoid; }
.closing td { vertical-align: top; padding: 0; }
.recipients { width: 50%; font-size: 11pt; }
.recipients strong { font-size: 12pt; font-style: italic; }
.recipients ul { list-style: none; margin: 0; padding: 0; }
.signature { width: 50%; text-align: center; font-weight: bold; }
.signature .role { text-transform: uppercase; }
.signature .signed { font-weight: normal; font-style: italic; font-size: 11pt; margin: 28pt 0; color: #333; }
.list { width: 100%; font-size: 12pt; margin: 6pt 0; }
.list th, .list td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; }
.list th { text-align: center; }
.list td.n { text-align: right; white-space: nowrap; }
.list td.c { text-align: center; }
.annex { page-break-before: always; }
.annex-of { text-align: center; font-style: italic; margin: 0 0 10pt; }
.verify { display: flex; gap: 8pt; align-items: center; font-size: 10pt; margin-top: 14pt; page-break-inside: avoid; }
.verify svg { width: 24mm; height: 24mm; flex: none; }
.verify a { color: #000; word-break: break-all; }
.part { page-break-before: always; }
`;

/** A number or symbol kept on one line: a hyphen at a line's end would read as a break, and text extraction drops it. */
export function code(text: string): Html {
  return html`<span class="code">${text}</span>`;
}

/** A whole page, ready to print. */
export function documentPage(title: string, body: Html, extraCss = ''): Html {
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title><style>${trusted(PAGE_CSS + extraCss)}</style></head>
<body>${body}</body></html>`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "ngày 05 tháng 02 năm 2026": a zero before days under 10 and months 1 and 2 (Decree 30, Phụ lục I, 6). */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `ngày ${pad2(day)} tháng ${month < 3 ? pad2(month) : month} năm ${year}`;
}

/** `25/11/2026` */
export function shortDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

const VND = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
/** `3.510.000` (Vietnamese thousands separator), amounts in đồng. */
export const vnd = (amount: number): string => VND.format(amount);
const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
export const number = (value: number): string => NUMBER.format(value);

export interface OfficialHeading {
  /** The body directly above the issuer (cơ quan chủ quản), when there is one. */
  superiorName: string | null;
  issuerName: string;
  /** "Số: 125/QĐ-LĐLĐ"; null for documents the platform does not number. */
  number: string | null;
  /** The symbol when there is no number, e.g. "KH-BN": the clerk's register gives the number. */
  symbol: string;
  place: string;
  date: string;
}

/** Issuing body, number and symbol on the left; national title, motto, place and date on the right. */
export function officialHeading(heading: OfficialHeading): Html {
  return html`<table class="heading"><tr>
    <td class="left">
      ${heading.superiorName ? html`<div class="superior">${heading.superiorName}</div>` : ''}
      <div class="issuer">${heading.issuerName}</div><span class="rule"></span>
      <div class="number">${heading.number ? `Số: ${heading.number}` : html`Số:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/${heading.symbol}`}</div>
    </td>
    <td class="right">
      <div class="national">Cộng hòa xã hội chủ nghĩa Việt Nam</div>
      <div class="motto">Độc lập - Tự do - Hạnh phúc</div>
      <div class="dated">${heading.place}, ${vietnameseDate(heading.date)}</div>
    </td>
  </tr></table>`;
}

/** Type of document (QUYẾT ĐỊNH, KẾ HOẠCH…) and its subject line. */
export function documentTitle(type: string, subject: string | null): Html {
  return html`<p class="type">${type}</p>${subject ? html`<p class="subject">${subject}</p>` : ''}<span class="rule"></span>`;
}

export interface Signatory {
  /** "TM. BAN THƯỜNG VỤ" — on behalf of a collective body; null when the head signs in their own right. */
  authority: string | null;
  /** The signer's title, e.g. "Chủ tịch LĐLĐ tỉnh Bắc Ninh". */
  title: string;
  name: string | null;
}

/** Recipients on the left, the signature block on the right; the digital signature stands in for the handwritten one. */
export function closing(recipients: string[], signatory: Signatory): Html {
  return html`<table class="closing"><tr>
    <td class="recipients">${recipients.length ? html`<strong>Nơi nhận:</strong><ul>${recipients.map((r, i) => html`<li>- ${r}${i === recipients.length - 1 ? '.' : ';'}</li>`)}</ul>` : ''}</td>
    <td class="signature">
      ${signatory.authority ? html`<div class="role">${signatory.authority}</div>` : ''}
      <div class="role">${signatory.title}</div>
      <div class="signed">(Đã ký số)</div>
      <div>${signatory.name ?? ''}</div>
    </td>
  </tr></table>`;
}

/** A QR code of a link (vector, so it prints sharp), the link itself under it, and what it is for. */
export async function verificationBlock(url: string, caption: string | Html): Promise<Html> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  return html`<div class="verify"><a href="${url}">${trusted(svg)}</a><div>${caption}<br><a href="${url}">${url}</a></div></div>`;
}

/** The symbol of an issuer's documents: the last segment of its path, as decision numbers use it (`/vn/bn/` → BN). */
export function unitSymbol(unitPath: string): string {
  const segments = unitPath.split('/').filter(Boolean);
  return (segments[segments.length - 1] ?? 'vn').toUpperCase();
}

/** The path of the unit directly above (`/vn/bn/kcn/` → `/vn/bn/`), or null for the root. */
export function parentPath(unitPath: string): string | null {
  const segments = unitPath.split('/').filter(Boolean);
  return segments.length > 1 ? `/${segments.slice(0, -1).join('/')}/` : null;
}

/** The unit a document issues from, with what its heading needs. */
export interface Issuer extends IssuingUnit {
  /** The body directly above it, named in the heading (cơ quan chủ quản). */
  superiorName: string | null;
  level: string;
}

/** The heading of a document the unit issues: numbered (decisions) or with its symbol only. */
export function issuerHeading(issuer: Issuer, date: string, numbering: { number: string } | { symbol: string }): Html {
  return officialHeading({
    superiorName: issuer.superiorName,
    issuerName: issuer.name,
    number: 'number' in numbering ? numbering.number : null,
    symbol: 'symbol' in numbering ? `${numbering.symbol}-${unitSymbol(issuer.path)}` : '',
    place: issuer.place,
    date,
  });
}

/**
 * The collective leadership that acts in a unit's name between congresses (Điều lệ Công đoàn Việt Nam): the national
 * federation's Presidium (Đoàn Chủ tịch), the standing committee of provincial, sector and upper grassroots bodies, a
 * grassroots union's executive committee.
 */
function leadershipBody(level: string): string {
  if (level === 'NATIONAL') return 'Đoàn Chủ tịch';
  return level === 'GRASSROOTS' ? 'Ban Chấp hành' : 'Ban Thường vụ';
}

/** "TM. BAN THƯỜNG VỤ": the line above the signature when the head signs for that body. */
export function collectiveAuthority(level: string): string {
  return `TM. ${leadershipBody(level).toLocaleUpperCase('vi')}`;
}

/** The body that decides in the unit's name: "Ban Thường vụ Liên đoàn Lao động tỉnh Bắc Ninh". */
export function collectiveBody(level: string, unitName: string): string {
  return `${leadershipBody(level)} ${unitName}`;
}

/** A page of the portal (PUBLIC_BASE_URL), as QR codes and links in documents point to it. */
export function publicUrl(path: string): string {
  return `${(process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '')}${path}`;
}
