import { useState, type FormEvent } from 'react';
import { ApiError, mutate } from '../api';
import { useAuth } from '../auth';
import { INITIATIVE_REACH, INITIATIVE_STATUS, day, label, num, vnd } from '../format';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, describedBy } from '../ui';

interface Initiative {
  id: string;
  title: string;
  description: string;
  authorName: string;
  unit: { name: string };
  status: string;
  reach: string | null;
  benefitValueVnd: number | null;
  rate: number | null;
  rateSource: string | null;
  rewardVnd: number | null;
  rejectionReason: string | null;
  registeredAt: string;
}

const INITIATIVES = `query Initiatives { initiatives(first: 50) { edges { node {
  id title description authorName unit { name } status reach benefitValueVnd rate rateSource rewardVnd rejectionReason registeredAt } } } }`;
const MEMBERS = `query InitiativeAuthors($unitId: ID!, $search: String) { members(unitId: $unitId, search: $search, first: 20) { edges { node { id fullName unit { name } } } } }`;
const REGISTER = `mutation RegisterInitiative($input: RegisterInitiativeInput!) { registerInitiative(input: $input) { id title authorName } }`;
const ASSESS = `mutation AssessInitiative($id: ID!, $input: AssessInitiativeInput!) { assessInitiative(id: $id, input: $input) { id status benefitValueVnd rewardVnd } }`;

const REACHES = ['UNIT', 'PROVINCE', 'NATIONAL'];

/** Amounts typed as people write them (120.000.000); left empty, the API names the field. */
function amountOrNull(text: string, field: string): number | null {
  const digits = text.replace(/[.\s]/g, '');
  if (!digits) return null;
  if (!/^-?\d+$/.test(digits)) throw new ApiError({ message: 'Nhập số tiền bằng chữ số', extensions: { code: 'BAD_USER_INPUT', problems: [{ field, message: 'Nhập số tiền bằng chữ số, ví dụ 120.000.000' }] } });
  return Number(digits);
}

/** Đăng ký sáng kiến: a member registers their own; an officer registers one for a member of their units. */
function RegisterForm({ officerUnitId, onDone }: { officerUnitId: string | null; onDone(): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ title: '', description: '', memberId: '' });
  const [search, setSearch] = useState('');
  const authors = useQuery<{ members: { edges: { node: { id: string; fullName: string; unit: { name: string } } }[] } }>(MEMBERS, { unitId: officerUnitId, search: search.trim() || null }, !officerUnitId);
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { registerInitiative } = await mutate<{ registerInitiative: { title: string; authorName: string } }>(REGISTER, { input: { title: form.title, description: form.description, memberId: form.memberId || null } }, session?.token ?? null);
      setForm({ title: '', description: '', memberId: '' });
      onDone();
      return `Đã đăng ký sáng kiến «${registerInitiative.title}» của ${registerInitiative.authorName}.`;
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="register-initiative">
      <h2 id="register-initiative">Đăng ký sáng kiến</h2>
      {officerUnitId ? (
        <div className="row">
          <Field id="author-search" label="Tìm tác giả" hint="Gõ họ tên đoàn viên, có dấu hoặc không dấu">
            <input id="author-search" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="author-search-hint" />
          </Field>
          <Field id="initiative-author" label="Tác giả" problem={p('memberId')}>
            <select id="initiative-author" value={form.memberId} onChange={(e) => setForm({ ...form, memberId: e.target.value })} {...describedBy('initiative-author', false, p('memberId'))}>
              <option value="">— Chọn đoàn viên —</option>
              {authors.data?.members.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.fullName} ({node.unit.name})</option>)}
            </select>
          </Field>
        </div>
      ) : null}
      <Field id="initiative-title" label="Tên sáng kiến" problem={p('title')}>
        <input id="initiative-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} {...describedBy('initiative-title', false, p('title'))} />
      </Field>
      <Field id="initiative-description" label="Mô tả" hint="Sáng kiến thay đổi gì, được áp dụng ở đâu và ra sao" problem={p('description')}>
        <textarea id="initiative-description" rows={4} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} {...describedBy('initiative-description', true, p('description'))} />
      </Field>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Đăng ký sáng kiến</button></div>
    </form>
  );
}

/** Đánh giá sáng kiến: recognised with its reach and first-year figures (the benefit value follows), or not, with why. */
function AssessForm({ initiative, onDone }: { initiative: Initiative; onDone(message: string): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ recognised: true, reach: '', savings: '', earnings: '', cost: '', calculation: '', rejectionReason: '' });
  const action = useAction();
  const p = action.problem;
  const id = (field: string) => `assess-${initiative.id}-${field}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = form.recognised
        ? {
            recognised: true,
            reach: form.reach || null,
            firstYearSavingsVnd: amountOrNull(form.savings, 'firstYearSavingsVnd'),
            firstYearEarningsVnd: amountOrNull(form.earnings, 'firstYearEarningsVnd'),
            applicationCostVnd: amountOrNull(form.cost, 'applicationCostVnd'),
            calculation: form.calculation,
          }
        : { recognised: false, rejectionReason: form.rejectionReason };
      const { assessInitiative } = await mutate<{ assessInitiative: { status: string; benefitValueVnd: number | null; rewardVnd: number | null } }>(ASSESS, { id: initiative.id, input }, session?.token ?? null);
      const message = assessInitiative.status === 'RECOGNISED'
        ? `Đã công nhận «${initiative.title}»: làm lợi ${vnd(assessInitiative.benefitValueVnd)}, thù lao tác giả ${vnd(assessInitiative.rewardVnd)}.`
        : `Đã ghi không công nhận «${initiative.title}».`;
      // the form goes once the initiative is assessed: the page keeps what was done
      onDone(message);
      return message;
    });
  };
  const amount = (field: 'savings' | 'earnings' | 'cost', apiField: string, title: string) => (
    <Field id={id(field)} label={title} problem={p(apiField)}>
      <input id={id(field)} inputMode="numeric" value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} {...describedBy(id(field), false, p(apiField))} />
    </Field>
  );
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={`Đánh giá sáng kiến ${initiative.title}`}>
      <fieldset>
        <legend>Kết quả đánh giá</legend>
        <label><input type="radio" style={{ width: 'auto' }} name={id('result')} checked={form.recognised} onChange={() => setForm({ ...form, recognised: true })} /> Công nhận</label>
        <label><input type="radio" style={{ width: 'auto' }} name={id('result')} checked={!form.recognised} onChange={() => setForm({ ...form, recognised: false })} /> Không công nhận</label>
      </fieldset>
      {form.recognised ? (
        <>
          <div className="row">
            <Field id={id('reach')} label="Phạm vi ảnh hưởng" problem={p('reach')}>
              <select id={id('reach')} value={form.reach} onChange={(e) => setForm({ ...form, reach: e.target.value })} {...describedBy(id('reach'), false, p('reach'))}>
                <option value="">— Chọn phạm vi —</option>
                {REACHES.map((r) => <option key={r} value={r}>{label(INITIATIVE_REACH, r)}</option>)}
              </select>
            </Field>
            {amount('savings', 'firstYearSavingsVnd', 'Tiết kiệm 12 tháng đầu (đồng)')}
            {amount('earnings', 'firstYearEarningsVnd', 'Doanh thu tăng thêm 12 tháng đầu (đồng)')}
            {amount('cost', 'applicationCostVnd', 'Chi phí áp dụng (đồng)')}
          </div>
          <Field id={id('calculation')} label="Cách tính giá trị làm lợi" problem={p('calculation')}>
            <textarea id={id('calculation')} rows={3} value={form.calculation} onChange={(e) => setForm({ ...form, calculation: e.target.value })} {...describedBy(id('calculation'), false, p('calculation'))} />
          </Field>
        </>
      ) : (
        <Field id={id('rejection')} label="Lý do không công nhận" hint="Tác giả đọc lý do này để hoàn thiện sáng kiến" problem={p('rejectionReason')}>
          <textarea id={id('rejection')} rows={3} value={form.rejectionReason} onChange={(e) => setForm({ ...form, rejectionReason: e.target.value })} {...describedBy(id('rejection'), true, p('rejectionReason'))} />
        </Field>
      )}
      <Outcome error={action.problems.length ? null : action.error} done={null} />
      <div><button type="submit" disabled={action.busy}>Ghi kết quả đánh giá</button></div>
    </form>
  );
}

/** Sáng kiến: members' and officers' initiatives, registered here and assessed by the officers over the author's unit. */
export function InitiativesPage() {
  const { session, has } = useAuth();
  const officer = has('UNIT_OFFICER', 'NATIONAL_ADMIN');
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session || !officer);
  const { data, error, loading, reload } = useQuery<{ initiatives: { edges: { node: Initiative }[] } }>(INITIATIVES, {}, !session);
  const [assessed, setAssessed] = useState<string | null>(null);
  if (!session) return <Page title="Sáng kiến"><p>Hãy đăng nhập để đăng ký hoặc đánh giá sáng kiến.</p></Page>;
  const initiatives = data?.initiatives.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Sáng kiến">
      <p className="muted">Sáng kiến được đăng ký, đánh giá giá trị làm lợi và trả thù lao cho tác giả theo thỏa ước lao động tập thể hoặc mức 7%.</p>
      <ErrorBox error={error ?? unit.error} />
      <Outcome error={null} done={assessed} />
      {loading ? <Loading /> : null}
      {!loading && initiatives.length === 0 ? <Empty>Chưa có sáng kiến nào.</Empty> : null}
      {initiatives.map((i) => (
        <article className="card stack" key={i.id} data-testid="initiative">
          <h3>{i.title}</h3>
          <p className="muted">{i.authorName} · {i.unit.name} · đăng ký ngày {day(i.registeredAt)}</p>
          <p><span className="badge">{label(INITIATIVE_STATUS, i.status)}</span>{i.reach ? <> <span className="badge">{label(INITIATIVE_REACH, i.reach)}</span></> : null}</p>
          <p>{i.description}</p>
          {i.status === 'RECOGNISED' ? (
            <p data-testid="initiative-reward">
              Giá trị làm lợi {vnd(i.benefitValueVnd)}; thù lao tác giả {vnd(i.rewardVnd)} ({num((i.rate ?? 0) * 100)}%, {i.rateSource})
            </p>
          ) : null}
          {i.rejectionReason ? <p>Lý do không công nhận: {i.rejectionReason}</p> : null}
          {officer && i.status === 'REGISTERED' ? <AssessForm initiative={i} onDone={(message) => { setAssessed(message); reload(); }} /> : null}
        </article>
      ))}
      <RegisterForm officerUnitId={officer ? (unit.data?.myUnit?.id ?? null) : null} onDone={reload} />
    </Page>
  );
}
