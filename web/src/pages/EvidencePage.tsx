import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Outcome, Page, describedBy } from '../ui';

interface Participant {
  id: string;
  campaign: { id: string; title: string };
  unit: { name: string };
  member: { fullName: string } | null;
}

const PARTICIPANT = 'id campaign { id title } unit { name } member { fullName }';
const MINE = `query MyEnrollmentsForEvidence { myEnrollments(first: 50) { edges { node { ${PARTICIPANT} } } } }`;
const CAMPAIGNS = `query CampaignsForEvidence($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title } } } }`;
const ENROLLED = `query EnrolledForEvidence($id: ID!) { campaign(id: $id) { enrollments(first: 100) { edges { node { ${PARTICIPANT} } } } } }`;
const CRITERIA = `query EvidenceCriteria($enrollmentId: ID!) { participantScore(enrollmentId: $enrollmentId) { breakdown { criterion { id name method rubricLevels { score description } } } } }`;
const SUBMIT = `mutation SubmitEvidence($input: SubmissionInput!) { submitEvidence(input: $input) { id status criterion { name } } }`;

const nameOf = (p: Participant) => (p.member ? `${p.member.fullName} (${p.unit.name})` : p.unit.name);

/** Evidence (minh chứng) for a criterion reviewers score on described levels: what was done, and links to the files that show it. */
function EvidenceForm({ participant }: { participant: Participant }) {
  const { session } = useAuth();
  const criteria = useQuery<{ participantScore: { breakdown: { criterion: { id: string; name: string; method: string; rubricLevels: { score: number; description: string }[] } }[] } | null }>(
    CRITERIA, { enrollmentId: participant.id });
  // quantified criteria are scored from progress reports; only the reviewed ones take evidence
  const rubric = criteria.data?.participantScore?.breakdown.map((line) => line.criterion).filter((c) => c.method === 'RUBRIC') ?? [];
  const [form, setForm] = useState({ criterionId: '', text: '', links: '' });
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const evidence = form.links.split(/\s+/).filter(Boolean).map((url) => ({ url }));
      const { submitEvidence } = await mutate<{ submitEvidence: { criterion: { name: string } } }>(SUBMIT, {
        input: { enrollmentId: participant.id, criterionId: form.criterionId, text: form.text, evidence },
      }, session?.token ?? null);
      setForm({ criterionId: '', text: '', links: '' });
      return `Đã nộp minh chứng cho tiêu chí “${submitEvidence.criterion.name}”; bài chờ người chấm.`;
    });
  };
  const id = `evidence-${participant.id}`;
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-label="Nộp minh chứng">
      <h2>{participant.campaign.title}</h2>
      <p className="muted">{nameOf(participant)}</p>
      <ErrorBox error={criteria.error} />
      {criteria.data && rubric.length === 0 ? <Empty>Bộ tiêu chí áp dụng không có tiêu chí chấm theo minh chứng.</Empty> : null}
      <Field id={`${id}-criterion`} label="Tiêu chí" problem={p('criterionId')}>
        <select id={`${id}-criterion`} value={form.criterionId} onChange={(e) => setForm({ ...form, criterionId: e.target.value })} {...describedBy(`${id}-criterion`, false, p('criterionId'))}>
          <option value="">Chọn tiêu chí…</option>
          {rubric.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </Field>
      <Field id={`${id}-text`} label="Thành tích" hint="Việc đã làm, kết quả, thời gian" problem={p('text')}>
        <textarea id={`${id}-text`} value={form.text} maxLength={50000} onChange={(e) => setForm({ ...form, text: e.target.value })} {...describedBy(`${id}-text`, true, p('text'))} />
      </Field>
      <Field id={`${id}-links`} label="Đường dẫn minh chứng" hint="Mỗi dòng một đường dẫn (https://…) đến văn bản, ảnh, biên bản" problem={p('evidence')}>
        <textarea id={`${id}-links`} value={form.links} onChange={(e) => setForm({ ...form, links: e.target.value })} {...describedBy(`${id}-links`, true, p('evidence'))} />
      </Field>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Nộp minh chứng</button></div>
    </form>
  );
}

/** An officer picks a movement and one of its participants in their subtree, to submit on their behalf. */
function OfficerChoice({ unitId, onChoose }: { unitId: string; onChoose(p: Participant | null): void }) {
  const list = useQuery<{ campaigns: { edges: { node: { id: string; title: string } }[] } }>(CAMPAIGNS, { unitId });
  const [campaignId, setCampaignId] = useState('');
  const enrolled = useQuery<{ campaign: { enrollments: { edges: { node: Participant }[] } | null } | null }>(ENROLLED, { id: campaignId }, !campaignId);
  const participants = enrolled.data?.campaign?.enrollments?.edges.map((e) => e.node) ?? [];
  return (
    <div className="row">
      <ErrorBox error={list.error ?? enrolled.error} />
      <Field id="evidence-campaign" label="Phong trào">
        <select id="evidence-campaign" value={campaignId} onChange={(e) => { setCampaignId(e.target.value); onChoose(null); }}>
          <option value="">Chọn phong trào…</option>
          {list.data?.campaigns.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.title}</option>)}
        </select>
      </Field>
      <Field id="evidence-participant" label="Người tham gia">
        <select id="evidence-participant" onChange={(e) => onChoose(participants.find((p) => p.id === e.target.value) ?? null)}>
          <option value="">Chọn tập thể, đoàn viên…</option>
          {participants.map((p) => <option key={p.id} value={p.id}>{nameOf(p)}</option>)}
        </select>
      </Field>
    </div>
  );
}

/** Evidence for the reviewed criteria (nộp minh chứng): members for their own entries, officers for participants in their subtree. */
export function EvidencePage() {
  const { session, has } = useAuth();
  const officer = has('UNIT_OFFICER', 'NATIONAL_ADMIN');
  const member = has('MEMBER');
  const mine = useQuery<{ myEnrollments: { edges: { node: Participant }[] } }>(MINE, {}, !member);
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session || !officer);
  const [chosen, setChosen] = useState<Participant | null>(null);
  const enrolments = mine.data?.myEnrollments.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Nộp minh chứng">
      <p className="muted">Tiêu chí chấm theo mức đánh giá cần minh chứng; người chấm được phân công xem và chấm.</p>
      <ErrorBox error={mine.error ?? unit.error} />
      {member ? (
        <Field id="evidence-mine" label="Phong trào đã tham gia">
          <select id="evidence-mine" onChange={(e) => setChosen(enrolments.find((p) => p.id === e.target.value) ?? null)}>
            <option value="">Chọn phong trào…</option>
            {enrolments.map((p) => <option key={p.id} value={p.id}>{p.campaign.title}</option>)}
          </select>
        </Field>
      ) : null}
      {officer && unit.data?.myUnit ? <OfficerChoice unitId={unit.data.myUnit.id} onChoose={setChosen} /> : null}
      {chosen ? <EvidenceForm key={chosen.id} participant={chosen} /> : null}
    </Page>
  );
}
