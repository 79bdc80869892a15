import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { todayIso } from '../format';
import { useAction, useQuery } from '../hooks';
import { ErrorBox, Field, describedBy } from '../ui';
import { CorrectionBasisFields, GROUNDS, type Ground } from './RevokeDecisionForm';

const PROPOSE_REVOCATION = `mutation ProposeRevocation($id: ID!, $input: ProposeRevocationInput!) { proposeRevocation(id: $id, input: $input) { id } }`;

/**
 * The union asks the authority to annul or revoke its decision (decision 0048): the kind, the legal ground, what
 * happened and who signs the tờ trình. The authority decides; its decision is recorded later with RevokeDecisionForm.
 */
export function RevocationProposalForm({ proposalId, decisionNumber, addressee, onDone }: { proposalId: string; decisionNumber: string; addressee: string; onDone(message: string): void }) {
  const { session } = useAuth();
  const grounds = useQuery<{ decisionLegalGrounds: Ground[] }>(GROUNDS);
  const [form, setForm] = useState({ kind: 'ANNULLED', legalGround: '', reason: '', proposedOn: todayIso(), signerRole: 'Chủ tịch', signerName: '' });
  const action = useAction();
  const p = action.problem;
  const f = (name: string) => `ask-${name}-${proposalId}`;
  const submit = () => void action.run(async () => {
    const input = { kind: form.kind, legalGround: form.legalGround || null, reason: form.reason, proposedOn: form.proposedOn || null, signerRole: form.signerRole, signerName: form.signerName.trim() || null };
    await mutate(PROPOSE_REVOCATION, { id: proposalId, input }, session?.token ?? null);
    const done = `Đã lập tờ trình đề nghị ${addressee} ${form.kind === 'ANNULLED' ? 'hủy bỏ' : 'thu hồi'} Quyết định số ${decisionNumber}`;
    onDone(done);
    return done;
  });
  return (
    <div className="stack">
      <CorrectionBasisFields idOf={f} grounds={grounds} value={form} reasonLabel="Lý do đề nghị" reasonHint="Việc gì, căn cứ kết luận, văn bản nào; tờ trình nêu nguyên văn." problem={p}
        onChange={(basis) => setForm({ ...form, ...basis })} />
      <div className="row">
        <Field id={f('date')} label="Ngày tờ trình" problem={p('proposedOn')}>
          <input id={f('date')} type="date" value={form.proposedOn} onChange={(e) => setForm({ ...form, proposedOn: e.target.value })} {...describedBy(f('date'), false, p('proposedOn'))} />
        </Field>
        <Field id={f('role')} label="Chức vụ người ký tờ trình" problem={p('signerRole')}>
          <input id={f('role')} value={form.signerRole} onChange={(e) => setForm({ ...form, signerRole: e.target.value })} {...describedBy(f('role'), false, p('signerRole'))} />
        </Field>
        <Field id={f('name')} label="Họ tên người ký tờ trình" problem={p('signerName')}>
          <input id={f('name')} value={form.signerName} onChange={(e) => setForm({ ...form, signerName: e.target.value })} {...describedBy(f('name'), false, p('signerName'))} />
        </Field>
      </div>
      <div>
        <button type="button" className="danger" disabled={action.busy} onClick={submit}>Lập tờ trình đề nghị</button>
      </div>
      <ErrorBox error={action.error} />
    </div>
  );
}
