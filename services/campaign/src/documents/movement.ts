import { closing, collectiveAuthority, documentPage, documentTitle, html, issuerHeading, number, shortDate, type Html, type Issuer } from '@thidua/common';

/** What a movement's plan (kế hoạch phát động) and its reports print. */
export interface MovementModel {
  id: string;
  title: string;
  issuer: Issuer;
  /** The day the document is dated: the launch for a plan, today for a report. */
  date: string;
  category: string;
  goal: string | null;
  content: string | null;
  participants: string | null;
  organisingMeasures: string | null;
  scope: { unitName: string; organisationTypes: string[]; occupations: string[] };
  targets: { name: string; unitOfMeasure: string; targetValue: number; higherIsBetter: boolean; weight: number }[];
  startsOn: string | null;
  endsOn: string | null;
  cadence: string;
}

/** Interim (sơ kết) figures from the inspection, or the final summary (tổng kết) once submitted. */
export interface MovementReportModel extends MovementModel {
  final: boolean;
  participation: { units: number; members: number };
  /** Final: achieved against each target. */
  results: { name: string; unitOfMeasure: string; targetValue: number; achievedValue: number; met: boolean; comment: string | null }[];
  lessons: string | null;
  exemplars: { name: string; achievement: string }[];
  /** Interim: who lags, who stopped reporting, completion by organisation type. */
  interim: { enrolled: number; behind: string[]; silent: string[]; byOrganisationType: { label: string; enrollments: number; completion: number }[] } | null;
}

const paragraph = (text: string | null, fallback: string): Html => html`<p>${text?.trim() || fallback}</p>`;
const period = (model: MovementModel): string =>
  model.startsOn && model.endsOn ? `Từ ngày ${shortDate(model.startsOn)} đến ngày ${shortDate(model.endsOn)}, báo cáo ${model.cadence}.` : 'Chưa định thời gian.';

function targetsTable(model: MovementModel): Html {
  return html`<table class="list">
    <thead><tr><th>STT</th><th>Chỉ tiêu</th><th>Mức chỉ tiêu</th><th>Đơn vị tính</th><th>Hướng</th><th>Trọng số (%)</th></tr></thead>
    <tbody>${model.targets.map((t, i) => html`<tr><td class="c">${i + 1}</td><td>${t.name}</td><td class="n">${number(t.targetValue)}</td><td>${t.unitOfMeasure}</td>
      <td>${t.higherIsBetter ? 'Càng cao càng tốt' : 'Càng thấp càng tốt'}</td><td class="n">${number(t.weight)}</td></tr>`)}</tbody>
  </table>`;
}

function scopeText(model: MovementModel): string {
  const parts = [`các đơn vị thuộc ${model.scope.unitName}`];
  if (model.scope.organisationTypes.length) parts.push(`loại hình: ${model.scope.organisationTypes.join(', ')}`);
  if (model.scope.occupations.length) parts.push(`ngành nghề: ${model.scope.occupations.join(', ')}`);
  return `${parts.join('; ')}.`;
}

const recipients = (model: MovementModel) => [`Các đơn vị thuộc ${model.scope.unitName}`, 'Lưu: VT, TĐKT'];

/** Kế hoạch phát động phong trào thi đua: goal, scope and participants, content and targets, period, measures. */
export function planPage(model: MovementModel): Html {
  const body = html`
    ${issuerHeading(model.issuer, model.date, { symbol: 'KH' })}
    ${documentTitle('Kế hoạch', `Phát động phong trào thi đua "${model.title}"`)}
    <div class="body">
      <h3>I. MỤC ĐÍCH, YÊU CẦU</h3>${paragraph(model.goal, 'Chưa nêu mục tiêu.')}
      <p>Loại phong trào: ${model.category}.</p>
      <h3>II. PHẠM VI, ĐỐI TƯỢNG</h3><p>Phạm vi: ${scopeText(model)}</p>${paragraph(model.participants ? `Đối tượng: ${model.participants}` : null, 'Đối tượng: đoàn viên, người lao động trong phạm vi trên.')}
      <h3>III. NỘI DUNG VÀ CHỈ TIÊU THI ĐUA</h3>${paragraph(model.content, 'Thi đua hoàn thành các chỉ tiêu dưới đây.')}
    </div>
    ${targetsTable(model)}
    <div class="body">
      <h3>IV. THỜI GIAN</h3><p>${period(model)}</p>
      <h3>V. TỔ CHỨC THỰC HIỆN</h3>${paragraph(model.organisingMeasures, 'Các đơn vị đăng ký thi đua, báo cáo tiến độ theo kỳ trên hệ thống Thi Đua; cấp trên kiểm tra, đôn đốc.')}
    </div>
    ${closing(recipients(model), { authority: collectiveAuthority(model.issuer.level), title: 'Chủ tịch', name: null })}`;
  return documentPage(`Kế hoạch phát động phong trào thi đua ${model.title}`, body);
}

function finalResults(model: MovementReportModel): Html {
  return html`<table class="list">
    <thead><tr><th>STT</th><th>Chỉ tiêu</th><th>Mức chỉ tiêu</th><th>Kết quả</th><th>Đánh giá</th></tr></thead>
    <tbody>${model.results.map((r, i) => html`<tr><td class="c">${i + 1}</td><td>${r.name}${r.comment ? html`<br><em>${r.comment}</em>` : ''}</td>
      <td class="n">${number(r.targetValue)} ${r.unitOfMeasure}</td><td class="n">${number(r.achievedValue)} ${r.unitOfMeasure}</td><td class="c">${r.met ? 'Đạt' : 'Chưa đạt'}</td></tr>`)}</tbody>
  </table>`;
}

function interimResults(interim: NonNullable<MovementReportModel['interim']>): Html {
  return html`<table class="list">
      <thead><tr><th>Loại hình đơn vị</th><th>Lượt tham gia</th><th>Mức hoàn thành bình quân</th></tr></thead>
      <tbody>${interim.byOrganisationType.map((g) => html`<tr><td>${g.label}</td><td class="n">${g.enrollments}</td><td class="n">${number(Math.round(g.completion * 1000) / 10)}%</td></tr>`)}</tbody>
    </table>
    <div class="body">
      <p>Chậm so với chỉ tiêu (${interim.behind.length}): ${interim.behind.join('; ') || 'không có'}.</p>
      <p>Chưa báo cáo kỳ gần nhất (${interim.silent.length}): ${interim.silent.join('; ') || 'không có'}.</p>
    </div>`;
}

/** Báo cáo sơ kết (while the movement runs) or tổng kết (its submitted summary). */
export function movementReportPage(model: MovementReportModel): Html {
  const kind = model.final ? 'tổng kết' : 'sơ kết';
  const body = html`
    ${issuerHeading(model.issuer, model.date, { symbol: 'BC' })}
    ${documentTitle('Báo cáo', `${kind === 'tổng kết' ? 'Tổng kết' : 'Sơ kết'} phong trào thi đua "${model.title}"`)}
    <div class="body">
      <h3>I. KHÁI QUÁT</h3>
      <p>${model.issuer.name} phát động phong trào ${period(model).charAt(0).toLowerCase() + period(model).slice(1)} Phạm vi: ${scopeText(model)}</p>
      <p>Tham gia: ${number(model.participation.units)} đơn vị và ${number(model.participation.members)} đoàn viên đăng ký thi đua.</p>
      <h3>II. KẾT QUẢ ${model.final ? 'THỰC HIỆN CÁC CHỈ TIÊU' : 'KIỂM TRA, ĐÔN ĐỐC'}</h3>
    </div>
    ${model.final ? finalResults(model) : interimResults(model.interim!)}
    ${model.final
      ? html`<div class="body">
          <h3>III. GƯƠNG ĐIỂN HÌNH</h3>
          ${model.exemplars.length ? model.exemplars.map((e) => html`<p>- ${e.name}: ${e.achievement}</p>`) : html`<p>Chưa nêu gương điển hình.</p>`}
          <h3>IV. BÀI HỌC KINH NGHIỆM</h3>${paragraph(model.lessons, '')}
        </div>`
      : ''}
    ${closing(recipients(model), { authority: collectiveAuthority(model.issuer.level), title: 'Chủ tịch', name: null })}`;
  return documentPage(`Báo cáo ${kind} phong trào thi đua ${model.title}`, body);
}
