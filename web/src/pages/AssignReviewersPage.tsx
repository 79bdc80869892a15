import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Outcome, Page, describedBy } from '../ui';

interface Reviewer {
  id: string;
  fullName: string;
  roles: string[];
  unit: { name: string; path: string } | null;
  member: { id: string } | null;
}

interface Submission {
  id: string;
  enrollmentId: string;
  text: string;
  status: 'IN_REVIEW' | 'NEEDS_THIRD_REVIEW' | 'SCORED';
  reviewCount: number;
  criterion: { name: string };
}

const CAMPAIGNS = `query CampaignsToAssign($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title } } } }`;
const REVIEWERS = `query ReviewerAccounts($unitId: ID!) { accounts(unitId: $unitId, first: 100) { edges { node { id fullName roles unit { name path } member { id } } } } }`;
const SUBMISSIONS = `query SubmissionsToAssign($id: ID!) { campaign(id: $id) {
  enrollments(first: 100) { edges { node { id unit { name } member { fullName } } } }
  submissions { id enrollmentId text status reviewCount criterion { name } }
} }`;
const CONFLICT = `query ReviewerConflict($id: ID!, $reviewer: ReviewerInput!) { submission(id: $id) { conflictWith(reviewer: $reviewer) } }`;
const ASSIGN = `mutation AssignReviewer($submissionId: ID!, $reviewer: ReviewerInput!) { assignReviewer(submissionId: $submissionId, reviewer: $reviewer) { id status } }`;

const STATUS: Record<Submission['status'], string> = { IN_REVIEW: 'Đang chấm', NEEDS_THIRD_REVIEW: 'Cần người chấm thứ ba', SCORED: 'Đã chấm xong' };

const reviewerInput = (r: Reviewer) => ({ subject: r.id, memberId: r.member?.id ?? null, unitPath: r.unit?.path ?? null });

/** One submission: a reviewer chosen among the reviewer accounts, their conflict of interest shown before assigning. */
function Assignment({ submission, who, reviewers }: { submission: Submission; who: string; reviewers: Reviewer[] }) {
  const { session } = useAuth();
  const [reviewerId, setReviewerId] = useState('');
  const reviewer = reviewers.find((r) => r.id === reviewerId) ?? null;
  const conflict = useQuery<{ submission: { conflictWith: string | null } | null }>(CONFLICT, { id: submission.id, reviewer: reviewer ? reviewerInput(reviewer) : null }, !reviewer);
  const action = useAction();
  const id = `assign-${submission.id}`;
  const clash = reviewer ? conflict.data?.submission?.conflictWith ?? null : null;
  const assign = () => void action.run(async () => {
    await mutate(ASSIGN, { submissionId: submission.id, reviewer: reviewerInput(reviewer!) }, session?.token ?? null);
    return `Đã phân công ${reviewer!.fullName} chấm minh chứng “${submission.criterion.name}” của ${who}.`;
  });
  return (
    <article className="card stack" data-testid="submission" aria-label={`Minh chứng của ${who}`}>
      <h3>{submission.criterion.name} · {who}</h3>
      <p>{submission.text}</p>
      <p className="muted">{STATUS[submission.status]} · {submission.reviewCount} lượt chấm</p>
      <Field id={id} label="Người chấm" problem={clash ? `Xung đột lợi ích: ${clash}` : action.problem('reviewer')}>
        <select id={id} value={reviewerId} onChange={(e) => setReviewerId(e.target.value)} {...describedBy(id, false, clash ?? action.problem('reviewer'))}>
          <option value="">Chọn người chấm…</option>
          {reviewers.map((r) => <option key={r.id} value={r.id}>{r.unit ? `${r.fullName} (${r.unit.name})` : r.fullName}</option>)}
        </select>
      </Field>
      <ErrorBox error={conflict.error} />
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="button" disabled={!reviewer || action.busy || submission.status === 'SCORED'} onClick={assign}>Phân công</button></div>
    </article>
  );
}

/** The organisers assign reviewers (phân công người chấm) to the evidence submitted in their movements. */
export function AssignReviewersPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const mine = unit.data?.myUnit ?? null;
  const list = useQuery<{ campaigns: { edges: { node: { id: string; title: string } }[] } }>(CAMPAIGNS, { unitId: mine?.id }, !mine);
  const accounts = useQuery<{ accounts: { edges: { node: Reviewer }[] } }>(REVIEWERS, { unitId: mine?.id }, !mine);
  const reviewers = accounts.data?.accounts.edges.map((e) => e.node).filter((a) => a.roles.includes('REVIEWER')) ?? [];
  const [campaignId, setCampaignId] = useState('');
  const campaign = useQuery<{ campaign: { enrollments: { edges: { node: { id: string; unit: { name: string }; member: { fullName: string } | null } }[] } | null; submissions: Submission[] | null } | null }>(
    SUBMISSIONS, { id: campaignId }, !campaignId);
  const names = new Map((campaign.data?.campaign?.enrollments?.edges ?? []).map(({ node }) => [node.id, node.member ? `${node.member.fullName} (${node.unit.name})` : node.unit.name]));
  const submissions = campaign.data?.campaign?.submissions ?? [];
  return (
    <Page title="Phân công chấm minh chứng">
      <p className="muted">Người chấm là tài khoản có vai trò Người chấm điểm trong đơn vị; xung đột lợi ích hiện ra trước khi phân công.</p>
      <ErrorBox error={unit.error ?? list.error ?? accounts.error ?? campaign.error} />
      <Field id="assign-campaign" label="Phong trào">
        <select id="assign-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">Chọn phong trào…</option>
          {list.data?.campaigns.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.title}</option>)}
        </select>
      </Field>
      {campaignId && campaign.data && submissions.length === 0 ? <Empty>Phong trào này chưa có minh chứng nào.</Empty> : null}
      <div className="grid">
        {submissions.map((s) => <Assignment key={s.id} submission={s} who={names.get(s.enrollmentId) ?? 'người tham gia'} reviewers={reviewers} />)}
      </div>
    </Page>
  );
}
