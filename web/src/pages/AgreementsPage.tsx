import { useState, type FormEvent } from 'react';
import { ApiError, mutate } from '../api';
import { useAuth } from '../auth';
import { REWARD_PERIOD, day, label, num, todayIso, vnd } from '../format';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, describedBy } from '../ui';

interface Clause {
  code: string;
  period: string;
  criterion: string;
  amountVnd: number;
  maxRecipientsPerPeriod: number;
}

interface Agreement {
  id: string;
  employerName: string;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  initiativeRate: number | null;
  unit: { name: string };
  clauses: Clause[];
}

interface EmployerReward {
  id: string;
  clauseCode: string;
  periodStart: string;
  periodEnd: string;
  subjectName: string;
  amountVnd: number;
  reason: string;
}

const AGREEMENTS = `query CollectiveAgreements { collectiveAgreements(first: 50) { edges { node {
  id employerName signedOn validFrom validUntil initiativeRate unit { name } clauses { code period criterion amountVnd maxRecipientsPerPeriod } } } } }`;
const REGISTER = `mutation RegisterCollectiveAgreement($input: CollectiveAgreementInput!) { registerCollectiveAgreement(input: $input) { id employerName } }`;
const AGREEMENT_WORK = `query AgreementWork($id: ID!, $search: String) {
  employerRewards(agreementId: $id, first: 50) { edges { node { id clauseCode periodStart periodEnd subjectName amountVnd reason } } }
  collectiveAgreement(id: $id) { members(search: $search, first: 100) { id fullName } }
}`;
const RECORD = `mutation RecordEmployerRewards($input: EmployerRewardInput!) { recordEmployerRewards(input: $input) { id subjectName amountVnd } }`;

const PERIODS = ['WEEKLY', 'MONTHLY', 'QUARTERLY'];
const NEW_CLAUSE = { code: '', period: 'MONTHLY', criterion: '', amount: '', max: '1' };
type ClauseDraft = typeof NEW_CLAUSE;

/** Amounts typed as people write them (500.000); the API checks what the number may be. */
function amountOf(text: string, field: string): number {
  const digits = text.replace(/[.\s]/g, '');
  if (!/^-?\d+$/.test(digits)) throw new ApiError({ message: 'Nhập số bằng chữ số', extensions: { code: 'BAD_USER_INPUT', problems: [{ field, message: 'Nhập số bằng chữ số, ví dụ 500.000' }] } });
  return Number(digits);
}

function ClauseFields({ index, clause, onChange, onRemove, problem }: { index: number; clause: ClauseDraft; onChange(next: ClauseDraft): void; onRemove(): void; problem(field: string): string | null }) {
  const id = (field: string) => `clause-${index}-${field}`;
  const at = (field: string) => problem(`clauses.${index}.${field}`);
  return (
    <fieldset data-testid="clause">
      <legend>Điều khoản thứ {index + 1}</legend>
      <div className="row">
        <Field id={id('code')} label="Mã điều khoản" hint="Ví dụ Đ12.1" problem={at('code')}>
          <input id={id('code')} value={clause.code} onChange={(e) => onChange({ ...clause, code: e.target.value })} {...describedBy(id('code'), true, at('code'))} />
        </Field>
        <Field id={id('period')} label="Kỳ thưởng" problem={at('period')}>
          <select id={id('period')} value={clause.period} onChange={(e) => onChange({ ...clause, period: e.target.value })} {...describedBy(id('period'), false, at('period'))}>
            {PERIODS.map((p) => <option key={p} value={p}>{label(REWARD_PERIOD, p)}</option>)}
          </select>
        </Field>
        <Field id={id('amount')} label="Mức thưởng mỗi người (đồng)" problem={at('amountVnd')}>
          <input id={id('amount')} inputMode="numeric" value={clause.amount} onChange={(e) => onChange({ ...clause, amount: e.target.value })} {...describedBy(id('amount'), false, at('amountVnd'))} />
        </Field>
        <Field id={id('max')} label="Số người tối đa mỗi kỳ" problem={at('maxRecipientsPerPeriod')}>
          <input id={id('max')} inputMode="numeric" value={clause.max} onChange={(e) => onChange({ ...clause, max: e.target.value })} {...describedBy(id('max'), false, at('maxRecipientsPerPeriod'))} />
        </Field>
      </div>
      <Field id={id('criterion')} label="Tiêu chí được thưởng" hint="Như thỏa ước viết" problem={at('criterion')}>
        <input id={id('criterion')} value={clause.criterion} onChange={(e) => onChange({ ...clause, criterion: e.target.value })} {...describedBy(id('criterion'), true, at('criterion'))} />
      </Field>
      <div><button type="button" className="secondary" onClick={onRemove}>Bỏ điều khoản này</button></div>
    </fieldset>
  );
}

/** Đăng ký thỏa ước: the agreement of the caller's enterprise (employers) or of their own unit (officers), with its reward clauses. */
function RegisterAgreementForm({ unit, onDone }: { unit: { id: string; name: string }; onDone(): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ employerName: '', signedOn: todayIso(), validFrom: todayIso(), validUntil: '', rate: '' });
  const [clauses, setClauses] = useState<ClauseDraft[]>([{ ...NEW_CLAUSE }]);
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const rate = form.rate.trim() ? Number(form.rate.trim().replace(',', '.')) : null;
      if (rate !== null && !Number.isFinite(rate)) throw new ApiError({ message: 'Tỷ lệ là một số', extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'initiativeRate', message: 'Tỷ lệ là một số, ví dụ 0,1 cho 10%' }] } });
      if (!form.validUntil) throw new ApiError({ message: 'Hãy chọn ngày hết hiệu lực', extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'validUntil', message: 'Hãy chọn ngày thỏa ước hết hiệu lực' }] } });
      const input = {
        unitId: unit.id,
        employerName: form.employerName,
        signedOn: form.signedOn,
        validFrom: form.validFrom,
        validUntil: form.validUntil,
        initiativeRate: rate,
        clauses: clauses.map((c, i) => ({ code: c.code.trim(), period: c.period, criterion: c.criterion, amountVnd: amountOf(c.amount, `clauses.${i}.amountVnd`), maxRecipientsPerPeriod: amountOf(c.max, `clauses.${i}.maxRecipientsPerPeriod`) })),
      };
      const { registerCollectiveAgreement } = await mutate<{ registerCollectiveAgreement: { employerName: string } }>(REGISTER, { input }, session?.token ?? null);
      onDone();
      return `Đã đăng ký thỏa ước lao động tập thể của ${registerCollectiveAgreement.employerName}.`;
    });
  };
  const date = (field: 'signedOn' | 'validFrom' | 'validUntil', title: string) => (
    <Field id={`agreement-${field}`} label={title} problem={p(field)}>
      <input id={`agreement-${field}`} type="date" value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} {...describedBy(`agreement-${field}`, false, p(field))} />
    </Field>
  );
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="register-agreement">
      <h2 id="register-agreement">Đăng ký thỏa ước lao động tập thể của {unit.name}</h2>
      <div className="row">
        <Field id="agreement-employer" label="Doanh nghiệp (người sử dụng lao động)" problem={p('employerName')}>
          <input id="agreement-employer" value={form.employerName} onChange={(e) => setForm({ ...form, employerName: e.target.value })} {...describedBy('agreement-employer', false, p('employerName'))} />
        </Field>
        <Field id="agreement-rate" label="Tỷ lệ trả tác giả sáng kiến (không bắt buộc)" hint="Phần của giá trị làm lợi, ví dụ 0,1 cho 10%; để trống thì áp dụng 7%" problem={p('initiativeRate')}>
          <input id="agreement-rate" inputMode="decimal" value={form.rate} onChange={(e) => setForm({ ...form, rate: e.target.value })} {...describedBy('agreement-rate', true, p('initiativeRate'))} />
        </Field>
      </div>
      <div className="row">
        {date('signedOn', 'Ngày ký')}
        {date('validFrom', 'Có hiệu lực từ')}
        {date('validUntil', 'Hết hiệu lực ngày')}
      </div>
      {clauses.map((clause, i) => (
        <ClauseFields key={i} index={i} clause={clause} problem={p} onChange={(next) => setClauses(clauses.map((c, j) => (j === i ? next : c)))} onRemove={() => setClauses(clauses.filter((_, j) => j !== i))} />
      ))}
      <div><button type="button" className="secondary" onClick={() => setClauses([...clauses, { ...NEW_CLAUSE }])}>Thêm điều khoản khen thưởng</button></div>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Đăng ký thỏa ước</button></div>
    </form>
  );
}

/** One agreement: its clauses, the rewards recorded under them, and the form to record the next period's. */
function AgreementCard({ agreement }: { agreement: Agreement }) {
  const { session } = useAuth();
  const [search, setSearch] = useState('');
  const work = useQuery<{ employerRewards: { edges: { node: EmployerReward }[] }; collectiveAgreement: { members: { id: string; fullName: string }[] } | null }>(
    AGREEMENT_WORK, { id: agreement.id, search: search.trim() || null },
  );
  const members = work.data?.collectiveAgreement?.members ?? [];
  const [form, setForm] = useState({ clauseCode: agreement.clauses[0]?.code ?? '', periodStart: '', reason: '' });
  const [chosen, setChosen] = useState<{ id: string; fullName: string }[]>([]);
  const action = useAction();
  const id = (field: string) => `reward-${agreement.id}-${field}`;
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { agreementId: agreement.id, clauseCode: form.clauseCode, periodStart: form.periodStart || todayIso(), memberIds: chosen.map((m) => m.id), reason: form.reason };
      const { recordEmployerRewards } = await mutate<{ recordEmployerRewards: { subjectName: string }[] }>(RECORD, { input }, session?.token ?? null);
      setChosen([]);
      work.reload();
      return `Đã ghi khen thưởng cho ${recordEmployerRewards.map((r) => r.subjectName).join(', ')}.`;
    });
  };
  const rewards = work.data?.employerRewards.edges.map((e) => e.node) ?? [];
  return (
    <article className="card stack" data-testid="agreement">
      <h3>{agreement.employerName}</h3>
      <p className="muted">
        {agreement.unit.name} · ký ngày {day(agreement.signedOn)} · hiệu lực {day(agreement.validFrom)} – {day(agreement.validUntil)} · trả tác giả sáng kiến{' '}
        {agreement.initiativeRate === null ? 'theo mức quy định (7%)' : `${num(agreement.initiativeRate * 100)}% giá trị làm lợi`}
      </p>
      <ul>
        {agreement.clauses.map((c) => (
          <li key={c.code}>Điều khoản {c.code} ({label(REWARD_PERIOD, c.period).toLocaleLowerCase('vi')}): {c.criterion}; {vnd(c.amountVnd)} mỗi người, tối đa {num(c.maxRecipientsPerPeriod)} người mỗi kỳ.</li>
        ))}
      </ul>
      <ErrorBox error={work.error} />
      {rewards.length ? (
        <div className="table-wrap">
          <table data-testid="employer-rewards">
            <thead><tr><th>Kỳ</th><th>Điều khoản</th><th>Người được thưởng</th><th>Mức thưởng</th><th>Thành tích</th></tr></thead>
            <tbody>
              {rewards.map((r) => (
                <tr key={r.id}><td>{day(r.periodStart)} – {day(r.periodEnd)}</td><td>{r.clauseCode}</td><td>{r.subjectName}</td><td>{vnd(r.amountVnd)}</td><td>{r.reason}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <Empty>Chưa ghi khen thưởng nào theo thỏa ước này.</Empty>}
      <form className="stack" onSubmit={submit} noValidate aria-label={`Ghi khen thưởng theo thỏa ước của ${agreement.employerName}`}>
        <h4>Ghi khen thưởng của doanh nghiệp</h4>
        <div className="row">
          <Field id={id('clause')} label="Điều khoản" problem={p('clauseCode')}>
            <select id={id('clause')} value={form.clauseCode} onChange={(e) => setForm({ ...form, clauseCode: e.target.value })} {...describedBy(id('clause'), false, p('clauseCode'))}>
              {agreement.clauses.map((c) => <option key={c.code} value={c.code}>{c.code}: {c.criterion}</option>)}
            </select>
          </Field>
          <Field id={id('period')} label="Ngày đầu kỳ" hint="Thứ Hai của tuần, ngày 1 của tháng hoặc của quý" problem={p('periodStart')}>
            <input id={id('period')} type="date" value={form.periodStart} onChange={(e) => setForm({ ...form, periodStart: e.target.value })} {...describedBy(id('period'), true, p('periodStart'))} />
          </Field>
        </div>
        <Field id={id('search')} label="Tìm đoàn viên" hint="Gõ họ tên, có dấu hoặc không dấu">
          <input id={id('search')} value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby={`${id('search')}-hint`} />
        </Field>
        <fieldset aria-describedby={p('memberIds') ? `${id('members')}-error` : undefined}>
          <legend>Người được thưởng</legend>
          {work.loading ? <Loading /> : null}
          {[...chosen, ...members.filter((m) => !chosen.some((c) => c.id === m.id))].map((m) => (
            <label key={m.id}>
              <input type="checkbox" style={{ width: 'auto' }} checked={chosen.some((c) => c.id === m.id)}
                onChange={() => setChosen(chosen.some((c) => c.id === m.id) ? chosen.filter((c) => c.id !== m.id) : [...chosen, m])} />{' '}
              {m.fullName}
            </label>
          ))}
          {p('memberIds') ? <small id={`${id('members')}-error`} className="field-error" role="alert">{p('memberIds')}</small> : null}
        </fieldset>
        <Field id={id('reason')} label="Thành tích" problem={p('reason')}>
          <input id={id('reason')} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} {...describedBy(id('reason'), false, p('reason'))} />
        </Field>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy}>Ghi khen thưởng</button></div>
      </form>
    </article>
  );
}

/** Thỏa ước lao động tập thể: the employer's (or the officer's units') agreements, their reward clauses and the rewards paid under them. */
export function AgreementsPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const { data, error, loading, reload } = useQuery<{ collectiveAgreements: { edges: { node: Agreement }[] } }>(AGREEMENTS, {}, !session);
  if (!session) return <Page title="Thỏa ước lao động tập thể"><p>Hãy đăng nhập bằng tài khoản người sử dụng lao động hoặc cán bộ công đoàn.</p></Page>;
  const agreements = data?.collectiveAgreements.edges.map((e) => e.node) ?? [];
  const mine = unit.data?.myUnit ?? null;
  return (
    <Page title="Thỏa ước lao động tập thể">
      <p className="muted">Điều khoản khen thưởng trong thỏa ước và các khoản thưởng doanh nghiệp đã trả theo từng kỳ.</p>
      <ErrorBox error={error ?? unit.error} />
      {loading ? <Loading /> : null}
      {!loading && agreements.length === 0 ? <Empty>Chưa có thỏa ước nào.</Empty> : null}
      {agreements.map((agreement) => <AgreementCard key={agreement.id} agreement={agreement} />)}
      {mine ? <RegisterAgreementForm unit={mine} onDone={reload} /> : null}
    </Page>
  );
}
