import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, describedBy } from '../ui';

interface Participant {
  id: string;
  campaign: { id: string; title: string };
  unit: { name: string };
  member: { fullName: string } | null;
}

interface Appeal {
  id: string;
  enrollmentId: string;
  reason: string;
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED';
  resolution: string | null;
}

const MINE = `query MyEnrollmentsToAppeal { myEnrollments(first: 50) { edges { node { id campaign { id title } unit { name } member { fullName } } } } }`;
const CAMPAIGNS = `query CampaignsWithAppeals($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title status } } } }`;
const CAMPAIGN = `query CampaignAppeals($id: ID!) { campaign(id: $id) {
  id title
  enrollments(first: 100) { edges { node { id campaign { id title } unit { name } member { fullName } } } }
  appeals { id enrollmentId reason status resolution }
} }`;
const SCORE = `query AppealedScore($enrollmentId: ID!) { participantScore(enrollmentId: $enrollmentId) { total breakdown { criterion { id name } points } } }`;
const FILE = `mutation FileAppeal($campaignId: ID!, $enrollmentId: ID!, $reason: String!) { fileAppeal(campaignId: $campaignId, enrollmentId: $enrollmentId, reason: $reason) { id status } }`;
const RESOLVE = `mutation ResolveAppeal($id: ID!, $accept: Boolean!, $resolution: String!, $corrections: [ScoreCorrectionInput!]) {
  resolveAppeal(id: $id, accept: $accept, resolution: $resolution, corrections: $corrections) { id status }
}`;

const STATUS: Record<Appeal['status'], string> = { OPEN: 'Chờ giải quyết', ACCEPTED: 'Đã chấp nhận', REJECTED: 'Không chấp nhận' };

const nameOf = (p: Participant) => (p.member ? `${p.member.fullName} (${p.unit.name})` : p.unit.name);

/** A participant's appeal (khiếu nại) on a published result: the member themself, or an officer over their unit. */
function FileAppeal({ participant, onDone }: { participant: Participant; onDone(): void }) {
  const { session } = useAuth();
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = `appeal-reason-${participant.id}`;
  const problem = action.problem('reason');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await mutate(FILE, { campaignId: participant.campaign.id, enrollmentId: participant.id, reason }, session?.token ?? null);
      setReason('');
      onDone();
      return `Đã gửi khiếu nại kết quả phong trào «${participant.campaign.title}» của ${nameOf(participant)}; ban tổ chức sẽ trả lời.`;
    });
  };
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-label={`Khiếu nại: ${participant.campaign.title} – ${nameOf(participant)}`} data-testid="file-appeal">
      <h3>{participant.campaign.title}</h3>
      <p className="muted">{nameOf(participant)}</p>
      <Field id={id} label="Kết quả sai ở đâu" hint="Nêu tiêu chí, số liệu hoặc minh chứng bị tính sai" problem={problem}>
        <textarea id={id} value={reason} maxLength={5000} onChange={(e) => setReason(e.target.value)} {...describedBy(id, true, problem)} />
      </Field>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Gửi khiếu nại</button></div>
    </form>
  );
}

/** The organisers answer an appeal: accept with the corrected points of the criteria it is about, or reject; either way with the reasons. */
function ResolveAppeal({ appeal, participant, onDone }: { appeal: Appeal; participant: Participant | undefined; onDone(): void }) {
  const { session } = useAuth();
  const score = useQuery<{ participantScore: { total: number; breakdown: { criterion: { id: string; name: string }; points: number | null }[] } | null }>(SCORE, { enrollmentId: appeal.enrollmentId });
  const [accept, setAccept] = useState(false);
  const [resolution, setResolution] = useState('');
  const [points, setPoints] = useState<Record<string, string>>({});
  const action = useAction();
  const breakdown = score.data?.participantScore?.breakdown ?? [];
  const corrected = breakdown.filter((line) => points[line.criterion.id]?.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const corrections = accept ? corrected.map((line) => ({ criterionId: line.criterion.id, points: Number(points[line.criterion.id]!.replace(',', '.')) })) : [];
      await mutate(RESOLVE, { id: appeal.id, accept, resolution, corrections }, session?.token ?? null);
      onDone();
      return accept ? 'Đã chấp nhận khiếu nại: điểm đã sửa và kết quả được công bố lại.' : 'Đã trả lời: không chấp nhận khiếu nại.';
    });
  };
  const prefix = `resolve-${appeal.id}`;
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-label={`Giải quyết khiếu nại của ${participant ? nameOf(participant) : 'người tham gia'}`} data-testid="resolve-appeal">
      <p><strong>{participant ? nameOf(participant) : 'Người tham gia'}</strong>: {appeal.reason}</p>
      <ErrorBox error={score.error} />
      <fieldset>
        <legend>Quyết định</legend>
        <label><input type="radio" name={`${prefix}-decision`} checked={accept} onChange={() => setAccept(true)} /> Chấp nhận, sửa điểm</label>
        <label><input type="radio" name={`${prefix}-decision`} checked={!accept} onChange={() => setAccept(false)} /> Không chấp nhận</label>
      </fieldset>
      {accept ? (
        <div className="row">
          {breakdown.map((line) => {
            // corrections are numbered as they are sent: only the criteria given a new score
            const index = corrected.findIndex((c) => c.criterion.id === line.criterion.id);
            const problem = index >= 0 ? action.problem(`corrections.${index}.points`) : null;
            const id = `${prefix}-points-${line.criterion.id}`;
            return (
              <Field key={line.criterion.id} id={id} label={`Điểm sửa: ${line.criterion.name}`} hint={`Điểm hiện tại: ${line.points ?? 'chưa có'} (0–100)`} problem={problem}>
                <input id={id} inputMode="decimal" value={points[line.criterion.id] ?? ''} onChange={(e) => setPoints({ ...points, [line.criterion.id]: e.target.value })} {...describedBy(id, true, problem)} />
              </Field>
            );
          })}
          {/* the whole list's problem (none corrected), apart from each score's own */}
          {action.problems.filter((p) => p.field === 'corrections').map((p) => <p key={p.message} id={`${prefix}-corrections-error`} className="field-error" role="alert">{p.message}</p>)}
        </div>
      ) : null}
      <Field id={`${prefix}-resolution`} label="Lý do giải quyết" problem={action.problem('resolution')}>
        <textarea id={`${prefix}-resolution`} value={resolution} maxLength={5000} onChange={(e) => setResolution(e.target.value)} {...describedBy(`${prefix}-resolution`, false, action.problem('resolution'))} />
      </Field>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Gửi trả lời</button></div>
    </form>
  );
}

/** An officer's appeals of a movement their unit runs or takes part in: those waiting are answered, and one can be filed for a participant. */
function CampaignAppeals({ unitId }: { unitId: string }) {
  const list = useQuery<{ campaigns: { edges: { node: { id: string; title: string } }[] } }>(CAMPAIGNS, { unitId });
  const [campaignId, setCampaignId] = useState('');
  const campaign = useQuery<{ campaign: { enrollments: { edges: { node: Participant }[] } | null; appeals: Appeal[] | null } | null }>(CAMPAIGN, { id: campaignId }, !campaignId);
  const participants = campaign.data?.campaign?.enrollments?.edges.map((e) => e.node) ?? [];
  const appeals = campaign.data?.campaign?.appeals ?? [];
  const [filingFor, setFilingFor] = useState('');
  const participant = participants.find((p) => p.id === filingFor);
  return (
    <>
      <ErrorBox error={list.error ?? campaign.error} />
      <Field id="appeals-campaign" label="Phong trào">
        <select id="appeals-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">Chọn phong trào…</option>
          {list.data?.campaigns.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.title}</option>)}
        </select>
      </Field>
      {campaignId && campaign.loading && !campaign.data ? <Loading /> : null}
      {campaignId && campaign.data ? (
        <>
          <h2>Khiếu nại đã nhận</h2>
          {appeals.length === 0 ? <Empty>Phong trào này chưa có khiếu nại.</Empty> : null}
          <ul className="stack" data-testid="appeals">
            {appeals.map((appeal) => {
              const who = participants.find((p) => p.id === appeal.enrollmentId);
              return appeal.status === 'OPEN'
                ? <li key={appeal.id}><ResolveAppeal appeal={appeal} participant={who} onDone={campaign.reload} /></li>
                : <li key={appeal.id} data-testid="resolved-appeal">{who ? nameOf(who) : 'Người tham gia'}: {appeal.reason} — <strong>{STATUS[appeal.status]}</strong>{appeal.resolution ? `: ${appeal.resolution}` : ''}</li>;
            })}
          </ul>
          <h2>Khiếu nại thay người tham gia</h2>
          <Field id="appeals-participant" label="Người tham gia">
            <select id="appeals-participant" value={filingFor} onChange={(e) => setFilingFor(e.target.value)}>
              <option value="">Chọn tập thể, đoàn viên…</option>
              {participants.map((p) => <option key={p.id} value={p.id}>{nameOf(p)}</option>)}
            </select>
          </Field>
          {participant ? <FileAppeal key={participant.id} participant={participant} onDone={campaign.reload} /> : null}
        </>
      ) : null}
    </>
  );
}

/** Appeals of published results (khiếu nại kết quả): members appeal their own; officers answer and file for participants. */
export function AppealsPage() {
  const { session, has } = useAuth();
  const officer = has('UNIT_OFFICER', 'NATIONAL_ADMIN');
  const member = has('MEMBER');
  const mine = useQuery<{ myEnrollments: { edges: { node: Participant }[] } }>(MINE, {}, !member);
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session || !officer);
  const enrolments = mine.data?.myEnrollments.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Khiếu nại kết quả">
      <p className="muted">Kết quả đã công bố có thể khiếu nại trong hạn; khiếu nại được chấp nhận thì điểm được sửa và kết quả công bố lại.</p>
      {member ? (
        <>
          <ErrorBox error={mine.error} />
          {mine.loading ? <Loading /> : enrolments.length === 0 ? <Empty>Bạn chưa tham gia phong trào nào.</Empty> : null}
          <div className="grid">{enrolments.map((p) => <FileAppeal key={p.id} participant={p} onDone={mine.reload} />)}</div>
        </>
      ) : null}
      {officer ? (
        <>
          <ErrorBox error={unit.error} />
          {unit.data?.myUnit ? <CampaignAppeals unitId={unit.data.myUnit.id} /> : unit.loading ? <Loading /> : null}
        </>
      ) : null}
    </Page>
  );
}
