import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, mutate, request, type Problem } from '../api';
import { useAuth } from '../auth';
import { STORY_KIND, STORY_STATUS, label } from '../format';
import { DownloadButton } from '../downloads';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Page, Success, problemFor } from '../ui';
import { ProposeExemplar } from './ProposeExemplar';

interface EditableStory {
  id: string;
  kind: string;
  status: string;
  title: string;
  summary: string | null;
  tags: string[];
  provinceCode: string | null;
}

const CANDIDATES = `query Candidates { storyCandidates(first: 30) { edges { node { id kind status title summary tags provinceCode } } } }`;
const CREATE = `mutation CreateStory($input: StoryInput!) { createStory(input: $input) { id kind status title summary tags provinceCode } }`;
const UPDATE = `mutation UpdateStory($id: ID!, $input: StoryInput!) { updateStory(id: $id, input: $input) { id kind status title summary tags provinceCode } }`;
const BODY = `query StoryBody($id: ID!) { story(id: $id) { bodyHtml } }`;
const TRANSITION = `mutation Transition($id: ID!, $action: StoryAction!) { transitionStory(id: $id, action: $action) { id kind status title summary tags provinceCode } }`;

/** The next step an editor takes from each status (the media subgraph enforces the workflow and its roles). */
const NEXT: Record<string, { action: string; label: string }[]> = {
  CANDIDATE: [{ action: 'TAKE', label: 'Nhận viết bài' }, { action: 'DISMISS', label: 'Bỏ qua' }],
  DRAFT: [{ action: 'SUBMIT_FOR_REVIEW', label: 'Gửi duyệt' }],
  IN_REVIEW: [{ action: 'PUBLISH', label: 'Đăng bài' }, { action: 'REQUEST_CHANGES', label: 'Yêu cầu sửa' }],
  PUBLISHED: [],
};

/** Editors: candidates from movements and rewards, writing, review and publication. */
export function EditorPage() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const candidates = useQuery<{ storyCandidates: { edges: { node: EditableStory }[] } }>(CANDIDATES);
  const [story, setStory] = useState<EditableStory | null>(null);
  const blank = { kind: 'GOOD_DEED', title: '', summary: '', body: '', bodyFormat: 'MARKDOWN', tags: '', provinceCode: '' };
  const [form, setForm] = useState(blank);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  /** A story already written is edited as the safe HTML the API keeps of it. */
  const open = async (next: EditableStory) => {
    const body = (await request<{ story: { bodyHtml: string | null } | null }>(BODY, { id: next.id }, token)).data?.story?.bodyHtml ?? '';
    setStory(next);
    setForm({ kind: next.kind, title: next.title, summary: next.summary ?? '', body, bodyFormat: 'HTML', tags: next.tags.join(', '), provinceCode: next.provinceCode ?? '' });
  };
  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    setProblems([]);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    }
  };
  const input = () => ({
    kind: form.kind,
    title: form.title,
    summary: form.summary || null,
    body: form.body || null,
    bodyFormat: form.bodyFormat,
    tags: form.tags.split(',').map((t) => t.trim()).filter(Boolean),
    provinceCode: form.provinceCode || null,
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    return attempt(async () => {
      const saved = story
        ? (await mutate<{ updateStory: EditableStory }>(UPDATE, { id: story.id, input: input() }, token)).updateStory
        : (await mutate<{ createStory: EditableStory }>(CREATE, { input: input() }, token)).createStory;
      setStory(saved);
      setMessage('Đã lưu bài.');
    });
  };
  const transition = (action: string) =>
    attempt(async () => {
      const moved = (await mutate<{ transitionStory: EditableStory }>(TRANSITION, { id: story!.id, action }, token)).transitionStory;
      setStory(moved);
      setMessage(`Trạng thái: ${label(STORY_STATUS, moved.status)}`);
      candidates.reload();
    });

  return (
    <Page title="Biên tập tin bài" actions={<button type="button" className="secondary" onClick={() => { setStory(null); setForm(blank); }}>Viết bài mới</button>}>
      <h2>Đề xuất chờ biên tập</h2>
      <ErrorBox error={candidates.error} />
      {candidates.loading ? <Loading /> : null}
      {candidates.data?.storyCandidates.edges.length ? <DownloadButton label="Tải Excel đề xuất chờ biên tập" testId="candidates-excel" href="/exports/stories/candidates.xlsx" /> : null}
      {candidates.data?.storyCandidates.edges.length ? (
        <ul>
          {candidates.data.storyCandidates.edges.map(({ node }) => (
            <li key={node.id}>
              <button type="button" className="secondary" onClick={() => open(node)}>{node.title}</button> <span className="muted">{label(STORY_KIND, node.kind)}</span>
            </li>
          ))}
        </ul>
      ) : (
        !candidates.loading && <Empty>Không có đề xuất mới.</Empty>
      )}

      <h2>{story ? `Bài: ${story.title}` : 'Bài mới'} {story ? <span className="badge">{label(STORY_STATUS, story.status)}</span> : null}</h2>
      <form className="stack" onSubmit={save}>
        <Field id="kind" label="Loại bài" problem={problemFor(problems, 'kind')}>
          <select id="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            {Object.entries(STORY_KIND).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </Field>
        <Field id="story-title" label="Tiêu đề" problem={problemFor(problems, 'title')}>
          <input id="story-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </Field>
        <Field id="summary" label="Tóm tắt" problem={problemFor(problems, 'summary')}>
          <textarea id="summary" value={form.summary} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
        </Field>
        <Field id="body" label={form.bodyFormat === 'HTML' ? 'Nội dung (HTML)' : 'Nội dung (Markdown)'} problem={problemFor(problems, 'body')}>
          <textarea id="body" rows={10} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        </Field>
        <div className="row">
          <Field id="tags" label="Từ khoá (cách nhau bởi dấu phẩy)">
            <input id="tags" value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
          </Field>
          <Field id="province" label="Mã tỉnh (vd. BN)" problem={problemFor(problems, 'provinceCode')}>
            <input id="province" value={form.provinceCode} onChange={(e) => setForm({ ...form, provinceCode: e.target.value.toUpperCase() })} />
          </Field>
        </div>
        <ErrorBox error={error} />
        {message ? <Success>{message}</Success> : null}
        <div className="row">
          <button type="submit">Lưu bài</button>
          {story
            ? (NEXT[story.status] ?? []).map((step) => (
                <button key={step.action} type="button" className="secondary" onClick={() => transition(step.action)}>{step.label}</button>
              ))
            : null}
          {story?.status === 'PUBLISHED' ? <Link to={`/stories/${story.id}`}>Xem bài đã đăng</Link> : null}
        </div>
      </form>
      {story ? <ProposeExemplar key={story.id} storyId={story.id} /> : null}
    </Page>
  );
}
