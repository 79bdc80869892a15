import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { useAction, useQuery } from '../hooks';
import { ErrorBox, Field, Outcome, describedBy } from '../ui';
import type { CouncilRule } from '../../../services/reward/src/domain/council-rule';

interface TimeLimit {
  code: string;
  days: number;
  source: string;
  verified: boolean;
}

const RULES = `query CouncilRulesToEdit { councilRules { code formCodes quorumShare majorityShare majorityStrict minMembers source verified } adHocTimeLimit { code days source verified } }`;
const SAVE_RULE = `mutation SaveCouncilRule($input: CouncilRuleInput!) { saveCouncilRule(input: $input) { code } }`;
const SET_LIMIT = `mutation SetAdHocTimeLimit($input: TimeLimitInput!) { setAdHocTimeLimit(input: $input) { days } }`;

/** A share typed as people write it (0,6667 or 66,67%) as a number of 1; NaN when it is not one, for the API to refuse. */
function shareOf(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  const value = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  return trimmed === '' ? Number.NaN : value;
}

/** A typed value the API will refuse in its own words when it is not a number (JSON has no NaN). */
const numberOr = (value: number, refused: number) => (Number.isFinite(value) ? value : refused);

const percent = (share: number) => `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;

/** One rule's quorum, majority, size and source, saved as the regulation has it. */
function RuleForm({ rule, onSaved }: { rule: CouncilRule; onSaved(): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ quorum: percent(rule.quorumShare), majority: percent(rule.majorityShare), strict: rule.majorityStrict, minMembers: String(rule.minMembers), source: rule.source, verified: rule.verified });
  const action = useAction();
  const p = action.problem;
  const f = (name: string) => `rule-${rule.code}-${name}`;
  const save = () => void action.run(async () => {
    const minMembers = Number(form.minMembers);
    const input = {
      code: rule.code, formCodes: rule.formCodes, quorumShare: numberOr(shareOf(form.quorum), -1), majorityShare: numberOr(shareOf(form.majority), -1),
      majorityStrict: form.strict, minMembers: Number.isInteger(minMembers) ? minMembers : 0, source: form.source, verified: form.verified,
    };
    await mutate(SAVE_RULE, { input }, session?.token ?? null);
    onSaved();
    return `Đã lưu quy định ${rule.code}.`;
  });
  return (
    <fieldset data-testid="council-rule">
      <legend>{rule.formCodes.length ? `Với ${rule.formCodes.join(', ')}` : 'Mọi hình thức khác'} ({rule.code})</legend>
      <div className="row">
        <Field id={f('quorum')} label="Số thành viên dự họp, từ" hint="Phần trăm số thành viên Hội đồng, ví dụ 66,67%." problem={p('quorumShare')}>
          <input id={f('quorum')} value={form.quorum} onChange={(e) => setForm({ ...form, quorum: e.target.value })} {...describedBy(f('quorum'), true, p('quorumShare'))} />
        </Field>
        <Field id={f('majority')} label="Số phiếu tán thành" hint="Phần trăm số thành viên được biểu quyết." problem={p('majorityShare')}>
          <input id={f('majority')} value={form.majority} onChange={(e) => setForm({ ...form, majority: e.target.value })} {...describedBy(f('majority'), true, p('majorityShare'))} />
        </Field>
        <Field id={f('strict')} label="Cách tính">
          <select id={f('strict')} value={form.strict ? 'strict' : 'atLeast'} onChange={(e) => setForm({ ...form, strict: e.target.value === 'strict' })}>
            <option value="strict">Quá tỷ lệ đó</option>
            <option value="atLeast">Từ tỷ lệ đó trở lên</option>
          </select>
        </Field>
        <Field id={f('min')} label="Số thành viên tối thiểu của Hội đồng" problem={p('minMembers')}>
          <input id={f('min')} inputMode="numeric" value={form.minMembers} onChange={(e) => setForm({ ...form, minMembers: e.target.value })} {...describedBy(f('min'), false, p('minMembers'))} />
        </Field>
      </div>
      <Field id={f('source')} label="Căn cứ" problem={p('source')}>
        <input id={f('source')} value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })} {...describedBy(f('source'), false, p('source'))} />
      </Field>
      <label className="check"><input type="checkbox" checked={form.verified} onChange={(e) => setForm({ ...form, verified: e.target.checked })} /> Đã đối chiếu văn bản</label>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="button" disabled={action.busy} onClick={save}>Lưu quy định</button></div>
    </fieldset>
  );
}

/** The days an ad-hoc reward is decided in. */
function AdHocLimitForm({ limit, onSaved }: { limit: TimeLimit; onSaved(): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ days: String(limit.days), source: limit.source, verified: limit.verified });
  const action = useAction();
  const p = action.problem;
  const save = () => void action.run(async () => {
    const days = Number(form.days);
    const { setAdHocTimeLimit } = await mutate<{ setAdHocTimeLimit: { days: number } }>(SET_LIMIT, { input: { days: Number.isInteger(days) ? days : 0, source: form.source, verified: form.verified } }, session?.token ?? null);
    onSaved();
    return `Khen thưởng đột xuất được quyết định trong ${setAdHocTimeLimit.days} ngày.`;
  });
  return (
    <fieldset data-testid="ad-hoc-limit">
      <legend>Thời hạn quyết định khen thưởng đột xuất</legend>
      <div className="row">
        <Field id="ad-hoc-days" label="Số ngày kể từ khi lập thành tích" problem={p('days')}>
          <input id="ad-hoc-days" inputMode="numeric" value={form.days} onChange={(e) => setForm({ ...form, days: e.target.value })} {...describedBy('ad-hoc-days', false, p('days'))} />
        </Field>
        <Field id="ad-hoc-source" label="Căn cứ" problem={p('source')}>
          <input id="ad-hoc-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })} {...describedBy('ad-hoc-source', false, p('source'))} />
        </Field>
      </div>
      <label className="check"><input type="checkbox" checked={form.verified} onChange={(e) => setForm({ ...form, verified: e.target.checked })} /> Đã đối chiếu văn bản</label>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
      <div><button type="button" disabled={action.busy} onClick={save}>Lưu thời hạn</button></div>
    </fieldset>
  );
}

/** Quy chế Hội đồng (national admins): the quorum and majority councils decide by, and the ad-hoc days, each with its source. */
export function CouncilRulesSection() {
  const { data, error, reload } = useQuery<{ councilRules: CouncilRule[]; adHocTimeLimit: TimeLimit }>(RULES);
  return (
    <section aria-labelledby="council-rules-title" className="stack">
      <h2 id="council-rules-title">Quy chế Hội đồng Thi đua – Khen thưởng</h2>
      <p className="muted">Tỷ lệ dự họp, tỷ lệ tán thành và số thành viên tối thiểu Hội đồng các cấp áp dụng khi biểu quyết; phiếu được tính theo quy định đang lưu.</p>
      <ErrorBox error={error} />
      {data?.councilRules.map((rule) => <RuleForm key={rule.code} rule={rule} onSaved={reload} />)}
      {data ? <AdHocLimitForm limit={data.adHocTimeLimit} onSaved={reload} /> : null}
    </section>
  );
}
