import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { COLLEAGUE_DEED, COLLEAGUE_STATUS, NOMINATION_STATUS, day, label, todayIso } from '../format';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Outcome, Page, describedBy } from '../ui';

interface Proposal {
  id: string;
  kind: string;
  status: string;
  colleagueName: string;
  occurredOn: string;
  description: string;
  declineReason: string | null;
  nomination: { status: string; formName: string | null; refusalReason: string | null; decisionNumber: string | null } | null;
}

const COLLEAGUES = `query MyColleagues($search: String) { myColleagues(search: $search, first: 50) { edges { node { id fullName } } } }`;
const MINE = `query MyColleagueProposals { myColleagueProposals(first: 50) { edges { node {
  id kind status colleagueName occurredOn description declineReason nomination { status formName refusalReason decisionNumber }
} } } }`;
const PROPOSE = `mutation ProposeColleague($input: ColleagueProposalInput!) { proposeColleague(input: $input) { id colleagueName } }`;

/** What became of a proposal, in the words the member reads. */
function outcomeOf(p: Proposal): string {
  if (p.status === 'DECLINED') return `Lý do: ${p.declineReason ?? ''}`;
  if (p.status === 'FORWARDED_TO_MEDIA') return 'Ban biên tập sẽ xem xét viết bài';
  if (!p.nomination) return '—';
  const n = p.nomination;
  if (n.decisionNumber) return `${n.formName ?? ''}: quyết định số ${n.decisionNumber}`;
  return `${n.formName ?? ''}: ${label(NOMINATION_STATUS, n.status)}${n.refusalReason ? `. Lý do: ${n.refusalReason}` : ''}`;
}

/** A member proposes a colleague of her grassroots union for a good deed or an initiative, and follows what came of it. */
export function ProposeColleaguePage() {
  const { session } = useAuth();
  const [search, setSearch] = useState('');
  const colleagues = useQuery<{ myColleagues: { edges: { node: { id: string; fullName: string } }[] } }>(COLLEAGUES, { search: search || null }, !session);
  const mine = useQuery<{ myColleagueProposals: { edges: { node: Proposal }[] } }>(MINE, {}, !session);
  const [form, setForm] = useState({ colleagueId: '', kind: 'GOOD_DEED', occurredOn: todayIso(), description: '' });
  const [evidence, setEvidence] = useState([{ description: '', url: '' }]);
  const action = useAction();
  const p = action.problem;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { ...form, evidence: evidence.map((e) => ({ description: e.description, url: e.url || null })) };
      const { proposeColleague } = await mutate<{ proposeColleague: { colleagueName: string } }>(PROPOSE, { input }, session?.token ?? null);
      setForm({ ...form, description: '' });
      setEvidence([{ description: '', url: '' }]);
      mine.reload();
      return `Đã gửi đề xuất về ${proposeColleague.colleagueName} tới công đoàn cơ sở.`;
    });
  };
  const proposals = mine.data?.myColleagueProposals.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Đề xuất khen thưởng đồng nghiệp">
      <p className="muted">Kể một việc tốt hoặc sáng kiến của đồng nghiệp cùng công đoàn cơ sở, kèm minh chứng. Công đoàn cơ sở sẽ đề nghị khen thưởng đột xuất, giới thiệu với báo chí, hoặc trả lời bạn lý do.</p>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="row">
          <Field id="colleague-search" label="Tìm đồng nghiệp (có dấu hoặc không dấu)">
            <input id="colleague-search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
          <Field id="colleagueId" label="Đồng nghiệp" problem={p('colleagueId')}>
            <select id="colleagueId" value={form.colleagueId} onChange={(e) => setForm({ ...form, colleagueId: e.target.value })} {...describedBy('colleagueId', false, p('colleagueId'))}>
              <option value="">Chọn…</option>
              {colleagues.data?.myColleagues.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.fullName}</option>)}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field id="kind" label="Loại việc">
            <select id="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {Object.entries(COLLEAGUE_DEED).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
          <Field id="occurredOn" label="Ngày diễn ra" problem={p('occurredOn')}>
            <input id="occurredOn" type="date" value={form.occurredOn} onChange={(e) => setForm({ ...form, occurredOn: e.target.value })} {...describedBy('occurredOn', false, p('occurredOn'))} />
          </Field>
        </div>
        <Field id="description" label="Việc làm của đồng nghiệp" hint="Việc gì, ở đâu, kết quả ra sao (20–4.000 ký tự)." problem={p('description')}>
          <textarea id="description" value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} {...describedBy('description', true, p('description'))} />
        </Field>
        <fieldset>
          <legend>Minh chứng</legend>
          {p('evidence') && !evidence.some((_, i) => p(`evidence.${i}`)) ? <small className="field-error" role="alert">{p('evidence')}</small> : null}
          {evidence.map((item, i) => (
            <div className="row" key={i}>
              <Field id={`evidence-${i}`} label={`Minh chứng ${i + 1}`} hint="Người chứng kiến, ảnh, biên bản…" problem={p(`evidence.${i}.description`)}>
                <input id={`evidence-${i}`} value={item.description} onChange={(e) => setEvidence(evidence.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))}
                  {...describedBy(`evidence-${i}`, true, p(`evidence.${i}.description`))} />
              </Field>
              <Field id={`evidence-url-${i}`} label="Đường dẫn (không bắt buộc)" problem={p(`evidence.${i}.url`)}>
                <input id={`evidence-url-${i}`} type="url" value={item.url} onChange={(e) => setEvidence(evidence.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))}
                  {...describedBy(`evidence-url-${i}`, false, p(`evidence.${i}.url`))} />
              </Field>
              {evidence.length > 1 ? <button type="button" className="secondary" onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}>Bỏ minh chứng {i + 1}</button> : null}
            </div>
          ))}
          {evidence.length < 5 ? <div><button type="button" className="secondary" onClick={() => setEvidence([...evidence, { description: '', url: '' }])}>Thêm minh chứng</button></div> : null}
        </fieldset>
        <Outcome error={action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy}>Gửi đề xuất</button></div>
      </form>

      <h2>Đề xuất của tôi</h2>
      <ErrorBox error={mine.error} />
      {mine.data && proposals.length === 0 ? <Empty>Bạn chưa gửi đề xuất nào.</Empty> : null}
      {proposals.length ? (
        <div className="table-wrap">
          <table data-testid="my-proposals">
            <thead><tr><th scope="col">Đồng nghiệp</th><th scope="col">Việc</th><th scope="col">Trạng thái</th><th scope="col">Kết quả</th></tr></thead>
            <tbody>
              {proposals.map((proposal) => (
                <tr key={proposal.id}>
                  <td>{proposal.colleagueName}</td>
                  <td>{label(COLLEAGUE_DEED, proposal.kind)}, {day(proposal.occurredOn)}: {proposal.description}</td>
                  <td><span className="badge">{label(COLLEAGUE_STATUS, proposal.status)}</span></td>
                  <td>{outcomeOf(proposal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
