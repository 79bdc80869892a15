import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../auth';
import { DiscardDraftButton } from '../drafts';
import { DownloadButton } from '../downloads';
import { CAMPAIGN_STATUS, CATEGORY, STORY_KIND, day, label, num, withReward } from '../format';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Loading, Page, Warnings } from '../ui';
import CAMPAIGN from '../../../gateway/public-operations/portal-campaign.graphql?raw';
import RANKING_VERSION from '../../../gateway/public-operations/portal-campaign-ranking.graphql?raw';

interface Ranking {
  publicationVersion: number | null;
  publishedAt: string | null;
  appealDeadline: string | null;
  edges: { node: { rank: number; name: string; unitName: string; score: number } }[];
}

interface Publication {
  version: number;
  publishedAt: string;
  appealDeadline: string;
  cause: 'RESULTS' | 'APPEAL';
  entries: number;
}

const CAUSE: Record<Publication['cause'], string> = { RESULTS: 'công bố kết quả', APPEAL: 'công bố lại sau khiếu nại được chấp nhận' };


interface CampaignData {
  id: string;
  title: string;
  goal: string | null;
  content: string | null;
  participants: string | null;
  status: string;
  category: string;
  startsOn: string | null;
  endsOn: string | null;
  launchingUnit: { name: string };
  targets: { id: string; name: string; unitOfMeasure: string; targetValue: number; weight: number }[];
  summary: { lessons: string; results: { target: { name: string; unitOfMeasure: string }; achievedValue: number; met: boolean }[]; exemplars: { name: string; achievement: string }[] } | null;
  derivedFrom: { id: string; title: string } | null;
  adaptationNote: string | null;
  derivatives: { edges: { node: { id: string; title: string; launchingUnit: { name: string } } }[] };
  spread: { campaigns: number; units: number; members: number };
  rankings: Ranking | null;
  publications: Publication[] | null;
  rewards: { edges: { node: { number: string; decidedOn: string; formName: string; subjectName: string; amountVnd: number } }[] } | null;
  stories: { edges: { node: { id: string; title: string; kind: string } }[] } | null;
}

/** Public: a movement, its targets, published results, rewards, stories and how far it spread. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { has } = useAuth();
  const navigate = useNavigate();
  const { data, error, warnings, loading } = useQuery<{ campaign: CampaignData | null }>(CAMPAIGN, { id });
  const campaign = data?.campaign;
  if (loading) return <Loading />;
  if (!campaign) return <Page title="Phong trào">{error ? <ErrorBox error={error} /> : <Empty>Không tìm thấy phong trào này.</Empty>}</Page>;
  return (
    <Page
      title={campaign.title}
      actions={has('UNIT_OFFICER', 'NATIONAL_ADMIN') ? <Link className="button secondary" to={`/campaigns/${campaign.id}/replicate`}>Nhân rộng</Link> : null}
    >
      <Warnings warnings={warnings} />
      {campaign.status === 'DRAFT' && has('UNIT_OFFICER', 'NATIONAL_ADMIN') ? (
        <p>
          Phong trào này chưa được phát động. <DiscardDraftButton id={campaign.id} title={campaign.title} onDiscarded={() => navigate('/work/launch')} />
        </p>
      ) : null}
      <div className="downloads">
        <DownloadButton label="Tải PDF kế hoạch phát động" href={`/documents/campaigns/${campaign.id}/plan.pdf`} />
        {campaign.summary ? <DownloadButton label="Tải PDF báo cáo tổng kết" href={`/documents/campaigns/${campaign.id}/report.pdf`} /> : null}
      </div>
      <p className="muted">
        {campaign.launchingUnit.name} · {day(campaign.startsOn)} – {day(campaign.endsOn)} · <span className="badge">{label(CAMPAIGN_STATUS, campaign.status)}</span>{' '}
        <span className="badge badge-red">{label(CATEGORY, campaign.category)}</span>
      </p>
      {campaign.goal ? <p><strong>Mục tiêu:</strong> {campaign.goal}</p> : null}
      {campaign.content ? <p><strong>Nội dung:</strong> {campaign.content}</p> : null}
      {campaign.derivedFrom ? (
        <p>
          Nhân rộng từ <Link to={`/campaigns/${campaign.derivedFrom.id}`}>{campaign.derivedFrom.title}</Link>
          {campaign.adaptationNote ? ` — ${campaign.adaptationNote}` : ''}
        </p>
      ) : null}

      <h2>Chỉ tiêu</h2>
      <div className="table-wrap">
        <table>
          <thead><tr><th>Chỉ tiêu</th><th className="number">Mục tiêu</th><th className="number">Trọng số</th></tr></thead>
          <tbody>
            {campaign.targets.map((t) => (
              <tr key={t.id}><td>{t.name}</td><td className="number">{num(t.targetValue)} {t.unitOfMeasure}</td><td className="number">{num(t.weight)}%</td></tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Lan tỏa</h2>
      <p>
        {num(campaign.spread.campaigns)} phong trào, {num(campaign.spread.units)} đơn vị tham gia, {num(campaign.spread.members)} đoàn viên (đăng ký cá nhân hoặc thuộc đơn vị tham gia).
      </p>
      {campaign.derivatives.edges.length ? (
        <ul>
          {campaign.derivatives.edges.map(({ node }) => (
            <li key={node.id}><Link to={`/campaigns/${node.id}`}>{node.title}</Link> <span className="muted">({node.launchingUnit.name})</span></li>
          ))}
        </ul>
      ) : null}

      <PublishedResults campaignId={campaign.id} latest={campaign.rankings} history={campaign.publications ?? []} />

      {campaign.summary ? (
        <>
          <h2>Tổng kết</h2>
          <p>{campaign.summary.lessons}</p>
          <ul>
            {campaign.summary.results.map((r) => (
              <li key={r.target.name}>{r.target.name}: {num(r.achievedValue)} {r.target.unitOfMeasure} {r.met ? '✓ đạt' : '✗ chưa đạt'}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Khen thưởng</h2>
      {campaign.rewards?.edges.length ? (
        <ul>
          {campaign.rewards.edges.map(({ node }) => (
            <li key={node.number}>{node.subjectName}: {node.formName} (QĐ {node.number}, {day(node.decidedOn)}{withReward(node.amountVnd)})</li>
          ))}
        </ul>
      ) : (
        <Empty>Chưa có quyết định khen thưởng.</Empty>
      )}

      <h2>Tin bài</h2>
      {campaign.stories?.edges.length ? (
        <ul>
          {campaign.stories.edges.map(({ node }) => (
            <li key={node.id}><Link to={`/stories/${node.id}`}>{node.title}</Link> <span className="muted">({label(STORY_KIND, node.kind)})</span></li>
          ))}
        </ul>
      ) : (
        <Empty>Chưa có tin bài.</Empty>
      )}
    </Page>
  );
}

/**
 * The published results: the latest version, and every earlier one as it was published (each accepted appeal
 * publishes a new version; none is overwritten), chosen from the history.
 */
function PublishedResults({ campaignId, latest, history }: { campaignId: string; latest: Ranking | null; history: Publication[] }) {
  const [version, setVersion] = useState<number | null>(null);
  const older = useQuery<{ campaign: { rankings: Ranking | null } | null }>(RANKING_VERSION, { id: campaignId, version }, version === null);
  const shown = version === null ? latest : (older.data?.campaign?.rankings ?? null);
  const newest = history[0]?.version ?? null;
  return (
    <>
      <h2>Kết quả công khai</h2>
      {shown?.publicationVersion ? (
        <>
          <DownloadButton label="Tải Excel" href={`/exports/rankings/${campaignId}.xlsx${version === null ? '' : `?version=${version}`}`} />
          <p className="muted" data-testid="ranking-version">
            Công bố lần {shown.publicationVersion} ngày {day(shown.publishedAt)}; hạn khiếu nại {day(shown.appealDeadline)}
            {shown.publicationVersion === newest ? '.' : ' (bản cũ, đã được thay bằng lần công bố sau).'}
          </p>
          <div className="table-wrap">
            <table data-testid="rankings">
              <thead><tr><th className="number">Hạng</th><th>Cá nhân / tập thể</th><th>Đơn vị</th><th className="number">Điểm</th></tr></thead>
              <tbody>
                {shown.edges.map(({ node }) => (
                  <tr key={`${node.rank}-${node.name}`}><td className="number">{node.rank}</td><td>{node.name}</td><td>{node.unitName}</td><td className="number">{num(node.score)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : older.loading ? (
        <Loading />
      ) : (
        <Empty>Chưa công bố kết quả.</Empty>
      )}
      <ErrorBox error={older.error} />
      {history.length > 1 ? (
        <>
          <h3>Các lần công bố</h3>
          <ol reversed data-testid="publication-history">
            {history.map((p) => {
              const current = (version ?? newest) === p.version;
              return (
                <li key={p.version}>
                  Lần {p.version}, ngày {day(p.publishedAt)}: {CAUSE[p.cause]}, {num(p.entries)} cá nhân, tập thể; hạn khiếu nại {day(p.appealDeadline)}.{' '}
                  <button type="button" className="secondary" aria-pressed={current} disabled={current} onClick={() => setVersion(p.version === newest ? null : p.version)}>
                    {current ? 'Đang xem' : `Xem lần ${p.version}`}
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </>
  );
}
