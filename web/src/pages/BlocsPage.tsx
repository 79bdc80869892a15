import { useState, type FormEvent } from 'react';
import { ApiError, mutate } from '../api';
import { useAuth } from '../auth';
import { BLOC_KIND, BLOC_STATUS, NOMINATION_STATUS, day, label, num, todayIso } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, YearSelect, describedBy, thisYear } from '../ui';

interface Bloc {
  id: string;
  name: string;
  kind: string;
  year: number;
  status: string;
  covenant: { signedOn: string; commitments: string[] } | null;
  units: { unit: { id: string }; unitName: string; score: number | null; rank: number | null }[];
  flagNomination: { status: string; form: { name: string } | null } | null;
}

const BLOCS = `query Blocs($unitId: ID!) {
  emulationBlocs(organiserUnitId: $unitId, first: 50) { edges { node {
    id name kind year status covenant { signedOn commitments } units { unit { id } unitName score rank } flagNomination { status form { name } }
  } } }
  unionUnit(id: $unitId) { subtree(first: 100) { edges { node { id name level } } } }
}`;
const CREATE = `mutation CreateBloc($input: EmulationBlocInput!) { createEmulationBloc(input: $input) { id name } }`;
const SIGN = `mutation SignCovenant($id: ID!, $input: BlocCovenantInput!) { signBlocCovenant(id: $id, input: $input) { status } }`;
const RANK = `mutation RankBloc($id: ID!, $scores: [BlocScoreInput!]!) { rankEmulationBloc(id: $id, scores: $scores) { status leader { unitName } } }`;

function BlocCard({ bloc, onDone }: { bloc: Bloc; onDone(): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [signedOn, setSignedOn] = useState(todayIso());
  const [commitments, setCommitments] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const action = useAction();
  const id = bloc.id;
  const act = (work: () => Promise<string>) => action.run(work).then((ok) => ok && onDone());
  return (
    <article className="card" data-testid="bloc">
      <h3>{bloc.name}</h3>
      <p><span className="badge">{label(BLOC_STATUS, bloc.status)}</span> {label(BLOC_KIND, bloc.kind)} năm {bloc.year}</p>
      {bloc.covenant ? (
        <>
          <p className="muted">Giao ước thi đua ký ngày {day(bloc.covenant.signedOn)}:</p>
          <ul>{bloc.covenant.commitments.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </>
      ) : null}
      {bloc.status === 'RANKED' ? (
        <div className="table-wrap">
          <table data-testid="bloc-ranking">
            <thead><tr><th scope="col">Hạng</th><th scope="col">Đơn vị</th><th scope="col">Điểm</th></tr></thead>
            <tbody>{bloc.units.map((u) => <tr key={u.unit.id}><td>{u.rank}</td><td>{u.unitName}</td><td>{num(u.score)}</td></tr>)}</tbody>
          </table>
          {bloc.flagNomination ? <p>Đề nghị {bloc.flagNomination.form?.name ?? 'Cờ thi đua'} cho đơn vị dẫn đầu: {label(NOMINATION_STATUS, bloc.flagNomination.status)}</p> : null}
        </div>
      ) : <p>Đơn vị: {bloc.units.map((u) => u.unitName).join('; ')}</p>}
      {bloc.status === 'FORMED' ? (
        <div className="stack">
          <Field id={`signed-${id}`} label="Ngày ký giao ước" problem={action.problem('signedOn')}>
            <input id={`signed-${id}`} type="date" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} {...describedBy(`signed-${id}`, false, action.problem('signedOn'))} />
          </Field>
          <Field id={`commitments-${id}`} label="Nội dung giao ước" hint="Mỗi dòng một nội dung các đơn vị cam kết." problem={action.problem('commitments')}>
            <textarea id={`commitments-${id}`} value={commitments} onChange={(e) => setCommitments(e.target.value)} {...describedBy(`commitments-${id}`, true, action.problem('commitments'))} />
          </Field>
          <div><button type="button" onClick={() => act(async () => {
            await mutate(SIGN, { id, input: { signedOn, commitments: commitments.split('\n').map((c) => c.trim()).filter(Boolean) } }, token);
            return `Đã ghi nhận giao ước thi đua của ${bloc.name}.`;
          })}>Ký giao ước</button></div>
        </div>
      ) : null}
      {bloc.status === 'COVENANT_SIGNED' ? (
        <div className="stack">
          {bloc.units.map((u, i) => (
            <Field key={u.unit.id} id={`score-${id}-${i}`} label={`Điểm của ${u.unitName}`} problem={action.problem(`scores.${i}`)}>
              <input id={`score-${id}-${i}`} type="number" inputMode="decimal" value={scores[u.unit.id] ?? ''} onChange={(e) => setScores({ ...scores, [u.unit.id]: e.target.value })}
                {...describedBy(`score-${id}-${i}`, false, action.problem(`scores.${i}`))} />
            </Field>
          ))}
          <div><button type="button" onClick={() => act(async () => {
            const missing = bloc.units.map((u, i) => ((scores[u.unit.id] ?? '').trim() === '' ? { field: `scores.${i}`, message: 'nhập điểm của đơn vị' } : null)).filter((x) => x !== null);
            if (missing.length) throw new ApiError({ message: 'Nhập điểm cho từng đơn vị của khối, cụm', extensions: { code: 'BAD_USER_INPUT', problems: missing } });
            const { rankEmulationBloc } = await mutate<{ rankEmulationBloc: { leader: { unitName: string } | null } }>(RANK, {
              id, scores: bloc.units.map((u) => ({ unitId: u.unit.id, score: Number(scores[u.unit.id]) })),
            }, token);
            return `Đã xếp hạng; đề nghị Cờ thi đua cho ${rankEmulationBloc.leader?.unitName ?? 'đơn vị dẫn đầu'}.`;
          })}>Xếp hạng và đề nghị Cờ thi đua</button></div>
        </div>
      ) : null}
      <Outcome error={action.error} done={action.done} />
    </article>
  );
}

/** Emulation blocs of the officer's level: form one, record its covenant, rank it at the year's end. */
export function BlocsPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const { data, error, loading, reload } = useQuery<{ emulationBlocs: { edges: { node: Bloc }[] }; unionUnit: { subtree: { edges: { node: { id: string; name: string } }[] } } | null }>(BLOCS, { unitId }, !unitId);
  const [form, setForm] = useState({ name: '', kind: 'CUM', year: thisYear() });
  const [members, setMembers] = useState<string[]>([]);
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { createEmulationBloc } = await mutate<{ createEmulationBloc: { name: string } }>(CREATE, {
        input: { organiserUnitId: unitId, kind: form.kind, name: form.name, year: form.year, memberUnitIds: members },
      }, session?.token ?? null);
      setMembers([]);
      reload();
      return `Đã lập ${createEmulationBloc.name}.`;
    });
  };
  const blocs = data?.emulationBlocs.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Khối, cụm thi đua">
      <p className="muted">Đơn vị tổ chức: {unit.data?.myUnit?.name ?? '…'}. Các đơn vị trong khối, cụm ký giao ước thi đua; cuối năm chấm điểm, xếp hạng và đơn vị dẫn đầu được đề nghị tặng Cờ thi đua.</p>
      <ErrorBox error={error} />
      <form className="stack" onSubmit={submit} noValidate>
        <h2>Lập khối, cụm thi đua</h2>
        <div className="row">
          <Field id="bloc-name" label="Tên khối, cụm" problem={p('name')}>
            <input id="bloc-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...describedBy('bloc-name', false, p('name'))} />
          </Field>
          <Field id="bloc-kind" label="Loại">
            <select id="bloc-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {Object.entries(BLOC_KIND).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </Field>
          <Field id="bloc-year" label="Năm thi đua" problem={p('year')}>
            <YearSelect id="bloc-year" value={form.year} onChange={(year) => setForm({ ...form, year })} describedBy={describedBy('bloc-year', false, p('year'))} />
          </Field>
        </div>
        <fieldset>
          <legend>Đơn vị trong khối, cụm</legend>
          {p('memberUnitIds') ? <small className="field-error" role="alert">{p('memberUnitIds')}</small> : null}
          {p('organiserUnitId') ? <small className="field-error" role="alert">{p('organiserUnitId')}</small> : null}
          {data?.unionUnit?.subtree.edges.map(({ node }) => (
            <label key={node.id} className="check">
              <input type="checkbox" checked={members.includes(node.id)} onChange={(e) => setMembers(e.target.checked ? [...members, node.id] : members.filter((m) => m !== node.id))} /> {node.name}
            </label>
          ))}
        </fieldset>
        <Outcome error={action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy || !unitId}>Lập khối, cụm</button></div>
      </form>
      <h2>Khối, cụm của đơn vị</h2>
      {loading && !data ? <Loading /> : null}
      {data && blocs.length === 0 ? <Empty>Chưa có khối, cụm thi đua nào.</Empty> : null}
      {blocs.length > 0 && unitId ? <DownloadButton label="Tải Excel khối, cụm thi đua" testId="blocs-excel" href={`/exports/rewards/blocs.xlsx?organiserUnitId=${unitId}`} /> : null}
      <div className="grid">{blocs.map((b) => <BlocCard key={b.id} bloc={b} onDone={reload} />)}</div>
    </Page>
  );
}
