import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { REGISTRATION_STATUS, day, label, todayIso } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, Success, YearSelect, describedBy, thisYear } from '../ui';

interface Registration {
  id: string;
  subjectName: string;
  status: string;
  registeredOn: string;
  reviewReason: string | null;
  member: { id: string } | null;
  forms: { name: string }[];
}

const DATA = `query Registrations($unitId: ID!, $year: Int!) {
  emulationRegistrations(year: $year, first: 100) { edges { node { id subjectName status registeredOn reviewReason member { id } forms { name } } } }
  registrationWindow(year: $year) { opensOn closesOn windowSource }
  rewardForms { code name kind subjects }
  unionUnit(id: $unitId) { subtree(first: 100) { edges { node { id name } } } }
  members(unitId: $unitId, first: 100) { edges { node { id fullName unit { name } } } }
}`;
const REGISTER = `mutation RegisterTitles($input: EmulationRegistrationInput!) { registerEmulationTitles(input: $input) { subjectName status } }`;
const REVIEW = `mutation ReviewRegistration($id: ID!, $approve: Boolean!, $reason: String) { reviewEmulationRegistration(id: $id, approve: $approve, reason: $reason) { status } }`;

function ReviewCard({ registration, onDone }: { registration: Registration; onDone(message: string): void }) {
  const { session } = useAuth();
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = registration.id;
  const review = (approve: boolean) => action.run(async () => {
    await mutate(REVIEW, { id, approve, reason: reason || null }, session?.token ?? null);
    const message = `${approve ? 'Đã duyệt' : 'Đã trả lại'} đăng ký của ${registration.subjectName}.`;
    onDone(message);
    return message;
  });
  return (
    <article className="card" data-testid="registration">
      <h3>{registration.subjectName}</h3>
      <p><span className="badge">{label(REGISTRATION_STATUS, registration.status)}</span> {registration.member ? 'Cá nhân' : 'Tập thể'} · đăng ký ngày {day(registration.registeredOn)}</p>
      <p>{registration.forms.map((f) => f.name).join(', ')}</p>
      {registration.reviewReason ? <p>Lý do trả lại: {registration.reviewReason}</p> : null}
      {registration.status === 'SUBMITTED' ? (
        <div className="row">
          <button type="button" onClick={() => void review(true)}>Duyệt</button>
          <Field id={`return-${id}`} label="Lý do trả lại" hint="Đơn vị, đoàn viên sửa theo lý do này rồi gửi lại." problem={action.problem('reason')}>
            <input id={`return-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`return-${id}`, true, action.problem('reason'))} />
          </Field>
          <button type="button" className="danger" onClick={() => void review(false)}>Trả lại</button>
        </div>
      ) : null}
      <Outcome error={action.error} done={null} />
    </article>
  );
}

/** Registrations (đăng ký thi đua) of the officer's subtree: enter a paper registration, approve or return those waiting. */
export function RegistrationsPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const [year, setYear] = useState(thisYear());
  const { data, error, loading, reload } = useQuery<{
    emulationRegistrations: { edges: { node: Registration }[] };
    registrationWindow: { opensOn: string; closesOn: string; windowSource: string };
    rewardForms: { code: string; name: string; kind: string; subjects: string[] }[];
    unionUnit: { subtree: { edges: { node: { id: string; name: string } }[] } } | null;
    members: { edges: { node: { id: string; fullName: string; unit: { name: string } } }[] };
  }>(DATA, { unitId, year }, !unitId);
  const [subjectKind, setSubjectKind] = useState<'UNIT' | 'MEMBER'>('UNIT');
  const [subjectId, setSubjectId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [registeredOn, setRegisteredOn] = useState(todayIso());
  const [message, setMessage] = useState<string | null>(null);
  const action = useAction();
  const p = action.problem;
  const titles = (data?.rewardForms ?? []).filter((f) => f.kind === 'EMULATION_TITLE' && f.subjects.includes(subjectKind === 'UNIT' ? 'COLLECTIVE' : 'INDIVIDUAL'));
  const registrations = data?.emulationRegistrations.edges.map((e) => e.node) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { year, formCodes: chosen, registeredOn, ...(subjectKind === 'UNIT' ? { unitId: subjectId } : { memberId: subjectId }) };
      const { registerEmulationTitles } = await mutate<{ registerEmulationTitles: { subjectName: string } }>(REGISTER, { input }, session?.token ?? null);
      setChosen([]);
      reload();
      return `Đã ghi nhận đăng ký của ${registerEmulationTitles.subjectName}; chờ cấp trên duyệt.`;
    });
  };
  return (
    <Page title="Đăng ký thi đua">
      <Field id="reg-year" label="Năm thi đua">
        <YearSelect id="reg-year" value={year} onChange={setYear} />
      </Field>
      {data ? <p className="muted">Nhận đăng ký từ {day(data.registrationWindow.opensOn)} đến {day(data.registrationWindow.closesOn)} ({data.registrationWindow.windowSource}). Chỉ tập thể, cá nhân có đăng ký được duyệt mới được đề nghị danh hiệu thi đua.</p> : null}
      <ErrorBox error={error} />
      <form className="stack" onSubmit={submit} noValidate>
        <h2>Nhập bản đăng ký</h2>
        <div className="row">
          <Field id="subject-kind" label="Đăng ký cho">
            <select id="subject-kind" value={subjectKind} onChange={(e) => { setSubjectKind(e.target.value as 'UNIT' | 'MEMBER'); setSubjectId(''); setChosen([]); }}>
              <option value="UNIT">Tập thể</option>
              <option value="MEMBER">Cá nhân</option>
            </select>
          </Field>
          <Field id="subject" label={subjectKind === 'UNIT' ? 'Tập thể' : 'Đoàn viên'} problem={p(subjectKind === 'UNIT' ? 'unitId' : 'memberId')}>
            <select id="subject" value={subjectId} onChange={(e) => setSubjectId(e.target.value)} {...describedBy('subject', false, p(subjectKind === 'UNIT' ? 'unitId' : 'memberId'))}>
              <option value="">Chọn…</option>
              {subjectKind === 'UNIT'
                ? [...(unit.data?.myUnit ? [unit.data.myUnit] : []), ...(data?.unionUnit?.subtree.edges.map((e) => e.node) ?? [])].map((u) => <option key={u.id} value={u.id}>{u.name}</option>)
                : data?.members.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.fullName} ({node.unit.name})</option>)}
            </select>
          </Field>
          <Field id="registered-on" label="Ngày ghi trên bản đăng ký" problem={p('registeredOn')}>
            <input id="registered-on" type="date" value={registeredOn} onChange={(e) => setRegisteredOn(e.target.value)} {...describedBy('registered-on', false, p('registeredOn'))} />
          </Field>
        </div>
        <fieldset>
          <legend>Danh hiệu đăng ký</legend>
          {p('formCodes') ? <small className="field-error" role="alert">{p('formCodes')}</small> : null}
          {titles.map((f) => (
            <label key={f.code} className="check">
              <input type="checkbox" checked={chosen.includes(f.code)} onChange={(e) => setChosen(e.target.checked ? [...chosen, f.code] : chosen.filter((c) => c !== f.code))} /> {f.name}
            </label>
          ))}
        </fieldset>
        <Outcome error={action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy}>Ghi nhận đăng ký</button></div>
      </form>
      <h2>Đăng ký trong phạm vi phụ trách</h2>
      {message ? <Success>{message}</Success> : null}
      {loading && !data ? <Loading /> : null}
      {data && registrations.length === 0 ? <Empty>Chưa có đăng ký nào cho năm {year}.</Empty> : null}
      {registrations.length ? <DownloadButton label={`Tải Excel đăng ký thi đua năm ${year}`} testId="registrations-excel" href={`/exports/rewards/registrations.xlsx?year=${year}`} /> : null}
      <div className="grid">{registrations.map((r) => <ReviewCard key={r.id} registration={r} onDone={(text) => { setMessage(text); reload(); }} />)}</div>
    </Page>
  );
}
