import { Link } from 'react-router';
import { BarChart } from '../charts';
import { DownloadButton, query } from '../downloads';
import { num, percent, todayIso } from '../format';
import { FAIRNESS_FIELDS, FairnessFigures } from '../fairness';
import { useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Loading, Page, Warnings } from '../ui';

interface Figures {
  campaignsLaunched: number;
  campaignsSummarised: number;
  summariesOverdue: number;
  enrolledUnits: number;
  enrolledMembers: number;
  targetsTracked: number;
  targetsMet: number;
}

interface Lineage {
  id: string;
  title: string;
  derivedFrom: { id: string } | null;
  launchingUnit: { name: string };
  spread: { campaigns: number; units: number; members: number };
  derivatives: { edges: { node: { id: string; title: string; launchingUnit: { name: string } } }[] };
}

const FIGURES = 'campaignsLaunched campaignsSummarised summariesOverdue enrolledUnits enrolledMembers targetsTracked targetsMet';
const NATIONAL = `query National($unitId: ID!, $year: Int!, $from: Date!, $to: Date!) {
  unionUnit(id: $unitId) { annualReport(year: $year) { figures { ${FIGURES} } byChildUnit { unit { id name provinceCode level } figures { ${FIGURES} } } } }
  rewardFairness(unitId: $unitId, from: $from, to: $to) { ${FAIRNESS_FIELDS} }
}`;

const LINEAGE = `query Lineage { campaigns(first: 10) { edges { node {
  id title derivedFrom { id } launchingUnit { name } spread { campaigns units members } derivatives(first: 10) { edges { node { id title launchingUnit { name } } } }
} } } }`;

const metShare = (f: Figures) => (f.targetsTracked ? f.targetsMet / f.targetsTracked : 0);

/** The national portal: provinces and sector unions ranked, how far model movements spread, the annual report. */
export function NationalPage() {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  const unit = useQuery<MyUnit>(MY_UNIT);
  const unitId = unit.data?.myUnit?.id;
  const { data, error, warnings, loading } = useQuery<{
    unionUnit: { annualReport: { figures: Figures; byChildUnit: { unit: { id: string; name: string; level: string }; figures: Figures }[] } } | null;
    rewardFairness: Parameters<typeof FairnessFigures>[0]['fairness'] | null;
  }>(NATIONAL, { unitId, year, from: `${year}-01-01`, to: today }, !unitId);
  const lineage = useQuery<{ campaigns: { edges: { node: Lineage }[] } }>(LINEAGE);
  const report = data?.unionUnit?.annualReport;
  const ranked = [...(report?.byChildUnit ?? [])].sort((a, b) => metShare(b.figures) - metShare(a.figures) || b.figures.enrolledMembers - a.figures.enrolledMembers);
  const models = (lineage.data?.campaigns.edges.map((e) => e.node) ?? []).filter((c) => !c.derivedFrom && c.derivatives.edges.length > 0);
  return (
    <Page title={`Toàn quốc, năm ${year}`}>
      <ErrorBox error={unit.error ?? error ?? lineage.error} />
      <Warnings warnings={warnings} />
      {loading || unit.loading ? <Loading /> : null}
      {report ? (
        <div className="figures" aria-label="Báo cáo năm">
          <div className="figure"><strong>{num(report.figures.campaignsLaunched)}</strong>phong trào phát động</div>
          <div className="figure"><strong>{num(report.figures.enrolledUnits)}</strong>đơn vị tham gia</div>
          <div className="figure"><strong>{num(report.figures.enrolledMembers)}</strong>đoàn viên tham gia</div>
          <div className="figure"><strong>{num(report.figures.targetsMet)}/{num(report.figures.targetsTracked)}</strong>chỉ tiêu đạt</div>
          <div className="figure"><strong>{num(report.figures.summariesOverdue)}</strong>chậm tổng kết</div>
        </div>
      ) : null}

      {unitId ? (
        <div className="downloads">
          <DownloadButton label="Tải PDF báo cáo năm" href={`/documents/units/${unitId}/annual-report.pdf${query({ year })}`} />
          <DownloadButton label="Tải Excel báo cáo năm" href={`/exports/units/${unitId}/annual-report.xlsx${query({ year })}`} />
        </div>
      ) : null}
      <h2>Xếp hạng tỉnh, thành phố và công đoàn ngành</h2>
      {ranked.length ? (
        <>
          <BarChart
            testId="provinces-chart"
            unit="người"
            title="Đoàn viên tham gia phong trào theo tỉnh, thành phố, ngành"
            labels={ranked.map((line) => line.unit.name)}
            series={[{ label: 'Đoàn viên tham gia', values: ranked.map((line) => line.figures.enrolledMembers) }]}
          />
          <div className="table-wrap">
            <table data-testid="provinces">
              <thead>
                <tr><th className="number">Hạng</th><th>Đơn vị</th><th className="number">Phong trào</th><th className="number">Đơn vị tham gia</th><th className="number">Đoàn viên</th><th className="number">Chỉ tiêu đạt</th><th className="number">Chậm tổng kết</th></tr>
              </thead>
              <tbody>
                {ranked.map((line, index) => (
                  <tr key={line.unit.id}>
                    <td className="number">{index + 1}</td>
                    <td>{line.unit.name}</td>
                    <td className="number">{num(line.figures.campaignsLaunched)}</td>
                    <td className="number">{num(line.figures.enrolledUnits)}</td>
                    <td className="number">{num(line.figures.enrolledMembers)}</td>
                    <td className="number">{percent(metShare(line.figures))}</td>
                    <td className="number">{num(line.figures.summariesOverdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        !loading && <Empty>Chưa có số liệu năm nay.</Empty>
      )}

      <h2>Nhân rộng mô hình</h2>
      {models.length ? (
        <div className="lineage">
          {models.map((model) => (
            <div key={model.id}>
              <p>
                <Link to={`/campaigns/${model.id}`}><strong>{model.title}</strong></Link> <span className="muted">({model.launchingUnit.name})</span>: lan toả tới {num(model.spread.campaigns)} phong trào,{' '}
                {num(model.spread.units)} đơn vị, {num(model.spread.members)} đoàn viên
              </p>
              <ul>
                {model.derivatives.edges.map(({ node }) => (
                  <li key={node.id}>↳ <Link to={`/campaigns/${node.id}`}>{node.title}</Link> <span className="muted">({node.launchingUnit.name})</span></li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : (
        <Empty>Chưa có mô hình nào được nhân rộng.</Empty>
      )}

      <h2>Khen thưởng toàn quốc</h2>
      {unitId ? <DownloadButton label="Tải Excel" href={`/exports/rewards/fairness.xlsx${query({ unitId, from: `${year}-01-01`, to: today })}`} /> : null}
      {data?.rewardFairness ? <FairnessFigures fairness={data.rewardFairness} /> : null}
    </Page>
  );
}
