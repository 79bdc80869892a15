import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { PROCEEDING_KIND, day, label, todayIso } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { UnitPicker, type UnitChoice } from '../unit-picker';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, describedBy } from '../ui';

interface Proceeding {
  id: string;
  kind: string;
  note: string;
  openedOn: string;
  closedOn: string | null;
  outcome: string | null;
  member: { fullName: string } | null;
  unit: { name: string };
}

const DATA = `query Proceedings($unitId: ID!, $includeClosed: Boolean) {
  pendingProceedings(unitId: $unitId, includeClosed: $includeClosed, first: 100) { edges { node { id kind note openedOn closedOn outcome member { fullName } unit { name } } } }
}`;
const MEMBERS = `query ProceedingMembers($unitId: ID!, $search: String) { members(unitId: $unitId, search: $search, first: 20) { edges { node { id fullName unit { name } } } } }`;
const RECORD = `mutation RecordProceeding($input: RecordProceedingInput!) { recordPendingProceeding(input: $input) { id } }`;
const CLOSE = `mutation CloseProceeding($id: ID!, $input: CloseProceedingInput!) { closePendingProceeding(id: $id, input: $input) { closedOn } }`;

function ProceedingCard({ proceeding, onDone }: { proceeding: Proceeding; onDone(): void }) {
  const { session } = useAuth();
  const [outcome, setOutcome] = useState('');
  const action = useAction();
  const id = proceeding.id;
  return (
    <article className="card" data-testid="proceeding">
      <h3>{proceeding.member ? `${proceeding.member.fullName} (${proceeding.unit.name})` : proceeding.unit.name}</h3>
      <p><span className="badge badge-red">{label(PROCEEDING_KIND, proceeding.kind)}</span> từ {day(proceeding.openedOn)}{proceeding.closedOn ? `, kết thúc ${day(proceeding.closedOn)}` : ''}</p>
      <p>{proceeding.note}</p>
      {proceeding.outcome ? <p>Kết quả: {proceeding.outcome}</p> : (
        <div className="row">
          <Field id={`outcome-${id}`} label="Kết quả xử lý" hint="Ví dụ số và ngày của kết luận; đề nghị khen thưởng được xét tiếp." problem={action.problem('outcome')}>
            <input id={`outcome-${id}`} value={outcome} onChange={(e) => setOutcome(e.target.value)} {...describedBy(`outcome-${id}`, true, action.problem('outcome'))} />
          </Field>
          <button type="button" onClick={() => void action.run(async () => {
            await mutate(CLOSE, { id, input: { outcome } }, session?.token ?? null);
            onDone();
            return 'Đã ghi nhận kết thúc.';
          })}>Kết thúc</button>
        </div>
      )}
      <Outcome error={action.error} done={action.done} />
    </article>
  );
}

/** Discipline, inspection and complaint cases of the officer's subtree: while one is open, the subject's proposals wait. */
export function ProceedingsPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const [includeClosed, setIncludeClosed] = useState(false);
  const { data, error, loading, reload } = useQuery<{ pendingProceedings: { edges: { node: Proceeding }[] } }>(DATA, { unitId, includeClosed }, !unitId);
  const [subjectKind, setSubjectKind] = useState<'member' | 'unit'>('member');
  const [search, setSearch] = useState('');
  const found = useQuery<{ members: { edges: { node: { id: string; fullName: string; unit: { name: string } } }[] } }>(MEMBERS, { unitId, search: search.trim() || null }, !unitId || subjectKind !== 'member');
  const [memberId, setMemberId] = useState('');
  const [subjectUnit, setSubjectUnit] = useState<UnitChoice | null>(null);
  const [form, setForm] = useState({ kind: 'DISCIPLINE', note: '', openedOn: todayIso() });
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const subject = subjectKind === 'member' ? { memberId: memberId || null } : { unitId: subjectUnit?.id ?? null };
      await mutate(RECORD, { input: { ...subject, kind: form.kind, note: form.note, openedOn: form.openedOn } }, session?.token ?? null);
      setForm({ ...form, note: '' });
      reload();
      return 'Đã ghi nhận: đề nghị khen thưởng của đối tượng này tạm dừng cho đến khi kết thúc.';
    });
  };
  const cases = data?.pendingProceedings.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Kỷ luật, thanh tra, khiếu nại đang xem xét">
      <p className="muted">Tập thể, cá nhân đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc có đơn thư khiếu nại, tố cáo đang xác minh thì chưa xét khen thưởng.</p>
      <ErrorBox error={error ?? found.error} />
      <form className="stack" onSubmit={submit} noValidate>
        <div className="row">
          <Field id="case-subject-kind" label="Đối tượng">
            <select id="case-subject-kind" value={subjectKind} onChange={(e) => setSubjectKind(e.target.value as 'member' | 'unit')}>
              <option value="member">Đoàn viên</option>
              <option value="unit">Tập thể</option>
            </select>
          </Field>
        </div>
        {subjectKind === 'member' ? (
          <div className="row">
            <Field id="case-search" label="Tìm đoàn viên (có dấu hoặc không dấu)">
              <input id="case-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </Field>
            <Field id="case-member" label="Đoàn viên" problem={p('memberId')}>
              <select id="case-member" value={memberId} onChange={(e) => setMemberId(e.target.value)} {...describedBy('case-member', false, p('memberId'))}>
                <option value="">Chọn đoàn viên…</option>
                {found.data?.members.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.fullName} ({node.unit.name})</option>)}
              </select>
            </Field>
          </div>
        ) : (
          <UnitPicker own={unit.data?.myUnit ?? null} value={subjectUnit} onChange={setSubjectUnit} problem={p('unitId')} idPrefix="case-" label="Tập thể" />
        )}
        <div className="row">
          <Field id="case-kind" label="Việc đang xem xét">
            <select id="case-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {Object.entries(PROCEEDING_KIND).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
          <Field id="case-opened" label="Từ ngày" problem={p('openedOn')}>
            <input id="case-opened" type="date" value={form.openedOn} onChange={(e) => setForm({ ...form, openedOn: e.target.value })} {...describedBy('case-opened', false, p('openedOn'))} />
          </Field>
        </div>
        <Field id="case-note" label="Căn cứ" hint="Số, ngày của quyết định thanh tra, biên bản, đơn thư…" problem={p('note')}>
          <input id="case-note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} {...describedBy('case-note', true, p('note'))} />
        </Field>
        <Outcome error={action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy || !unitId}>Ghi nhận</button></div>
      </form>
      <label className="check"><input type="checkbox" checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)} /> Hiện cả việc đã kết thúc</label>
      {loading && !data ? <Loading /> : null}
      {data && cases.length === 0 ? <Empty>Không có việc nào đang xem xét.</Empty> : null}
      {cases.length > 0 && unitId ? <DownloadButton label="Tải Excel việc đang xem xét" testId="proceedings-excel" href={`/exports/units/${unitId}/proceedings.xlsx?includeClosed=${includeClosed}`} /> : null}
      <div className="grid">{cases.map((c) => <ProceedingCard key={c.id} proceeding={c} onDone={reload} />)}</div>
    </Page>
  );
}
