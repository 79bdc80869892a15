import { useState, type FormEvent } from 'react';
import { ApiError, mutate } from '../api';
import { useAuth } from '../auth';
import { FORM_KIND, SUBJECT, UNIT_LEVEL, day, label, num, vnd } from '../format';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, describedBy } from '../ui';
import { UnitPicker, type UnitChoice } from '../unit-picker';
import { CouncilRulesSection } from './CouncilRulesSection';

interface RewardForm {
  code: string;
  name: string;
  kind: string;
  subjects: string[];
  grantingLevels: string[];
  individualMultiplier: number | null;
  collectiveMultiplier: number | null;
  precedence: number;
  eligibility: unknown;
  collectiveEligibility: unknown;
  quota: { kind: string; max?: number; formCode?: string; share?: number } | null;
  source: string;
  verified: boolean;
  active: boolean;
  version: number;
  amountOn: { individualVnd: number | null; collectiveVnd: number | null } | null;
}

interface BaseSalary {
  effectiveFrom: string;
  amountVnd: number;
  roundingStepVnd: number;
  source: string;
  verified: boolean;
}

const FORM_FIELDS = 'code name kind subjects grantingLevels individualMultiplier collectiveMultiplier precedence eligibility collectiveEligibility quota source verified active version';
const CATALOGUE = `query Catalogue { rewardForms(includeInactive: true) { ${FORM_FIELDS} amountOn { individualVnd collectiveVnd } } baseSalaries { effectiveFrom amountVnd roundingStepVnd source verified } }`;
const SAVE_FORM = `mutation SaveRewardForm($input: RewardFormInput!, $note: String!) { saveRewardForm(input: $input, note: $note) { code name version } }`;
const SET_BASE_SALARY = `mutation SetBaseSalary($input: BaseSalaryInput!) { setBaseSalary(input: $input) { effectiveFrom amountVnd } }`;
const ISSUER_CODE = `query DecisionIssuerCode($unitId: ID!) { decisionIssuerCode(unitId: $unitId) { code explicit } }`;
const SET_ISSUER_CODE = `mutation SetDecisionIssuerCode($unitId: ID!, $code: String!) { setDecisionIssuerCode(unitId: $unitId, code: $code) { code unit { name } } }`;

const KINDS = ['EMULATION_TITLE', 'COMMENDATION', 'UNION_AWARD'];
const SUBJECTS = ['INDIVIDUAL', 'COLLECTIVE'];
const LEVELS = ['NATIONAL', 'PROVINCIAL', 'SECTOR', 'UPPER_GRASSROOTS', 'GRASSROOTS'];

/** A refusal made in the browser before anything is sent, shown beside its field like the API's own. */
function inputProblem(field: string, message: string): ApiError {
  return new ApiError({ message, extensions: { code: 'BAD_USER_INPUT', problems: [{ field, message }] } });
}

/** Amounts and multipliers as people write them: 2.340.000 đồng, a multiple of 1,5. */
const digits = (text: string) => text.replace(/[.\s]/g, '');
function decimalOrNull(text: string, field: string, what: string): number | null {
  if (!text.trim()) return null;
  const value = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(value)) throw inputProblem(field, `${what} là một số, ví dụ 1,5`);
  return value;
}

function jsonOf(text: string, field: string, what: string, empty: unknown): unknown {
  if (!text.trim()) return empty;
  try {
    return JSON.parse(text);
  } catch {
    throw inputProblem(field, `${what} không phải JSON đọc được; kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép`);
  }
}

function quotaWords(quota: RewardForm['quota']): string {
  if (!quota) return 'Không giới hạn';
  return quota.kind === 'ABSOLUTE' ? `Tối đa ${num(quota.max)} mỗi đơn vị mỗi năm` : `${num((quota.share ?? 0) * 100)}% số ${quota.formCode ?? ''} đã tặng`;
}

interface FormDraft {
  code: string;
  name: string;
  kind: string;
  subjects: string[];
  grantingLevels: string[];
  individualMultiplier: string;
  collectiveMultiplier: string;
  precedence: string;
  eligibility: string;
  collectiveEligibility: string;
  quota: string;
  source: string;
  verified: boolean;
  active: boolean;
  note: string;
}

const pretty = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 2));
const toDraft = (form: RewardForm | null): FormDraft => ({
  code: form?.code ?? '',
  name: form?.name ?? '',
  kind: form?.kind ?? 'COMMENDATION',
  subjects: form?.subjects ?? ['INDIVIDUAL'],
  grantingLevels: form?.grantingLevels ?? [],
  individualMultiplier: form?.individualMultiplier === null || form?.individualMultiplier === undefined ? '' : String(form.individualMultiplier).replace('.', ','),
  collectiveMultiplier: form?.collectiveMultiplier === null || form?.collectiveMultiplier === undefined ? '' : String(form.collectiveMultiplier).replace('.', ','),
  precedence: String(form?.precedence ?? 0),
  eligibility: pretty(form?.eligibility ?? []),
  collectiveEligibility: pretty(form?.collectiveEligibility ?? []),
  quota: pretty(form?.quota),
  source: form?.source ?? '',
  verified: form?.verified ?? false,
  active: form?.active ?? true,
  note: '',
});

function Choices({ id, legend, options, names, chosen, onChange, problem }: { id: string; legend: string; options: string[]; names: Record<string, string>; chosen: string[]; onChange(next: string[]): void; problem: string | null }) {
  return (
    <fieldset aria-describedby={problem ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input type="checkbox" style={{ width: 'auto' }} checked={chosen.includes(option)} onChange={() => onChange(chosen.includes(option) ? chosen.filter((o) => o !== option) : [...chosen, option])} />{' '}
          {names[option] ?? option}
        </label>
      ))}
      {problem ? <small id={`${id}-error`} className="field-error" role="alert">{problem}</small> : null}
    </fieldset>
  );
}

/** Sửa hình thức: every column of the form, its rules and quota as the data they are (JSON), and a note for its history. */
function RewardFormEditor({ form, onSaved, onCancel }: { form: RewardForm | null; onSaved(message: string): void; onCancel(): void }) {
  const { session } = useAuth();
  const [draft, setDraft] = useState<FormDraft>(() => toDraft(form));
  const action = useAction();
  const p = action.problem;
  const set = (change: Partial<FormDraft>) => setDraft({ ...draft, ...change });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = {
        code: draft.code.trim(),
        name: draft.name,
        kind: draft.kind,
        subjects: draft.subjects,
        grantingLevels: draft.grantingLevels,
        individualMultiplier: decimalOrNull(draft.individualMultiplier, 'individualMultiplier', 'Hệ số tiền thưởng cá nhân'),
        collectiveMultiplier: decimalOrNull(draft.collectiveMultiplier, 'collectiveMultiplier', 'Hệ số tiền thưởng tập thể'),
        precedence: Number(draft.precedence.trim() || 'NaN'),
        eligibility: jsonOf(draft.eligibility, 'eligibility', 'Điều kiện xét tặng cá nhân', []),
        collectiveEligibility: jsonOf(draft.collectiveEligibility, 'collectiveEligibility', 'Điều kiện xét tặng tập thể', []),
        quota: jsonOf(draft.quota, 'quota', 'Chỉ tiêu', null),
        source: draft.source,
        verified: draft.verified,
        active: draft.active,
      };
      if (!Number.isInteger(input.precedence)) throw inputProblem('precedence', 'Thứ bậc là số nguyên; hình thức cao hơn có thứ bậc lớn hơn');
      const { saveRewardForm } = await mutate<{ saveRewardForm: { name: string; version: number } }>(SAVE_FORM, { input, note: draft.note }, session?.token ?? null);
      const message = `Đã lưu ${saveRewardForm.name} (phiên bản ${saveRewardForm.version}).`;
      onSaved(message);
      return message;
    });
  };
  const text = (field: keyof FormDraft, title: string, hint: string | null = null, multiline = false) => (
    <Field id={`form-${field}`} label={title} hint={hint} problem={p(field)}>
      {multiline ? (
        <textarea id={`form-${field}`} rows={6} spellCheck={false} value={draft[field] as string} onChange={(e) => set({ [field]: e.target.value })} {...describedBy(`form-${field}`, Boolean(hint), p(field))} />
      ) : (
        <input id={`form-${field}`} value={draft[field] as string} onChange={(e) => set({ [field]: e.target.value })} {...describedBy(`form-${field}`, Boolean(hint), p(field))} />
      )}
    </Field>
  );
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-labelledby="form-editor-title" data-testid="form-editor">
      <h2 id="form-editor-title">{form ? `Sửa hình thức: ${form.name}` : 'Thêm hình thức khen thưởng'}</h2>
      <div className="row">
        {form ? <p><strong>Mã:</strong> {form.code} · phiên bản {form.version}</p> : text('code', 'Mã hình thức', 'Chữ in hoa không dấu, chữ số, dấu gạch dưới; ví dụ CSTDCS')}
        {text('name', 'Tên hình thức')}
        <Field id="form-kind" label="Loại" problem={p('kind')}>
          <select id="form-kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value })} {...describedBy('form-kind', false, p('kind'))}>
            {KINDS.map((k) => <option key={k} value={k}>{label(FORM_KIND, k)}</option>)}
          </select>
        </Field>
      </div>
      <div className="row">
        <Choices id="form-subjects" legend="Đối tượng được tặng" options={SUBJECTS} names={SUBJECT} chosen={draft.subjects} onChange={(subjects) => set({ subjects })} problem={p('subjects')} />
        <Choices id="form-levels" legend="Cấp xét tặng" options={LEVELS} names={UNIT_LEVEL} chosen={draft.grantingLevels} onChange={(grantingLevels) => set({ grantingLevels })} problem={p('grantingLevels')} />
      </div>
      <div className="row">
        {text('individualMultiplier', 'Tiền thưởng cá nhân (hệ số lương cơ sở)', 'Ví dụ 1,5; để trống khi không có tiền thưởng')}
        {text('collectiveMultiplier', 'Tiền thưởng tập thể (hệ số lương cơ sở)', 'Ví dụ 3; để trống khi không có tiền thưởng')}
        {text('precedence', 'Thứ bậc', 'Hình thức cao hơn có số lớn hơn')}
      </div>
      {text('eligibility', 'Điều kiện xét tặng cá nhân (JSON)', 'Danh sách quy tắc, ví dụ [{"kind": "TITLE_IN_YEAR", "formCode": "LDTT"}]; [] khi không có điều kiện', true)}
      {text('collectiveEligibility', 'Điều kiện xét tặng tập thể (JSON)', 'Ví dụ [{"kind": "MEMBERS_WITH_TITLE", "formCode": "LDTT", "share": 0.7}]', true)}
      {text('quota', 'Chỉ tiêu (JSON)', 'Ví dụ {"kind": "ABSOLUTE", "max": 3} hoặc {"kind": "SHARE_OF_FORM", "formCode": "LDTT", "share": 0.15}; để trống khi không giới hạn', true)}
      {text('source', 'Căn cứ pháp lý', 'Điều luật, nghị định hoặc quy chế của Công đoàn')}
      <label>
        <input type="checkbox" style={{ width: 'auto' }} checked={draft.verified} onChange={(e) => set({ verified: e.target.checked })} /> Đã đối chiếu với văn bản
      </label>
      <label>
        <input type="checkbox" style={{ width: 'auto' }} checked={draft.active} onChange={(e) => set({ active: e.target.checked })} /> Đang xét tặng
      </label>
      {text('note', 'Nội dung sửa đổi và lý do', 'Được lưu trong lịch sử của hình thức')}
      <Outcome error={action.problems.length ? null : action.error} done={null} />
      <div className="row">
        <button type="submit" disabled={action.busy}>{action.busy ? 'Đang lưu…' : 'Lưu hình thức'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Thôi</button>
      </div>
    </form>
  );
}

/** Lương cơ sở from a date on: decisions dated from it pay by it. */
function BaseSalaryForm({ salaries, onSaved }: { salaries: BaseSalary[]; onSaved(): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ effectiveFrom: '', amount: '', step: '10.000', source: '', verified: false });
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      if (!form.effectiveFrom) throw inputProblem('effectiveFrom', 'Hãy chọn ngày mức lương cơ sở bắt đầu áp dụng');
      for (const [field, value] of [['amountVnd', form.amount], ['roundingStepVnd', form.step]] as const) {
        if (!/^-?\d+$/.test(digits(value))) throw inputProblem(field, 'Nhập số tiền bằng chữ số, ví dụ 2.340.000');
      }
      const input = { effectiveFrom: form.effectiveFrom, amountVnd: Number(digits(form.amount)), roundingStepVnd: Number(digits(form.step)), source: form.source, verified: form.verified };
      const { setBaseSalary } = await mutate<{ setBaseSalary: BaseSalary }>(SET_BASE_SALARY, { input }, session?.token ?? null);
      onSaved();
      return `Đã ghi lương cơ sở ${vnd(setBaseSalary.amountVnd)} từ ngày ${day(setBaseSalary.effectiveFrom)}.`;
    });
  };
  return (
    <section aria-labelledby="base-salary-title" className="stack">
      <h2 id="base-salary-title">Lương cơ sở</h2>
      {salaries.length ? (
        <div className="table-wrap">
          <table data-testid="base-salaries">
            <thead><tr><th>Áp dụng từ</th><th>Mức (đồng)</th><th>Làm tròn đến</th><th>Căn cứ</th></tr></thead>
            <tbody>
              {salaries.map((s) => (
                <tr key={s.effectiveFrom}>
                  <td>{day(s.effectiveFrom)}</td><td>{vnd(s.amountVnd)}</td><td>{vnd(s.roundingStepVnd)}</td>
                  <td>{s.source}{s.verified ? null : <span className="badge badge-red"> Chưa đối chiếu</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <Empty>Chưa ghi mức lương cơ sở nào.</Empty>}
      <form className="stack" onSubmit={submit} noValidate aria-label="Ghi mức lương cơ sở">
        <div className="row">
          <Field id="salary-from" label="Áp dụng từ ngày" problem={p('effectiveFrom')}>
            <input id="salary-from" type="date" value={form.effectiveFrom} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} {...describedBy('salary-from', false, p('effectiveFrom'))} />
          </Field>
          <Field id="salary-amount" label="Mức lương cơ sở (đồng)" problem={p('amountVnd')}>
            <input id="salary-amount" inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} {...describedBy('salary-amount', false, p('amountVnd'))} />
          </Field>
          <Field id="salary-step" label="Làm tròn tiền thưởng đến (đồng)" problem={p('roundingStepVnd')}>
            <input id="salary-step" inputMode="numeric" value={form.step} onChange={(e) => setForm({ ...form, step: e.target.value })} {...describedBy('salary-step', false, p('roundingStepVnd'))} />
          </Field>
        </div>
        <Field id="salary-source" label="Căn cứ (nghị định)" problem={p('source')}>
          <input id="salary-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })} {...describedBy('salary-source', false, p('source'))} />
        </Field>
        <label>
          <input type="checkbox" style={{ width: 'auto' }} checked={form.verified} onChange={(e) => setForm({ ...form, verified: e.target.checked })} /> Đã đối chiếu với nghị định
        </label>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy}>Ghi lương cơ sở</button></div>
      </form>
    </section>
  );
}

/** Ký hiệu quyết định: the code a unit's decision numbers carry (số/QĐ-<ký hiệu>). */
function IssuerCodeForm() {
  const { session } = useAuth();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [code, setCode] = useState('');
  const current = useQuery<{ decisionIssuerCode: { code: string; explicit: boolean } }>(ISSUER_CODE, { unitId: unit?.id }, !unit);
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      if (!unit) throw inputProblem('unitId', 'Hãy chọn đơn vị ban hành quyết định');
      const { setDecisionIssuerCode } = await mutate<{ setDecisionIssuerCode: { code: string; unit: { name: string } } }>(SET_ISSUER_CODE, { unitId: unit.id, code }, session?.token ?? null);
      current.reload();
      return `Quyết định của ${setDecisionIssuerCode.unit.name} từ nay mang số …/QĐ-${setDecisionIssuerCode.code}.`;
    });
  };
  const shown = current.data?.decisionIssuerCode;
  return (
    <section aria-labelledby="issuer-title" className="stack">
      <h2 id="issuer-title">Ký hiệu quyết định của đơn vị</h2>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby="issuer-title">
        <UnitPicker own={null} value={unit} onChange={setUnit} problem={p('unitId')} idPrefix="issuer-" label="Đơn vị ban hành" />
        {shown ? (
          <p data-testid="issuer-code">
            Đang dùng: số …/QĐ-{shown.code}{shown.explicit ? '' : ' (chữ viết tắt quen dùng của cấp này, chưa đặt riêng)'}
          </p>
        ) : null}
        <Field id="issuer-code-input" label="Ký hiệu mới" hint="Chữ in hoa viết tắt tên đơn vị, ví dụ LĐLĐ hoặc CĐCS-MTL" problem={p('code')}>
          <input id="issuer-code-input" value={code} onChange={(e) => setCode(e.target.value)} {...describedBy('issuer-code-input', true, p('code'))} />
        </Field>
        <Outcome error={action.problems.length ? null : (action.error ?? current.error)} done={action.done} />
        <div><button type="submit" disabled={action.busy}>Đặt ký hiệu</button></div>
      </form>
    </section>
  );
}

/** Danh mục khen thưởng (national admins): the forms with their rules, quotas, amounts and sources; the base salary; the councils' rules; decision codes. */
export function CataloguePage() {
  const { session, has } = useAuth();
  const admin = has('NATIONAL_ADMIN');
  const { data, error, loading, reload } = useQuery<{ rewardForms: RewardForm[]; baseSalaries: BaseSalary[] }>(CATALOGUE, {}, !admin);
  const [editing, setEditing] = useState<RewardForm | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!session || !admin) return <Page title="Danh mục khen thưởng"><p>Trang dành cho quản trị Tổng Liên đoàn.</p></Page>;
  const forms = data?.rewardForms ?? [];
  return (
    <Page title="Danh mục khen thưởng">
      <p className="muted">Hình thức khen thưởng, danh hiệu thi đua với điều kiện, chỉ tiêu, mức tiền thưởng và căn cứ pháp lý; mỗi lần sửa được lưu thành một phiên bản.</p>
      <ErrorBox error={error} />
      <Outcome error={null} done={saved} />
      {loading ? <Loading /> : null}
      {forms.length ? (
        <div className="table-wrap">
          <table data-testid="reward-forms">
            <thead>
              <tr><th>Hình thức</th><th>Loại</th><th>Đối tượng</th><th>Tiền thưởng hôm nay</th><th>Chỉ tiêu</th><th>Căn cứ</th><th>Thao tác</th></tr>
            </thead>
            <tbody>
              {forms.map((f) => (
                <tr key={f.code} data-testid="reward-form">
                  <td>
                    {f.name}{f.active ? null : <span className="muted"> (không còn xét tặng)</span>}
                    {f.verified ? null : <> <span className="badge badge-red">Chưa đối chiếu văn bản</span></>}
                  </td>
                  <td>{label(FORM_KIND, f.kind)}</td>
                  <td>{f.subjects.map((s) => label(SUBJECT, s)).join(', ')}</td>
                  <td>
                    {f.amountOn?.individualVnd ? <>Cá nhân: {vnd(f.amountOn.individualVnd)}<br /></> : null}
                    {f.amountOn?.collectiveVnd ? <>Tập thể: {vnd(f.amountOn.collectiveVnd)}</> : null}
                    {!f.amountOn?.individualVnd && !f.amountOn?.collectiveVnd ? '—' : null}
                  </td>
                  <td>{quotaWords(f.quota)}</td>
                  <td>{f.source}</td>
                  <td>
                    <button type="button" className="secondary" aria-label={`Sửa ${f.name}`} onClick={() => { setSaved(null); setEditing(f); }}>Sửa</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div><button type="button" className="secondary" onClick={() => { setSaved(null); setEditing('new'); }}>Thêm hình thức</button></div>
      {editing ? (
        <RewardFormEditor key={editing === 'new' ? 'new' : editing.code} form={editing === 'new' ? null : editing}
          onSaved={(message) => { setSaved(message); setEditing(null); reload(); }} onCancel={() => setEditing(null)} />
      ) : null}
      <BaseSalaryForm salaries={data?.baseSalaries ?? []} onSaved={reload} />
      <CouncilRulesSection />
      <IssuerCodeForm />
    </Page>
  );
}
