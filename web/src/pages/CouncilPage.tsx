import { useState } from 'react';
import { ApiError, mutate, type Problem } from '../api';
import { useAuth } from '../auth';
import { DownloadButton } from '../downloads';
import { COUNCIL_POSITION, NOMINATION_SOURCE, NOMINATION_STATUS, day, label, todayIso, withReward } from '../format';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Page, Success, describedBy, problemFor } from '../ui';
import { MY_UNIT, type MyUnit } from '../my-unit';

interface Nomination {
  id: string;
  source: string;
  status: string;
  subjectName: string;
  reason: string;
  achievedOn: string;
  resultRank: number | null;
  taskRating: string | null;
  votesFor: number;
  votesAgainst: number;
  form: { code: string; name: string } | null;
  reviews: { reviewerName: string | null; vote: string | null; comment: string | null }[];
  suspension: { message: string } | null;
  basedOn: ResultBasis | null;
  member: { id: string } | null;
  myConflict: string | null;
  councilOutcome: { passed: boolean; message: string };
}

interface ResultBasis {
  publicationVersion: number;
  score: number | null;
  rank: number | null;
}

interface ReviewedDecision {
  id: string;
  number: string;
  decidedOn: string;
  subjectName: string;
  formName: string;
  basedOn: ResultBasis | null;
  review: { basedOnVersion: number; changedInVersion: number; scoreBefore: number | null; scoreAfter: number | null; rankBefore: number | null; rankAfter: number | null };
}

const VOTE_LABELS: Record<string, string> = { FOR: 'Tán thành', AGAINST: 'Không tán thành', ABSTAIN: 'Không biểu quyết' };
const NOMINATIONS = `query CouncilNominations { nominations(first: 50) { edges { node {
  id source status subjectName reason achievedOn resultRank taskRating votesFor votesAgainst form { code name } reviews { reviewerName vote comment } suspension { message }
  basedOn { publicationVersion score rank } member { id } myConflict councilOutcome { passed message }
} } } rewardForms { code name } }`;
const UNDER_REVIEW = `query DecisionsUnderReview { decisionsUnderReview(first: 50) { edges { node {
  id number decidedOn subjectName formName basedOn { publicationVersion score rank }
  review { basedOnVersion changedInVersion scoreBefore scoreAfter rankBefore rankAfter }
} } } }`;
const CONFIRM = `mutation ConfirmDecision($id: ID!, $note: String!) { confirmDecisionAfterReview(decisionId: $id, note: $note) { number } }`;

/** "lần 1: 84 điểm, hạng 2", or that the subject is no longer in the list. */
function resultText(version: number, score: number | null, rank: number | null): string {
  return score === null ? `lần ${version}: không còn trong danh sách công bố` : `lần ${version}: ${score} điểm${rank ? `, hạng ${rank}` : ''}`;
}

/** A decision whose published result changed after it was made: the council keeps it, saying why (revoking is done elsewhere). */
function ReviewCard({ decision, onDone }: { decision: ReviewedDecision; onDone(message: string): void }) {
  const { session } = useAuth();
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const { review } = decision;
  const confirm = async () => {
    setError(null);
    setProblems([]);
    try {
      await mutate(CONFIRM, { id: decision.id, note }, session?.token ?? null);
      onDone(`Đã giữ nguyên quyết định số ${decision.number} theo kết quả công bố lần ${review.changedInVersion}`);
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    }
  };
  const field = `review-note-${decision.id}`;
  const noteProblem = problemFor(problems, 'note');
  return (
    <article className="card" data-testid="decision-review">
      <h3>Quyết định số {decision.number}: {decision.subjectName}</h3>
      <p>{decision.formName} · ngày {day(decision.decidedOn)}</p>
      <div className="alert alert-warning" role="status">
        Kết quả mà quyết định dựa vào đã thay đổi sau phúc khảo. Quyết định dựa trên kết quả công bố {resultText(review.basedOnVersion, review.scoreBefore, review.rankBefore)}; kết quả công bố{' '}
        {resultText(review.changedInVersion, review.scoreAfter, review.rankAfter)}.
      </div>
      <Field id={field} label="Lý do giữ nguyên quyết định" problem={noteProblem}>
        <input id={field} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div>
        <button type="button" onClick={confirm}>Giữ nguyên quyết định</button>
      </div>
      {noteProblem ? null : <ErrorBox error={error} />}
    </article>
  );
}

const VOTE = `mutation Vote($id: ID!, $vote: CouncilVote, $comment: String) { reviewNomination(id: $id, vote: $vote, comment: $comment) { status } }`;
const GRANT = `mutation Grant($id: ID!, $input: GrantRewardInput!) { grantReward(nominationId: $id, input: $input) { number amountVnd formName } }`;
/** A form the union does not decide (a Huân chương, a yearly title at the grassroots) is proposed up, not granted (decision 0035). */
const PROPOSE = `mutation Propose($id: ID!, $input: ProposeRewardInput!) { proposeReward(nominationId: $id, input: $input) { formName holderUnitName status authorityRoute { addressee } } }`;
const REFUSE = `mutation Refuse($id: ID!, $reason: String!) { refuseNomination(nominationId: $id, reason: $reason) { status } }`;

const DECLARE = `mutation DeclareCouncilConflict($input: CouncilConflictInput!) { declareCouncilConflict(input: $input) { fullName } }`;

/** A member declares that the person nominated is their relative: they will not vote on that person. */
function DeclareRelative({ memberId, nominationId, subjectName, onDone }: { memberId: string; nominationId: string; subjectName: string; onDone(message: string): void }) {
  const { session } = useAuth();
  const [relation, setRelation] = useState('');
  const action = useAction();
  const field = `relation-${nominationId}`;
  const declare = () =>
    action.run(async () => {
      await mutate(DECLARE, { input: { memberId, relation } }, session?.token ?? null);
      onDone(`Đã khai báo ${subjectName} là ${relation} của bạn: bạn không biểu quyết về người này`);
      return 'Đã khai báo';
    });
  return (
    <details>
      <summary>Người được đề nghị là người thân của tôi</summary>
      <div className="row">
        <Field id={field} label="Quan hệ" problem={action.problem('relation')} hint="Ví dụ: vợ, con, anh ruột">
          <input id={field} value={relation} onChange={(e) => setRelation(e.target.value)} />
        </Field>
        <button type="button" className="secondary" onClick={declare}>Khai báo xung đột lợi ích</button>
      </div>
      {action.problems.length ? null : <ErrorBox error={action.error} />}
    </details>
  );
}

function NominationCard({ nomination, forms, onChange }: { nomination: Nomination; forms: { code: string; name: string }[]; onChange(message: string): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [comment, setComment] = useState('');
  const [formCode, setFormCode] = useState(nomination.form?.code ?? '');
  const [signerRole, setSignerRole] = useState('Chủ tịch');
  const [signerName, setSignerName] = useState('');
  // entered from the paper register when it is the source; left empty, the platform numbers the decision and dates it today
  const [paper, setPaper] = useState({ number: '', signedOn: todayIso() });
  const [taskRating, setTaskRating] = useState(nomination.taskRating ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const run = (work: () => Promise<string>) => {
    setError(null);
    return work().then(onChange, (e: Error) => setError(e));
  };
  const fieldProblem = (field: string) => problemFor(error instanceof ApiError ? error.problems : [], field);
  const open = nomination.status === 'OPEN' || nomination.status === 'IN_COUNCIL';
  const id = nomination.id;
  return (
    <article className="card" data-testid="nomination">
      <h3>{nomination.subjectName}</h3>
      <p>
        <span className="badge">{label(NOMINATION_STATUS, nomination.status)}</span> <span className="badge badge-red">{label(NOMINATION_SOURCE, nomination.source)}</span>
      </p>
      <p>{nomination.reason}</p>
      {nomination.suspension ? <div className="alert alert-warning" role="status">{nomination.suspension.message}</div> : null}
      <p className="muted">
        Đề nghị: {nomination.form?.name ?? 'chưa chọn'} · thành tích ngày {day(nomination.achievedOn)}
        {nomination.resultRank ? ` · xếp hạng ${nomination.resultRank}` : ''}
        {nomination.basedOn ? ` · theo kết quả công bố lần ${nomination.basedOn.publicationVersion}` : ''} · {nomination.votesFor} tán thành, {nomination.votesAgainst} không tán thành
      </p>
      <p className={nomination.councilOutcome.passed ? 'alert alert-success' : 'muted'} data-testid="council-outcome">{nomination.councilOutcome.message}</p>
      {nomination.reviews.length ? <ul>{nomination.reviews.map((r, i) => <li key={i}>{r.reviewerName ?? 'Thành viên'}: {r.vote ? `${label(VOTE_LABELS, r.vote)}. ` : ''}{r.comment ?? ''}</li>)}</ul> : null}
      {open ? (
        <div className="stack">
          <Field id={`comment-${id}`} label="Ý kiến">
            <input id={`comment-${id}`} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
          {nomination.myConflict ? (
            <div className="alert alert-warning" role="status" data-testid="my-conflict">Bạn không biểu quyết đề nghị này: {nomination.myConflict}. Bạn vẫn có thể ghi ý kiến.</div>
          ) : (
            <div className="row">
              <button type="button" className="secondary" onClick={() => run(async () => { await mutate(VOTE, { id, vote: 'FOR', comment: comment || null }, token); return `Đã biểu quyết tán thành: ${nomination.subjectName}`; })}>Tán thành</button>
              <button type="button" className="secondary" onClick={() => run(async () => { await mutate(VOTE, { id, vote: 'AGAINST', comment: comment || null }, token); return `Đã biểu quyết không tán thành: ${nomination.subjectName}`; })}>Không tán thành</button>
              <button type="button" className="secondary" onClick={() => run(async () => { await mutate(VOTE, { id, vote: 'ABSTAIN', comment: comment || null }, token); return `Đã không biểu quyết: ${nomination.subjectName}`; })}>Không biểu quyết</button>
            </div>
          )}
          {!nomination.myConflict && nomination.member ? <DeclareRelative memberId={nomination.member.id} nominationId={id} subjectName={nomination.subjectName} onDone={onChange} /> : null}
          <div className="row">
            <Field id={`form-${id}`} label="Hình thức khen thưởng">
              <select id={`form-${id}`} value={formCode} onChange={(e) => setFormCode(e.target.value)}>
                <option value="">Chọn…</option>
                {forms.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
              </select>
            </Field>
            <Field id={`rating-${id}`} label="Xếp loại nhiệm vụ">
              <select id={`rating-${id}`} value={taskRating} onChange={(e) => setTaskRating(e.target.value)}>
                <option value="">Không ghi</option>
                <option value="COMPLETED">Hoàn thành</option>
                <option value="GOOD">Hoàn thành tốt</option>
                <option value="EXCELLENT">Hoàn thành xuất sắc</option>
              </select>
            </Field>
            <Field id={`signer-${id}`} label="Người ký (chức danh)">
              <input id={`signer-${id}`} value={signerRole} onChange={(e) => setSignerRole(e.target.value)} />
            </Field>
            <Field id={`signer-name-${id}`} label="Họ tên người ký">
              <input id={`signer-name-${id}`} value={signerName} onChange={(e) => setSignerName(e.target.value)} />
            </Field>
            <Field id={`signed-on-${id}`} label="Ngày ký quyết định hoặc tờ trình" problem={fieldProblem('decidedOn')}>
              <input id={`signed-on-${id}`} type="date" value={paper.signedOn} onChange={(e) => setPaper({ ...paper, signedOn: e.target.value })}
                {...describedBy(`signed-on-${id}`, false, fieldProblem('decidedOn'))} />
            </Field>
            <Field id={`paper-number-${id}`} label="Số quyết định theo sổ giấy (nếu có)" hint="Dạng số/QĐ-ký hiệu, ví dụ 125/QĐ-LĐLĐ. Để trống: hệ thống cấp số tiếp theo." problem={fieldProblem('number')}>
              <input id={`paper-number-${id}`} value={paper.number} onChange={(e) => setPaper({ ...paper, number: e.target.value })} {...describedBy(`paper-number-${id}`, true, fieldProblem('number'))} />
            </Field>
          </div>
          <div>
            <button
              type="button"
              onClick={() =>
                run(async () => {
                  const { grantReward } = await mutate<{ grantReward: { number: string; amountVnd: number; formName: string } }>(
                    GRANT,
                    { id, input: { formCode: formCode || null, signerRole, signerName: signerName || null, taskRating: taskRating || null, decidedOn: paper.signedOn || null, number: paper.number.trim() || null } },
                    token,
                  );
                  return `Quyết định số ${grantReward.number}: ${grantReward.formName}${withReward(grantReward.amountVnd)}`;
                })
              }
            >
              Quyết định khen thưởng
            </button>{' '}
            <button
              type="button"
              className="secondary"
              onClick={() =>
                run(async () => {
                  const { proposeReward: sent } = await mutate<{ proposeReward: { formName: string; holderUnitName: string; status: string; authorityRoute: { addressee: string } } }>(
                    PROPOSE,
                    { id, input: { formCode: formCode || null, signerRole, signerName: signerName || null, taskRating: taskRating || null, proposedOn: paper.signedOn || null } },
                    token,
                  );
                  return `Đã trình đề nghị ${sent.formName} lên ${sent.status === 'WITH_AUTHORITY' ? sent.authorityRoute.addressee : sent.holderUnitName}`;
                })
              }
            >
              Trình cấp có thẩm quyền
            </button>
          </div>
          <div className="row">
            <Field id={`reason-${id}`} label="Lý do không khen thưởng">
              <input id={`reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <button type="button" className="danger" onClick={() => run(async () => { await mutate(REFUSE, { id, reason }, token); return `Đã không khen thưởng: ${nomination.subjectName}`; })}>Không khen thưởng</button>
          </div>
          {/* a problem of a field is told beside it */}
          <ErrorBox error={error instanceof ApiError && error.problems.some((p) => p.field === 'number' || p.field === 'decidedOn') ? null : error} />
        </div>
      ) : null}
    </article>
  );
}

interface MeetingSeat {
  id: string;
  fullName: string;
  position: string;
}

interface Meeting {
  id: string;
  heldOn: string;
  membersTotal: number;
  quorumNeeded: number;
  quorumMet: boolean;
  attendees: MeetingSeat[];
}

const MY_COUNCIL = `query MyCouncil { council { unit { id } unitName members { id fullName position } mySeat { id }
  openMeeting { id heldOn membersTotal quorumNeeded quorumMet attendees { id fullName position } } } }`;
const OPEN_MEETING = `mutation OpenCouncilMeeting($unitId: ID!, $input: CouncilMeetingInput!) { openCouncilMeeting(unitId: $unitId, input: $input) { id heldOn } }`;
const CLOSE_MEETING = `mutation CloseCouncilMeeting($id: ID!) { closeCouncilMeeting(id: $id) { heldOn } }`;

/** The council's meeting: the secretary marks who is present and opens it; votes are cast in it until it is closed. */
function MeetingPanel({ onChange }: { onChange(message: string): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const council = useQuery<{ council: { unit: { id: string }; unitName: string; members: MeetingSeat[]; openMeeting: Meeting | null } }>(MY_COUNCIL);
  const [present, setPresent] = useState<string[]>([]);
  const action = useAction();
  const data = council.data?.council;
  const meeting = data?.openMeeting ?? null;
  const open = () =>
    action.run(async () => {
      const { openCouncilMeeting } = await mutate<{ openCouncilMeeting: { heldOn: string } }>(OPEN_MEETING, { unitId: data!.unit.id, input: { attendeeIds: present } }, token);
      council.reload();
      onChange(`Đã mở phiên họp ngày ${day(openCouncilMeeting.heldOn)} với ${present.length} thành viên dự họp`);
      return 'Đã mở phiên họp';
    });
  const close = () =>
    action.run(async () => {
      await mutate(CLOSE_MEETING, { id: meeting!.id }, token);
      setPresent([]);
      council.reload();
      onChange(`Đã kết thúc phiên họp ngày ${day(meeting!.heldOn)}`);
      return 'Đã kết thúc phiên họp';
    });
  return (
    <section aria-labelledby="meeting-heading" className="card" data-testid="council-meeting">
      <h2 id="meeting-heading">Phiên họp Hội đồng</h2>
      <ErrorBox error={council.error} />
      {data && data.members.length === 0 ? <Empty>Hội đồng chưa có thành viên; cán bộ công đoàn của đơn vị bổ sung thành viên.</Empty> : null}
      {meeting ? (
        <>
          <p>
            Phiên họp ngày {day(meeting.heldOn)}: {meeting.attendees.length}/{meeting.membersTotal} thành viên dự họp (
            {meeting.attendees.map((a) => a.fullName).join(', ')}).{' '}
            {meeting.quorumMet ? `Đủ số thành viên dự họp (cần ${meeting.quorumNeeded}).` : `Không đủ số thành viên dự họp (cần ${meeting.quorumNeeded}): kết luận của phiên không có hiệu lực.`}
          </p>
          <button type="button" className="secondary" onClick={close}>Kết thúc phiên họp</button>
        </>
      ) : data && data.members.length > 0 ? (
        <>
          <fieldset>
            <legend>Thành viên dự họp</legend>
            {data.members.map((m) => (
              <label key={m.id} className="check">
                <input type="checkbox" checked={present.includes(m.id)} onChange={(e) => setPresent(e.target.checked ? [...present, m.id] : present.filter((id) => id !== m.id))} />
                {m.fullName} ({label(COUNCIL_POSITION, m.position)})
              </label>
            ))}
          </fieldset>
          {action.problem('attendeeIds') ? <p className="field-error" role="alert">{action.problem('attendeeIds')}</p> : null}
          <button type="button" onClick={open}>Mở phiên họp</button>
        </>
      ) : null}
      {action.problems.length ? null : <ErrorBox error={action.error} />}
    </section>
  );
}

/** The emulation and reward council (Hội đồng TĐKT) of the member's unit: vote, comment, decide or refuse. */
export function CouncilPage() {
  const { data, error, loading, reload } = useQuery<{ nominations: { edges: { node: Nomination }[] }; rewardForms: { code: string; name: string }[] }>(NOMINATIONS);
  const unit = useQuery<MyUnit>(MY_UNIT);
  const underReview = useQuery<{ decisionsUnderReview: { edges: { node: ReviewedDecision }[] } }>(UNDER_REVIEW);
  const reviews = underReview.data?.decisionsUnderReview.edges.map((e) => e.node) ?? [];
  const unitId = unit.data?.myUnit?.id;
  const [message, setMessage] = useState<string | null>(null);
  const nominations = data?.nominations.edges.map((e) => e.node) ?? [];
  return (
    <Page
      title="Hội đồng thi đua, khen thưởng"
      actions={
        <div className="downloads">
          <DownloadButton label="Tải Excel" href="/exports/rewards/nominations.xlsx" />
          {unitId ? <DownloadButton label="Tải PDF biên bản họp" href={`/documents/rewards/councils/${unitId}/minutes.pdf`} /> : null}
          {unitId ? <DownloadButton label="Tải PDF hồ sơ trình cấp trên" href={`/documents/rewards/councils/${unitId}/proposal.pdf`} /> : null}
        </div>
      }
    >
      <ErrorBox error={error} />
      {message ? <Success>{message}</Success> : null}
      {reviews.length ? (
        <section aria-labelledby="reviews-heading">
          <h2 id="reviews-heading">Quyết định cần xem xét lại</h2>
          <div className="grid">
            {reviews.map((d) => <ReviewCard key={d.id} decision={d} onDone={(text) => { setMessage(text); underReview.reload(); }} />)}
          </div>
        </section>
      ) : null}
      <ErrorBox error={underReview.error} />
      <MeetingPanel onChange={(text) => { setMessage(text); reload(); }} />
      <h2>Đề nghị khen thưởng</h2>
      {loading ? <Loading /> : nominations.length === 0 ? <Empty>Không có đề nghị khen thưởng nào.</Empty> : null}
      <div className="grid">
        {nominations.map((n) => <NominationCard key={n.id} nomination={n} forms={data?.rewardForms ?? []} onChange={(text) => { setMessage(text); reload(); }} />)}
      </div>
    </Page>
  );
}
