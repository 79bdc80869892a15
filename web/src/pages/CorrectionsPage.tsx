import { useState } from 'react';
import { Link } from 'react-router';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { CORRECTION_KIND, NOMINATION_STATUS, day, label, vnd, withReward } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, usePagedQuery, type Connection } from '../hooks';
import { Empty, ErrorBox, Field, Loading, MoreButton, Outcome, Page, Success, describedBy } from '../ui';
import { RevokeDecisionForm } from './RevokeDecisionForm';

interface Decision {
  id: string;
  number: string;
  decidedOn: string;
  amountVnd: number;
  status: 'VALID' | 'REVOKED';
  decidingAuthority: string;
  authorityName: string | null;
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
  decision { id number decidedOn amountVnd status decidingAuthority authorityName revocation { kind number revokedOn reason legalSource amountReclaimedVnd } }
} } pageInfo { hasNextPage endCursor } } }`;
const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String!) { withdrawNomination(id: $id, reason: $reason) { status } }`;
const RETURN = `mutation ReturnDossier($id: ID!, $reason: String!) { returnNomination(id: $id, reason: $reason) { status } }`;

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

/** A decision of the unit: annulled or revoked here when the union made it; an authority's is that authority's to annul. */
function DecisionCard({ nomination, onDone }: { nomination: Nomination; onDone(): void }) {
  const decision = nomination.decision!;
  const [opened, setOpened] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const byAuthority = decision.decidingAuthority !== 'UNION';
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
      ) : byAuthority ? (
        <p className="muted">
          Quyết định do {decision.authorityName} ban hành: chỉ cấp đó hủy bỏ, thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93). Công đoàn đề nghị; khi nhận được quyết định hủy bỏ,
          {decision.decidingAuthority === 'EMPLOYER' ? ' người sử dụng lao động' : ' cán bộ cấp đã trình'} ghi nhận trên màn hình <Link to="/work/proposals">Hồ sơ trình khen</Link>.
        </p>
      ) : !opened ? (
        <div><button type="button" className="secondary" aria-expanded={false} onClick={() => setOpened(true)}>Hủy bỏ, thu hồi quyết định…</button></div>
      ) : (
        <RevokeDecisionForm decision={decision} authority={null} onDone={(message) => { setDone(message); onDone(); }} />
      )}
      {done ? <Success>{done}</Success> : null}
    </article>
  );
}

/**
 * Corrections (Rút đề nghị, trả lại hồ sơ, hủy bỏ và thu hồi quyết định): officers withdraw what their side proposed,
 * the council returns dossiers, and either annuls or revokes a decision of the unit with its reason and legal ground.
 */
export function CorrectionsPage() {
  const [search, setSearch] = useState('');
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
      <ErrorBox error={fresh.error ?? inCouncil.error ?? granted.error} />
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
      <div className="grid">{decided.map((n) => <DecisionCard key={n.id} nomination={n} onDone={reload} />)}</div>
      <MoreButton list={granted} shown={granted.nodes.length} />
    </Page>
  );
}
