import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { CORRECTION_KIND, todayIso, vnd } from '../format';
import { useAction, useQuery } from '../hooks';
import { ErrorBox, Field, describedBy } from '../ui';

interface Ground {
  code: string;
  kind: string;
  label: string;
  source: string;
  verified: boolean;
  reclaimsAll: boolean;
}

/** The decision being annulled or revoked, as the form needs it. */
export interface RevocableDecision {
  id: string;
  number: string;
  amountVnd: number;
}

const GROUNDS = `query DecisionLegalGrounds { decisionLegalGrounds { code kind label source verified reclaimsAll } }`;
const REVOKE = `mutation Revoke($id: ID!, $input: RevokeDecisionInput!) { revokeRewardDecision(id: $id, input: $input) { status revocation { number } } }`;

/**
 * Annul or revoke a decision: the kind, its legal ground, the reason, the amount reclaimed, the signer, the day and the
 * number. The union's own decision takes the next number of its register (or the paper's); an authority's (`authority`
 * named) is annulled by that authority, and its revoking decision is recorded as on its paper: its number and signer.
 * `onDone` hears what was recorded.
 */
export function RevokeDecisionForm({ decision, authority, onDone }: { decision: RevocableDecision; authority: string | null; onDone(message: string): void }) {
  const { session } = useAuth();
  const grounds = useQuery<{ decisionLegalGrounds: Ground[] }>(GROUNDS);
  const [form, setForm] = useState({ kind: 'ANNULLED', legalGround: '', reason: '', amount: String(decision.amountVnd), signerRole: authority ? '' : 'Chủ tịch', signerName: '', revokedOn: todayIso(), number: '' });
  const action = useAction();
  const p = action.problem;
  const f = (name: string) => `${name}-${decision.id}`;
  const ground = grounds.data?.decisionLegalGrounds.find((g) => g.code === form.legalGround);
  const submit = () => void action.run(async () => {
    const input = {
      kind: form.kind, legalGround: form.legalGround || null, reason: form.reason, revokedOn: form.revokedOn || null,
      amountReclaimedVnd: Number(form.amount.replace(/\D/g, '') || 0), signerRole: form.signerRole, number: form.number.trim() || null,
      ...(authority ? { signerName: form.signerName } : {}),
    };
    const { revokeRewardDecision } = await mutate<{ revokeRewardDecision: { revocation: { number: string } } }>(REVOKE, { id: decision.id, input }, session?.token ?? null);
    const done = `Đã ${authority ? 'ghi nhận việc ' : ''}${form.kind === 'ANNULLED' ? 'hủy bỏ' : 'thu hồi'} Quyết định số ${decision.number} theo Quyết định số ${revokeRewardDecision.revocation.number}`;
    onDone(done);
    return done;
  });
  return (
    <div className="stack">
      <ErrorBox error={grounds.error} />
      <div className="row">
        <Field id={f('kind')} label="Hình thức">
          <select id={f('kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value, legalGround: '' })}>
            {Object.entries(CORRECTION_KIND).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </Field>
        <Field id={f('ground')} label="Căn cứ pháp lý" hint={ground ? `${ground.source}${ground.verified ? '' : ' (chưa đối chiếu)'}` : null} problem={p('legalGround')}>
          <select id={f('ground')} value={form.legalGround} onChange={(e) => setForm({ ...form, legalGround: e.target.value })} {...describedBy(f('ground'), Boolean(ground), p('legalGround'))}>
            <option value="">Chọn…</option>
            {(grounds.data?.decisionLegalGrounds ?? []).filter((g) => g.kind === form.kind).map((g) => <option key={g.code} value={g.code}>{g.label}</option>)}
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
        {authority ? (
          <Field id={f('signer-name')} label="Họ tên người ký" problem={p('signerName')}>
            <input id={f('signer-name')} value={form.signerName} onChange={(e) => setForm({ ...form, signerName: e.target.value })} {...describedBy(f('signer-name'), false, p('signerName'))} />
          </Field>
        ) : null}
        <Field id={f('number')} label={authority ? `Số quyết định hủy bỏ, thu hồi của ${authority}` : 'Số quyết định (theo sổ giấy, nếu có)'}
          hint={authority ? 'Như trên bản giấy, ví dụ 31/QĐ-MBG.' : 'Để trống: hệ thống cấp số tiếp theo.'} problem={p('number')}>
          <input id={f('number')} value={form.number} onChange={(e) => setForm({ ...form, number: e.target.value })} {...describedBy(f('number'), true, p('number'))} />
        </Field>
      </div>
      <div>
        <button type="button" className="danger" disabled={action.busy} onClick={submit}>
          {authority ? 'Ghi nhận quyết định hủy bỏ, thu hồi' : form.kind === 'ANNULLED' ? 'Hủy bỏ quyết định' : 'Thu hồi quyết định'}
        </button>
      </div>
      {/* success is the caller's to tell: once recorded, the card shows the revocation instead of this form */}
      <ErrorBox error={action.error} />
    </div>
  );
}
