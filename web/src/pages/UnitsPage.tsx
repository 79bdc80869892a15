import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { ORGANISATION_TYPE, UNIT_LEVEL, label } from '../format';
import { useAction, usePagedQuery, useQuery, type Connection } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, MoreButton, Outcome, Page, describedBy } from '../ui';

interface Unit {
  id: string;
  code: string;
  name: string;
  level: string;
  organisationType: string | null;
  parent: { name: string } | null;
}

const SUBTREE = `query UnitsBelow($unitId: ID!, $after: String) {
  unionUnit(id: $unitId) { subtree(first: 100, after: $after) { edges { node { id code name level organisationType parent { name } } } pageInfo { hasNextPage endCursor } } }
}`;
const CREATE = `mutation CreateUnit($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id name } }`;
const RENAME = `mutation UpdateUnit($id: ID!, $input: UpdateUnionUnitInput!) { updateUnionUnit(id: $id, input: $input) { id name organisationType } }`;

/** One unit below: its name and organisation type change, its code, level and place in the tree do not (paths are keys). */
function UnitRow({ unit, onDone }: { unit: Unit; onDone(): void }) {
  const { session } = useAuth();
  const [name, setName] = useState(unit.name);
  const action = useAction();
  const id = `unit-name-${unit.id}`;
  return (
    <article className="card" data-testid="unit">
      <h3>{unit.name}</h3>
      <p className="muted">{unit.code} · {label(UNIT_LEVEL, unit.level)}{unit.organisationType ? ` · ${label(ORGANISATION_TYPE, unit.organisationType)}` : ''}{unit.parent ? ` · trực thuộc ${unit.parent.name}` : ''}</p>
      <div className="row">
        <Field id={id} label="Tên mới" problem={action.problem('name')}>
          <input id={id} value={name} onChange={(e) => setName(e.target.value)} {...describedBy(id, false, action.problem('name'))} />
        </Field>
        <button type="button" disabled={action.busy} onClick={() => void action.run(async () => {
          const { updateUnionUnit } = await mutate<{ updateUnionUnit: { name: string } }>(RENAME, { id: unit.id, input: { name } }, session?.token ?? null);
          onDone();
          return `Đã đổi tên thành ${updateUnionUnit.name}.`;
        })}>Đổi tên</button>
      </div>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
    </article>
  );
}

const EMPTY = { parentId: '', code: '', name: '', level: 'GRASSROOTS', organisationType: '' };

/** The officer's union units: a new one below their own (a grassroots union set up in a new enterprise), or renamed. */
export function UnitsPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const mine = unit.data?.myUnit ?? null;
  const below = usePagedQuery<{ unionUnit: { subtree: Connection<Unit> } | null }, Unit>(SUBTREE, { unitId: mine?.id }, (d) => d.unionUnit?.subtree, !mine);
  const [form, setForm] = useState(EMPTY);
  const action = useAction();
  const p = action.problem;
  const units = below.nodes;
  const parents = [...(mine ? [mine] : []), ...units.filter((u) => u.level !== 'GRASSROOTS')];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { ...form, parentId: form.parentId || mine?.id, organisationType: form.organisationType || null };
      const { createUnionUnit } = await mutate<{ createUnionUnit: { name: string } }>(CREATE, { input }, session?.token ?? null);
      setForm({ ...EMPTY, parentId: form.parentId });
      below.reload();
      return `Đã thêm ${createUnionUnit.name}.`;
    });
  };
  return (
    <Page title="Đơn vị">
      <p className="muted">Các công đoàn trực thuộc {mine?.name ?? 'đơn vị bạn quản lý'}: thêm công đoàn mới thành lập, đổi tên khi cơ quan, doanh nghiệp đổi tên.</p>
      <ErrorBox error={unit.error ?? below.error} />
      <h2>Thêm đơn vị</h2>
      <form className="stack" onSubmit={submit} noValidate aria-label="Thêm đơn vị">
        <div className="row">
          <Field id="unit-parent" label="Trực thuộc" problem={p('parentId')}>
            <select id="unit-parent" value={form.parentId || mine?.id || ''} onChange={(e) => setForm({ ...form, parentId: e.target.value })} {...describedBy('unit-parent', false, p('parentId'))}>
              {parents.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </Field>
          <Field id="unit-level" label="Cấp" problem={p('level')}>
            <select id="unit-level" value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })} {...describedBy('unit-level', false, p('level'))}>
              {Object.entries(UNIT_LEVEL).filter(([code]) => code !== 'NATIONAL').map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
          <Field id="unit-type" label="Loại hình" problem={p('organisationType')}>
            <select id="unit-type" value={form.organisationType} onChange={(e) => setForm({ ...form, organisationType: e.target.value })} {...describedBy('unit-type', false, p('organisationType'))}>
              <option value="">Không ghi</option>
              {Object.entries(ORGANISATION_TYPE).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field id="unit-code" label="Mã đơn vị" hint="Chữ không dấu, số, “-” hoặc “_”; không đổi được về sau." problem={p('code')}>
            <input id="unit-code" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} {...describedBy('unit-code', true, p('code'))} />
          </Field>
          <Field id="unit-name" label="Tên đơn vị" problem={p('name')}>
            <input id="unit-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...describedBy('unit-name', false, p('name'))} />
          </Field>
        </div>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy || !mine}>Thêm đơn vị</button></div>
      </form>
      <h2>Đơn vị trực thuộc</h2>
      {below.data && units.length === 0 ? <Empty>Chưa có đơn vị trực thuộc.</Empty> : null}
      <div className="grid" data-testid="units">{units.map((u) => <UnitRow key={u.id} unit={u} onDone={below.reload} />)}</div>
      <MoreButton list={below} shown={units.length} />
    </Page>
  );
}
