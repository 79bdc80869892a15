import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { NOMINATION_SOURCE, NOMINATION_STATUS, day, label, todayIso } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { UnitPicker, type UnitChoice } from '../unit-picker';
import { Empty, ErrorBox, Field, Outcome, Page, describedBy } from '../ui';

interface Nomination {
  id: string;
  source: string;
  status: string;
  subjectName: string;
  achievedOn: string;
  form: { name: string } | null;
  grantingUnit: { name: string };
}

const DATA = `query NominationChoices($unitId: ID!, $search: String) {
  members(unitId: $unitId, search: $search, first: 20) { edges { node { id fullName unit { id name } } } }
  rewardForms { code name kind subjects }
}`;
/** The subject's unit and every level above it: the councils that may grant (cấp khen thưởng). */
const CHAIN = `query GrantingLevels($id: ID!) { unionUnit(id: $id) { id name parent { id name parent { id name parent { id name parent { id name } } } } } }`;

interface ChainUnit {
  id: string;
  name: string;
  parent?: ChainUnit | null;
}

function levelsOf(unit: ChainUnit | null | undefined): { id: string; name: string }[] {
  return unit ? [{ id: unit.id, name: unit.name }, ...levelsOf(unit.parent)] : [];
}
const MINE = `query OfficerNominations { adHoc: nominations(source: AD_HOC, first: 20) { edges { node { id source status subjectName achievedOn form { name } grantingUnit { name } } } }
  officer: nominations(source: OFFICER, first: 20) { edges { node { id source status subjectName achievedOn form { name } grantingUnit { name } } } } }`;
/** The levels whose council may take the chosen form for the chosen subject (its granting levels, the employer's rules). */
const COUNCILS = `query NominationCouncils($form: String!, $m: ID, $u: ID) { grantingCouncils(formCode: $form, memberId: $m, unitId: $u) { unit { id } } }`;
const NOMINATE = `mutation Nominate($input: NominateInput!) { nominate(input: $input) { id subjectName form { name } grantingUnit { name } } }`;

const TASK_RATING: Record<string, string> = { COMPLETED: 'Hoàn thành nhiệm vụ', GOOD: 'Hoàn thành tốt nhiệm vụ', EXCELLENT: 'Hoàn thành xuất sắc nhiệm vụ' };

const EMPTY = { source: 'AD_HOC', subjectKind: 'member', memberId: '', grantingUnitId: '', formCode: '', taskRating: '', achievedOn: todayIso(), reason: '' };

/** An officer proposes a person or a collective of their subtree for a reward: ad hoc (đột xuất) or on their own initiative. */
export function NominatePage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const mine = unit.data?.myUnit ?? null;
  const [search, setSearch] = useState('');
  const data = useQuery<{
    members: { edges: { node: { id: string; fullName: string; unit: { id: string; name: string } } }[] };
    rewardForms: { code: string; name: string; kind: string; subjects: string[] }[];
  }>(DATA, { unitId: mine?.id, search: search.trim() || null }, !mine);
  const recent = useQuery<{ adHoc: { edges: { node: Nomination }[] }; officer: { edges: { node: Nomination }[] } }>(MINE, {}, !session);
  const [form, setForm] = useState({ ...EMPTY, achievedOn: todayIso() });
  const [subjectUnit, setSubjectUnit] = useState<UnitChoice | null>(null);
  const action = useAction();
  const p = action.problem;
  const member = data.data?.members.edges.find((e) => e.node.id === form.memberId)?.node ?? null;
  const subjectUnitId = form.subjectKind === 'member' ? member?.unit.id : subjectUnit?.id;
  const chain = useQuery<{ unionUnit: ChainUnit | null }>(CHAIN, { id: subjectUnitId }, !subjectUnitId);
  const subjectRef = form.subjectKind === 'member' ? { m: form.memberId || null, u: null } : { m: null, u: subjectUnit?.id ?? null };
  const councils = useQuery<{ grantingCouncils: { unit: { id: string } }[] }>(COUNCILS, { form: form.formCode, ...subjectRef }, !form.formCode || !subjectUnitId);
  // with a form chosen, only the levels whose council may take it for this subject; without one, every level (its council chooses)
  const allowed = form.formCode && councils.data && !councils.loading ? new Set(councils.data.grantingCouncils.map((c) => c.unit.id)) : null;
  const levels = subjectUnitId ? levelsOf(chain.data?.unionUnit).filter((l) => allowed === null || allowed.has(l.id)) : [];
  // a level chosen for another subject (the kind or the person changed) is not this one's
  const granting = levels.some((l) => l.id === form.grantingUnitId) ? form.grantingUnitId : '';
  const subject = form.subjectKind === 'member' ? 'INDIVIDUAL' : 'COLLECTIVE';
  // the catalogue's forms for this kind of subject; an ad-hoc reward is a commendation, never a yearly title
  const forms = data.data?.rewardForms.filter((f) => f.subjects.includes(subject) && (form.source !== 'AD_HOC' || f.kind !== 'EMULATION_TITLE')) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = {
        source: form.source,
        memberId: form.subjectKind === 'member' ? form.memberId || null : null,
        unitId: form.subjectKind === 'unit' ? subjectUnit?.id ?? null : null,
        grantingUnitId: granting,
        formCode: form.formCode || null,
        taskRating: form.taskRating || null,
        achievedOn: form.achievedOn,
        reason: form.reason,
      };
      const { nominate } = await mutate<{ nominate: { subjectName: string; form: { name: string } | null; grantingUnit: { name: string } } }>(NOMINATE, { input }, session?.token ?? null);
      setForm({ ...form, memberId: '', grantingUnitId: '', reason: '' });
      setSubjectUnit(null);
      recent.reload();
      return `Đã đề nghị ${nominate.form?.name ?? 'khen thưởng'} cho ${nominate.subjectName}, chờ Hội đồng Thi đua – Khen thưởng ${nominate.grantingUnit.name} xét.`;
    });
  };
  const nominations = [...(recent.data?.adHoc.edges ?? []), ...(recent.data?.officer.edges ?? [])].map((e) => e.node);
  const subjectProblem = p('memberId') ?? p('unitId');
  return (
    <Page title="Đề nghị khen thưởng">
      <p className="muted">Đề nghị khen thưởng đột xuất một thành tích vừa lập, hoặc đề nghị một cá nhân, tập thể bạn phát hiện. Hội đồng Thi đua – Khen thưởng của cấp khen thưởng sẽ xét.</p>
      <ErrorBox error={unit.error ?? data.error ?? chain.error ?? councils.error} />
      <form className="stack" onSubmit={submit} noValidate aria-label="Đề nghị khen thưởng">
        <div className="row">
          <Field id="nominate-source" label="Loại đề nghị" problem={p('source')}>
            <select id="nominate-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value, formCode: '' })} {...describedBy('nominate-source', false, p('source'))}>
              <option value="AD_HOC">{NOMINATION_SOURCE.AD_HOC}</option>
              <option value="OFFICER">{NOMINATION_SOURCE.OFFICER}</option>
            </select>
          </Field>
          <Field id="nominate-kind" label="Đối tượng">
            <select id="nominate-kind" value={form.subjectKind} onChange={(e) => setForm({ ...form, subjectKind: e.target.value, formCode: '' })}>
              <option value="member">Cá nhân</option>
              <option value="unit">Tập thể</option>
            </select>
          </Field>
        </div>
        {form.subjectKind === 'member' ? (
          <div className="row">
            <Field id="nominate-search" label="Tìm đoàn viên (có dấu hoặc không dấu)">
              <input id="nominate-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </Field>
            <Field id="nominate-member" label="Cá nhân được đề nghị" problem={subjectProblem}>
              <select id="nominate-member" value={form.memberId} onChange={(e) => setForm({ ...form, memberId: e.target.value, grantingUnitId: '' })} {...describedBy('nominate-member', false, subjectProblem)}>
                <option value="">Chọn đoàn viên…</option>
                {data.data?.members.edges.map(({ node }) => <option key={node.id} value={node.id}>{`${node.fullName} (${node.unit.name})`}</option>)}
              </select>
            </Field>
          </div>
        ) : (
          <UnitPicker own={mine} value={subjectUnit} onChange={(u) => { setSubjectUnit(u); setForm({ ...form, grantingUnitId: '' }); }} problem={subjectProblem} idPrefix="nominate-subject-" label="Tập thể được đề nghị" />
        )}
        <div className="row">
          <Field id="nominate-granting" label="Cấp khen thưởng" hint="Đơn vị của người, tập thể được đề nghị hoặc cấp trên của đơn vị đó; chọn người, tập thể trước. Đã chọn hình thức thì chỉ hiện các cấp được xét hình thức đó." problem={p('grantingUnitId')}>
            <select id="nominate-granting" value={granting} onChange={(e) => setForm({ ...form, grantingUnitId: e.target.value })} {...describedBy('nominate-granting', true, p('grantingUnitId'))}>
              <option value="">Chọn…</option>
              {levels.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </Field>
          <Field id="nominate-form" label="Hình thức khen thưởng" problem={p('formCode')}>
            <select id="nominate-form" value={form.formCode} onChange={(e) => setForm({ ...form, formCode: e.target.value })} {...describedBy('nominate-form', false, p('formCode'))}>
              <option value="">Để Hội đồng chọn</option>
              {forms.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
            </select>
          </Field>
          <Field id="nominate-rating" label="Mức hoàn thành nhiệm vụ" problem={p('taskRating')}>
            <select id="nominate-rating" value={form.taskRating} onChange={(e) => setForm({ ...form, taskRating: e.target.value })} {...describedBy('nominate-rating', false, p('taskRating'))}>
              <option value="">Không ghi</option>
              {Object.entries(TASK_RATING).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
          <Field id="nominate-achieved" label="Ngày lập thành tích" problem={p('achievedOn')}>
            <input id="nominate-achieved" type="date" value={form.achievedOn} onChange={(e) => setForm({ ...form, achievedOn: e.target.value })} {...describedBy('nominate-achieved', false, p('achievedOn'))} />
          </Field>
        </div>
        <Field id="nominate-reason" label="Thành tích" hint="Quyết định khen thưởng công bố nội dung này." problem={p('reason')}>
          <textarea id="nominate-reason" rows={3} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} {...describedBy('nominate-reason', true, p('reason'))} />
        </Field>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy || !mine}>Gửi đề nghị</button></div>
      </form>
      <h2>Đề nghị gần đây</h2>
      <ErrorBox error={recent.error} />
      {recent.data && nominations.length === 0 ? <Empty>Chưa có đề nghị nào.</Empty> : null}
      {nominations.length ? (
        <p className="row">
          <DownloadButton label="Tải Excel đề nghị khen thưởng đột xuất" testId="ad-hoc-nominations-excel" href="/exports/rewards/nominations.xlsx?source=AD_HOC" />
          <DownloadButton label="Tải Excel đề nghị của cán bộ" testId="officer-nominations-excel" href="/exports/rewards/nominations.xlsx?source=OFFICER" />
        </p>
      ) : null}
      {nominations.length ? (
        <table data-testid="recent-nominations">
          <thead><tr><th scope="col">Đối tượng</th><th scope="col">Loại</th><th scope="col">Hình thức</th><th scope="col">Cấp khen thưởng</th><th scope="col">Ngày lập thành tích</th><th scope="col">Tình trạng</th></tr></thead>
          <tbody>
            {nominations.map((n) => (
              <tr key={n.id}><td>{n.subjectName}</td><td>{label(NOMINATION_SOURCE, n.source)}</td><td>{n.form?.name ?? '—'}</td><td>{n.grantingUnit.name}</td><td>{day(n.achievedOn)}</td><td>{label(NOMINATION_STATUS, n.status)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
