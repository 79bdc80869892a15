import { useState } from 'react';
import { Link } from 'react-router';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { CORRECTION_KIND, NOMINATION_STATUS, day, label, todayIso, vnd, withReward } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, usePagedQuery, useQuery, type Connection } from '../hooks';
import { Empty, ErrorBox, Field, Loading, MoreButton, Outcome, Page, describedBy } from '../ui';

interface Ground {
  code: string;
  kind: string;
  label: string;
  source: string;
  verified: boolean;
  reclaimsAll: boolean;
}

interface Decision {
  id: string;
  number: string;
  decidedOn: string;
  amountVnd: number;
  status: 'VALID' | 'REVOKED';
  revocation: { kind: string; number: string; revokedOn: string; reason: string; legalSource: string; amountReclaimedVnd: number } | null;
}

interface Nomination {
  id: string;
  status: string;
  subjectName: string;
  reason: string;
  correctionReason: string | null;
  grantingUnit: { id: string };
  form: { name: string } | null;
  decision: Decision | null;
}

const NOMINATIONS = `query Corrections($status: NominationStatus!, $search: String, $after: String) { nominations(status: $status, search: $search, first: 20, after: $after) { edges { node {
  id status subjectName reason correctionReason grantingUnit { id } form { name }
  decision { id number decidedOn amountVnd status revocation { kind number revokedOn reason legalSource amountReclaimedVnd } }
} } pageInfo { hasNextPage endCursor } } }`;
const GROUNDS = `query DecisionLegalGrounds { decisionLegalGrounds { code kind label source verified reclaimsAll } }`;
const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String!) { withdrawNomination(id: $id, reason: $reason) { status } }`;
const RETURN = `mutation ReturnDossier($id: ID!, $reason: String!) { returnNomination(id: $id, reason: $reason) { status } }`;
const REVOKE = `mutation Revoke($id: ID!, $input: RevokeDecisionInput!) { revokeRewardDecision(id: $id, input: $input) { status revocation { number } } }`;

/** Withdraw (officers, the proposing side) or return the dossier (the council) of a nomination still being considered. */
function OpenCard({ nomination, onDone }: { nomination: Nomination; onDone(): void }) {
  const { session, has } = useAuth();
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = `reason-${nomination.id}`;
  const send = (query: string, done: string) => void action.run(async () => {
    await mutate(query, { id: nomination.id, reason }, session?.token ?? null);
    onDone();
    return done;
  });
  return (
    <article className="card" data-testid="open-nomination">
      <h3>{nomination.subjectName}</h3>
      <p><span className="badge">{label(NOMINATION_STATUS, nomination.status)}</span> {nomination.form?.name ?? ''}</p>
      <p>{nomination.reason}</p>
      <Field id={id} label="Lý do" hint="Người đề nghị và Hội đồng đọc được lý do này (ít nhất 10 ký tự)." problem={action.problem('reason')}>
        <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(id, true, action.problem('reason'))} />
      </Field>
      <div className="row">
        {has('UNIT_OFFICER', 'NATIONAL_ADMIN') ? <button type="button" className="secondary" disabled={action.busy} onClick={() => send(WITHDRAW, `Đã rút đề nghị: ${nomination.subjectName}`)}>Rút đề nghị</button> : null}
        {has('COUNCIL_MEMBER') ? <button type="button" className="secondary" disabled={action.busy} onClick={() => send(RETURN, `Đã trả lại hồ sơ: ${nomination.subjectName}`)}>Trả lại hồ sơ</button> : null}
      </div>
      <Outcome error={action.error} done={action.done} />
    </article>
  );
}

/** Annul or revoke a decision: the kind, its legal ground, the reason, the amount reclaimed, the signer and the day. */
function DecisionCard({ nomination, grounds, onDone }: { nomination: Nomination; grounds: Ground[]; onDone(): void }) {
  const { session } = useAuth();
  const decision = nomination.decision!;
  const [form, setForm] = useState({ kind: 'ANNULLED', legalGround: '', reason: '', amount: String(decision.amountVnd), signerRole: 'Chủ tịch', revokedOn: todayIso(), number: '' });
  const action = useAction();
  const p = action.problem;
  const f = (name: string) => `${name}-${decision.id}`;
  const [opened, setOpened] = useState(false);
  const ground = grounds.find((g) => g.code === form.legalGround);
  const submit = () => void action.run(async () => {
    const input = {
      kind: form.kind, legalGround: form.legalGround || null, reason: form.reason, revokedOn: form.revokedOn || null,
      amountReclaimedVnd: Number(form.amount.replace(/\D/g, '') || 0), signerRole: form.signerRole, number: form.number.trim() || null,
    };
    const { revokeRewardDecision } = await mutate<{ revokeRewardDecision: { revocation: { number: string } } }>(REVOKE, { id: decision.id, input }, session?.token ?? null);
    onDone();
    return `Đã ${form.kind === 'ANNULLED' ? 'hủy bỏ' : 'thu hồi'} Quyết định số ${decision.number} theo Quyết định số ${revokeRewardDecision.revocation.number}`;
  });
  return (
    <article className="card" data-testid="decided-nomination">
      <h3>{nomination.subjectName}</h3>
      <p>
        <Link to={`/rewards/decisions/${decision.id}`}>Quyết định số {decision.number}</Link> ngày {day(decision.decidedOn)}: {nomination.form?.name ?? ''}{withReward(decision.amountVnd)}
      </p>
      {decision.revocation ? (
        <p className="alert alert-warning" role="status">
          {label(CORRECTION_KIND, decision.revocation.kind)} theo Quyết định số {decision.revocation.number} ngày {day(decision.revocation.revokedOn)}: {decision.revocation.reason}. Thu hồi {vnd(decision.revocation.amountReclaimedVnd)}.
        </p>
      ) : !opened ? (
        <div><button type="button" className="secondary" aria-expanded={false} onClick={() => setOpened(true)}>Hủy bỏ, thu hồi quyết định…</button></div>
      ) : (
        <div className="stack">
          <div className="row">
            <Field id={f('kind')} label="Hình thức">
              <select id={f('kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value, legalGround: '' })}>
                {Object.entries(CORRECTION_KIND).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
              </select>
            </Field>
            <Field id={f('ground')} label="Căn cứ pháp lý" hint={ground ? `${ground.source}${ground.verified ? '' : ' (chưa đối chiếu)'}` : null} problem={p('legalGround')}>
              <select id={f('ground')} value={form.legalGround} onChange={(e) => setForm({ ...form, legalGround: e.target.value })} {...describedBy(f('ground'), Boolean(ground), p('legalGround'))}>
                <option value="">Chọn…</option>
                {grounds.filter((g) => g.kind === form.kind).map((g) => <option key={g.code} value={g.code}>{g.label}</option>)}
              </select>
            </Field>
          </div>
          <Field id={f('reason')} label="Lý do" hint="Việc gì, căn cứ kết luận, văn bản nào." problem={p('reason')}>
            <textarea id={f('reason')} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} {...describedBy(f('reason'), true, p('reason'))} />
          </Field>
          <div className="row">
            <Field id={f('amount')} label="Số tiền thu hồi (đồng)" hint={ground?.reclaimsAll ? 'Thu hồi toàn bộ tiền thưởng' : `Từ 0 đến ${vnd(decision.amountVnd)}`} problem={p('amountReclaimedVnd')}>
              <input id={f('amount')} inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} {...describedBy(f('amount'), true, p('amountReclaimedVnd'))} />
            </Field>
            <Field id={f('date')} label="Ngày quyết định hủy bỏ, thu hồi" problem={p('revokedOn')}>
              <input id={f('date')} type="date" value={form.revokedOn} onChange={(e) => setForm({ ...form, revokedOn: e.target.value })} {...describedBy(f('date'), false, p('revokedOn'))} />
            </Field>
            <Field id={f('signer')} label="Người ký (chức danh)" problem={p('signerRole')}>
              <input id={f('signer')} value={form.signerRole} onChange={(e) => setForm({ ...form, signerRole: e.target.value })} {...describedBy(f('signer'), false, p('signerRole'))} />
            </Field>
            <Field id={f('number')} label="Số quyết định (theo sổ giấy, nếu có)" hint="Để trống: hệ thống cấp số tiếp theo." problem={p('number')}>
              <input id={f('number')} value={form.number} onChange={(e) => setForm({ ...form, number: e.target.value })} {...describedBy(f('number'), true, p('number'))} />
            </Field>
          </div>
          <div><button type="button" className="danger" disabled={action.busy} onClick={submit}>{form.kind === 'ANNULLED' ? 'Hủy bỏ quyết định' : 'Thu hồi quyết định'}</button></div>
        </div>
      )}
      <Outcome error={action.error} done={action.done} />
    </article>
  );
}

/**
 * Corrections (Rút đề nghị, trả lại hồ sơ, hủy bỏ và thu hồi quyết định): officers withdraw what their side proposed,
 * the council returns dossiers, and either annuls or revokes a decision of the unit with its reason and legal ground.
 */
export function CorrectionsPage() {
  const [search, setSearch] = useState('');
  const grounds = useQuery<{ decisionLegalGrounds: Ground[] }>(GROUNDS);
  const variables = (status: string) => ({ status, search: search.trim() || null });
  const pick = (d: { nominations: Connection<Nomination> }) => d.nominations;
  const fresh = usePagedQuery<{ nominations: Connection<Nomination> }, Nomination>(NOMINATIONS, variables('OPEN'), pick);
  const inCouncil = usePagedQuery<{ nominations: Connection<Nomination> }, Nomination>(NOMINATIONS, variables('IN_COUNCIL'), pick);
  const granted = usePagedQuery<{ nominations: Connection<Nomination> }, Nomination>(NOMINATIONS, variables('GRANTED'), pick);
  const reload = () => [fresh, inCouncil, granted].forEach((list) => list.reload());
  const open = [...fresh.nodes, ...inCouncil.nodes];
  const decided = granted.nodes.filter((n) => n.decision);
  const loaded = Boolean(fresh.data && inCouncil.data && granted.data);
  const none = search.trim() ? `tên có «${search.trim()}»` : null;
  return (
    <Page title="Rút đề nghị, hủy bỏ và thu hồi quyết định">
      <p className="muted">
        Quyết định khen thưởng bị hủy bỏ, hiện vật và tiền thưởng bị thu hồi trong các trường hợp của Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2; quyết định ban hành có sai sót thì
        thu hồi. Sổ khen thưởng công khai và trang của quyết định hiển thị việc hủy bỏ, thu hồi.
      </p>
      <ErrorBox error={fresh.error ?? inCouncil.error ?? granted.error ?? grounds.error} />
      {!loaded ? <Loading /> : null}
      <div className="downloads">
        <DownloadButton label="Tải Excel đề nghị và quyết định" testId="corrections-excel" href="/exports/rewards/nominations.xlsx" />
      </div>
      <Field id="corrections-search" label="Tìm theo tên người, tập thể được đề nghị (có dấu hoặc không dấu)">
        <input id="corrections-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Field>
      <h2>Đề nghị đang xét</h2>
      {loaded && open.length === 0 ? <Empty>{none ? `Không có đề nghị đang xét nào ${none}.` : 'Không có đề nghị nào đang xét.'}</Empty> : null}
      <div className="grid">{open.map((n) => <OpenCard key={n.id} nomination={n} onDone={reload} />)}</div>
      <MoreButton list={fresh} shown={fresh.nodes.length} />
      <MoreButton list={inCouncil} shown={inCouncil.nodes.length} />
      <h2>Quyết định đã ban hành</h2>
      {loaded && decided.length === 0 ? <Empty>{none ? `Không có quyết định nào ${none}.` : 'Chưa có quyết định nào.'}</Empty> : null}
      <div className="grid">{decided.map((n) => <DecisionCard key={n.id} nomination={n} grounds={grounds.data?.decisionLegalGrounds ?? []} onDone={reload} />)}</div>
      <MoreButton list={granted} shown={granted.nodes.length} />
    </Page>
  );
}
