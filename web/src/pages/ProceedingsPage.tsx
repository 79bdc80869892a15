import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { PROCEEDING_KIND, day, label, todayIso } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
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
  unionUnit(id: $unitId) { subtree(first: 100) { edges { node { id name } } } }
  members(unitId: $unitId, first: 100) { edges { node { id fullName unit { name } } } }
}`;
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
  const { data, error, loading, reload } = useQuery<{
    pendingProceedings: { edges: { node: Proceeding }[] };
    unionUnit: { subtree: { edges: { node: { id: string; name: string } }[] } } | null;
    members: { edges: { node: { id: string; fullName: string; unit: { name: string } } }[] };
  }>(DATA, { unitId, includeClosed }, !unitId);
  const [form, setForm] = useState({ subject: '', kind: 'DISCIPLINE', note: '', openedOn: todayIso() });
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const [kind, id] = form.subject.split(':');
      await mutate(RECORD, { input: { [kind === 'member' ? 'memberId' : 'unitId']: id || null, kind: form.kind, note: form.note, openedOn: form.openedOn } }, session?.token ?? null);
      setForm({ ...form, note: '' });
      reload();
      return 'Đã ghi nhận: đề nghị khen thưởng của đối tượng này tạm dừng cho đến khi kết thúc.';
    });
  };
  const cases = data?.pendingProceedings.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Kỷ luật, thanh tra, khiếu nại đang xem xét">
      <p className="muted">Tập thể, cá nhân đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc có đơn thư khiếu nại, tố cáo đang xác minh thì chưa xét khen thưởng.</p>
      <ErrorBox error={error} />
      <form className="stack" onSubmit={submit} noValidate>
        <div className="row">
          <Field id="case-subject" label="Đối tượng" problem={p('memberId') ?? p('unitId')}>
            <select id="case-subject" value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} {...describedBy('case-subject', false, p('memberId') ?? p('unitId'))}>
              <option value="">Chọn…</option>
              <optgroup label="Tập thể">
                {[...(unit.data?.myUnit ? [unit.data.myUnit] : []), ...(data?.unionUnit?.subtree.edges.map((e) => e.node) ?? [])].map((u) => <option key={u.id} value={`unit:${u.id}`}>{u.name}</option>)}
              </optgroup>
              <optgroup label="Đoàn viên">
                {data?.members.edges.map(({ node }) => <option key={node.id} value={`member:${node.id}`}>{node.fullName} ({node.unit.name})</option>)}
              </optgroup>
            </select>
          </Field>
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
