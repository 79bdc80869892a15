import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { COLLEAGUE_DEED, COLLEAGUE_STATUS, day, label } from '../format';
import { DownloadButton, query } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, Success, describedBy } from '../ui';

interface Proposal {
  id: string;
  kind: string;
  status: string;
  colleagueName: string;
  proposerName: string;
  occurredOn: string;
  description: string;
  declineReason: string | null;
  unit: { id: string; name: string };
  evidence: { description: string; url: string | null }[];
}

const QUEUE = `query ColleagueProposals($status: ColleagueProposalStatus) {
  colleagueProposals(status: $status, first: 50) { edges { node { id kind status colleagueName proposerName occurredOn description declineReason unit { id name } evidence { description url } } } }
  rewardForms { code name kind }
}`;
const NOMINATE = `mutation NominateFromProposal($id: ID!, $input: ColleagueNominationInput!) { nominateFromColleagueProposal(id: $id, input: $input) { status } }`;
const FORWARD = `mutation ForwardProposal($id: ID!) { forwardColleagueProposalToMedia(id: $id) { status } }`;
const DECLINE = `mutation DeclineProposal($id: ID!, $reason: String!) { declineColleagueProposal(id: $id, reason: $reason) { status } }`;

function ProposalCard({ proposal, commendations, myUnit, onDone }: { proposal: Proposal; commendations: { code: string; name: string }[]; myUnit: MyUnit['myUnit']; onDone(message: string): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [formCode, setFormCode] = useState('GIAY_KHEN');
  const [grantingUnitId, setGrantingUnitId] = useState(proposal.unit.id);
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = proposal.id;
  // the card leaves the list once handled: the page says what was done
  const act = (work: () => Promise<string>) => action.run(async () => {
    const message = await work();
    onDone(message);
    return message;
  });
  const units = [proposal.unit, ...(myUnit && myUnit.id !== proposal.unit.id ? [myUnit] : [])];
  return (
    <article className="card" data-testid="colleague-proposal">
      <h3>{proposal.colleagueName}</h3>
      <p><span className="badge">{label(COLLEAGUE_STATUS, proposal.status)}</span> <span className="badge badge-red">{label(COLLEAGUE_DEED, proposal.kind)}</span></p>
      <p>{proposal.description}</p>
      <p className="muted">Ngày {day(proposal.occurredOn)} · đề xuất bởi {proposal.proposerName} · {proposal.unit.name}</p>
      <ul>{proposal.evidence.map((e, i) => <li key={i}>{e.description}{e.url ? <> (<a href={e.url} rel="noopener noreferrer" target="_blank">minh chứng</a>)</> : null}</li>)}</ul>
      {proposal.declineReason ? <p>Lý do không đề nghị: {proposal.declineReason}</p> : null}
      {proposal.status === 'SUBMITTED' ? (
        <div className="stack">
          <div className="row">
            <Field id={`form-${id}`} label="Hình thức khen thưởng đột xuất" problem={action.problem('formCode')}>
              <select id={`form-${id}`} value={formCode} onChange={(e) => setFormCode(e.target.value)} {...describedBy(`form-${id}`, false, action.problem('formCode'))}>
                {commendations.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
              </select>
            </Field>
            <Field id={`granting-${id}`} label="Cấp khen thưởng" problem={action.problem('grantingUnitId')}>
              <select id={`granting-${id}`} value={grantingUnitId} onChange={(e) => setGrantingUnitId(e.target.value)} {...describedBy(`granting-${id}`, false, action.problem('grantingUnitId'))}>
                {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
              </select>
            </Field>
          </div>
          <div className="row">
            <button type="button" onClick={() => act(async () => {
              await mutate(NOMINATE, { id, input: { formCode, grantingUnitId } }, token);
              return `Đã đề nghị khen thưởng đột xuất: ${proposal.colleagueName}`;
            })}>Đề nghị khen thưởng đột xuất</button>
            <button type="button" className="secondary" onClick={() => act(async () => {
              await mutate(FORWARD, { id }, token);
              return `Đã chuyển ban biên tập: ${proposal.colleagueName}`;
            })}>Chuyển ban biên tập</button>
          </div>
          <div className="row">
            <Field id={`decline-${id}`} label="Lý do không đề nghị" hint="Người đề xuất sẽ đọc lý do này." problem={action.problem('reason')}>
              <input id={`decline-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`decline-${id}`, true, action.problem('reason'))} />
            </Field>
            <button type="button" className="danger" onClick={() => act(async () => {
              await mutate(DECLINE, { id, reason }, token);
              return `Đã trả lời: không đề nghị ${proposal.colleagueName}`;
            })}>Không đề nghị</button>
          </div>
        </div>
      ) : null}
      <Outcome error={action.error} done={null} />
    </article>
  );
}

/** Colleagues' proposals about members of the officer's subtree: nominate ad hoc, pass to the editors, or decline. */
export function ColleagueProposalsPage() {
  const { session } = useAuth();
  const [status, setStatus] = useState('SUBMITTED');
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const { data, error, loading, reload } = useQuery<{ colleagueProposals: { edges: { node: Proposal }[] }; rewardForms: { code: string; name: string; kind: string }[] }>(QUEUE, { status: status || null }, !session);
  const proposals = data?.colleagueProposals.edges.map((e) => e.node) ?? [];
  const commendations = (data?.rewardForms ?? []).filter((f) => f.kind === 'COMMENDATION');
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page title="Đề xuất của đoàn viên về đồng nghiệp">
      <Field id="status" label="Trạng thái">
        <select id="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Tất cả</option>
          {Object.entries(COLLEAGUE_STATUS).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
        </select>
      </Field>
      <ErrorBox error={error} />
      {message ? <Success>{message}</Success> : null}
      {loading && !data ? <Loading /> : null}
      {data && proposals.length === 0 ? <Empty>Không có đề xuất nào.</Empty> : null}
      {proposals.length ? <DownloadButton label="Tải Excel đề xuất" testId="colleague-proposals-excel" href={`/exports/rewards/colleague-proposals.xlsx${query({ status })}`} /> : null}
      <div className="grid">
        {proposals.map((p) => <ProposalCard key={p.id} proposal={p} commendations={commendations} myUnit={unit.data?.myUnit ?? null} onDone={(text) => { setMessage(text); reload(); }} />)}
      </div>
    </Page>
  );
}
