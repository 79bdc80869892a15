import { useState, type FormEvent } from 'react';
import { ApiError, mutate } from '../api';
import { useAuth } from '../auth';
import { vnd } from '../format';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { UnitPicker, type UnitChoice } from '../unit-picker';
import { ErrorBox, Field, Outcome, Page, YearSelect, describedBy, thisYear } from '../ui';

const SET = `mutation SetRewardBudget($unitId: ID!, $year: Int!, $amountVnd: SafeInt!) { setRewardBudget(unitId: $unitId, year: $year, amountVnd: $amountVnd) }`;

/** The reward budget (dự toán kinh phí khen thưởng) an officer plans for a unit and a year; the fairness figures set spending against it. */
export function BudgetPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const mine = unit.data?.myUnit ?? null;
  const [chosen, setChosen] = useState<UnitChoice | null>(null);
  const [form, setForm] = useState({ year: thisYear(), amount: '' });
  const planned = chosen ?? mine;
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      // amounts are typed as people write them (150.000.000); the API checks what the number may be
      const digits = form.amount.replace(/[.\s]/g, '');
      if (!/^-?\d+$/.test(digits)) throw new ApiError({ message: 'Nhập số tiền bằng chữ số', extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'amountVnd', message: 'Nhập số tiền bằng chữ số, ví dụ 150.000.000' }] } });
      const { setRewardBudget } = await mutate<{ setRewardBudget: number }>(SET, { unitId: planned?.id, year: form.year, amountVnd: Number(digits) }, session?.token ?? null);
      return `Đã ghi dự toán khen thưởng năm ${form.year} của ${planned?.name ?? ''}: ${vnd(setRewardBudget)}.`;
    });
  };
  return (
    <Page title="Dự toán khen thưởng">
      <p className="muted">Kinh phí khen thưởng dự kiến của từng đơn vị trong năm; bảng điều khiển so số đã chi với dự toán.</p>
      <ErrorBox error={unit.error} />
      <form className="stack" onSubmit={submit} noValidate aria-label="Dự toán khen thưởng">
        <UnitPicker own={mine} value={planned} onChange={setChosen} problem={p('unitId')} idPrefix="budget-" label="Đơn vị" />
        <div className="row">
          <Field id="budget-year" label="Năm" problem={p('year')}>
            <YearSelect id="budget-year" value={form.year} onChange={(year) => setForm({ ...form, year })} describedBy={describedBy('budget-year', false, p('year'))} />
          </Field>
          <Field id="budget-amount" label="Dự toán (đồng)" problem={p('amountVnd')}>
            <input id="budget-amount" inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} {...describedBy('budget-amount', false, p('amountVnd'))} />
          </Field>
        </div>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy || !mine}>Ghi dự toán</button></div>
      </form>
    </Page>
  );
}
