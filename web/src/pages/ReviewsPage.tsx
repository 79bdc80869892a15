import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, Success, describedBy } from '../ui';

interface Assignment {
  id: string;
  enrollmentId: string;
  text: string;
  evidence: { url: string }[];
  criterion: { name: string; rubricLevels: { score: number; description: string }[] };
}

const QUEUE = `query ReviewQueue { myReviewAssignments(first: 20) { edges { node { id enrollmentId text evidence { url } criterion { name rubricLevels { score description } } } } } }`;
const DECLARE = `mutation DeclareConflict($enrollmentId: ID!, $reason: String!) { declareConflict(enrollmentId: $enrollmentId, reason: $reason) }`;
const REVIEW = `mutation Review($id: ID!, $score: Int!, $comment: String) { reviewSubmission(submissionId: $id, score: $score, comment: $comment) { status } }`;

/** A reviewer who knows the participant (family, own unit, a stake in the result) says so; they no longer score the entry. */
function DeclareConflict({ assignment }: { assignment: Assignment }) {
  const { session } = useAuth();
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = `conflict-${assignment.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await mutate(DECLARE, { enrollmentId: assignment.enrollmentId, reason }, session?.token ?? null);
      return 'Đã khai báo xung đột lợi ích: bạn không chấm bài này; ban tổ chức sẽ phân công người khác.';
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={`Xung đột lợi ích: ${assignment.criterion.name}`}>
      <Field id={id} label="Xung đột lợi ích" hint="Người thân, cùng đơn vị, hoặc có lợi ích trong kết quả" problem={action.problem('reason')}>
        <textarea id={id} value={reason} maxLength={5000} onChange={(e) => setReason(e.target.value)} {...describedBy(id, true, action.problem('reason'))} />
      </Field>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Khai báo xung đột lợi ích</button></div>
    </form>
  );
}

function ReviewForm({ assignment, onDone }: { assignment: Assignment; onDone(message: string): void }) {
  const { session } = useAuth();
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const submit = async () => {
    try {
      await mutate(REVIEW, { id: assignment.id, score: Number(score), comment: comment || null }, session?.token ?? null);
      onDone(`Đã chấm: ${assignment.criterion.name}`);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <article className="card">
      <h3>{assignment.criterion.name}</h3>
      <p>{assignment.text}</p>
      <ul>{assignment.evidence.map((e) => <li key={e.url}><a href={e.url} rel="noreferrer noopener" target="_blank">{e.url}</a></li>)}</ul>
      <Field id={`score-${assignment.id}`} label="Mức đánh giá">
        <select id={`score-${assignment.id}`} value={score} onChange={(e) => setScore(e.target.value)}>
          <option value="">Chọn…</option>
          {assignment.criterion.rubricLevels.map((level) => <option key={level.score} value={level.score}>{level.score} điểm: {level.description}</option>)}
        </select>
      </Field>
      <Field id={`comment-${assignment.id}`} label="Nhận xét">
        <textarea id={`comment-${assignment.id}`} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <ErrorBox error={error} />
      <button type="button" disabled={score === ''} onClick={submit}>Gửi đánh giá</button>
      <DeclareConflict assignment={assignment} />
    </article>
  );
}

/** A reviewer's queue: the submissions assigned to them, scored against the criterion's described levels. */
export function ReviewsPage() {
  const { data, error, loading, reload } = useQuery<{ myReviewAssignments: { edges: { node: Assignment }[] } }>(QUEUE);
  const [message, setMessage] = useState<string | null>(null);
  const queue = data?.myReviewAssignments.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Chấm điểm minh chứng">
      <ErrorBox error={error} />
      {message ? <Success>{message}</Success> : null}
      {loading ? <Loading /> : queue.length === 0 ? <Empty>Không có bài nào chờ bạn chấm.</Empty> : <DownloadButton label="Tải Excel danh sách chờ chấm" testId="review-queue-excel" href="/exports/reviews/queue.xlsx" />}
      <div className="grid">
        {queue.map((assignment) => (
          <ReviewForm key={assignment.id} assignment={assignment} onDone={(text) => { setMessage(text); reload(); }} />
        ))}
      </div>
    </Page>
  );
}
