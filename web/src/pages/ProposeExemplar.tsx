import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, mutate, type Problem } from '../api';
import { useAuth } from '../auth';
import { UNIT_LEVEL, label } from '../format';
import { useQuery } from '../hooks';
import { ErrorBox, Field, Success, problemFor } from '../ui';

interface Council {
  unit: { id: string };
  name: string;
  level: string;
}

const PEOPLE = `query StoryPeople($id: ID!) { story(id: $id) { members { id fullName } units { id name } } rewardForms { code name } }`;
const COUNCILS = `query GrantingCouncils($form: String!, $m: ID, $u: ID) { grantingCouncils(formCode: $form, memberId: $m, unitId: $u) { unit { id } name level } }`;
const PROPOSE = `mutation ProposeExemplar($input: ExemplarProposalInput!) { proposeExemplar(input: $input) }`;

/**
 * An editor proposes the person or collective of a story for a reward: the day of the deed, the form, and the council
 * among those that can grant it (the nearest is chosen first).
 */
export function ProposeExemplar({ storyId }: { storyId: string }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const people = useQuery<{ story: { members: { id: string; fullName: string | null }[]; units: { id: string; name: string | null }[] } | null; rewardForms: { code: string; name: string }[] }>(PEOPLE, { id: storyId });
  const [subject, setSubject] = useState('');
  const [formCode, setFormCode] = useState('');
  const [achievedOn, setAchievedOn] = useState('');
  const [achievement, setAchievement] = useState('');
  const [grantingUnitId, setGrantingUnitId] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [kind, id] = subject.split(':') as ['m' | 'u' | '', string | undefined];
  const councils = useQuery<{ grantingCouncils: Council[] }>(COUNCILS, { form: formCode, m: kind === 'm' ? id : null, u: kind === 'u' ? id : null }, !formCode || !id);
  const choices = formCode && id ? (councils.data?.grantingCouncils ?? []) : [];
  useEffect(() => setGrantingUnitId(choices[0]?.unit.id ?? ''), [councils.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setProblems([]);
    setMessage(null);
    try {
      await mutate(PROPOSE, {
        input: { storyId, memberId: kind === 'm' ? id : null, unitId: kind === 'u' ? id : null, achievement, achievedOn, formCode, grantingUnitId: grantingUnitId || null },
      }, token);
      setMessage(`Đã gửi đề xuất đến Hội đồng thi đua, khen thưởng của ${choices.find((c) => c.unit.id === grantingUnitId)?.name ?? 'cấp có thẩm quyền'}.`);
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    }
  };
  const story = people.data?.story;
  return (
    <section aria-labelledby="propose-heading">
      <h2 id="propose-heading">Đề xuất khen thưởng từ bài</h2>
      <ErrorBox error={people.error} />
      <form className="stack" onSubmit={submit}>
        <div className="row">
          <Field id="propose-subject" label="Người hoặc tập thể được đề xuất" problem={problemFor(problems, 'memberId') ?? problemFor(problems, 'unitId')}>
            <select id="propose-subject" value={subject} onChange={(e) => setSubject(e.target.value)}>
              <option value="">Chọn…</option>
              {story?.members.map((m) => <option key={m.id} value={`m:${m.id}`}>{m.fullName ?? 'Đoàn viên'}</option>)}
              {story?.units.map((u) => <option key={u.id} value={`u:${u.id}`}>{u.name ?? 'Tập thể'}</option>)}
            </select>
          </Field>
          <Field id="propose-form" label="Hình thức đề nghị" problem={problemFor(problems, 'formCode')}>
            <select id="propose-form" value={formCode} onChange={(e) => setFormCode(e.target.value)}>
              <option value="">Chọn…</option>
              {people.data?.rewardForms.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
            </select>
          </Field>
          <Field id="propose-date" label="Ngày của việc làm" problem={problemFor(problems, 'achievedOn')}>
            <input id="propose-date" type="date" value={achievedOn} onChange={(e) => setAchievedOn(e.target.value)} />
          </Field>
        </div>
        <Field id="propose-council" label="Hội đồng xét khen thưởng" problem={problemFor(problems, 'grantingUnitId')}>
          <select id="propose-council" value={grantingUnitId} onChange={(e) => setGrantingUnitId(e.target.value)} disabled={choices.length === 0}>
            {choices.length === 0 ? <option value="">{formCode && id ? 'Không có hội đồng nào khen được hình thức này' : 'Chọn người và hình thức trước'}</option> : null}
            {choices.map((c) => <option key={c.unit.id} value={c.unit.id}>{c.name} ({label(UNIT_LEVEL, c.level)})</option>)}
          </select>
        </Field>
        <ErrorBox error={councils.error} />
        <Field id="propose-achievement" label="Thành tích" problem={problemFor(problems, 'achievement')}>
          <textarea id="propose-achievement" value={achievement} onChange={(e) => setAchievement(e.target.value)} />
        </Field>
        {problems.length ? null : <ErrorBox error={error} />}
        {message ? <Success>{message}</Success> : null}
        <div>
          <button type="submit">Gửi đề xuất khen thưởng</button>
        </div>
      </form>
    </section>
  );
}
