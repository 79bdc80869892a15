import {
  closing,
  code,
  collectiveAuthority,
  collectiveBody,
  documentPage,
  documentTitle,
  html,
  number,
  issuerHeading,
  shortDate,
  verificationBlock,
  vietnameseDate,
  vnd,
  type Html,
  type Issuer,
} from '@thidua/common';

export interface DecisionRecipient {
  name: string;
  unitName: string;
  reason: string;
  amountVnd: number;
}

/** What a reward decision (quyết định khen thưởng) and its certificate print: the register's row and its context. */
export interface DecisionModel {
  id: string;
  number: string;
  decidedOn: string;
  signerRole: string;
  signerName: string | null;
  issuer: Issuer;
  formName: string;
  /** The legal source of the form (law article, decree, union regulation). */
  formSource: string;
  adHoc: boolean;
  collective: boolean;
  /** The annexed list; one line per recipient (today one decision honours one). */
  recipients: DecisionRecipient[];
  baseSalaryVnd: number;
  multiplier: number | null;
  /** Who proposed it: "Ban Tổ chức phong trào …", "Công đoàn …". */
  proposedBy: string;
  /** The council's vote; null on the short path of ad-hoc rewards. */
  votes: { for: number; against: number } | null;
  /** The decision's page on the public register (the QR code's link). */
  registerUrl: string;
}

const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
const subjects = (model: DecisionModel): string => `${model.recipients.length} ${model.collective ? 'tập thể' : 'cá nhân'}`;
const total = (model: DecisionModel): number => model.recipients.reduce((sum, r) => sum + r.amountVnd, 0);

function legalBases(model: DecisionModel): Html {
  const unit = model.issuer.name;
  return html`
    <p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;</p>
    <p>Căn cứ Điều lệ Công đoàn Việt Nam;</p>
    <p>Căn cứ ${model.formSource};</p>
    ${model.votes
      ? html`<p>Căn cứ kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng ${unit} (${model.votes.for} phiếu tán thành, ${model.votes.against} phiếu không tán thành);</p>`
      : html`<p>Căn cứ quy định về khen thưởng đột xuất (Luật Thi đua, khen thưởng 2022, Điều 8);</p>`}
    <p>Xét đề nghị của ${model.proposedBy},</p>`;
}

function articles(model: DecisionModel): Html {
  const amount = total(model);
  const reason = model.recipients.length === 1 ? lowerFirst(model.recipients[0]!.reason.replace(/[.\s]+$/, '')) : 'thành tích nêu trong danh sách kèm theo';
  return html`
    <p><span class="article">Điều 1.</span> Tặng ${model.formName} cho ${subjects(model)} (có danh sách kèm theo) đã có thành tích: ${reason}.</p>
    <p><span class="article">Điều 2.</span> ${amount > 0
      ? html`Kèm theo ${model.formName} là tiền thưởng ${vnd(amount)} đồng${model.multiplier !== null ? ` (${number(model.multiplier)} lần mức lương cơ sở ${vnd(model.baseSalaryVnd)} đồng)` : ''}, chi từ quỹ thi đua, khen thưởng của ${model.issuer.name}.`
      : html`${model.formName} không kèm tiền thưởng.`}</p>
    <p><span class="article">Điều 3.</span> Quyết định có hiệu lực kể từ ngày ký. Văn phòng, Ban Tổ chức ${model.issuer.name}, thủ trưởng các đơn vị có liên quan và ${model.collective ? 'các tập thể' : 'các cá nhân'} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.</p>`;
}

function annex(model: DecisionModel): Html {
  return html`<section class="annex">
    <p class="type">Danh sách ${model.collective ? 'tập thể' : 'cá nhân'} được tặng ${model.formName}</p>
    <p class="annex-of">(Kèm theo Quyết định số ${code(model.number)} ${vietnameseDate(model.decidedOn)} của ${collectiveBody(model.issuer.level, model.issuer.name)})</p>
    <table class="list">
      <thead><tr><th>STT</th><th>${model.collective ? 'Tên tập thể' : 'Họ và tên'}</th><th>Đơn vị</th><th>Thành tích</th><th>Số tiền (đồng)</th></tr></thead>
      <tbody>
        ${model.recipients.map((r, i) => html`<tr><td class="c">${i + 1}</td><td>${r.name}</td><td>${r.unitName}</td><td>${r.reason}</td><td class="n">${vnd(r.amountVnd)}</td></tr>`)}
        <tr><td></td><td colspan="3"><strong>Tổng cộng: ${subjects(model)}</strong></td><td class="n"><strong>${vnd(total(model))}</strong></td></tr>
      </tbody>
    </table>
  </section>`;
}

/** The decision in the Decree 30 layout, its annexed list on a page of its own, and the QR code to the register. */
export async function decisionPage(model: DecisionModel): Promise<Html> {
  const title = `Quyết định số ${model.number}`;
  const body = html`
    ${issuerHeading(model.issuer, model.decidedOn, { number: model.number })}
    ${documentTitle('Quyết định', `Về việc tặng ${model.formName}`)}
    <p class="authority">${collectiveBody(model.issuer.level, model.issuer.name)}</p>
    <div class="body">
      ${legalBases(model)}
      <p class="authority">Quyết định:</p>
      ${articles(model)}
    </div>
    ${closing(['Như Điều 3', ...new Set(model.recipients.map((r) => r.unitName).filter(Boolean))].concat(['Lưu: VT, TĐKT']), {
      authority: collectiveAuthority(model.issuer.level),
      title: model.signerRole,
      name: model.signerName,
    })}
    ${await verificationBlock(model.registerUrl, html`Tra cứu Quyết định số ${code(model.number)} ngày ${shortDate(model.decidedOn)} trên sổ khen thưởng công khai:`)}
    ${annex(model)}`;
  return documentPage(title, body);
}
