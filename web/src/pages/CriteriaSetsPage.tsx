import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { useAction, useQuery, type ActionState } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { ErrorBox, Field, Outcome, Page, describedBy } from '../ui';

type Method = 'LINEAR' | 'THRESHOLDS' | 'PASS_FAIL' | 'RUBRIC';
type Variant = 'GENERAL' | 'DIRECT_PRODUCTION_WORKER' | 'CIVIL_SERVANT_NON_LEADER' | 'PRIVATE_FDI_SIMPLIFIED';

interface Criterion {
  name: string;
  method: Method;
  weight: number;
  unitOfMeasure: string | null;
  targetValue: number | null;
  targetId: string | null;
  thresholds: { value: number; points: number }[];
  rubricLevels: { score: number; description: string }[];
}

interface CriteriaSet {
  id: string;
  variant: Variant;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED';
  appealWindowDays: number;
  criteria: Criterion[];
}

interface Target {
  id: string;
  name: string;
  unitOfMeasure: string;
  targetValue: number;
}

const CAMPAIGNS = `query CampaignsForCriteria($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title } } } }`;
const CAMPAIGN = `query CampaignCriteriaSets($id: ID!) { campaign(id: $id) {
  id targets { id name unitOfMeasure targetValue }
  criteriaSets { id variant version status appealWindowDays criteria { name method weight unitOfMeasure targetValue targetId thresholds { value points } rubricLevels { score description } } }
} }`;
const CREATE = `mutation CreateCriteriaSet($input: CriteriaSetInput!) { createCriteriaSet(input: $input) { id variant version status } }`;
const UPDATE = `mutation UpdateCriteriaSet($id: ID!, $input: CriteriaSetInput!) { updateCriteriaSet(id: $id, input: $input) { id variant version status } }`;
const PUBLISH = `mutation PublishCriteriaSet($id: ID!) { publishCriteriaSet(id: $id) { id variant version status } }`;

const VARIANTS: Record<Variant, string> = {
  GENERAL: 'Chung',
  DIRECT_PRODUCTION_WORKER: 'Lao động trực tiếp sản xuất',
  CIVIL_SERVANT_NON_LEADER: 'Công chức, viên chức không giữ chức vụ lãnh đạo',
  PRIVATE_FDI_SIMPLIFIED: 'Doanh nghiệp ngoài nhà nước, FDI (rút gọn)',
};
const METHODS: Record<Method, string> = {
  LINEAR: 'Theo tỷ lệ hoàn thành chỉ tiêu',
  THRESHOLDS: 'Theo ngưỡng',
  PASS_FAIL: 'Đạt / không đạt',
  RUBRIC: 'Người chấm đánh giá theo mức',
};
const STATUSES: Record<CriteriaSet['status'], string> = { DRAFT: 'Bản nháp', PUBLISHED: 'Đã ban hành', SUPERSEDED: 'Đã thay thế' };

/** A criterion as typed: numbers and lists as text, read when the set is saved. */
interface Row {
  name: string;
  method: Method;
  weight: string;
  unitOfMeasure: string;
  targetValue: string;
  targetId: string;
  /** "ngưỡng: điểm", one a line */
  thresholds: string;
  /** "điểm: mô tả", one a line */
  levels: string;
}

const emptyRow = (): Row => ({ name: '', method: 'LINEAR', weight: '', unitOfMeasure: '', targetValue: '', targetId: '', thresholds: '', levels: '' });
const rowOf = (c: Criterion): Row => ({
  name: c.name, method: c.method, weight: String(c.weight), unitOfMeasure: c.unitOfMeasure ?? '', targetValue: c.targetValue === null ? '' : String(c.targetValue), targetId: c.targetId ?? '',
  thresholds: c.thresholds.map((t) => `${t.value}: ${t.points}`).join('\n'), levels: c.rubricLevels.map((l) => `${l.score}: ${l.description}`).join('\n'),
});
const decimal = (text: string) => Number(text.trim().replace(',', '.'));
const pairs = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
  const at = line.indexOf(':');
  return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
});

function criterionInput(row: Row) {
  const measured = row.method !== 'RUBRIC';
  return {
    name: row.name, method: row.method, weight: decimal(row.weight || '0'),
    unitOfMeasure: measured && row.unitOfMeasure.trim() ? row.unitOfMeasure : null,
    targetValue: measured && row.targetValue.trim() ? decimal(row.targetValue) : null,
    targetId: measured && row.targetId ? row.targetId : null,
    thresholds: row.method === 'THRESHOLDS' ? pairs(row.thresholds).map(([value, points]) => ({ value: decimal(value!), points: decimal(points!) })) : [],
    rubricLevels: row.method === 'RUBRIC' ? pairs(row.levels).map(([score, description]) => ({ score: Math.round(decimal(score!)), description: description! })) : [],
  };
}

function CriterionFields({ index, row, targets, onChange, action }: { index: number; row: Row; targets: Target[]; onChange(row: Row): void; action: ActionState }) {
  const id = (field: string) => `criterion-${index}-${field}`;
  const p = (field: string) => action.problem(`criteria.${index}.${field}`);
  const n = index + 1;
  const control = (field: string, hint = false) => describedBy(id(field), hint, p(field));
  return (
    <fieldset className="card" data-testid="criterion">
      <legend>Tiêu chí {n}</legend>
      <div className="row">
        <Field id={id('name')} label={`Tiêu chí ${n}: tên`} problem={p('name')}>
          <input id={id('name')} value={row.name} onChange={(e) => onChange({ ...row, name: e.target.value })} {...control('name')} />
        </Field>
        <Field id={id('method')} label={`Tiêu chí ${n}: cách chấm`} problem={p('method')}>
          <select id={id('method')} value={row.method} onChange={(e) => onChange({ ...row, method: e.target.value as Method })} {...control('method')}>
            {Object.entries(METHODS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </Field>
        <Field id={id('weight')} label={`Tiêu chí ${n}: trọng số (%)`} problem={p('weight')}>
          <input id={id('weight')} inputMode="decimal" value={row.weight} onChange={(e) => onChange({ ...row, weight: e.target.value })} {...control('weight')} />
        </Field>
      </div>
      {row.method === 'RUBRIC' ? (
        <Field id={id('levels')} label={`Tiêu chí ${n}: các mức đánh giá`} hint="Mỗi dòng một mức, “điểm: mô tả”, ví dụ “5: Có minh chứng, kết quả đạt yêu cầu”" problem={p('rubricLevels')}>
          <textarea id={id('levels')} value={row.levels} onChange={(e) => onChange({ ...row, levels: e.target.value })} {...describedBy(id('levels'), true, p('rubricLevels'))} />
        </Field>
      ) : (
        <div className="row">
          <Field id={id('target')} label={`Tiêu chí ${n}: chỉ tiêu của phong trào`} hint="Điểm tính tự động từ báo cáo tiến độ của chỉ tiêu" problem={p('targetId')}>
            <select id={id('target')} value={row.targetId} onChange={(e) => {
              const target = targets.find((t) => t.id === e.target.value);
              onChange({ ...row, targetId: e.target.value, ...(target ? { unitOfMeasure: target.unitOfMeasure, targetValue: String(target.targetValue) } : {}) });
            }} {...describedBy(id('target'), true, p('targetId'))}>
              <option value="">Không gắn chỉ tiêu</option>
              {targets.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </Field>
          <Field id={id('unit')} label={`Tiêu chí ${n}: đơn vị đo`} problem={p('unitOfMeasure')}>
            <input id={id('unit')} value={row.unitOfMeasure} onChange={(e) => onChange({ ...row, unitOfMeasure: e.target.value })} {...control('unitOfMeasure')} />
          </Field>
          <Field id={id('value')} label={`Tiêu chí ${n}: mức cần đạt`} problem={p('targetValue')}>
            <input id={id('value')} inputMode="decimal" value={row.targetValue} onChange={(e) => onChange({ ...row, targetValue: e.target.value })} {...control('targetValue')} />
          </Field>
          {row.method === 'THRESHOLDS' ? (
            <Field id={id('thresholds')} label={`Tiêu chí ${n}: các ngưỡng`} hint="Mỗi dòng “ngưỡng: điểm”, từ dễ đến khó" problem={p('thresholds')}>
              <textarea id={id('thresholds')} value={row.thresholds} onChange={(e) => onChange({ ...row, thresholds: e.target.value })} {...describedBy(id('thresholds'), true, p('thresholds'))} />
            </Field>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}

/** Drafts a criteria set (bộ tiêu chí) or edits a draft: the variant it is for, its criteria with their weights, the appeal window. */
function CriteriaSetForm({ campaignId, targets, draft, onSaved }: { campaignId: string; targets: Target[]; draft: CriteriaSet | null; onSaved(): void }) {
  const { session } = useAuth();
  const [variant, setVariant] = useState<Variant>(draft?.variant ?? 'GENERAL');
  const [appealWindow, setAppealWindow] = useState(String(draft?.appealWindowDays ?? 10));
  const [rows, setRows] = useState<Row[]>(draft ? draft.criteria.map(rowOf) : [emptyRow()]);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { campaignId, variant, appealWindowDays: Math.round(decimal(appealWindow || '0')), criteria: rows.map(criterionInput) };
      const token = session?.token ?? null;
      if (draft) {
        const { updateCriteriaSet } = await mutate<{ updateCriteriaSet: CriteriaSet }>(UPDATE, { id: draft.id, input }, token);
        onSaved();
        return `Đã lưu bản nháp phiên bản ${updateCriteriaSet.version} (${VARIANTS[updateCriteriaSet.variant]}).`;
      }
      const { createCriteriaSet } = await mutate<{ createCriteriaSet: CriteriaSet }>(CREATE, { input }, token);
      onSaved();
      return `Đã tạo bản nháp phiên bản ${createCriteriaSet.version} (${VARIANTS[createCriteriaSet.variant]}); ban hành để bắt đầu tính điểm.`;
    });
  };
  const criteriaProblems = action.problems.filter((p) => p.field === 'criteria');
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-label={draft ? `Sửa bản nháp phiên bản ${draft.version}` : 'Bộ tiêu chí mới'}>
      <h2>{draft ? `Sửa bản nháp phiên bản ${draft.version}` : 'Bộ tiêu chí mới'}</h2>
      <div className="row">
        <Field id="criteria-variant" label="Đối tượng áp dụng" problem={action.problem('variant')}>
          <select id="criteria-variant" value={variant} onChange={(e) => setVariant(e.target.value as Variant)} {...describedBy('criteria-variant', false, action.problem('variant'))}>
            {Object.entries(VARIANTS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </Field>
        <Field id="criteria-window" label="Thời hạn khiếu nại (ngày)" problem={action.problem('appealWindowDays')}>
          <input id="criteria-window" inputMode="numeric" value={appealWindow} onChange={(e) => setAppealWindow(e.target.value)} {...describedBy('criteria-window', false, action.problem('appealWindowDays'))} />
        </Field>
      </div>
      {rows.map((row, i) => <CriterionFields key={i} index={i} row={row} targets={targets} action={action} onChange={(next) => setRows(rows.map((r, j) => (j === i ? next : r)))} />)}
      {criteriaProblems.map((p) => <p key={p.message} id="criteria-error" className="field-error" role="alert">{p.message}</p>)}
      <div className="row">
        <button type="button" onClick={() => setRows([...rows, emptyRow()])}>Thêm tiêu chí</button>
        {rows.length > 1 ? <button type="button" onClick={() => setRows(rows.slice(0, -1))}>Bỏ tiêu chí cuối</button> : null}
      </div>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="submit" disabled={action.busy}>Lưu bản nháp</button></div>
    </form>
  );
}

/** The organisers' criteria sets of a movement: drafts written and published, published versions kept as they were. */
function CampaignCriteria({ campaignId }: { campaignId: string }) {
  const { session } = useAuth();
  const campaign = useQuery<{ campaign: { targets: Target[]; criteriaSets: CriteriaSet[] | null } | null }>(CAMPAIGN, { id: campaignId });
  const [editing, setEditing] = useState<string | null>(null);
  const publish = useAction();
  const sets = campaign.data?.campaign?.criteriaSets ?? [];
  const targets = campaign.data?.campaign?.targets ?? [];
  const draft = sets.find((set) => set.id === editing) ?? null;
  return (
    <>
      <ErrorBox error={campaign.error} />
      <table data-testid="criteria-sets">
        <thead><tr><th>Đối tượng</th><th>Phiên bản</th><th>Trạng thái</th><th>Tiêu chí</th><th /></tr></thead>
        <tbody>
          {sets.map((set) => (
            <tr key={set.id}>
              <td>{VARIANTS[set.variant]}</td>
              <td>{set.version}</td>
              <td>{STATUSES[set.status]}</td>
              <td>{set.criteria.map((c) => `${c.name} (${c.weight}%)`).join('; ')}</td>
              <td>
                {set.status === 'DRAFT' ? (
                  <>
                    <button type="button" onClick={() => setEditing(set.id)}>Sửa phiên bản {set.version}</button>{' '}
                    <button type="button" disabled={publish.busy} onClick={() => void publish.run(async () => {
                      await mutate(PUBLISH, { id: set.id }, session?.token ?? null);
                      setEditing(null);
                      campaign.reload();
                      return `Đã ban hành phiên bản ${set.version} (${VARIANTS[set.variant]}); điểm được tính lại theo bộ tiêu chí này.`;
                    })}>Ban hành phiên bản {set.version}</button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Outcome error={publish.error} done={publish.done} />
      {campaign.data ? (
        <>
          {draft ? <button type="button" onClick={() => setEditing(null)}>Tạo bộ tiêu chí mới thay vì sửa</button> : null}
          <CriteriaSetForm key={draft?.id ?? 'new'} campaignId={campaignId} targets={targets} draft={draft} onSaved={campaign.reload} />
        </>
      ) : null}
    </>
  );
}

/** Criteria sets (bộ tiêu chí) of the movements an officer's unit runs. */
export function CriteriaSetsPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const mine = unit.data?.myUnit ?? null;
  const list = useQuery<{ campaigns: { edges: { node: { id: string; title: string } }[] } }>(CAMPAIGNS, { unitId: mine?.id }, !mine);
  const [campaignId, setCampaignId] = useState('');
  return (
    <Page title="Bộ tiêu chí">
      <p className="muted">Bộ tiêu chí quyết định điểm của từng đối tượng; bản đã ban hành giữ nguyên, muốn đổi thì tạo phiên bản mới.</p>
      <ErrorBox error={unit.error ?? list.error} />
      <Field id="criteria-campaign" label="Phong trào">
        <select id="criteria-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">Chọn phong trào…</option>
          {list.data?.campaigns.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.title}</option>)}
        </select>
      </Field>
      {campaignId ? <CampaignCriteria key={campaignId} campaignId={campaignId} /> : null}
    </Page>
  );
}
