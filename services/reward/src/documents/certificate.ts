import { code, collectiveAuthority, collectiveBody, documentPage, html, shortDate, trusted, verificationBlock, vietnameseDate, type Html } from '@thidua/common';
import type { DecisionModel } from './decision';

/** A4 landscape, a double frame, the form's name large; the union's certificates are printed this way. */
const CERTIFICATE_CSS = `
@page { size: A4 landscape; margin: 10mm; }
html { font-size: 15pt; }
.frame { height: 188mm; border: 3pt double #9b1c1c; padding: 8mm 14mm; display: flex; flex-direction: column; text-align: center; }
.frame .national { font-size: 13pt; }
.frame .issuer { margin-top: 8pt; font-size: 14pt; }
.form { font-size: 40pt; font-weight: bold; text-transform: uppercase; color: #9b1c1c; margin: 8pt 0 0; letter-spacing: 1pt; }
.to { font-style: italic; margin: 4pt 0; }
.recipient { font-size: 24pt; font-weight: bold; margin: 0; }
.recipient-unit { font-size: 15pt; margin: 2pt 0 8pt; }
.achievement { font-size: 15pt; margin: 0 20mm; }
.bottom { margin-top: auto; display: flex; justify-content: space-between; align-items: flex-end; text-align: center; }
.bottom .verify { margin: 0; text-align: left; max-width: 95mm; }
.bottom .reference { font-size: 11pt; text-align: left; }
.bottom .signature { width: 45%; font-weight: bold; }
.bottom .signature .dated { font-weight: normal; }
`;

/** The word a certificate is headed with: "Bằng khen", "Giấy khen", "Cờ thi đua"…; titles get a "Giấy chứng nhận". */
export function certificateHeading(formName: string): { heading: string; subtitle: string | null } {
  const kind = /^(Bằng khen|Giấy khen|Cờ thi đua|Bằng Lao động sáng tạo|Giải thưởng [^(,]+)/.exec(formName)?.[1]?.trim();
  if (!kind) return { heading: 'Giấy chứng nhận', subtitle: `Danh hiệu ${formName}` };
  return { heading: kind, subtitle: kind === formName ? null : formName };
}

/** The certificate (Giấy khen, Bằng khen) of a decision's recipient, with the QR code to the decision's public page. */
export async function certificatePage(model: DecisionModel): Promise<Html> {
  const recipient = model.recipients[0]!;
  const { heading, subtitle } = certificateHeading(model.formName);
  const body = html`<div class="frame">
    <div class="national">Cộng hòa xã hội chủ nghĩa Việt Nam</div>
    <div><span class="motto">Độc lập - Tự do - Hạnh phúc</span></div>
    <div class="issuer">${collectiveBody(model.issuer.level, model.issuer.name).toLocaleUpperCase('vi')}</div>
    <p class="to">tặng</p>
    <p class="form">${heading}</p>
    ${subtitle ? html`<p class="to">${subtitle}</p>` : ''}
    <p class="to">cho</p>
    <p class="recipient">${recipient.name}</p>
    <p class="recipient-unit">${recipient.unitName && recipient.unitName !== recipient.name ? recipient.unitName : trusted('&nbsp;')}</p>
    <p class="achievement">Đã có thành tích: ${recipient.reason}</p>
    <div class="bottom">
      <div>
        ${await verificationBlock(model.registerUrl, 'Quét mã để kiểm tra trên sổ khen thưởng công khai:')}
        <p class="reference">Quyết định số ${code(model.number)} ngày ${shortDate(model.decidedOn)}</p>
      </div>
      <div class="signature">
        <div class="dated"><em>${model.issuer.place}, ${vietnameseDate(model.decidedOn)}</em></div>
        <div class="role">${collectiveAuthority(model.issuer.level)}</div>
        <div class="role">${model.signerRole}</div>
        <div class="signed">(Đã ký số)</div>
        <div>${model.signerName ?? ''}</div>
      </div>
    </div>
  </div>`;
  return documentPage(`${model.formName}: ${recipient.name}`, body, CERTIFICATE_CSS);
}
