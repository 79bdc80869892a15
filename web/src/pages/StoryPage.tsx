import { Link, useParams } from 'react-router';
import { STORY_KIND, day, label, withReward } from '../format';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Loading, Page } from '../ui';
import STORY from '../../../gateway/public-operations/portal-story.graphql?raw';

interface StoryData {
  id: string;
  title: string;
  summary: string | null;
  bodyHtml: string | null;
  kind: string;
  status: string;
  tags: string[];
  publishedAt: string | null;
  retractionReason: string | null;
  campaign: { id: string; title: string } | null;
  rewardDecision: {
    decisionNumber: string;
    formName: string;
    amountVnd: number;
    decidedOn: string;
    revocation: { kind: string; number: string; revokedOn: string; reason: string } | null;
  } | null;
  /** Names are public with a published story; a retracted story's are not (null, with an error the page need not show). */
  members: { id: string; fullName: string | null }[];
}


/** Public: one published story (its body is the API's sanitised HTML). */
export function StoryPage() {
  const { id = '' } = useParams();
  const { data, error, loading } = useQuery<{ story: StoryData | null }>(STORY, { id });
  if (loading) return <Loading />;
  const story = data?.story;
  if (!story) return <Page title="Tin bài">{error ? <ErrorBox error={error} /> : <Empty>Không tìm thấy tin bài này.</Empty>}</Page>;
  const named = story.members.flatMap((m) => (m.fullName ? [m.fullName] : []));
  return (
    <Page title={story.title}>
      <p className="muted">
        {label(STORY_KIND, story.kind)} · {day(story.publishedAt)} {story.tags.map((tag) => <span key={tag} className="badge">{tag}</span>)}
      </p>
      {story.retractionReason ? <div className="alert alert-warning">Tin bài đã được gỡ: {story.retractionReason}</div> : null}
      {story.summary ? <p><strong>{story.summary}</strong></p> : null}
      {named.length ? <p data-testid="story-people">Nhân vật: {named.join(', ')}</p> : null}
      {/* bodyHtml is sanitised by the media subgraph (allow-list of tags and attributes, no scripts or handlers) */}
      {story.bodyHtml ? <div className="story-body" dangerouslySetInnerHTML={{ __html: story.bodyHtml }} /> : null}
      {story.rewardDecision ? (
        <p className="alert alert-success">
          Quyết định khen thưởng số {story.rewardDecision.decisionNumber} ngày {day(story.rewardDecision.decidedOn)}: {story.rewardDecision.formName}{withReward(story.rewardDecision.amountVnd)}.
        </p>
      ) : null}
      {story.rewardDecision?.revocation ? (
        <p className="alert alert-error" role="status" data-testid="story-revocation">
          Đính chính: Quyết định khen thưởng số {story.rewardDecision.decisionNumber} đã bị {story.rewardDecision.revocation.kind === 'ANNULLED' ? 'hủy bỏ' : 'thu hồi'} theo
          Quyết định số {story.rewardDecision.revocation.number} ngày {day(story.rewardDecision.revocation.revokedOn)}: {story.rewardDecision.revocation.reason}.
        </p>
      ) : null}
      {story.campaign ? <p>Phong trào: <Link to={`/campaigns/${story.campaign.id}`}>{story.campaign.title}</Link></p> : null}
    </Page>
  );
}
