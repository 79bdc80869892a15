import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { BarChart } from '../charts';
import { DownloadButton, query } from '../downloads';
import { CAMPAIGN_STATUS, NOMINATION_SOURCE, ORGANISATION_TYPE, day, label, num, percent, todayIso } from '../format';
import { FAIRNESS_FIELDS, FairnessFigures, type Fairness } from '../fairness';
import { useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Loading, Page, ShortList, Warnings } from '../ui';

interface Enrollment {
  id: string;
  completion: number;
  unit: { name: string };
  member: { fullName: string } | null;
}

interface DashboardCampaign {
  id: string;
  title: string;
  status: string;
  participation: { units: number; members: number };
  inspection: { enrolled: number; behindTarget: Enrollment[]; behindTargetCount: number; silent: Enrollment[]; silentCount: number; byOrganisationType: { key: string; completionRate: number; enrollments: number }[] } | null;
  rankings: { edges: { node: { rank: number; name: string; unitName: string; score: number } }[] } | null;
}

const DASHBOARD = `query Dashboard($unitId: ID!, $from: Date!, $to: Date!) {
  campaigns(unitId: $unitId, first: 10) { edges { node {
    id title status participation { units members }
    inspection { enrolled behindTarget { id completion unit { name } member { fullName } } behindTargetCount silent { id completion unit { name } member { fullName } } silentCount byOrganisationType { key completionRate enrollments } }
    rankings(first: 5) { edges { node { rank name unitName score } } }
  } } }
  overdueSummaries(unitId: $unitId, first: 10) { edges { node { id title endsOn launchingUnit { name } } } }
  rewardFairness(unitId: $unitId, from: $from, to: $to) { ${FAIRNESS_FIELDS} }
  nominations(status: OPEN, first: 10) { edges { node { id subjectName source reason form { name } } } }
}`;

/** Mean completion over the campaign's enrolments, from the groups the inspection already counts. */
function meanCompletion(campaign: DashboardCampaign): number | null {
  const groups = campaign.inspection?.byOrganisationType ?? [];
  const enrolled = groups.reduce((sum, g) => sum + g.enrollments, 0);
  return enrolled ? groups.reduce((sum, g) => sum + g.completionRate * g.enrollments, 0) / enrolled : null;
}

const FULL_LIST = 'danh sách đầy đủ trong tệp Excel kiểm tra tiến độ';

function Inspection({ campaign }: { campaign: DashboardCampaign }) {
  const inspection = campaign.inspection;
  if (!inspection) return <Empty>Không có quyền xem kiểm tra tiến độ của phong trào này.</Empty>;
  const who = (e: Enrollment) => (e.member ? `${e.member.fullName} (${e.unit.name})` : e.unit.name);
  return (
    <>
      <BarChart
        title={`Mức hoàn thành theo loại hình đơn vị: ${campaign.title}`}
        labels={inspection.byOrganisationType.map((g) => label(ORGANISATION_TYPE, g.key))}
        series={[{ label: 'Mức hoàn thành chỉ tiêu', values: inspection.byOrganisationType.map((g) => g.completionRate) }]}
      />
      <div className="grid">
        <div className="downloads">
          <DownloadButton label="Tải Excel kiểm tra tiến độ" href={`/exports/campaigns/${campaign.id}/inspection.xlsx`} />
          <DownloadButton label="Tải PDF báo cáo sơ kết, tổng kết" href={`/documents/campaigns/${campaign.id}/report.pdf`} />
        </div>
        <div className="card">
          <h3>Chậm so với chỉ tiêu ({num(inspection.behindTargetCount)})</h3>
          {inspection.behindTarget.length
            ? <ShortList testId="behind-target" items={inspection.behindTarget.map((e) => ({ key: e.id, text: `${who(e)}: ${percent(e.completion)}` }))} total={inspection.behindTargetCount} beyond={FULL_LIST} />
            : <Empty>Không có.</Empty>}
        </div>
        <div className="card">
          <h3>Chưa báo cáo ({num(inspection.silentCount)})</h3>
          {inspection.silent.length
            ? <ShortList testId="silent" items={inspection.silent.map((e) => ({ key: e.id, text: who(e) }))} total={inspection.silentCount} beyond={FULL_LIST} />
            : <Empty>Không có.</Empty>}
        </div>
        <div className="card">
          <h3>Xếp hạng</h3>
          {campaign.rankings?.edges.length ? <DownloadButton label="Tải Excel" testId="rankings-excel" href={`/exports/rankings/${campaign.id}.xlsx`} /> : null}
          {campaign.rankings?.edges.length ? (
            <ol>{campaign.rankings.edges.map(({ node }) => <li key={`${node.rank}${node.name}`}>{node.name}{node.unitName !== node.name ? ` (${node.unitName})` : ''}: {num(node.score)} điểm</li>)}</ol>
          ) : (
            <Empty>Chưa công bố kết quả.</Empty>
          )}
        </div>
      </div>
    </>
  );
}

/** A provincial or sector union's dashboard: its subtree's movements, units lagging or silent, overdue summaries, rewards. */
export function DashboardPage() {
  const { session } = useAuth();
  const today = todayIso();
  const from = `${today.slice(0, 4)}-01-01`;
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const { data, error, warnings, loading } = useQuery<{
    campaigns: { edges: { node: DashboardCampaign }[] };
    overdueSummaries: { edges: { node: { id: string; title: string; endsOn: string; launchingUnit: { name: string } } }[] };
    rewardFairness: Fairness | null;
    nominations: { edges: { node: { id: string; subjectName: string; source: string; reason: string; form: { name: string } | null } }[] } | null;
  }>(DASHBOARD, { unitId, from, to: today }, !unitId);
  const [selected, setSelected] = useState(0);
  if (!session) return <Page title="Bảng điều khiển"><p>Hãy <Link to="/login">đăng nhập</Link> bằng tài khoản cán bộ công đoàn.</p></Page>;
  const campaigns = data?.campaigns.edges.map((e) => e.node) ?? [];
  const current = campaigns[selected];
  return (
    <Page title={`Bảng điều khiển: ${unit.data?.myUnit?.name ?? ''}`}>
      <ErrorBox error={unit.error ?? error} />
      <Warnings warnings={warnings} />
      {loading || unit.loading ? <Loading /> : null}
      {unitId ? (
        <div className="downloads" aria-label="Văn bản của đơn vị">
          <DownloadButton label="Tải PDF báo cáo năm" href={`/documents/units/${unitId}/annual-report.pdf${query({ year: today.slice(0, 4) })}`} />
          <DownloadButton label="Tải Excel báo cáo năm" href={`/exports/units/${unitId}/annual-report.xlsx${query({ year: today.slice(0, 4) })}`} />
          <DownloadButton label="Tải Excel danh sách đoàn viên" href={`/exports/units/${unitId}/members.xlsx`} />
        </div>
      ) : null}
      <h2>Tiến độ các phong trào</h2>
      {campaigns.length ? (
        <BarChart
          testId="progress-chart"
          title="Mức hoàn thành bình quân của các đơn vị, đoàn viên tham gia"
          labels={campaigns.map((c) => c.title)}
          series={[{ label: 'Mức hoàn thành bình quân', values: campaigns.map(meanCompletion) }]}
        />
      ) : (
        !loading && <Empty>Chưa có phong trào nào trong phạm vi của bạn.</Empty>
      )}
      <div className="table-wrap">
        <table>
          <thead><tr><th>Phong trào</th><th>Trạng thái</th><th className="number">Tập thể đăng ký</th><th className="number">Đoàn viên đăng ký cá nhân</th><th /></tr></thead>
          <tbody>
            {campaigns.map((c, index) => (
              <tr key={c.id}>
                <td><Link to={`/campaigns/${c.id}`}>{c.title}</Link></td>
                <td>{label(CAMPAIGN_STATUS, c.status)}</td>
                <td className="number">{num(c.participation.units)}</td>
                <td className="number">{num(c.participation.members)}</td>
                <td><button type="button" className="secondary" aria-pressed={index === selected} onClick={() => setSelected(index)}>Kiểm tra</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {current ? <Inspection key={current.id} campaign={current} /> : null}

      <h2>Chậm sơ kết, tổng kết</h2>
      {data?.overdueSummaries.edges.length ? (
        <ul>{data.overdueSummaries.edges.map(({ node }) => <li key={node.id}>{node.title} ({node.launchingUnit.name}), kết thúc {day(node.endsOn)}</li>)}</ul>
      ) : (
        <Empty>Không có phong trào nào chậm tổng kết.</Empty>
      )}

      <h2>Khen thưởng năm {today.slice(0, 4)}</h2>
      {unitId ? <DownloadButton label="Tải Excel" href={`/exports/rewards/fairness.xlsx${query({ unitId, from, to: today })}`} /> : null}
      {data?.rewardFairness ? <FairnessFigures fairness={data.rewardFairness} testId="fairness-chart" /> : null}
      <h3>Đề nghị khen thưởng chờ xét</h3>
      <DownloadButton label="Tải Excel" href="/exports/rewards/nominations.xlsx?status=OPEN" />
      {data?.nominations?.edges.length ? (
        <ul>{data.nominations.edges.map(({ node }) => <li key={node.id}>{node.subjectName}: {node.form?.name ?? 'chưa chọn hình thức'} ({label(NOMINATION_SOURCE, node.source)})</li>)}</ul>
      ) : (
        <Empty>Không có đề nghị nào đang chờ.</Empty>
      )}
    </Page>
  );
}
