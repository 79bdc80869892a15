import { asSentence, closing, code, collectiveAuthority, documentPage, documentTitle, html, issuerHeading, officialHeading, shortDate, vnd, type Html, type Issuer } from '@thidua/common';
import { CORRECTION_VERBS } from '../domain/reward-names';

/** One nomination as the council (Hội đồng Thi đua - Khen thưởng) considered it. */
export interface CouncilCase {
  subjectName: string;
  unitName: string;
  formName: string | null;
  reason: string;
  source: string;
  isDirectProductionWorker: boolean | null;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  /** Each member's latest vote and comments. */
  opinions: { member: string; vote: string | null; comment: string | null }[];
  /** "Đã quyết định khen thưởng", "Không khen thưởng: …", "Được thông qua, chờ quyết định". */
  outcome: string;
  /** True when the council passed it by its quorum and majority. */
  passed: boolean;
  decisionNumber: string | null;
}

/** A meeting of the council: who was a member, who attended, whether the quorum was present. */
export interface MeetingRecord {
  heldOn: string;
  membersTotal: number;
  attendees: string[];
  quorumNeeded: number;
  quorumMet: boolean;
}

export interface MinutesModel {
  issuer: Issuer;
  from: string;
  to: string;
  /** The day the minutes are drawn up. */
  date: string;
  members: string[];
  meetings: MeetingRecord[];
  cases: CouncilCase[];
}

export interface DossierModel {
  issuer: Issuer;
  /** The level above, to which the dossier goes. */
  addressee: string;
  date: string;
  /** Nominations the council approved, proposed upwards. */
  proposed: CouncilCase[];
  minutes: MinutesModel;
}

const councilOf = (unitName: string): string => `Hội đồng Thi đua - Khen thưởng ${unitName}`;
const councilName = (issuer: Issuer): string => councilOf(issuer.name);
const VOTE: Record<string, string> = { FOR: 'tán thành', AGAINST: 'không tán thành', ABSTAIN: 'không biểu quyết' };

function casesTable(cases: CouncilCase[], withVotes: boolean): Html {
  return html`<table class="list">
    <thead><tr><th>STT</th><th>Cá nhân, tập thể</th><th>Đơn vị</th><th>Hình thức</th><th>Thành tích</th>${withVotes ? html`<th>Tán thành</th><th>Không tán thành</th><th>Không biểu quyết</th><th>Kết quả</th>` : html`<th>Lao động trực tiếp</th>`}</tr></thead>
    <tbody>${cases.map(
      (c, i) => html`<tr><td class="c">${i + 1}</td><td>${c.subjectName}</td><td>${c.unitName}</td><td>${c.formName ?? 'Chưa chọn'}</td><td>${c.reason}</td>
        ${withVotes ? html`<td class="c">${c.votesFor}</td><td class="c">${c.votesAgainst}</td><td class="c">${c.abstentions}</td><td>${c.outcome}${c.decisionNumber ? html` (Quyết định số ${code(c.decisionNumber)})` : ''}</td>` : html`<td class="c">${c.isDirectProductionWorker === null ? '' : c.isDirectProductionWorker ? 'Có' : 'Không'}</td>`}</tr>`,
    )}</tbody>
  </table>`;
}

function minutesBody(model: MinutesModel): Html {
  return html`
    ${officialHeading({ superiorName: model.issuer.superiorName, issuerName: councilName(model.issuer), number: null, symbol: `BB-HĐTĐKT`, place: model.issuer.place, date: model.date })}
    ${documentTitle('Biên bản', `Họp Hội đồng Thi đua - Khen thưởng ${model.issuer.name}`)}
    <div class="body">
      <p>Thời gian: từ ngày ${shortDate(model.from)} đến ngày ${shortDate(model.to)} (các phiên xét trên hệ thống Thi Đua).</p>
      ${model.meetings.length
        ? model.meetings.map((m) => html`<p>Phiên họp ngày ${shortDate(m.heldOn)}: ${m.attendees.length}/${m.membersTotal} thành viên dự họp (${m.attendees.join(', ')}); ${m.quorumMet ? `đủ số thành viên dự họp theo quy chế (cần ${m.quorumNeeded})` : `không đủ số thành viên dự họp (cần ${m.quorumNeeded}): kết luận của phiên không có hiệu lực`}.</p>`)
        : html`<p>Chưa có phiên họp nào trong thời gian này.</p>`}
      <p>Thành viên đã cho ý kiến: ${model.members.length ? model.members.join(', ') : 'chưa có'}.</p>
      <p>Nội dung: xét ${model.cases.length} đề nghị khen thưởng. Phiếu của mỗi thành viên dự họp được tính theo phiếu sau cùng trong phiên; một đề nghị được thông qua khi phiên họp đủ số thành viên và số phiếu tán thành đạt tỷ lệ quy chế quy định; thành viên có xung đột lợi ích không biểu quyết.</p>
    </div>
    ${casesTable(model.cases, true)}
    <div class="body">
      ${model.cases.map(
        (c, i) => html`<h3>${i + 1}. ${c.subjectName}</h3>
          ${c.opinions.length ? c.opinions.map((o) => html`<p>${o.member}: ${o.vote ? VOTE[o.vote] : 'không biểu quyết'}${o.comment ? `. Ý kiến: ${o.comment}` : ''}.</p>`) : html`<p>Chưa có ý kiến.</p>`}`,
      )}
      <p>Biên bản được lập từ dữ liệu biểu quyết trên hệ thống và được ký số.</p>
    </div>
    ${closing([], { authority: 'TM. Hội đồng', title: `Chủ tịch Hội đồng`, name: null })}`;
}

/** Minutes of the council's sittings over a period: who voted, how, on what, and what came of it. */
export function minutesPage(model: MinutesModel): Html {
  return documentPage(`Biên bản họp ${councilName(model.issuer)}`, minutesBody(model));
}

/** The dossier to the level above: cover memo (tờ trình), the list proposed, and the council's minutes. */
export function dossierPage(model: DossierModel): Html {
  const body = html`
    ${issuerHeading(model.issuer, model.date, { symbol: 'TTr' })}
    ${documentTitle('Tờ trình', 'Về việc đề nghị khen thưởng')}
    <p class="authority" style="text-transform:none">Kính gửi: ${model.addressee}</p>
    <div class="body">
      <p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;</p>
      <p>Căn cứ kết quả họp ${councilName(model.issuer)} (biên bản kèm theo),</p>
      <p>${model.issuer.name} trân trọng đề nghị ${model.addressee} xem xét, khen thưởng ${model.proposed.length} cá nhân, tập thể có thành tích xuất sắc (danh sách kèm theo).</p>
      <p>Hồ sơ gồm: tờ trình này; danh sách đề nghị khen thưởng; biên bản họp Hội đồng Thi đua - Khen thưởng.</p>
    </div>
    ${closing(['Như trên', 'Lưu: VT, TĐKT'], { authority: collectiveAuthority(model.issuer.level), title: 'Chủ tịch', name: null })}
    <section class="part">
      <p class="type">Danh sách đề nghị khen thưởng</p>
      <p class="annex-of">(Kèm theo Tờ trình của ${model.issuer.name} ngày ${shortDate(model.date)})</p>
      ${casesTable(model.proposed, false)}
    </section>
    <section class="part">${minutesBody(model.minutes)}</section>`;
  return documentPage(`Hồ sơ đề nghị khen thưởng của ${model.issuer.name}`, body);
}

/** One proposal's tờ trình (đề nghị khen thưởng): the proposing unit asks the next level, or the authority, for one form. */
export interface ProposalMemoModel {
  issuer: Issuer;
  /** The level it is sent to: the union unit above, or the authority's addressee (the employer, for yearly titles; the Prime Minister, for the President's forms). */
  addressee: string;
  /** What it asks of the addressee: to decide, or to put it to the authority. */
  request: string;
  /** The body that examines the dossier for the addressee, among the recipients (nơi nhận). */
  alsoTo: string | null;
  date: string;
  formName: string;
  authorityName: string;
  subjectName: string;
  reason: string;
  achievedOn: string;
  awardYear: number;
  signerRole: string;
  signerName: string | null;
  /** For a level that passes the dossier on: the level below whose tờ trình it received, and its own opinion (the note it passed it on with). */
  forwarding: { fromUnitName: string; proposingUnitName: string; opinion: string | null } | null;
  /** The return it answers, when the dossier had come back to the level: who returned it and why, and who corrected what. */
  answering: { returnedBy: string; returnedOn: string | null; reason: string | null; correction: { by: string; text: string } | null } | null;
}

/** Why the issuer proposes: its council's consideration, or, for a level passing the dossier on, the tờ trình it received and its opinion. */
function memoBasis(model: ProposalMemoModel): Html {
  const basis = model.forwarding ? forwardingBasis(model, model.forwarding) : html`<p>Căn cứ kết quả xét của ${councilName(model.issuer)},</p>`;
  if (!model.answering) return basis;
  const { returnedBy, returnedOn, reason, correction } = model.answering;
  return html`<p>Tiếp thu ý kiến của ${returnedBy} khi trả lại hồ sơ${returnedOn ? ` ngày ${shortDate(returnedOn)}` : ''}${reason ? html`: ${asSentence(reason)}` : '.'}</p>
    ${correction ? html`<p>${correction.by} đã bổ sung, hoàn thiện hồ sơ: ${asSentence(correction.text)}</p>` : ''}
    ${basis}`;
}

function forwardingBasis(model: ProposalMemoModel, forwarding: NonNullable<ProposalMemoModel['forwarding']>): Html {
  const { fromUnitName, proposingUnitName, opinion } = forwarding;
  return html`<p>Xét đề nghị của ${fromUnitName}${fromUnitName === proposingUnitName ? '' : ` (do ${proposingUnitName} trình)`}${opinion ? html`; ý kiến của ${model.issuer.name}: ${asSentence(opinion)}` : ','}</p>`;
}

export function proposalMemoPage(model: ProposalMemoModel): Html {
  const received = `${model.forwarding ? `tờ trình của ${model.forwarding.fromUnitName}; ` : ''}${model.answering?.correction ? 'tài liệu đã bổ sung; ' : ''}`;
  const minutesOf = councilOf(model.forwarding?.proposingUnitName ?? model.issuer.name);
  const body = html`
    ${issuerHeading(model.issuer, model.date, { symbol: 'TTr' })}
    ${documentTitle('Tờ trình', `Về việc đề nghị tặng ${model.formName}`)}
    <p class="authority" style="text-transform:none">Kính gửi: ${model.addressee}</p>
    <div class="body">
      <p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;</p>
      ${memoBasis(model)}
      <p>${model.issuer.name} trân trọng đề nghị ${model.addressee} ${model.request} tặng
        ${model.formName} năm ${String(model.awardYear)} cho ${model.subjectName} (thẩm quyền quyết định: ${model.authorityName}).</p>
      <p>Thành tích (đạt được ngày ${shortDate(model.achievedOn)}): ${asSentence(model.reason)}</p>
      <p>Hồ sơ gồm: tờ trình này; ${received}báo cáo thành tích; biên bản họp ${minutesOf}.</p>
    </div>
    ${closing(['Như trên', ...(model.alsoTo ? [model.alsoTo] : []), 'Lưu: VT, TĐKT'], { authority: collectiveAuthority(model.issuer.level), title: model.signerRole, name: model.signerName })}`;
  return documentPage(`Tờ trình đề nghị tặng ${model.formName} cho ${model.subjectName}`, body);
}

/**
 * The union's tờ trình asking the authority to annul (hủy bỏ) or revoke (thu hồi) its decision (decision 0048): sent by
 * the level that had sent the dossier, along the same route, on a ground of the law.
 */
export interface RevocationProposalModel {
  issuer: Issuer;
  date: string;
  /** As the proposal's route: the authority, or for the President's decisions the Prime Minister. */
  addressee: string;
  request: string;
  alsoTo: string | null;
  kind: 'ANNULLED' | 'REVOKED';
  decision: { number: string; decidedOn: string; authorityName: string; formName: string; subjectName: string; amountVnd: number };
  ground: { label: string; source: string };
  reason: string;
  signerRole: string;
  signerName: string | null;
}

export function revocationProposalPage(model: RevocationProposalModel): Html {
  const verb = CORRECTION_VERBS[model.kind];
  const { decision } = model;
  const subject = `Quyết định số ${decision.number} ngày ${shortDate(decision.decidedOn)} của ${decision.authorityName} về việc tặng ${decision.formName} cho ${decision.subjectName}`;
  const body = html`
    ${issuerHeading(model.issuer, model.date, { symbol: 'TTr' })}
    ${documentTitle('Tờ trình', `Về việc đề nghị ${verb} quyết định khen thưởng`)}
    <p class="authority" style="text-transform:none">Kính gửi: ${model.addressee}</p>
    <div class="body">
      <p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ ${model.ground.source};</p>
      <p>${asSentence(model.reason)}</p>
      <p>${model.issuer.name} trân trọng đề nghị ${model.addressee} ${model.request} ${verb} ${subject}, với lý do: ${model.ground.label.charAt(0).toLowerCase()}${model.ground.label.slice(1)}${model.kind === 'ANNULLED' && decision.amountVnd > 0 ? html`; thu hồi hiện vật khen thưởng và tiền thưởng ${vnd(decision.amountVnd)} đồng` : ''}.</p>
      <p>Hồ sơ gồm: tờ trình này; văn bản, kết luận nêu trên.</p>
    </div>
    ${closing(['Như trên', ...(model.alsoTo ? [model.alsoTo] : []), 'Lưu: VT, TĐKT'], { authority: collectiveAuthority(model.issuer.level), title: model.signerRole, name: model.signerName })}`;
  return documentPage(`Tờ trình đề nghị ${verb} ${subject}`, body);
}
