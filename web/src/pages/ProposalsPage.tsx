import { useState } from 'react';
import { Link } from 'react-router';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { CORRECTION_KIND, PASSED_DOWN, PROPOSAL_STATUS, PROPOSAL_STEP_OUTCOME, UNIT_LEVEL, day, label, todayIso, vnd } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Page, Success, describedBy } from '../ui';
import { RevokeDecisionForm } from './RevokeDecisionForm';
import { RevocationProposalForm } from './RevocationProposalForm';

interface Step {
  seq: number;
  unitName: string;
  level: string;
  receivedAt: string;
  leftAt: string | null;
  outcome: string | null;
  note: string | null;
  days: number;
  memo: boolean;
  signerRole: string | null;
  signerName: string | null;
  answeredBy: string | null;
}

type Action = 'FORWARD' | 'RETURN' | 'RESEND' | 'RECORD_DECISION';

interface Proposal {
  id: string;
  status: string;
  formName: string;
  authority: string;
  authorityName: string;
  authoritySource: string;
  /** Whom the last union level addresses, where the dossier is while the authority holds it, and whose letters may answer it (the first examines it). */
  authorityRoute: { addressee: string; holderName: string; answerers: string[] };
  subjectName: string;
  reason: string;
  achievedOn: string;
  proposingUnitName: string;
  proposedOn: string;
  holderUnitName: string;
  returnReason: string | null;
  actions: Action[];
  steps: Step[];
  decision: { id: string; number: string; decidedOn: string; amountVnd: number; signerRole: string; status: 'VALID' | 'REVOKED'; revocation: { kind: string; number: string; revokedOn: string } | null } | null;
  recordsAuthority: boolean;
  /** The union's request that the authority annul its decision (decision 0048), and whether the caller may make it now. */
  revocationProposal: { kind: string; legalGroundLabel: string; proposedOn: string } | null;
  mayProposeRevocation: boolean;
  /** While the subject has an open case, the dossier waits where it is (decision 0050). */
  suspension: { message: string } | null;
  refusal: { number: string | null; refusedOn: string; reason: string; statement: string } | null;
}

const DATA = `query Proposals { rewardProposals { id status formName authority authorityName authoritySource authorityRoute { addressee holderName answerers } subjectName reason achievedOn proposingUnitName proposedOn
  holderUnitName returnReason actions steps { seq unitName level receivedAt leftAt outcome note days memo signerRole signerName answeredBy } decision { id number decidedOn amountVnd signerRole status revocation { kind number revokedOn } } refusal { number refusedOn reason statement } recordsAuthority
  revocationProposal { kind legalGroundLabel proposedOn } mayProposeRevocation suspension { message } } }`;
const FORWARD = `mutation ForwardProposal($id: ID!, $note: String, $signerRole: String, $signerName: String) {
  forwardProposal(id: $id, note: $note, signerRole: $signerRole, signerName: $signerName) { status holderUnitName authorityRoute { addressee } } }`;
const RETURN = `mutation ReturnProposal($id: ID!, $reason: String!) { returnProposal(id: $id, reason: $reason) { status holderUnitName } }`;
const RESEND = `mutation ResendProposal($id: ID!, $correction: String!, $signerRole: String, $signerName: String) {
  resendProposal(id: $id, correction: $correction, signerRole: $signerRole, signerName: $signerName) { status holderUnitName authorityRoute { addressee } }
}`;
const REFUSE = `mutation RecordAuthorityRefusal($id: ID!, $input: AuthorityRefusalInput!) { recordAuthorityRefusal(id: $id, input: $input) { status refusal { statement } } }`;
const AUTHORITY_RETURN = `mutation RecordAuthorityReturn($id: ID!, $input: AuthorityReturnInput!) { recordAuthorityReturn(id: $id, input: $input) { status } }`;
const RECORD = `mutation RecordAuthorityDecision($id: ID!, $input: AuthorityDecisionInput!) { recordAuthorityDecision(id: $id, input: $input) { number amountVnd formName } }`;

/** A proposal as a move up answers it. */
interface SentProposal {
  status: string;
  holderUnitName: string;
  authorityRoute: { addressee: string };
}

/** Where a move up sent the dossier: the level above, or the authority's addressee. */
function sentTo(sent: SentProposal): string {
  return sent.status === 'WITH_AUTHORITY' ? sent.authorityRoute.addressee : sent.holderUnitName;
}

/** How a level let go of the dossier: a return received from above and returned again went further down. */
function stepOutcome(step: Step, before: Step | undefined): string {
  if (!step.outcome) return '—';
  return step.outcome === 'RETURNED' && before?.outcome === 'RETURNED' ? PASSED_DOWN : label(PROPOSAL_STEP_OUTCOME, step.outcome);
}

/** Where the dossier has been: each level, how long it held it and how it left. */
function StepsTable({ proposal }: { proposal: Proposal }) {
  return (
    <table data-testid="proposal-steps">
      <caption>Quá trình trình hồ sơ</caption>
      <thead><tr><th>Cấp</th><th>Nhận ngày</th><th>Chuyển đi ngày</th><th>Số ngày giữ hồ sơ</th><th>Kết quả</th><th>Ghi chú</th><th>Tờ trình</th></tr></thead>
      <tbody>
        {proposal.steps.map((step, index) => (
          <tr key={step.seq}>
            <td>{step.unitName}{step.level === 'AUTHORITY' ? '' : ` (${label(UNIT_LEVEL, step.level)})`}</td>
            <td>{day(step.receivedAt)}</td>
            <td>{step.leftAt ? day(step.leftAt) : 'đang giữ'}</td>
            <td>{step.days}</td>
            <td>{stepOutcome(step, proposal.steps[index - 1])}</td>
            <td>{step.answeredBy ? `${step.answeredBy}: ` : ''}{step.note ?? ''}</td>
            <td>
              {step.memo ? <DownloadButton label={`Tờ trình của ${step.unitName}`} href={`/documents/rewards/proposals/${proposal.id}/${step.seq}.pdf`} /> : null}
              {step.memo && step.signerName ? <span className="muted"> {step.signerRole ?? 'Chủ tịch'} {step.signerName} ký</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who signs the tờ trình left blank: “Chủ tịch” signing by hand, or for a dossier back at the proposing unit whoever signed its proposal. */
function memoSignerHint(proposal: Proposal): string {
  return proposal.actions.includes('RESEND') && proposal.holderUnitName === proposal.proposingUnitName
    ? 'Để trống: người đã ký tờ trình đề nghị ký tờ trình gửi lại.'
    : 'Để trống: tờ trình ghi “Chủ tịch”, ký tay.';
}

/** What the level holding the dossier does with it: pass it on, return it, resend it corrected, or record the authority's decision, return or refusal. */
function ProposalActions({ proposal, onDone }: { proposal: Proposal; onDone(message: string): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [note, setNote] = useState('');
  const [signer, setSigner] = useState({ signerRole: '', signerName: '' });
  const [decision, setDecision] = useState({ number: '', decidedOn: todayIso(), signerRole: proposal.authority === 'EMPLOYER' ? 'Giám đốc' : proposal.authorityName, signerName: '' });
  const action = useAction();
  const p = action.problem;
  const f = (name: string) => `${name}-${proposal.id}`;
  // the card moves to another list once done: the page says what happened
  const send = (work: () => Promise<string>) => void action.run(async () => {
    const done = await work();
    onDone(done);
    return done;
  });
  const has = (a: Action) => proposal.actions.includes(a);
  // a dossier returned to this level may be corrected here, or passed down to the level that sent it up
  const passesDown = has('RESEND') && has('RETURN');
  const noteLabel = passesDown ? 'Nội dung đã bổ sung, sửa, hoặc việc cấp dưới cần bổ sung' : has('RESEND') ? 'Nội dung đã bổ sung, sửa' : 'Ý kiến hoặc lý do trả lại hồ sơ';
  const noteHint = passesDown
    ? 'Gửi lại: cấp trên đọc được nội dung đã sửa. Chuyển xuống: cấp đã trình lên bổ sung theo nội dung này rồi gửi lại (ít nhất 10 ký tự).'
    : has('RESEND') ? 'Cấp trên đọc được nội dung này (ít nhất 10 ký tự).' : 'Trả lại hồ sơ cần ghi rõ cần bổ sung, sửa gì (ít nhất 10 ký tự).';
  return (
    <div className="stack">
      {has('FORWARD') || has('RETURN') || has('RESEND') ? (
        <Field id={f('note')} label={noteLabel} hint={noteHint}
          problem={p('reason') ?? p('correction') ?? p('note')}>
          <textarea id={f('note')} value={note} onChange={(e) => setNote(e.target.value)} {...describedBy(f('note'), true, p('reason') ?? p('correction') ?? p('note'))} />
        </Field>
      ) : null}
      {has('FORWARD') || has('RESEND') ? (
        <div className="row">
          <Field id={f('memo-role')} label="Chức vụ người ký tờ trình" hint={memoSignerHint(proposal)} problem={p('signerRole')}>
            <input id={f('memo-role')} value={signer.signerRole} onChange={(e) => setSigner({ ...signer, signerRole: e.target.value })} {...describedBy(f('memo-role'), true, p('signerRole'))} />
          </Field>
          <Field id={f('memo-name')} label="Họ tên người ký tờ trình" problem={p('signerName')}>
            <input id={f('memo-name')} value={signer.signerName} onChange={(e) => setSigner({ ...signer, signerName: e.target.value })} {...describedBy(f('memo-name'), false, p('signerName'))} />
          </Field>
        </div>
      ) : null}
      <div className="row">
        {has('FORWARD') ? (
          <button type="button" disabled={action.busy} onClick={() => send(async () => {
            const { forwardProposal: sent } = await mutate<{ forwardProposal: SentProposal }>(FORWARD, { id: proposal.id, note: note || null, signerRole: signer.signerRole || null, signerName: signer.signerName || null }, token);
            return `Đã chuyển hồ sơ ${proposal.subjectName} lên ${sentTo(sent)}`;
          })}>Chuyển lên cấp trên</button>
        ) : null}
        {has('RETURN') ? (
          <button type="button" className="secondary" disabled={action.busy} onClick={() => send(async () => {
            const { returnProposal: back } = await mutate<{ returnProposal: { holderUnitName: string } }>(RETURN, { id: proposal.id, reason: note }, token);
            return passesDown ? `Đã chuyển hồ sơ ${proposal.subjectName} xuống ${back.holderUnitName} để bổ sung` : `Đã trả lại hồ sơ ${proposal.subjectName} cho ${back.holderUnitName}`;
          })}>{passesDown ? 'Chuyển xuống cấp dưới để bổ sung' : 'Trả lại hồ sơ'}</button>
        ) : null}
        {has('RESEND') ? (
          <button type="button" disabled={action.busy} onClick={() => send(async () => {
            const { resendProposal: sent } = await mutate<{ resendProposal: SentProposal }>(RESEND, { id: proposal.id, correction: note, signerRole: signer.signerRole || null, signerName: signer.signerName || null }, token);
            return `Đã gửi lại hồ sơ ${proposal.subjectName} lên ${sentTo(sent)}`;
          })}>Gửi lại hồ sơ đã bổ sung</button>
        ) : null}
      </div>
      {has('RECORD_DECISION') ? (
        <fieldset>
          <legend>Ghi nhận quyết định của {proposal.authorityName}</legend>
          <div className="row">
            <Field id={f('number')} label="Số quyết định" hint="Như trên bản giấy, ví dụ 1234/QĐ-CTN." problem={p('number')}>
              <input id={f('number')} value={decision.number} onChange={(e) => setDecision({ ...decision, number: e.target.value })} {...describedBy(f('number'), true, p('number'))} />
            </Field>
            <Field id={f('date')} label="Ngày quyết định" problem={p('decidedOn')}>
              <input id={f('date')} type="date" value={decision.decidedOn} onChange={(e) => setDecision({ ...decision, decidedOn: e.target.value })} {...describedBy(f('date'), false, p('decidedOn'))} />
            </Field>
            <Field id={f('role')} label="Chức vụ người ký" problem={p('signerRole')}>
              <input id={f('role')} value={decision.signerRole} onChange={(e) => setDecision({ ...decision, signerRole: e.target.value })} {...describedBy(f('role'), false, p('signerRole'))} />
            </Field>
            <Field id={f('signer')} label="Họ tên người ký" problem={p('signerName')}>
              <input id={f('signer')} value={decision.signerName} onChange={(e) => setDecision({ ...decision, signerName: e.target.value })} {...describedBy(f('signer'), false, p('signerName'))} />
            </Field>
          </div>
          <div>
            <button type="button" disabled={action.busy} onClick={() => send(async () => {
              const { recordAuthorityDecision: recorded } = await mutate<{ recordAuthorityDecision: { number: string; amountVnd: number; formName: string } }>(RECORD, { id: proposal.id, input: decision }, token);
              return `Đã ghi nhận Quyết định số ${recorded.number}: ${recorded.formName}, ${vnd(recorded.amountVnd)}`;
            })}>Ghi nhận quyết định</button>
          </div>
        </fieldset>
      ) : null}
      {has('RECORD_DECISION') ? <AuthorityAnswerForm proposal={proposal} answer={RETURN_ANSWER} onDone={onDone} /> : null}
      {has('RECORD_DECISION') ? <AuthorityAnswerForm proposal={proposal} answer={REFUSAL_ANSWER} onDone={onDone} /> : null}
      <ErrorBox error={action.problems.length ? null : action.error} />
    </div>
  );
}

/** An answer of the authority other than its decision, as its form asks for it and the API takes it. */
interface AnswerKind {
  key: string;
  /** Whose letter it is unless another is chosen: the first body on the way for a return, the decider for a refusal. */
  defaultAnswerer(answerers: string[]): string;
  legend(proposal: Proposal): string;
  dayField: 'refusedOn' | 'returnedOn';
  reasonLabel: string;
  reasonHint: string;
  button: string;
  mutation: string;
  done(proposal: Proposal, answeredBy: string, answered: Answered): string;
}

/** What the mutations give back: a refusal says what it was (“… không trình … khen thưởng”). */
type Answered = Record<string, { refusal?: { statement: string } | null }>;

/** The authority returns the dossier for correction: it is back with the level that sent it, which resends it. */
const RETURN_ANSWER: AnswerKind = {
  key: 'authority-return',
  defaultAnswerer: (answerers) => answerers[0]!,
  legend: (proposal) => `Hoặc: ${proposal.authorityRoute.answerers[0]} trả lại hồ sơ để bổ sung`,
  dayField: 'returnedOn',
  reasonLabel: 'Nội dung cần bổ sung, sửa',
  reasonHint: 'Như văn bản trả lại; hồ sơ về lại cấp đã trình để bổ sung rồi gửi lại (ít nhất 10 ký tự).',
  button: 'Ghi nhận trả lại hồ sơ',
  mutation: AUTHORITY_RETURN,
  done: (proposal, answeredBy) => `Đã ghi nhận ${answeredBy} trả lại hồ sơ ${proposal.subjectName} để bổ sung`,
};

/** The authority answers that it does not grant: the proposal ends, the nomination is refused with its reason. */
const REFUSAL_ANSWER: AnswerKind = {
  key: 'refusal',
  defaultAnswerer: (answerers) => answerers[answerers.length - 1]!,
  // on the President's way the Board or the Prime Minister may answer before the President does
  legend: (proposal) => `Hoặc: ${proposal.authorityRoute.answerers.length > 1 ? 'cơ quan xét hồ sơ' : proposal.authorityRoute.answerers[0]} trả lời không khen thưởng`,
  dayField: 'refusedOn',
  reasonLabel: 'Lý do không khen thưởng',
  reasonHint: 'Như văn bản trả lời; người được đề nghị và cán bộ đề nghị đọc được (ít nhất 10 ký tự).',
  button: 'Ghi nhận không khen thưởng',
  mutation: REFUSE,
  done: (proposal, _answeredBy, answered) => `Đã ghi nhận ${answered.recordAuthorityRefusal!.refusal!.statement} ${proposal.subjectName}`,
};

/** The authority's letter (its number, its day, its reason), recorded by whoever records its decisions. */
function AuthorityAnswerForm({ proposal, answer, onDone }: { proposal: Proposal; answer: AnswerKind; onDone(message: string): void }) {
  const { session } = useAuth();
  const { answerers } = proposal.authorityRoute;
  const [letter, setLetter] = useState({ answeredBy: answer.defaultAnswerer(answerers), number: '', day: todayIso(), reason: '' });
  const action = useAction();
  const p = action.problem;
  const f = (name: string) => `${answer.key}-${name}-${proposal.id}`;
  return (
    <fieldset>
      <legend>{answer.legend(proposal)}</legend>
      <div className="row">
        {answerers.length > 1 ? (
          <Field id={f('by')} label="Văn bản trả lời của" hint="Cơ quan hoặc người đã ký văn bản." problem={p('answeredBy')}>
            <select id={f('by')} value={letter.answeredBy} onChange={(e) => setLetter({ ...letter, answeredBy: e.target.value })} {...describedBy(f('by'), true, p('answeredBy'))}>
              {answerers.map((body) => <option key={body} value={body}>{body}</option>)}
            </select>
          </Field>
        ) : null}
        <Field id={f('number')} label="Số văn bản trả lời" hint="Nếu có, như trên bản giấy." problem={p('number')}>
          <input id={f('number')} value={letter.number} onChange={(e) => setLetter({ ...letter, number: e.target.value })} {...describedBy(f('number'), true, p('number'))} />
        </Field>
        <Field id={f('date')} label="Ngày trả lời" problem={p(answer.dayField)}>
          <input id={f('date')} type="date" value={letter.day} onChange={(e) => setLetter({ ...letter, day: e.target.value })} {...describedBy(f('date'), false, p(answer.dayField))} />
        </Field>
      </div>
      <Field id={f('reason')} label={answer.reasonLabel} hint={answer.reasonHint} problem={p('reason')}>
        <textarea id={f('reason')} value={letter.reason} onChange={(e) => setLetter({ ...letter, reason: e.target.value })} {...describedBy(f('reason'), true, p('reason'))} />
      </Field>
      <div>
        <button type="button" className="secondary" disabled={action.busy} onClick={() => void action.run(async () => {
          const input = { answeredBy: letter.answeredBy, number: letter.number.trim() || null, [answer.dayField]: letter.day, reason: letter.reason };
          const answered = await mutate<Answered>(answer.mutation, { id: proposal.id, input }, session?.token ?? null);
          const done = answer.done(proposal, letter.answeredBy, answered);
          onDone(done);
          return done;
        })}>{answer.button}</button>
      </div>
      <ErrorBox error={action.problems.length ? null : action.error} />
    </fieldset>
  );
}

/** The authority annuls or revokes its own decision; whoever recorded the decision records that too, as it arrives. */
function AuthorityRevocation({ proposal, onDone }: { proposal: Proposal; onDone(message: string): void }) {
  const [opened, setOpened] = useState(false);
  // the employer by its name (Lãnh đạo Công ty …), not a title it may not have
  const decider = proposal.authority === 'EMPLOYER' ? proposal.authorityRoute.addressee : proposal.authorityName;
  if (!opened) return <div><button type="button" className="secondary" aria-expanded={false} onClick={() => setOpened(true)}>Ghi nhận quyết định hủy bỏ, thu hồi của {decider}…</button></div>;
  return (
    <fieldset>
      <legend>Quyết định hủy bỏ, thu hồi Quyết định số {proposal.decision!.number} của {decider}</legend>
      <RevokeDecisionForm decision={proposal.decision!} authority={decider} onDone={onDone} />
    </fieldset>
  );
}

/** The level that sent the dossier asks the authority to annul or revoke its decision, by a tờ trình along the same route. */
function AskRevocation({ proposal, onDone }: { proposal: Proposal; onDone(message: string): void }) {
  const [opened, setOpened] = useState(false);
  const { addressee } = proposal.authorityRoute;
  if (!opened) return <div><button type="button" className="secondary" aria-expanded={false} onClick={() => setOpened(true)}>Đề nghị {addressee} hủy bỏ, thu hồi quyết định…</button></div>;
  return (
    <fieldset>
      <legend>Tờ trình đề nghị {addressee} hủy bỏ, thu hồi Quyết định số {proposal.decision!.number}</legend>
      <RevocationProposalForm proposalId={proposal.id} decisionNumber={proposal.decision!.number} addressee={addressee} onDone={onDone} />
    </fieldset>
  );
}

function ProposalCard({ proposal, onDone }: { proposal: Proposal; onDone(message: string): void }) {
  return (
    <article className="card" data-testid="proposal">
      <h3>{proposal.subjectName}: {proposal.formName}</h3>
      <p>
        <span className="badge">{label(PROPOSAL_STATUS, proposal.status)}</span> Thẩm quyền quyết định: {proposal.authorityName} <span className="muted">({proposal.authoritySource})</span>
      </p>
      <p>{proposal.reason}</p>
      <p className="muted">{proposal.proposingUnitName} trình ngày {day(proposal.proposedOn)} · thành tích ngày {day(proposal.achievedOn)} · hồ sơ đang ở: {proposal.status === 'WITH_AUTHORITY' ? proposal.authorityRoute.holderName : proposal.holderUnitName}</p>
      {proposal.returnReason ? <p className="alert alert-warning" role="status">Hồ sơ bị trả lại: {proposal.returnReason}</p> : null}
      {proposal.suspension ? <p className="alert alert-warning" role="status">{proposal.suspension.message}</p> : null}
      {proposal.decision ? (
        <p className="alert alert-success" role="status">
          <Link to={`/rewards/decisions/${proposal.decision.id}`}>Quyết định số {proposal.decision.number}</Link> ngày {day(proposal.decision.decidedOn)} ({proposal.decision.signerRole}): {vnd(proposal.decision.amountVnd)}
        </p>
      ) : null}
      {proposal.decision?.revocation ? (
        <p className="alert alert-warning" role="status">
          {label(CORRECTION_KIND, proposal.decision.revocation.kind)} theo Quyết định số {proposal.decision.revocation.number} ngày {day(proposal.decision.revocation.revokedOn)}
        </p>
      ) : null}
      {proposal.revocationProposal ? (
        <p className="alert alert-warning" role="status">
          Đã đề nghị {proposal.authorityRoute.addressee} {label(CORRECTION_KIND, proposal.revocationProposal.kind).toLowerCase()} (tờ trình ngày {day(proposal.revocationProposal.proposedOn)}; căn cứ: {proposal.revocationProposal.legalGroundLabel}){' '}
          <DownloadButton label="Tải tờ trình đề nghị (PDF)" href={`/documents/rewards/proposals/${proposal.id}/revocation.pdf`} />
        </p>
      ) : null}
      {proposal.mayProposeRevocation ? <AskRevocation proposal={proposal} onDone={onDone} /> : null}
      {proposal.decision?.status === 'VALID' && proposal.recordsAuthority ? <AuthorityRevocation proposal={proposal} onDone={onDone} /> : null}
      {proposal.refusal ? (
        <p className="alert alert-warning" role="status">
          {proposal.refusal.statement}{proposal.refusal.number ? ` (văn bản số ${proposal.refusal.number})` : ''} ngày {day(proposal.refusal.refusedOn)}: {proposal.refusal.reason}
        </p>
      ) : null}
      <StepsTable proposal={proposal} />
      <DownloadButton label="Tải tờ trình (PDF)" href={`/documents/rewards/proposals/${proposal.id}.pdf`} />
      {proposal.actions.length ? <ProposalActions proposal={proposal} onDone={onDone} /> : null}
    </article>
  );
}

/**
 * Hồ sơ trình khen (decision 0035): proposals to the authority that decides the form, as the union's levels pass them
 * up. Officers of each level see those waiting for them and pass them on or return them; the level below resends a
 * corrected dossier; the level that sent it to the authority (the employer, for yearly titles) records the decision.
 */
export function ProposalsPage() {
  const { data, error, loading, reload } = useQuery<{ rewardProposals: Proposal[] }>(DATA);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    reload();
  };
  const all = data?.rewardProposals ?? [];
  const waiting = all.filter((p) => p.actions.length > 0);
  const others = all.filter((p) => p.actions.length === 0);
  return (
    <Page title="Hồ sơ trình khen thưởng">
      <p className="muted">
        Hình thức Công đoàn không có thẩm quyền quyết định (huân chương, Bằng khen của Thủ tướng Chính phủ, danh hiệu do thủ trưởng đơn vị tặng…) được trình từng cấp lên cấp có
        thẩm quyền; mỗi cấp chuyển lên hoặc trả lại hồ sơ kèm lý do; khen thưởng chỉ được ghi nhận khi có quyết định của cấp có thẩm quyền.
      </p>
      {message ? <Success>{message}</Success> : null}
      <ErrorBox error={error} />
      {loading && !data ? <Loading /> : null}
      <h2>Chờ cấp mình xử lý</h2>
      {data && waiting.length === 0 ? <Empty>Không có hồ sơ nào chờ cấp mình.</Empty> : null}
      <div className="stack" data-testid="proposals-waiting">{waiting.map((p) => <ProposalCard key={p.id} proposal={p} onDone={done} />)}</div>
      <h2>Hồ sơ đang theo dõi</h2>
      {data && others.length === 0 ? <Empty>Không có hồ sơ nào khác.</Empty> : null}
      <div className="stack" data-testid="proposals-followed">{others.map((p) => <ProposalCard key={p.id} proposal={p} onDone={done} />)}</div>
    </Page>
  );
}
