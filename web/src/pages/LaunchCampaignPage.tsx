import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, mutate, type Problem } from '../api';
import { useAuth } from '../auth';
import { CATEGORY } from '../format';
import { useQuery } from '../hooks';
import { ErrorBox, Field, Page, describedBy, problemFor } from '../ui';
import { UnitDrafts } from '../drafts';
import { MY_UNIT, type MyUnit } from '../my-unit';

interface TargetDraft {
  name: string;
  unitOfMeasure: string;
  targetValue: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  aggregation: 'SUM' | 'LATEST';
  weight: string;
}

const emptyTarget = (): TargetDraft => ({ name: '', unitOfMeasure: '', targetValue: '', direction: 'HIGHER_IS_BETTER', aggregation: 'SUM', weight: '' });

/** Created and launched in one call: a launch the API refuses leaves no draft behind. */
const CREATE_AND_LAUNCH = `mutation LaunchNewCampaign($input: CreateCampaignInput!) { createCampaign(input: $input, launch: true) { id status } }`;
const RULES = `query TargetRules { targetRules { name unitOfMeasure targetValue } }`;

interface TargetRules {
  name: string;
  unitOfMeasure: string;
  targetValue: string;
}

/** An empty field is no value at all (the API says what is missing), never 0. */
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/**
 * Launch a movement for the officer's unit: the rule of a measurable target beside its fields, the API's validation
 * messages next to the fields they concern, and the subtree's drafts that were never launched.
 */
export function LaunchCampaignPage() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const rules = useQuery<{ targetRules: TargetRules }>(RULES, {}, !session).data?.targetRules;
  const [form, setForm] = useState({ title: '', goal: '', content: '', category: 'FOR_WORKERS', startsOn: '', endsOn: '' });
  const [targets, setTargets] = useState<TargetDraft[]>([emptyTarget()]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const setTarget = (index: number, change: Partial<TargetDraft>) => setTargets(targets.map((t, i) => (i === index ? { ...t, ...change } : t)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const input = {
        launchingUnitId: unit.data?.myUnit?.id,
        title: form.title,
        goal: form.goal || null,
        content: form.content || null,
        category: form.category,
        startsOn: form.startsOn || null,
        endsOn: form.endsOn || null,
        targets: targets.map((t) => ({ name: t.name, unitOfMeasure: t.unitOfMeasure, targetValue: numberOrNull(t.targetValue), direction: t.direction, aggregation: t.aggregation, weight: Number(t.weight) })),
      };
      const { createCampaign } = await mutate<{ createCampaign: { id: string } }>(CREATE_AND_LAUNCH, { input }, session?.token ?? null);
      navigate(`/campaigns/${createCampaign.id}`);
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    } finally {
      setBusy(false);
    }
  };
  const problem = (field: string) => problemFor(problems, field);
  return (
    <Page title="Phát động phong trào">
      <p className="muted">Đơn vị phát động: {unit.data?.myUnit?.name ?? '…'}</p>
      <form className="stack" onSubmit={submit} noValidate>
        <Field id="title" label="Tên phong trào" problem={problem('title')}>
          <input id="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required />
        </Field>
        <Field id="goal" label="Mục tiêu" problem={problem('goal')}>
          <textarea id="goal" value={form.goal} onChange={(e) => setForm({ ...form, goal: e.target.value })} />
        </Field>
        <Field id="content" label="Nội dung" problem={problem('content')}>
          <textarea id="content" value={form.content} onChange={(e) => setForm({ ...form, content: e.target.value })} />
        </Field>
        <div className="row">
          <Field id="category" label="Loại phong trào" problem={problem('category')}>
            <select id="category" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
              {Object.entries(CATEGORY).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
          <Field id="startsOn" label="Bắt đầu" problem={problem('startsOn')}>
            <input id="startsOn" type="date" value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.target.value })} />
          </Field>
          <Field id="endsOn" label="Kết thúc" problem={problem('endsOn')}>
            <input id="endsOn" type="date" value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} />
          </Field>
        </div>
        {problem('targets') && !targets.some((_, i) => problem(`targets.${i}`)) ? <p className="field-error" role="alert">{problem('targets')}</p> : null}
        {targets.map((target, i) => (
          <fieldset key={i}>
            <legend>Chỉ tiêu {i + 1}</legend>
            <div className="row">
              <Field id={`t${i}-name`} label="Tên chỉ tiêu" hint={rules?.name} problem={problem(`targets.${i}.name`)}>
                <input
                  id={`t${i}-name`}
                  value={target.name}
                  onChange={(e) => setTarget(i, { name: e.target.value })}
                  {...describedBy(`t${i}-name`, Boolean(rules?.name), problem(`targets.${i}.name`))}
                />
              </Field>
              <Field id={`t${i}-unit`} label="Đơn vị tính" hint={rules?.unitOfMeasure} problem={problem(`targets.${i}.unitOfMeasure`)}>
                <input
                  id={`t${i}-unit`}
                  value={target.unitOfMeasure}
                  onChange={(e) => setTarget(i, { unitOfMeasure: e.target.value })}
                  {...describedBy(`t${i}-unit`, Boolean(rules?.unitOfMeasure), problem(`targets.${i}.unitOfMeasure`))}
                />
              </Field>
              <Field id={`t${i}-value`} label="Mức chỉ tiêu" hint={rules?.targetValue} problem={problem(`targets.${i}.targetValue`)}>
                <input
                  id={`t${i}-value`}
                  type="number"
                  inputMode="decimal"
                  value={target.targetValue}
                  onChange={(e) => setTarget(i, { targetValue: e.target.value })}
                  {...describedBy(`t${i}-value`, Boolean(rules?.targetValue), problem(`targets.${i}.targetValue`))}
                />
              </Field>
              <Field id={`t${i}-weight`} label="Trọng số (%)" problem={problem(`targets.${i}.weight`)}>
                <input id={`t${i}-weight`} type="number" inputMode="decimal" value={target.weight} onChange={(e) => setTarget(i, { weight: e.target.value })} />
              </Field>
              <Field id={`t${i}-direction`} label="Chiều">
                <select id={`t${i}-direction`} value={target.direction} onChange={(e) => setTarget(i, { direction: e.target.value as TargetDraft['direction'] })}>
                  <option value="HIGHER_IS_BETTER">Càng cao càng tốt</option>
                  <option value="LOWER_IS_BETTER">Càng thấp càng tốt</option>
                </select>
              </Field>
              <Field id={`t${i}-aggregation`} label="Cách cộng dồn">
                <select id={`t${i}-aggregation`} value={target.aggregation} onChange={(e) => setTarget(i, { aggregation: e.target.value as TargetDraft['aggregation'] })}>
                  <option value="SUM">Cộng các kỳ</option>
                  <option value="LATEST">Số mới nhất</option>
                </select>
              </Field>
            </div>
            {targets.length > 1 ? <button type="button" className="secondary" onClick={() => setTargets(targets.filter((_, j) => j !== i))}>Bỏ chỉ tiêu này</button> : null}
          </fieldset>
        ))}
        <div className="row">
          <button type="button" className="secondary" onClick={() => setTargets([...targets, emptyTarget()])}>Thêm chỉ tiêu</button>
        </div>
        <ErrorBox error={error} />
        <div>
          <button type="submit" disabled={busy || !unit.data?.myUnit}>{busy ? 'Đang phát động…' : 'Phát động'}</button>
        </div>
      </form>
      {unit.data?.myUnit ? <UnitDrafts unitId={unit.data.myUnit.id} /> : null}
    </Page>
  );
}
