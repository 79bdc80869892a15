import { Link } from 'react-router';
import { CAMPAIGN_STATUS, CATEGORY, day, label, num } from '../format';
import { DownloadButton } from '../downloads';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Loading, Page } from '../ui';
import LAUNCHED from '../../../gateway/public-operations/portal-launched-campaigns.graphql?raw';

interface CampaignCard {
  id: string;
  title: string;
  goal: string | null;
  status: string;
  category: string;
  startsOn: string | null;
  endsOn: string | null;
  launchingUnit: { name: string };
  spread: { units: number; members: number };
  derivedFrom: { title: string } | null;
}


/** Public: the movements launched across the union, newest first. */
export function HomePage() {
  const { data, error, loading } = useQuery<{ campaigns: { edges: { node: CampaignCard }[] } }>(LAUNCHED, { first: 50 });
  const campaigns = data?.campaigns.edges.map((e) => e.node).filter((c) => c.status !== 'DRAFT') ?? [];
  return (
    <Page title="Phong trào thi đua">
      <p className="muted">Các phong trào đã phát động, kết quả công khai và khen thưởng của Công đoàn Việt Nam.</p>
      {campaigns.length > 0 ? <DownloadButton label="Tải Excel danh sách phong trào" testId="movements-excel" href="/exports/campaigns/movements.xlsx" /> : null}
      <ErrorBox error={error} />
      {loading ? <Loading /> : null}
      {!loading && campaigns.length === 0 ? <Empty>Chưa có phong trào nào được phát động.</Empty> : null}
      <div className="grid" data-testid="campaign-list">
        {campaigns.map((campaign) => (
          <article className="card" key={campaign.id}>
            <h3>
              <Link to={`/campaigns/${campaign.id}`}>{campaign.title}</Link>
            </h3>
            <p className="muted">
              {campaign.launchingUnit.name} · {day(campaign.startsOn)} – {day(campaign.endsOn)}
            </p>
            <p>
              <span className="badge">{label(CAMPAIGN_STATUS, campaign.status)}</span> <span className="badge badge-red">{label(CATEGORY, campaign.category)}</span>
            </p>
            {campaign.goal ? <p>{campaign.goal}</p> : null}
            {campaign.derivedFrom ? <p className="muted">Nhân rộng từ: {campaign.derivedFrom.title}</p> : null}
            <p className="muted">
              Lan tỏa: {num(campaign.spread.units)} đơn vị tham gia, {num(campaign.spread.members)} đoàn viên (đăng ký cá nhân hoặc thuộc đơn vị tham gia)
            </p>
          </article>
        ))}
      </div>
    </Page>
  );
}
