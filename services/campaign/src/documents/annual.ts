import { closing, collectiveAuthority, documentPage, documentTitle, html, issuerHeading, number, type Html, type Issuer } from '@thidua/common';

export type AnnualFigureKey =
  | 'campaignsLaunched' | 'campaignsSummarised' | 'campaignsClosed' | 'summariesOverdue' | 'enrolledUnits' | 'enrolledMembers' | 'targetsTracked' | 'targetsMet';
type AnnualFigures = Record<AnnualFigureKey, number>;

/** The annual report of a unit for its workers' conference and the thematic conference on emulation and rewards. */
export interface AnnualReportModel {
  issuer: Issuer;
  year: number;
  date: string;
  figures: AnnualFigures;
  children: { name: string; figures: AnnualFigures }[];
}

/** The figures, each with its label, as both the PDF and the spreadsheet show them. */
export const ANNUAL_FIGURES: { key: AnnualFigureKey; label: string }[] = [
  { key: 'campaignsLaunched', label: 'Phong trào phát động' },
  { key: 'campaignsSummarised', label: 'Phong trào đã tổng kết' },
  { key: 'campaignsClosed', label: 'Phong trào đã kết thúc' },
  { key: 'summariesOverdue', label: 'Phong trào chậm tổng kết' },
  { key: 'enrolledUnits', label: 'Đơn vị đăng ký thi đua' },
  { key: 'enrolledMembers', label: 'Đoàn viên đăng ký thi đua' },
  { key: 'targetsTracked', label: 'Chỉ tiêu đăng ký' },
  { key: 'targetsMet', label: 'Chỉ tiêu đạt' },
];

const metShare = (f: AnnualFigures): string => (f.targetsTracked ? `${number(Math.round((f.targetsMet / f.targetsTracked) * 1000) / 10)}%` : '—');

export function annualReportPage(model: AnnualReportModel): Html {
  const f = model.figures;
  const body = html`
    ${issuerHeading(model.issuer, model.date, { symbol: 'BC' })}
    ${documentTitle('Báo cáo', `Kết quả phong trào thi đua năm ${model.year}`)}
    <div class="body">
      <h3>I. KẾT QUẢ CHUNG</h3>
      <p>Năm ${model.year}, ${model.issuer.name} và các cấp công đoàn trực thuộc phát động ${number(f.campaignsLaunched)} phong trào thi đua, tổng kết ${number(f.campaignsSummarised)} phong trào;
        ${number(f.summariesOverdue)} phong trào chậm tổng kết. ${number(f.enrolledUnits)} đơn vị và ${number(f.enrolledMembers)} đoàn viên đăng ký thi đua;
        ${number(f.targetsMet)}/${number(f.targetsTracked)} chỉ tiêu đăng ký đạt (${metShare(f)}).</p>
    </div>
    <table class="list">
      <thead><tr><th>Chỉ số</th><th>Số lượng</th></tr></thead>
      <tbody>${ANNUAL_FIGURES.map((figure) => html`<tr><td>${figure.label}</td><td class="n">${number(f[figure.key])}</td></tr>`)}</tbody>
    </table>
    ${model.children.length
      ? html`<div class="body"><h3>II. KẾT QUẢ CỦA CÁC ĐƠN VỊ TRỰC THUỘC</h3></div>
        <table class="list">
          <thead><tr><th>STT</th><th>Đơn vị</th><th>Phong trào</th><th>Đơn vị tham gia</th><th>Đoàn viên</th><th>Chỉ tiêu đạt</th><th>Chậm tổng kết</th></tr></thead>
          <tbody>${model.children.map((c, i) => html`<tr><td class="c">${i + 1}</td><td>${c.name}</td><td class="n">${number(c.figures.campaignsLaunched)}</td>
            <td class="n">${number(c.figures.enrolledUnits)}</td><td class="n">${number(c.figures.enrolledMembers)}</td><td class="n">${metShare(c.figures)}</td>
            <td class="n">${number(c.figures.summariesOverdue)}</td></tr>`)}</tbody>
        </table>`
      : ''}
    ${closing(['Hội nghị người lao động, hội nghị cán bộ, công chức, viên chức', 'Lưu: VT, TĐKT'], { authority: collectiveAuthority(model.issuer.level), title: 'Chủ tịch', name: null })}`;
  return documentPage(`Báo cáo kết quả phong trào thi đua năm ${model.year}: ${model.issuer.name}`, body);
}
