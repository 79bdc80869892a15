import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { CORRECTION_KIND, todayIso, vnd } from '../format';
import { useAction, useQuery } from '../hooks';
import { ErrorBox, Field, describedBy } from '../ui';

export interface Ground {
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

export const GROUNDS = `query DecisionLegalGrounds { decisionLegalGrounds { code kind label source verified reclaimsAll } }`;
const REVOKE = `mutation Revoke($id: ID!, $input: RevokeDecisionInput!) { revokeRewardDecision(id: $id, input: $input) { status revocation { number } } }`;

/** What a correction rests on, as the form holds it: annulment or revocation, its legal ground, and what happened. */
export interface CorrectionBasis {
  kind: string;
  legalGround: string;
  reason: string;
}

/**
 * The kind, its legal ground among the kind's (art. 93 cl. 2 for an annulment) and the reason, shared by the
 * revocation and by the union's request for one; `grounds` is the list both forms load.
 */
export function CorrectionBasisFields({ idOf, grounds, value, reasonLabel, reasonHint, problem, onChange }: {
  idOf(name: string): string; grounds: { data: { decisionLegalGrounds: Ground[] } | null; error: Error | null }; value: CorrectionBasis;
  reasonLabel: string; reasonHint: string; problem(field: string): string | null; onChange(value: CorrectionBasis): void;
}) {
  const list = grounds.data?.decisionLegalGrounds ?? [];
  const ground = list.find((g) => g.code === value.legalGround);
  return (
    <>
      <ErrorBox error={grounds.error} />
      <div className="row">
        <Field id={idOf('kind')} label="Hình thức">
          <select id={idOf('kind')} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value, legalGround: '' })}>
            {Object.entries(CORRECTION_KIND).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </Field>
        <Field id={idOf('ground')} label="Căn cứ pháp lý" hint={ground ? `${ground.source}${ground.verified ? '' : ' (chưa đối chiếu)'}` : null} problem={problem('legalGround')}>
          <select id={idOf('ground')} value={value.legalGround} onChange={(e) => onChange({ ...value, legalGround: e.target.value })} {...describedBy(idOf('ground'), Boolean(ground), problem('legalGround'))}>
            <option value="">Chọn…</option>
            {list.filter((g) => g.kind === value.kind).map((g) => <option key={g.code} value={g.code}>{g.label}</option>)}
          </select>
        </Field>
      </div>
      <Field id={idOf('reason')} label={reasonLabel} hint={reasonHint} problem={problem('reason')}>
        <textarea id={idOf('reason')} value={value.reason} onChange={(e) => onChange({ ...value, reason: e.target.value })} {...describedBy(idOf('reason'), true, problem('reason'))} />
      </Field>
    </>
  );
}

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
      <CorrectionBasisFields idOf={f} grounds={grounds} value={form} reasonLabel="Lý do" reasonHint="Việc gì, căn cứ kết luận, văn bản nào." problem={p}
        onChange={(basis) => setForm({ ...form, ...basis })} />
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
